/**
 * `fitPoisson`: L2-regularised Poisson regression with a log link (scikit-learn's
 * `PoissonRegressor(alpha)`), for counts and rates, with the same feature encoding as logistic
 * regression (mean imputation, standardisation, one-hot; see `encoder.ts`), fitted by Newton (or L-BFGS
 * for very wide designs).
 *
 * @example
 * ```ts
 * import { fitPoisson } from "./poisson.ts";
 * const matrix = { nRows: 4, nCols: 1, values: Float32Array.of(0, 1, 2, 3), featureNames: ["x"] };
 * const model = fitPoisson({ matrix, labels: [1, 2, 4, 9] }, { params: { alpha: 0 } });
 * model.predict(matrix); // predicted means, all > 0
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { checkLinearData } from "./_check_data.ts";
import { buildDesign } from "./_design.ts";
import { poissonObjective } from "./_poisson_objective.ts";
import { FeatureEncoder } from "./encoder.ts";
import { LBFGS_ITERATIONS_PER_MAX_ITER, lbfgsMinimize } from "./lbfgs.ts";
import { newtonMinimize } from "./newton.ts";
import { NEWTON_MAX_COLUMNS } from "./params.ts";
import { PoissonModel } from "./poisson_model.ts";
import { type PoissonParams, resolvePoissonParams, validatePoissonParams } from "./poisson_params.ts";
import type { RegressionData } from "./ridge.ts";

/** Options for {@link fitPoisson}. */
export interface FitPoissonOptions {
  readonly params?: Partial<PoissonParams>;
}

/**
 * Fits Poisson regression.
 * @throws InputError on bad data (as `fitRidge`, plus a negative or non-finite target, or targets whose
 *   weighted sum is 0) or bad parameters
 */
export function fitPoisson(train: RegressionData, options: FitPoissonOptions = {}): PoissonModel {
  const params = resolvePoissonParams(options.params);
  const { matrix, labels, weights } = train;
  checkLinearData(matrix, labels, weights);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (!(y >= 0) || y === Infinity) {
      throw new InputError("labels", `value at index ${i} is ${y}; expected a finite count or rate >= 0`);
    }
    sum += (weights === undefined ? 1 : weights[i]!) * y;
  }
  if (!(sum > 0)) {
    throw new InputError("labels", "must not all be 0 (with positive weight): the mean would be 0");
  }
  validatePoissonParams(params, matrix.nCols);

  const categorical = new Set<number>(params.categoricalFeatures ?? []);
  for (const c of matrix.categorical ?? []) categorical.add(c.feature);
  const encoder = FeatureEncoder.fit(
    matrix,
    categorical,
    params.standardize,
    weights,
    params.maxCategories,
    "Poisson regression",
  );
  const solver = params.solver === "auto"
    ? (encoder.nEncoded <= NEWTON_MAX_COLUMNS ? "newton" : "lbfgs")
    : params.solver;
  const design = buildDesign(encoder, matrix);
  const obj = poissonObjective({ design, labels, weights, ...params });
  const r = solver === "newton"
    ? newtonMinimize(obj, design.n, params.maxIter)
    : lbfgsMinimize(obj, design.n, params.maxIter * LBFGS_ITERATIONS_PER_MAX_ITER);
  const d = design.d;
  return new PoissonModel(params, encoder, r.beta.slice(0, d), params.fitIntercept ? r.beta[d]! : 0, {
    iterations: r.iterations,
    converged: r.converged,
    objective: r.objective,
    gradientNorm: r.gradientNorm,
    solver,
  });
}
