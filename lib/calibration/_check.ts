/**
 * Internal boundary checks for the calibration entry points. Each throws an InputError naming the field.
 * @module
 */
import { InputError } from "../errors.ts";
import {
  type NumArray,
  requireBinary,
  requireFinite,
  requireNonEmpty,
  requireSameLength,
} from "../validate.ts";

/**
 * Scores, 0/1 labels with both classes present, optional non-negative weights with a positive sum.
 * Returns the (weighted) count of positives and negatives.
 */
export function checkCalibrationData(
  scores: NumArray,
  labels: NumArray,
  weights?: NumArray,
): { positives: number; negatives: number } {
  requireNonEmpty("scores", scores);
  requireSameLength("scores", scores, "labels", labels);
  requireFinite("scores", scores);
  requireBinary("labels", labels);
  checkWeights(weights, scores.length);
  let positives = 0, negatives = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (labels[i] === 1) positives += w;
    else negatives += w;
  }
  if (!(positives > 0) || !(negatives > 0)) {
    throw new InputError("labels", "must contain both classes (with positive weight) to fit a calibrator");
  }
  return { positives, negatives };
}

/** Optional weights: same length, finite, non-negative, positive sum. */
export function checkWeights(weights: NumArray | undefined, n: number): void {
  if (weights === undefined) return;
  requireSameLength("scores", { length: n }, "weights", weights);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!Number.isFinite(w) || w < 0) {
      throw new InputError("weights", `value at index ${i} is ${w}; expected a finite number >= 0`);
    }
    sum += w;
  }
  if (!(sum > 0)) throw new InputError("weights", "must not all be zero");
}

/** Every value finite and in [0, 1]. */
export function checkProbabilities(field: string, xs: NumArray): void {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new InputError(field, `value at index ${i} is ${v}; expected a probability in [0, 1]`);
    }
  }
}
