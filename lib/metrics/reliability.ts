/**
 * Reliability (calibration) diagram bins and the expected calibration error.
 *
 * Probabilities are put into `nBins` uniform bins on [0, 1] (bin `b` holds `p` with
 * `b/nBins <= p < (b+1)/nBins`; `p = 1` goes into the last bin). Each bin reports its (weighted) count,
 * mean predicted probability and observed positive rate.
 *
 * `ECE = Σ_b (n_b / n) · |observedRate_b − meanPredicted_b|` (weighted counts when weights are given);
 * `MCE = max_b |observedRate_b − meanPredicted_b|` over non-empty bins.
 *
 * @example
 * ```ts
 * import { expectedCalibrationError } from "./reliability.ts";
 * expectedCalibrationError([0, 1, 1, 1], [0.2, 0.8, 0.8, 0.8], { nBins: 5 }); // 0.2 (each bin is off by 0.2)
 * ```
 * @module
 */
import { requireIntInRange } from "../validate.ts";
import type { NumArray } from "../validate.ts";
import { checkBinaryPair, checkProbabilities, checkWeights, weightAt } from "./_check.ts";

/** One bin of a reliability diagram. Empty bins have `count` 0 and null means. */
export interface ReliabilityBin {
  /** Inclusive lower edge. */
  readonly lower: number;
  /** Upper edge (exclusive, except 1 for the last bin). */
  readonly upper: number;
  /** Number of rows (sum of weights when weighted). */
  readonly count: number;
  /** Mean predicted probability in the bin, or null when empty. */
  readonly meanPredicted: number | null;
  /** Fraction of positives in the bin, or null when empty. */
  readonly observedRate: number | null;
}

/** Options for the reliability functions. */
export interface ReliabilityOptions {
  /** Number of uniform bins on [0, 1], integer in [1, 10000]; default 10. */
  readonly nBins?: number;
  /** Non-negative sample weights. */
  readonly weights?: NumArray;
}

/**
 * Uniform-bin reliability table (all `nBins` bins, empty ones included, in order).
 * @throws InputError on bad input, labels outside {0, 1}, probabilities outside [0, 1], or a bad nBins.
 */
export function reliabilityBins(
  labels: NumArray,
  probabilities: NumArray,
  options: ReliabilityOptions = {},
): ReliabilityBin[] {
  checkBinaryPair(labels, probabilities, "probabilities");
  checkProbabilities("probabilities", probabilities);
  checkWeights(options.weights, labels.length);
  const nBins = options.nBins ?? 10;
  requireIntInRange("nBins", nBins, 1, 10000);
  const count = new Float64Array(nBins), sumP = new Float64Array(nBins), sumY = new Float64Array(nBins);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i]!, w = weightAt(options.weights, i);
    const b = Math.min(Math.floor(p * nBins), nBins - 1);
    count[b]! += w;
    sumP[b]! += w * p;
    sumY[b]! += w * labels[i]!;
  }
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const c = count[b]!;
    bins.push({
      lower: b / nBins,
      upper: (b + 1) / nBins,
      count: c,
      meanPredicted: c > 0 ? sumP[b]! / c : null,
      observedRate: c > 0 ? sumY[b]! / c : null,
    });
  }
  return bins;
}

/** Expected calibration error over uniform bins (see module doc). */
export function expectedCalibrationError(
  labels: NumArray,
  probabilities: NumArray,
  options: ReliabilityOptions = {},
): number {
  const bins = reliabilityBins(labels, probabilities, options);
  let total = 0, ece = 0;
  for (const b of bins) total += b.count;
  for (const b of bins) {
    if (b.count > 0) ece += (b.count / total) * Math.abs(b.observedRate! - b.meanPredicted!);
  }
  return ece;
}

/** Maximum calibration error: the largest |observed − predicted| over non-empty bins. */
export function maxCalibrationError(
  labels: NumArray,
  probabilities: NumArray,
  options: ReliabilityOptions = {},
): number {
  let mce = 0;
  for (const b of reliabilityBins(labels, probabilities, options)) {
    if (b.count > 0) mce = Math.max(mce, Math.abs(b.observedRate! - b.meanPredicted!));
  }
  return mce;
}
