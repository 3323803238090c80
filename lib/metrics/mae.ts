/**
 * Mean absolute error, `Σ w_i |y_i − ŷ_i| / Σ w_i` (scikit-learn's `mean_absolute_error`).
 *
 * @example
 * ```ts
 * import { meanAbsoluteError } from "./mae.ts";
 * meanAbsoluteError([1, 2, 3], [1.5, 2, 2]); // 0.5
 * ```
 * @module
 */
import type { NumArray } from "../validate.ts";
import { checkPair, checkWeights, weightAt } from "./_check.ts";

/**
 * Mean (weighted) absolute error.
 * @throws InputError on empty, mismatched or non-finite input, or bad weights.
 */
export function meanAbsoluteError(labels: NumArray, predictions: NumArray, weights?: NumArray): number {
  checkPair(labels, predictions, "predictions");
  checkWeights(weights, labels.length);
  let sum = 0, wSum = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weightAt(weights, i);
    sum += w * Math.abs(labels[i]! - predictions[i]!);
    wSum += w;
  }
  return sum / wSum;
}
