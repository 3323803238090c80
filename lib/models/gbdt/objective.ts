/**
 * The contract between the GBDT booster and its objectives (binary, regression, poisson, lambdarank,
 * multiclass). An objective turns labels and current raw scores into per-row gradients and hessians;
 * the booster and grower know nothing else about the loss.
 *
 * Layouts: with `K = nOutputs` and `n` rows, raw scores are row-major `raw[i * K + k]`; gradients and
 * hessians are output-major `grad[k * n + i]` so the grower for output k reads one contiguous slice.
 * @module
 */

/** Names of the built-in objectives. */
export type ObjectiveName = "binary" | "regression" | "poisson" | "lambdarank" | "multiclass";

/** A training loss. Implementations live in `objectives/`, one per file. */
export interface Objective {
  readonly name: ObjectiveName;
  /** Number of raw outputs per row (K classes for multiclass, else 1). */
  readonly nOutputs: number;
  /** Throws InputError naming "labels" (or "groups") when labels are invalid for this objective. */
  validate(labels: ArrayLike<number>, groups?: ArrayLike<number>): void;
  /** Constant starting raw score per output (e.g. log-odds of the base rate). Length nOutputs. */
  initScore(labels: ArrayLike<number>, weights?: ArrayLike<number>): Float64Array;
  /**
   * True when {@link gradients} accepts a row range `[from, to)`, and the calls over the ranges of any
   * partition of the rows fill every row exactly as one call over all rows does (so the booster may
   * split the rows between threads). Every built-in objective does: the row-wise ones fill the rows
   * of the range, lambdarank (whose gradients couple the rows of a query) the queries that start in it.
   */
  readonly rowRanges?: boolean;
  /**
   * Fills `grad` and `hess` (length n·K, output-major) from the current raw scores (length n·K,
   * row-major). With {@link rowRanges}, only the part of `[from, to)` (default all n rows); other
   * objectives are always called without a range.
   */
  gradients(
    labels: ArrayLike<number>,
    raw: Float64Array,
    weights: ArrayLike<number> | undefined,
    grad: Float32Array,
    hess: Float32Array,
    from?: number,
    to?: number,
  ): void;
  /** Maps raw scores (row-major, n·K) to the prediction scale: probabilities, expected counts, or identity. */
  transform(raw: Float64Array): Float64Array;
}

/** Options that configure an objective. */
export interface ObjectiveOptions {
  /** Query group sizes for lambdarank (sum = number of rows). */
  groups?: ArrayLike<number>;
  /** NDCG truncation level for lambdarank (LightGBM's lambdarank_truncation_level / eval_at). Default 30. */
  ndcgTruncation?: number;
  /** Number of classes for multiclass. */
  numClass?: number;
  /** Weight multiplier for positive rows in binary (imbalanced data). Default 1. */
  scalePosWeight?: number;
}
