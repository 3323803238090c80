/**
 * Mean squared error and its root: `MSE = Σ w_i (y_i − ŷ_i)² / Σ w_i`, `RMSE = √MSE`
 * (scikit-learn's `mean_squared_error`, `squared=False` for the root).
 *
 * @example
 * ```ts
 * import { rootMeanSquaredError } from "./rmse.ts";
 * rootMeanSquaredError([0, 0], [3, 4]); // √12.5 ≈ 3.536
 * ```
 * @module
 */
import type { NumArray } from "../validate.ts";
import { checkPair, checkWeights, weightAt } from "./_check.ts";

/**
 * Mean (weighted) squared error.
 * @throws InputError on empty, mismatched or non-finite input, or bad weights.
 */
export function meanSquaredError(labels: NumArray, predictions: NumArray, weights?: NumArray): number {
  checkPair(labels, predictions, "predictions");
  checkWeights(weights, labels.length);
  let sum = 0, wSum = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weightAt(weights, i);
    const d = labels[i]! - predictions[i]!;
    sum += w * d * d;
    wSum += w;
  }
  return sum / wSum;
}

/** Root of {@link meanSquaredError}. */
export function rootMeanSquaredError(labels: NumArray, predictions: NumArray, weights?: NumArray): number {
  return Math.sqrt(meanSquaredError(labels, predictions, weights));
}
