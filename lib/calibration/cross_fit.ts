/**
 * Cross-fitted calibration: k-fold out-of-fold calibrated probabilities (each row calibrated by a
 * calibrator that never saw it, for honest evaluation of the calibration step), plus the final
 * calibrator fitted on all rows. The folds are `stratifiedKFold`'s (lib/validation: seeded shuffle per
 * class, each fold holding every class within one row of its share) and the fitting loop is its
 * `crossValidate`, so every training part holds both classes.
 *
 * @example
 * ```ts
 * import { crossFitCalibration } from "./cross_fit.ts";
 * const p = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9, 0.15, 0.85];
 * const y = [0, 0, 1, 0, 1, 0, 1, 1, 0, 1];
 * const { outOfFold, calibrator } = crossFitCalibration("platt", p, y, { nFolds: 2, seed: 1 });
 * outOfFold.length; // 10
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { crossValidate, foldsFromAssignment, stratifiedKFoldAssignment } from "../validation/mod.ts";
import { requireIntInRange } from "../validate.ts";
import type { NumArray } from "../validate.ts";
import { checkCalibrationData } from "./_check.ts";
import {
  type Calibrator,
  type CalibratorKind,
  fitCalibrator,
  type FitCalibratorOptions,
} from "./calibrator.ts";

/** Options for {@link crossFitCalibration}. */
export interface CrossFitOptions extends FitCalibratorOptions {
  /** Number of folds, integer in [2, 100]; default 5. */
  readonly nFolds?: number;
  /** Seed for the fold assignment; default 0. */
  readonly seed?: number;
  readonly weights?: NumArray;
}

/** Result of {@link crossFitCalibration}. */
export interface CrossFitResult {
  /** Out-of-fold calibrated probability per row. */
  readonly outOfFold: Float64Array;
  /** Fold index of each row. */
  readonly folds: Int32Array;
  /** Calibrator fitted on all rows (the one to ship). */
  readonly calibrator: Calibrator;
}

/**
 * Stratified k-fold out-of-fold calibration.
 * @throws InputError on bad data (see {@link fitCalibrator}) or when a class has fewer than `nFolds` rows
 */
export function crossFitCalibration(
  kind: CalibratorKind,
  scores: NumArray,
  labels: NumArray,
  options: CrossFitOptions = {},
): CrossFitResult {
  const nFolds = options.nFolds ?? 5;
  requireIntInRange("nFolds", nFolds, 2, 100);
  checkCalibrationData(scores, labels, options.weights);
  const n = scores.length;
  const pos: number[] = [], neg: number[] = [];
  for (let i = 0; i < n; i++) (labels[i] === 1 ? pos : neg).push(i);
  if (pos.length < nFolds || neg.length < nFolds) {
    throw new InputError(
      "labels",
      `each class needs at least nFolds = ${nFolds} rows (positives ${pos.length}, negatives ${neg.length})`,
    );
  }
  const folds = stratifiedKFoldAssignment(labels, { k: nFolds, seed: options.seed ?? 0 });
  const data = { scores, labels, weights: options.weights };
  const pick = (a: NumArray, rows: Int32Array) => Array.from(rows, (i) => a[i]!);
  const { outOfFold } = crossValidate({
    data,
    folds: foldsFromAssignment(folds, nFolds),
    subset: (d, rows) => ({
      scores: pick(d.scores, rows),
      labels: pick(d.labels, rows),
      weights: d.weights === undefined ? undefined : pick(d.weights, rows),
    }),
    fit: (train) => fitCalibrator(kind, train.scores, train.labels, train.weights, options),
    predict: (cal, test) => cal.predict(test.scores),
  });
  const calibrator = fitCalibrator(kind, scores, labels, options.weights, options);
  return { outOfFold, folds, calibrator };
}
