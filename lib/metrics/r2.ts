/**
 * Coefficient of determination `R² = 1 − Σ w (y − ŷ)² / Σ w (y − ȳ_w)²` (scikit-learn's `r2_score`).
 * 1 is perfect, 0 is as good as predicting the (weighted) mean, negative is worse.
 *
 * Constant labels make the denominator 0: like scikit-learn, R² is then 1 for a perfect prediction and
 * 0 otherwise (scikit-learn's `force_finite=True`), so the result is always finite.
 *
 * @example
 * ```ts
 * import { r2Score } from "./r2.ts";
 * r2Score([1, 2, 3], [1, 2, 4]); // 1 − 1/2 = 0.5
 * ```
 * @module
 */
import type { NumArray } from "../validate.ts";
import { checkPair, checkWeights, weightAt } from "./_check.ts";

/**
 * (Weighted) R².
 * @throws InputError on empty, mismatched or non-finite input, or bad weights.
 */
export function r2Score(labels: NumArray, predictions: NumArray, weights?: NumArray): number {
  checkPair(labels, predictions, "predictions");
  checkWeights(weights, labels.length);
  let wSum = 0, ySum = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weightAt(weights, i);
    wSum += w;
    ySum += w * labels[i]!;
  }
  const mean = ySum / wSum;
  let ssRes = 0, ssTot = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weightAt(weights, i);
    const r = labels[i]! - predictions[i]!, t = labels[i]! - mean;
    ssRes += w * r * r;
    ssTot += w * t * t;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}
