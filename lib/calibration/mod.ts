/**
 * Probability calibration: isotonic regression (PAV) and Platt scaling behind one {@link Calibrator}
 * interface, JSON round trip, cross-fitted (out-of-fold) calibration and reliability curves.
 * @module
 */
export {
  type Calibrator,
  CALIBRATOR_KINDS,
  calibratorFromJSON,
  type CalibratorJSON,
  type CalibratorKind,
  fitCalibrator,
  type FitCalibratorOptions,
} from "./calibrator.ts";
export { fitIsotonic, IsotonicCalibrator, type IsotonicJSON, poolAdjacentViolators } from "./isotonic.ts";
export {
  fitPlatt,
  PLATT_EPS,
  PlattCalibrator,
  type PlattInput,
  type PlattJSON,
  type PlattOptions,
} from "./platt.ts";
export { crossFitCalibration, type CrossFitOptions, type CrossFitResult } from "./cross_fit.ts";
export { type ReliabilityBin, reliabilityCurve } from "./reliability.ts";
