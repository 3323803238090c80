/**
 * Internal: the cumulative confusion counts behind ROC and precision-recall curves
 * (scikit-learn's `_binary_clf_curve`). Inputs are trusted (validated by the caller).
 *
 * Unweighted input takes a fast path: positives' and negatives' scores are sorted separately with the
 * native typed-array sort (no comparator callback) and merged; weighted input sorts row indices.
 * @module
 */
import type { NumArray } from "../validate.ts";

/** Cumulative (weighted) counts at each distinct score, highest score first. */
export interface BinaryCurve {
  /** Distinct scores, descending. */
  readonly thresholds: Float64Array;
  /** `tps[j]`: weighted positives with score >= thresholds[j]. */
  readonly tps: Float64Array;
  /** `fps[j]`: weighted negatives with score >= thresholds[j]. */
  readonly fps: Float64Array;
}

/** Row indices ordered by score, highest first (ties in index order). */
export function orderByScoreDesc(scores: NumArray): Int32Array {
  const n = scores.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** Sorts by score descending and accumulates positives/negatives per distinct score (ties form one step). */
export function binaryCurve(labels: NumArray, scores: NumArray, weights?: NumArray): BinaryCurve {
  return weights === undefined ? unweightedCurve(labels, scores) : weightedCurve(labels, scores, weights);
}

function unweightedCurve(labels: NumArray, scores: NumArray): BinaryCurve {
  const n = labels.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1) nPos++;
  const pos = new Float64Array(nPos), neg = new Float64Array(n - nPos);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (labels[i] === 1) pos[a++] = scores[i]!;
    else neg[b++] = scores[i]!;
  }
  pos.sort(), neg.sort(); // ascending; walked from the end
  const thresholds = new Float64Array(n), tps = new Float64Array(n), fps = new Float64Array(n);
  let i = pos.length - 1, j = neg.length - 1, tp = 0, fp = 0, m = 0;
  while (i >= 0 || j >= 0) {
    const t = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    while (i >= 0 && pos[i] === t) i--, tp++;
    while (j >= 0 && neg[j] === t) j--, fp++;
    thresholds[m] = t, tps[m] = tp, fps[m] = fp, m++;
  }
  return { thresholds: thresholds.slice(0, m), tps: tps.slice(0, m), fps: fps.slice(0, m) };
}

function weightedCurve(labels: NumArray, scores: NumArray, weights: NumArray): BinaryCurve {
  const n = labels.length;
  const order = orderByScoreDesc(scores);
  const thresholds = new Float64Array(n), tps = new Float64Array(n), fps = new Float64Array(n);
  let tp = 0, fp = 0, m = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const w = weights[i]!;
    if (labels[i] === 1) tp += w;
    else fp += w;
    const next = r + 1 < n ? scores[order[r + 1]!]! : NaN;
    if (next !== scores[i]) {
      thresholds[m] = scores[i]!, tps[m] = tp, fps[m] = fp, m++;
    }
  }
  return { thresholds: thresholds.slice(0, m), tps: tps.slice(0, m), fps: fps.slice(0, m) };
}
