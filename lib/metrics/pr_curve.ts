/**
 * Precision–recall curve and average precision for binary labels (scikit-learn definitions).
 *
 * Average precision is the step-wise area `AP = Σ_j (R_j − R_{j−1}) · P_j` over the distinct score
 * thresholds taken from the highest down (no interpolation), as `average_precision_score`. Tied scores form
 * one step.
 *
 * @example
 * ```ts
 * import { averagePrecision } from "./pr_curve.ts";
 * averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.8333…
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { NumArray } from "../validate.ts";
import { binaryCurve } from "./_binary_curve.ts";
import { checkBinaryPair, checkWeights } from "./_check.ts";

/** A precision–recall curve in scikit-learn's order: thresholds ascending, recall non-increasing. */
export interface PrCurve {
  /** Precision at each threshold, then a final 1 (length = thresholds + 1). */
  readonly precision: Float64Array;
  /** Recall at each threshold, then a final 0 (length = thresholds + 1). */
  readonly recall: Float64Array;
  /** Distinct scores, ascending; a row is predicted positive when its score >= the threshold. */
  readonly thresholds: Float64Array;
}

function curveWithPositives(labels: NumArray, scores: NumArray, weights: NumArray | undefined) {
  checkBinaryPair(labels, scores);
  checkWeights(weights, labels.length);
  const c = binaryCurve(labels, scores, weights);
  const pos = c.tps[c.tps.length - 1]!;
  if (!(pos > 0)) {
    throw new InputError(
      weights ? "weights" : "labels",
      "contain no positive (1) labels; recall is undefined",
    );
  }
  return { c, pos };
}

/**
 * Precision–recall curve, as scikit-learn's `precision_recall_curve` (same arrays, same order).
 * @throws InputError on bad input or when there is no positive label.
 */
export function prCurve(labels: NumArray, scores: NumArray, weights?: NumArray): PrCurve {
  const { c, pos } = curveWithPositives(labels, scores, weights);
  const m = c.thresholds.length;
  const precision = new Float64Array(m + 1),
    recall = new Float64Array(m + 1),
    thresholds = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const r = m - 1 - j; // reverse: ascending thresholds
    const predicted = c.tps[r]! + c.fps[r]!;
    precision[j] = predicted > 0 ? c.tps[r]! / predicted : 0;
    recall[j] = c.tps[r]! / pos;
    thresholds[j] = c.thresholds[r]!;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}

/**
 * Average precision (scikit-learn's `average_precision_score`), optionally weighted.
 * @throws InputError on bad input or when there is no positive label.
 */
export function averagePrecision(labels: NumArray, scores: NumArray, weights?: NumArray): number {
  const { c, pos } = curveWithPositives(labels, scores, weights);
  let ap = 0, prevTp = 0;
  for (let j = 0; j < c.thresholds.length; j++) {
    const tp = c.tps[j]!, predicted = tp + c.fps[j]!;
    if (tp > prevTp) ap += ((tp - prevTp) / pos) * (tp / predicted);
    prevTp = tp;
  }
  return ap;
}
