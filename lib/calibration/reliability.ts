/**
 * Reliability curve for calibration reports: a thin door onto `lib/metrics/reliability.ts`
 * (uniform bins with count, mean predicted probability and observed rate), argument order `(p, y)`.
 *
 * @example
 * ```ts
 * import { reliabilityCurve } from "./reliability.ts";
 * reliabilityCurve([0.2, 0.8, 0.8, 0.8], [0, 1, 1, 1], 5)[4]!.observedRate; // 1
 * ```
 * @module
 */
import { type ReliabilityBin, reliabilityBins } from "../metrics/reliability.ts";
import type { NumArray } from "../validate.ts";

export type { ReliabilityBin };

/**
 * `nBins` uniform bins on [0, 1] (empty bins included) of predicted probabilities `p` against 0/1 labels `y`.
 * @throws InputError on a length mismatch, NaN, p outside [0, 1], labels not 0/1 or bad nBins
 */
export function reliabilityCurve(p: NumArray, y: NumArray, nBins = 10, weights?: NumArray): ReliabilityBin[] {
  return reliabilityBins(y, p, { nBins, weights });
}
