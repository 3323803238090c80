/**
 * `fitRidge`: L2-regularised least squares (scikit-learn's `Ridge(alpha)`) with the same feature
 * encoding as logistic regression (mean imputation, standardisation, one-hot; see `encoder.ts`), solved
 * exactly by Cholesky or, for very wide designs, by conjugate gradients.
 *
 * @example
 * ```ts
 * import { fitRidge } from "./ridge.ts";
 * const matrix = { nRows: 4, nCols: 1, values: Float32Array.of(0, 1, 2, 3), featureNames: ["x"] };
 * const model = fitRidge({ matrix, labels: [1, 3, 5, 7] }, { params: { alpha: 0, standardize: false } });
 * model.predict(matrix); // ≈ [1, 3, 5, 7] (slope 2, intercept 1)
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { requireFinite } from "../../validate.ts";
import { checkLinearData } from "./_check_data.ts";
import { buildDesign, designMargins } from "./_design.ts";
import { ridgeCholesky, ridgeConjugateGradient } from "./_ridge_solve.ts";
import { FeatureEncoder } from "./encoder.ts";
import { NEWTON_MAX_COLUMNS } from "./params.ts";
import { RidgeModel } from "./ridge_model.ts";
import { resolveRidgeParams, type RidgeParams, validateRidgeParams } from "./ridge_params.ts";

/** Training data of a regression: a Matrix (NaN = missing), finite targets, optional non-negative weights. */
export interface RegressionData {
  readonly matrix: Matrix;
  readonly labels: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
}

/** Options for {@link fitRidge}. */
export interface FitRidgeOptions {
  readonly params?: Partial<RidgeParams>;
}

/**
 * Fits ridge regression.
 * @throws InputError on bad data (empty, length mismatches, non-finite targets, bad weights, infinite
 *   values, bad categorical codes, too many categories), bad parameters, or — with `alpha: 0` — a
 *   singular design (collinear columns)
 */
export function fitRidge(train: RegressionData, options: FitRidgeOptions = {}): RidgeModel {
  const params = resolveRidgeParams(options.params);
  const { matrix, labels, weights } = train;
  checkLinearData(matrix, labels, weights);
  requireFinite("labels", labels);
  validateRidgeParams(params, matrix.nCols);

  const categorical = new Set<number>(params.categoricalFeatures ?? []);
  for (const c of matrix.categorical ?? []) categorical.add(c.feature);
  const encoder = FeatureEncoder.fit(
    matrix,
    categorical,
    params.standardize,
    weights,
    params.maxCategories,
    "ridge regression",
  );
  const solver = params.solver === "auto"
    ? (encoder.nEncoded <= NEWTON_MAX_COLUMNS ? "cholesky" : "cg")
    : params.solver;
  const design = buildDesign(encoder, matrix);
  const prob = { design, labels, weights, ...params };
  const sol = solver === "cholesky" ? ridgeCholesky(prob) : ridgeConjugateGradient(prob);
  if (sol.beta === null) {
    throw new InputError(
      "alpha",
      `is ${params.alpha} and the design is singular (collinear or constant columns); use alpha > 0`,
    );
  }
  const d = design.d, beta = sol.beta;
  const coefficients = beta.slice(0, d), intercept = params.fitIntercept ? beta[d]! : 0;
  // sklearn's objective at the solution: Σ s (y − z)² + α‖w‖².
  const z = new Float64Array(design.n);
  designMargins(design, coefficients, intercept, z);
  let objective = 0;
  for (let i = 0; i < z.length; i++) {
    objective += (weights === undefined ? 1 : weights[i]!) * (labels[i]! - z[i]!) ** 2;
  }
  for (let j = 0; j < d; j++) objective += params.alpha * coefficients[j]! ** 2;
  return new RidgeModel(params, encoder, coefficients, intercept, {
    iterations: sol.iterations,
    converged: sol.converged,
    objective,
    gradientNorm: sol.gradientNorm,
    solver,
  });
}
