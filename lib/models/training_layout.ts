/**
 * The column layout a fitted model expects at prediction: the same number of columns, with the same
 * feature names in the same order as in training, and a values array of nRows · nCols. At fit, the
 * names must be distinct ({@link requireDistinctFeatureNames}): a name that means two columns cannot
 * be checked at prediction, explained or exported.
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

/**
 * Throws an InputError naming `field` (default "featureNames") and every repeated name with its
 * column indices when `featureNames` holds a name twice. Models call it once at fit.
 *
 * @example
 * ```ts
 * import { requireDistinctFeatureNames } from "./training_layout.ts";
 * requireDistinctFeatureNames(["price", "rating"]); // fine
 * // requireDistinctFeatureNames(["price", "rating", "price"]) throws:
 * // Invalid "featureNames": names must be distinct; repeated: "price" (columns 0, 2)
 * ```
 */
export function requireDistinctFeatureNames(featureNames: readonly string[], field = "featureNames"): void {
  const columns = new Map<string, number[]>();
  featureNames.forEach((name, j) => {
    const seen = columns.get(name);
    if (seen) seen.push(j);
    else columns.set(name, [j]);
  });
  const repeated = [...columns].filter(([, js]) => js.length > 1);
  if (repeated.length === 0) return;
  const list = repeated.map(([name, js]) => `${JSON.stringify(name)} (columns ${js.join(", ")})`);
  throw new InputError(field, `names must be distinct; repeated: ${list.join(", ")}`);
}
