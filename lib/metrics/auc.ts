/**
 * ROC AUC and the ROC curve for binary labels.
 *
 * AUC is the (weighted) Mann–Whitney statistic: the probability that a random positive scores above a
 * random negative, counting ties as one half. Equivalently the trapezoidal area under the ROC curve whose
 * steps are the distinct scores, so tied scores form one diagonal segment (scikit-learn's `roc_auc_score`).
 *
 * @example
 * ```ts
 * import { auc } from "./auc.ts";
 * auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { NumArray } from "../validate.ts";
import { binaryCurve } from "./_binary_curve.ts";
import { checkBinaryPair, checkWeights } from "./_check.ts";

/** Points of a ROC curve, from (0, 0) to (1, 1). */
export interface RocCurve {
  /** False positive rate at each threshold (non-decreasing). */
  readonly fpr: Float64Array;
  /** True positive rate at each threshold (non-decreasing). */
  readonly tpr: Float64Array;
  /** Scores, descending; a row is predicted positive when its score >= the threshold. The first is +Infinity. */
  readonly thresholds: Float64Array;
}

function validate(labels: NumArray, scores: NumArray, weights: NumArray | undefined): void {
  checkBinaryPair(labels, scores);
  checkWeights(weights, labels.length);
}

/**
 * ROC curve with one point per distinct score (no intermediate points dropped, i.e. scikit-learn's
 * `roc_curve(..., drop_intermediate=False)`), preceded by (0, 0) at threshold +Infinity.
 * @throws InputError on empty/mismatched/non-finite input, labels outside {0, 1}, or a single class.
 */
export function rocCurve(labels: NumArray, scores: NumArray, weights?: NumArray): RocCurve {
  validate(labels, scores, weights);
  const c = binaryCurve(labels, scores, weights);
  const m = c.thresholds.length;
  const pos = c.tps[m - 1]!, neg = c.fps[m - 1]!;
  requireBothClasses(pos, neg, weights !== undefined);
  const fpr = new Float64Array(m + 1), tpr = new Float64Array(m + 1), thresholds = new Float64Array(m + 1);
  thresholds[0] = Infinity;
  for (let j = 0; j < m; j++) {
    fpr[j + 1] = c.fps[j]! / neg;
    tpr[j + 1] = c.tps[j]! / pos;
    thresholds[j + 1] = c.thresholds[j]!;
  }
  return { fpr, tpr, thresholds };
}

/**
 * Area under the ROC curve, ties counted as one half, with optional non-negative sample weights.
 * @throws InputError on bad input, or when only one class is present (AUC is undefined then).
 */
export function auc(labels: NumArray, scores: NumArray, weights?: NumArray): number {
  validate(labels, scores, weights);
  const c = binaryCurve(labels, scores, weights);
  const m = c.thresholds.length;
  const pos = c.tps[m - 1]!, neg = c.fps[m - 1]!;
  requireBothClasses(pos, neg, weights !== undefined);
  // Trapezoids in rate units (fp / neg, tp / pos): the product of the weight sums would underflow
  // to 0 for weights near 1e-300, and AUC does not depend on the weights' scale.
  let area = 0, prevTpr = 0, prevFpr = 0;
  for (let j = 0; j < m; j++) {
    const tpr = c.tps[j]! / pos, fpr = c.fps[j]! / neg;
    area += (fpr - prevFpr) * (tpr + prevTpr) / 2;
    prevTpr = tpr;
    prevFpr = fpr;
  }
  return area;
}

function requireBothClasses(pos: number, neg: number, weighted: boolean): void {
  const field = weighted ? "weights" : "labels";
  const extra = weighted ? " with positive weight" : "";
  if (!(pos > 0)) {
    throw new InputError(field, `contain no positive (1) labels${extra}; AUC needs both classes`);
  }
  if (!(neg > 0)) {
    throw new InputError(field, `contain no negative (0) labels${extra}; AUC needs both classes`);
  }
}
