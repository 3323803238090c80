/**
 * Evaluation metrics: classification (AUC, ROC/PR curves, average precision, log loss, Brier,
 * calibration), regression (MAE, MSE/RMSE, R², MAPE), ranking and recommendation (NDCG@k, precision@k,
 * recall@k, hit rate@k, MRR, MAP@k, catalogue coverage), drift (PSI, KS), bootstrap confidence intervals, and a
 * registry to get any of them by name.
 *
 * Every entry point validates its input and throws an `InputError` naming the field (empty arrays,
 * mismatched lengths, NaN/±Infinity, labels outside {0, 1} for binary metrics, one class for AUC, groups
 * not summing to the row count, k < 1).
 *
 * Ranking metrics take either grouped rows `(labels, scores, groups, k)` — `groups` are query sizes,
 * ties in scores keep row order — or per-user lists `(recommended, relevant, k)`.
 *
 * @example
 * ```ts
 * import { auc, getMetric, ndcgAtK, recallAtK } from "./mod.ts";
 * auc([0, 1, 1, 0], [0.2, 0.9, 0.6, 0.4]); // 1
 * ndcgAtK([0, 1, 2], [3, 2, 1], [3], 3); // 0.5869
 * recallAtK([[5, 3, 9]], [new Set([3, 4])], 2); // 0.5
 * getMetric("ndcg@5").higherIsBetter; // true
 * ```
 * @module
 */
export type { Metric, MetricInput } from "./metric.ts";
export { auc, type RocCurve, rocCurve } from "./auc.ts";
export { averagePrecision, type PrCurve, prCurve } from "./pr_curve.ts";
export { LOG_LOSS_EPS, logLoss, type LogLossOptions } from "./log_loss.ts";
export { brierScore } from "./brier.ts";
export {
  expectedCalibrationError,
  maxCalibrationError,
  type ReliabilityBin,
  reliabilityBins,
  type ReliabilityOptions,
} from "./reliability.ts";
export { meanAbsoluteError } from "./mae.ts";
export { meanSquaredError, rootMeanSquaredError } from "./rmse.ts";
export { r2Score } from "./r2.ts";
export { type MapeOptions, meanAbsolutePercentageError } from "./mape.ts";
export type { RecommendedLists, RelevantItems } from "./_ranking.ts";
export { precisionAtK } from "./precision_at_k.ts";
export { recallAtK } from "./recall_at_k.ts";
export { hitRateAtK } from "./hit_rate_at_k.ts";
export { meanReciprocalRank } from "./mrr.ts";
export { meanAveragePrecisionAtK } from "./map_at_k.ts";
export { ndcgAtK, ndcgAtKPerQuery } from "./ndcg.ts";
export { catalogCoverage } from "./coverage.ts";
export {
  psi,
  PSI_EPSILON,
  PSI_THRESHOLDS,
  type PsiBin,
  psiByFeature,
  psiEdges,
  psiLevel,
  type PsiOptions,
  type PsiResult,
} from "./psi.ts";
export { kolmogorovSf, type KsResult, ksTwoSample } from "./ks.ts";
export { bootstrapCI, type BootstrapOptions, type BootstrapResult } from "./bootstrap.ts";
export { getMetric, listMetrics } from "./registry.ts";
