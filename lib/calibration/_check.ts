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
  requireWeights,
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
  requireWeights(weights, "scores", scores.length);
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
