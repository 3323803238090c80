/**
 * Boundary checks of a linear model's training data (internal): the Matrix shape, no ±Infinity (NaN is
 * missing), distinct feature names, labels as long as the rows, optional weights.
 * @module
 */
import { InputError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { requireNonEmpty, requireSameLength, requireWeights } from "../../validate.ts";
import { requireDistinctFeatureNames } from "../training_layout.ts";

/** Throws InputError on an empty or malformed matrix, mismatched labels, ±Infinity values or bad weights. */
export function checkLinearData(
  matrix: Matrix,
  labels: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
): void {
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
}
