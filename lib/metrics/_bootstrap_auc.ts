/**
 * Internal: AUC on bootstrap resamples in O(n) each. A row resample with replacement is the full data
 * with integer multiplicities, and AUC with multiplicities as weights equals AUC on the resample (the
 * Mann–Whitney statistic counts pairs). So the rows are sorted once and each resample is one pass.
 * @module
 */
import { InputError } from "../errors.ts";
import type { NumArray } from "../validate.ts";
import { orderByScoreDesc } from "./_binary_curve.ts";

/** AUC of the rows weighted by `counts[i]` (× `weights[i]` when given); `order` sorts scores descending. */
export function aucWithCounts(
  labels: NumArray,
  scores: NumArray,
  weights: NumArray | undefined,
  order: Int32Array,
  counts: Float64Array,
): number {
  const n = order.length;
  // The class totals first (summed in the same order as below, so they equal the final running sums):
  // the area is summed in rate units as auc() does, which keeps the two bit-identical.
  let pos = 0, neg = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const c = counts[i]!;
    if (c === 0) continue;
    const w = weights === undefined ? c : c * weights[i]!;
    if (labels[i] === 1) pos += w;
    else neg += w;
  }
  if (!(pos > 0) || !(neg > 0)) {
    throw new InputError("labels", "the resample holds a single class; AUC is undefined");
  }
  let area = 0, tp = 0, fp = 0, prevTpr = 0, prevFpr = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const c = counts[i]!;
    if (c !== 0) {
      const w = weights === undefined ? c : c * weights[i]!;
      if (labels[i] === 1) tp += w;
      else fp += w;
    }
    if (r + 1 === n || scores[order[r + 1]!] !== scores[i]) {
      const tpr = tp / pos, fpr = fp / neg;
      area += (fpr - prevFpr) * (tpr + prevTpr) / 2;
      prevTpr = tpr, prevFpr = fpr;
    }
  }
  return area;
}

/** A function computing AUC on the next resample drawn by `draw` (which returns row indices in [0, n)). */
export function aucResampler(
  labels: NumArray,
  scores: NumArray,
  weights: NumArray | undefined,
): (draw: () => number) => number {
  const n = labels.length;
  const order = orderByScoreDesc(scores);
  const counts = new Float64Array(n);
  return (draw) => {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[draw()]!++;
    return aucWithCounts(labels, scores, weights, order, counts);
  };
}
