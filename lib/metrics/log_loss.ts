/**
 * Binary log loss (cross-entropy) of predicted probabilities.
 *
 * `logLoss = −Σ w_i [y_i ln p_i + (1 − y_i) ln(1 − p_i)] / Σ w_i`, with `p` clipped to `[eps, 1 − eps]`
 * (default `eps = 1e-15`, scikit-learn's historical default) so a confident wrong answer costs about 34.5
 * instead of infinity.
 *
 * @example
 * ```ts
 * import { logLoss } from "./log_loss.ts";
 * logLoss([1, 0], [0.9, 0.2]); // (−ln 0.9 − ln 0.8) / 2 ≈ 0.1643
 * ```
 * @module
 */
import { requireInRange } from "../validate.ts";
import type { NumArray } from "../validate.ts";
import { checkBinaryPair, checkProbabilities, checkWeights, weightAt } from "./_check.ts";

/** Options for {@link logLoss}. */
export interface LogLossOptions {
  /** Non-negative sample weights. */
  readonly weights?: NumArray;
  /** Clipping epsilon in [0, 0.5); default 1e-15. */
  readonly eps?: number;
}

/** Default probability clip for {@link logLoss}. */
export const LOG_LOSS_EPS = 1e-15;

/**
 * Mean (weighted) binary log loss.
 * @throws InputError on bad input, labels outside {0, 1}, or probabilities outside [0, 1].
 */
export function logLoss(labels: NumArray, probabilities: NumArray, options: LogLossOptions = {}): number {
  checkBinaryPair(labels, probabilities, "probabilities");
  checkProbabilities("probabilities", probabilities);
  checkWeights(options.weights, labels.length);
  const eps = options.eps ?? LOG_LOSS_EPS;
  requireInRange("eps", eps, 0, 0.4999999);
  let sum = 0, wSum = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weightAt(options.weights, i);
    const p = Math.min(Math.max(probabilities[i]!, eps), 1 - eps);
    sum -= w * (labels[i] === 1 ? Math.log(p) : Math.log1p(-p));
    wSum += w;
  }
  return sum / wSum;
}
