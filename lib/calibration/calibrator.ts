/**
 * The common calibrator interface and its factory / loader. A calibrator maps a model's probabilities
 * (or scores) to calibrated probabilities and is saved with the model it wraps.
 *
 * @example
 * ```ts
 * import { calibratorFromJSON, fitCalibrator } from "./calibrator.ts";
 * const cal = fitCalibrator("isotonic", [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
 * const again = calibratorFromJSON(JSON.parse(JSON.stringify(cal.toJSON())));
 * again.predict([0.5]); // same as cal.predict([0.5])
 * ```
 * @module
 */
import { ModelFormatError } from "../errors.ts";
import { requireOneOf } from "../validate.ts";
import type { NumArray } from "../validate.ts";
import { checkCalibrationData } from "./_check.ts";
import { fitIsotonic, IsotonicCalibrator, type IsotonicJSON } from "./isotonic.ts";
import { fitPlatt, PlattCalibrator, type PlattJSON, type PlattOptions } from "./platt.ts";

/** Calibration methods. */
export const CALIBRATOR_KINDS = ["isotonic", "platt"] as const;
/** One of {@link CALIBRATOR_KINDS}. */
export type CalibratorKind = (typeof CALIBRATOR_KINDS)[number];

/** Serialized form of any calibrator. */
export type CalibratorJSON = IsotonicJSON | PlattJSON;

/** What every calibrator offers. */
export interface Calibrator {
  readonly kind: CalibratorKind;
  /** Calibrated probabilities for model outputs `p`; throws InputError on NaN. */
  predict(p: NumArray): Float64Array;
  /** Versioned plain object; {@link calibratorFromJSON} reads it back. */
  toJSON(): CalibratorJSON;
}

/** Options for {@link fitCalibrator}; `platt` options apply to Platt scaling only. */
export interface FitCalibratorOptions {
  readonly platt?: PlattOptions;
}

/**
 * Fits a calibrator of `kind` on held-out `scores` (model probabilities) and 0/1 `labels`.
 * @throws InputError on an unknown kind, a length mismatch, NaN, labels not 0/1, a single class or bad weights
 */
export function fitCalibrator(
  kind: CalibratorKind,
  scores: NumArray,
  labels: NumArray,
  weights?: NumArray,
  options: FitCalibratorOptions = {},
): Calibrator {
  requireOneOf("kind", kind, CALIBRATOR_KINDS);
  if (kind === "platt") return fitPlatt(scores, labels, weights, options.platt);
  checkCalibrationData(scores, labels, weights);
  return fitIsotonic(scores, labels, weights);
}

/** Rebuilds a calibrator from its JSON; throws ModelFormatError on an unknown kind or version. */
export function calibratorFromJSON(json: unknown): Calibrator {
  const kind = (json as { kind?: unknown } | null)?.kind;
  if (kind === "isotonic") return IsotonicCalibrator.fromJSON(json);
  if (kind === "platt") return PlattCalibrator.fromJSON(json);
  throw new ModelFormatError(
    `unknown calibrator kind ${JSON.stringify(kind)}; expected "isotonic" or "platt"`,
    "kind",
  );
}
