/**
 * Linear models with built-in mean imputation, standardisation and one-hot encoding, each fitted to
 * scikit-learn's objective: L2-regularised logistic regression (`fitLogistic`, Newton/IRLS or L-BFGS),
 * ridge regression (`fitRidge`, sklearn's `Ridge`: Cholesky or conjugate gradients) and Poisson
 * regression with a log link (`fitPoisson`, sklearn's `PoissonRegressor`: Newton or L-BFGS; `predict`
 * returns the mean exp(η)).
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
export { fitRidge, type FitRidgeOptions, type RegressionData } from "./ridge.ts";
export { RIDGE_FORMAT_VERSION, RidgeModel, type RidgeModelJSON } from "./ridge_model.ts";
export {
  DEFAULT_RIDGE_PARAMS,
  resolveRidgeParams,
  type RidgeParams,
  validateRidgeParams,
} from "./ridge_params.ts";
export { fitPoisson, type FitPoissonOptions } from "./poisson.ts";
export { POISSON_FORMAT_VERSION, PoissonModel, type PoissonModelJSON } from "./poisson_model.ts";
export {
  DEFAULT_POISSON_PARAMS,
  type PoissonParams,
  resolvePoissonParams,
  validatePoissonParams,
} from "./poisson_params.ts";
export { type RegressionFitInfo } from "./_linear_model.ts";
export { poissonCodec, ridgeCodec } from "./persist.ts";
