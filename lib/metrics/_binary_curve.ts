/**
 * Internal: the cumulative confusion counts behind ROC and precision-recall curves
 * (scikit-learn's `_binary_clf_curve`). Inputs are trusted (validated by the caller).
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

/** Sorts by score descending and accumulates positives/negatives per distinct score (ties form one step). */
export function binaryCurve(labels: NumArray, scores: NumArray, weights?: NumArray): BinaryCurve {
  const n = labels.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[b]! - scores[a]!);
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0, fp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const w = weights === undefined ? 1 : weights[i]!;
    if (labels[i] === 1) tp += w;
    else fp += w;
    const next = r + 1 < n ? scores[order[r + 1]!]! : NaN;
    if (next !== scores[i]) {
      thresholds.push(scores[i]!);
      tps.push(tp);
      fps.push(fp);
    }
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tps: Float64Array.from(tps),
    fps: Float64Array.from(fps),
  };
}
