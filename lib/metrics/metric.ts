/**
 * The common shape of an evaluation metric, so early stopping, experiments and reports can take
 * "any metric from lib/metrics" by name (`getMetric("auc")`, `getMetric("ndcg@5")`).
 * @module
 */

/** Inputs a metric may need: ranking metrics need `groups` (query sizes, summing to the row count). */
export interface MetricInput {
  readonly labels: ArrayLike<number>;
  /** Predictions: probabilities, values or scores, one per row. */
  readonly predictions: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
  readonly groups?: ArrayLike<number>;
}

/** A named metric with its direction. */
export interface Metric {
  /** Canonical name, e.g. "auc", "logloss", "rmse", "ndcg@5". */
  readonly name: string;
  /** True for AUC/NDCG (bigger is better), false for losses and errors. */
  readonly higherIsBetter: boolean;
  /** Computes the metric; throws InputError on bad input. */
  compute(input: MetricInput): number;
}
