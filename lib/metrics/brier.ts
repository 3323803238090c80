/**
 * Brier score: the (weighted) mean squared difference between predicted probability and the 0/1 outcome,
 * `Σ w_i (p_i − y_i)² / Σ w_i` (scikit-learn's `brier_score_loss`). Lower is better; 0.25 is a constant 0.5.
 *
 * @example
 * ```ts
 * import { brierScore } from "./brier.ts";
 * brierScore([1, 0], [0.8, 0.4]); // (0.04 + 0.16) / 2 = 0.1
 * ```
 * @module
 */
import type { NumArray } from "../validate.ts";
import { checkBinaryPair, checkProbabilities, checkWeights, weightAt } from "./_check.ts";

/**
 * Mean (weighted) Brier score.
 * @throws InputError on bad input, labels outside {0, 1}, or probabilities outside [0, 1].
 */
export function brierScore(labels: NumArray, probabilities: NumArray, weights?: NumArray): number {
  checkBinaryPair(labels, probabilities, "probabilities");
  checkProbabilities("probabilities", probabilities);
  checkWeights(weights, labels.length);
  let sum = 0, wSum = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weightAt(weights, i);
    const d = probabilities[i]! - labels[i]!;
    sum += w * d * d;
    wSum += w;
  }
  return sum / wSum;
}
