/**
 * `fitLogistic`: validates data and parameters once, learns the feature encoding (mean imputation,
 * standardisation, one-hot), builds the sparse one-hot design and runs the Newton or L-BFGS solver.
 *
 * @example
 * ```ts
 * import { fitLogistic } from "./fit.ts";
 * const matrix = { nRows: 4, nCols: 1, values: new Float32Array([0, 1, 2, 3]), featureNames: ["x"] };
 * const model = fitLogistic({ matrix, labels: [0, 1, 0, 1] }, { params: { C: 1 } });
 * model.predict(matrix).length; // 4
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { requireBinary, requireNonEmpty, requireSameLength, requireWeights } from "../../validate.ts";
import { requireDistinctFeatureNames } from "../training_layout.ts";
import { buildDesign } from "./_design.ts";
import { FeatureEncoder } from "./encoder.ts";
import { LogisticModel } from "./model.ts";
import { newtonLogistic } from "./newton.ts";
import { lbfgsLogistic } from "./lbfgs.ts";
import {
  type LogisticParams,
  NEWTON_MAX_COLUMNS,
  resolveLogisticParams,
  validateLogisticParams,
} from "./params.ts";

/** Training data: a Matrix (NaN = missing), 0/1 labels and optional non-negative weights. */
export interface LogisticData {
  readonly matrix: Matrix;
  readonly labels: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
}

/** Options for {@link fitLogistic}. */
export interface FitLogisticOptions {
  readonly params?: Partial<LogisticParams>;
}

/**
 * Fits an L2-regularised logistic regression (sklearn's `LogisticRegression(penalty="l2", C)` objective).
 * @throws InputError on bad data (empty, length mismatches, labels not 0/1, a single class, bad weights,
 *   infinite values, bad categorical codes, a categorical feature with more than `params.maxCategories`
 *   distinct values) or bad parameters
 */
export function fitLogistic(train: LogisticData, options: FitLogisticOptions = {}): LogisticModel {
  const params = resolveLogisticParams(options.params);
  const { matrix, labels, weights } = train;
  checkData(matrix, labels, weights);
  validateLogisticParams(params, matrix.nCols);

  const categorical = new Set<number>(params.categoricalFeatures ?? []);
  for (const c of matrix.categorical ?? []) categorical.add(c.feature);
  const encoder = FeatureEncoder.fit(matrix, categorical, params.standardize, weights, params.maxCategories);
  const solver = params.solver === "auto"
    ? (encoder.nEncoded <= NEWTON_MAX_COLUMNS ? "newton" : "lbfgs")
    : params.solver;
  const result = (solver === "newton" ? newtonLogistic : lbfgsLogistic)({
    design: buildDesign(encoder, matrix),
    labels,
    weights,
    C: params.C,
    fitIntercept: params.fitIntercept,
    maxIter: params.maxIter,
    tol: params.tol,
  });
  return new LogisticModel(params, encoder, result.coefficients, result.intercept, {
    iterations: result.iterations,
    converged: result.converged,
    objective: result.objective,
    gradientNorm: result.gradientNorm,
    solver,
  });
}

function checkData(matrix: Matrix, labels: ArrayLike<number>, weights: ArrayLike<number> | undefined): void {
  requireNonEmpty("labels", labels);
  if (matrix.values.length !== matrix.nRows * matrix.nCols) {
    throw new InputError(
      "matrix",
      `values length ${matrix.values.length} is not nRows·nCols = ${matrix.nRows * matrix.nCols}`,
    );
  }
  if (matrix.featureNames.length !== matrix.nCols) {
    throw new InputError(
      "matrix",
      `has ${matrix.featureNames.length} feature names for ${matrix.nCols} columns`,
    );
  }
  requireDistinctFeatureNames(matrix.featureNames);
  requireSameLength("matrix rows", { length: matrix.nRows }, "labels", labels);
  requireBinary("labels", labels);
  for (let i = 0; i < matrix.values.length; i++) {
    const v = matrix.values[i]!;
    if (v === Infinity || v === -Infinity) {
      throw new InputError(
        "matrix",
        `value at row ${Math.floor(i / matrix.nCols)}, column ${
          i % matrix.nCols
        } is ${v}; use NaN for missing`,
      );
    }
  }
  requireWeights(weights, "labels", labels.length);
  let pos = 0, neg = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (labels[i] === 1) pos += w;
    else neg += w;
  }
  if (!(pos > 0) || !(neg > 0)) {
    throw new InputError("labels", "must contain both classes (with positive weight)");
  }
}
