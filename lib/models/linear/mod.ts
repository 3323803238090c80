/**
 * Linear models: L2-regularised logistic regression with built-in mean imputation, standardisation
 * and one-hot encoding, fitted by Newton/IRLS (or L-BFGS for very wide designs) to scikit-learn's objective.
 * @module
 */
export { fitLogistic, type FitLogisticOptions, type LogisticData } from "./fit.ts";
export {
  LOGISTIC_FORMAT_VERSION,
  type LogisticFitInfo,
  LogisticModel,
  type LogisticModelJSON,
} from "./model.ts";
export { type ColumnEncoding, FeatureEncoder, type FeatureEncoderJSON } from "./encoder.ts";
export {
  DEFAULT_LOGISTIC_PARAMS,
  type LogisticParams,
  NEWTON_MAX_COLUMNS,
  resolveLogisticParams,
  validateLogisticParams,
} from "./params.ts";
export { choleskySolve } from "./_cholesky.ts";
export { loadLogistic, logisticCodec, saveLogistic } from "./persist.ts";
