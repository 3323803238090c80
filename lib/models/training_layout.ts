/**
 * The column layout a fitted model expects at prediction: the same number of columns, with the same
 * feature names in the same order as in training, and a values array of nRows · nCols.
 * @module
 */
import type { Matrix } from "../data/types.ts";
import { InputError } from "../errors.ts";

/**
 * Throws an InputError naming the problem when `matrix` does not have the training layout
 * `featureNames` (field "matrix" for the shape, "featureNames" for a column whose name differs).
 */
export function requireTrainingLayout(matrix: Matrix, featureNames: readonly string[]): void {
  if (matrix.nCols !== featureNames.length) {
    throw new InputError(
      "matrix",
      `has ${matrix.nCols} columns; the model was trained on ${featureNames.length}`,
    );
  }
  if (matrix.values.length !== matrix.nRows * matrix.nCols) {
    throw new InputError(
      "matrix",
      `values length ${matrix.values.length} is not nRows·nCols = ${matrix.nRows * matrix.nCols}`,
    );
  }
  for (let j = 0; j < featureNames.length; j++) {
    if (matrix.featureNames[j] !== featureNames[j]) {
      throw new InputError(
        "featureNames",
        `column ${j} is "${matrix.featureNames[j]}"; the model expects "${featureNames[j]}"`,
      );
    }
  }
}
