/**
 * LambdaMART for ranking with NDCG@k (LightGBM `lambdarank`, XGBoost `rank:ndcg`).
 *
 * Rows come in query groups (`groups[q]` = rows of query q, consecutive, summing to n). Within a query,
 * documents are sorted by current score; for every pair (i, j) with different labels where at least the
 * better-placed one sits above the truncation level k, with `h` the more relevant and `l` the less:
 * - `Δs = s_h − s_l`, `ρ = 1 / (1 + e^(σ·Δs))` (σ = 1)
 * - `|ΔNDCG| = (G(y_h) − G(y_l)) · |D(r_h) − D(r_l)| / maxDCG@k`, with gain `G(y) = 2^y − 1`,
 *   discount `D(r) = 1 / log2(2 + r)` (r the 0-based position) and maxDCG@k of the ideal order;
 * - with `norm` (default true, like LightGBM) `|ΔNDCG|` is divided by `0.01 + |Δs|` (unless all scores
 *   of the query are equal);
 * - `λ = −σ·ρ·|ΔNDCG|` is added to grad[h] and subtracted from grad[l]; `σ²·ρ(1 − ρ)·|ΔNDCG|` is added
 *   to both hessians.
 * With `norm`, a query's gradients and hessians are then scaled by `log2(1 + S) / S` where
 * `S = Σ 2|λ|` over its pairs. Row weights multiply a row's gradient and hessian. The raw score is
 * the ranking score itself: the initial score is 0 and `transform` is the identity.
 *
 * This is LightGBM's `lambdarank` objective, defaults included (`lambdarank_truncation_level` 30,
 * `lambdarank_norm` true, `sigmoid` 1, `label_gain` 2^y − 1). Checked against LightGBM 4.7 itself:
 * per-document gradients and hessians agree to the precision of its sigmoid lookup table
 * (lambdarank_test.ts), and on LightGBM's lambdarank example the first tree is the same, split for
 * split and leaf for leaf.
 * XGBoost 1.7's `rank:ndcg` differs: it samples one pair per document at random, weights it by
 * |ΔNDCG| over the whole list, and has no distance or per-query normalisation. The defaults were not
 * tuned on a test set; a 5-fold cross-validation over the example's 201 training queries (100 trees,
 * 64 leaves, depth 6, learning rate 0.1) gave NDCG@5 0.691 with them, 0.682 without `norm`, 0.683 with
 * σ = 2 and 0.696 with σ = 0.5 (fold-to-fold spread ≈ 0.04), so they stay; 10×5-fold CV (bench
 * gbdt_defaults_cv) puts σ = 0.5 and 2 within 0.3 s.e. of σ = 1, and this objective level with
 * XGBoost's `rank:ndcg` (+0.0008 ± 0.0033 NDCG@5).
 * LightGBM's bin construction (min_data_in_bin, zero bin, GreedyFindBin) is available as
 * `binning: "lightgbm"` (edges equal LightGBM 4.7's, lightgbm_bins_test.ts). In 10×5-fold CV on the
 * training files (bench gbdt_binning_cv) it gave lambdarank NDCG@5 +0.0024 ± 0.0022 but was worse on
 * binary (log loss +0.0013 ± 0.0006) and regression (RMSE +0.0005 ± 0.0003), so the default binning
 * stays "quantile" (its test-set figures are in bench gbdt, for information only).
 * @module
 */
import { InputError } from "../../../errors.ts";
import { requireIntInRange } from "../../../validate.ts";
import type { Objective } from "../objective.ts";

/** Largest relevance label (LightGBM's default label_gain table has 31 entries). */
export const MAX_LABEL = 30;

/** Gain `2^y − 1` of each relevance label y ≤ {@link MAX_LABEL}. */
const LABEL_GAIN = Float64Array.from({ length: MAX_LABEL + 1 }, (_, y) => 2 ** y - 1);

/** Per-query work buffers of {@link LambdarankObjective.gradients} (sized for the largest query). */
interface QueryBuffers {
  /** The query's rows in rank order (by score, descending). */
  order: Int32Array;
  /** Label and score of the document at each rank. */
  label: Int32Array;
  score: Float64Array;
  lambdaByRank: Float64Array;
  hessianByRank: Float64Array;
  /** Results by row of the query. */
  lambdas: Float64Array;
  hessians: Float64Array;
  /** `1 / log2(2 + r)` for each rank r. */
  discount: Float64Array;
}

/** Options of the lambdarank objective. */
export interface LambdarankOptions {
  /** Query group sizes (each ≥ 1, sum = number of rows). May instead be given to `validate`. */
  groups?: ArrayLike<number>;
  /** NDCG truncation level k: pairs are formed only from the top k positions. Default 30. */
  ndcgTruncation?: number;
  /** Normalise by score distance and per-query lambda sum, as LightGBM's `lambdarank_norm`. Default true. */
  norm?: boolean;
  /** Sigmoid steepness σ. Default 1. */
  sigmoid?: number;
}

/**
 * Validates query group sizes against the row count; returns them as an Int32Array.
 * Throws InputError naming "groups".
 */
export function checkGroups(groups: ArrayLike<number> | undefined, nRows: number): Int32Array {
  if (groups === undefined) throw new InputError("groups", "are required by the lambdarank objective");
  if (groups.length === 0) throw new InputError("groups", "must not be empty");
  let sum = 0;
  for (let q = 0; q < groups.length; q++) {
    const g = groups[q]!;
    if (!Number.isInteger(g) || g < 1) {
      throw new InputError("groups", `size at index ${q} is ${g}; expected a positive integer`);
    }
    sum += g;
  }
  if (sum !== nRows) throw new InputError("groups", `sizes sum to ${sum} but there are ${nRows} rows`);
  return Int32Array.from(groups);
}

/**
 * LambdaMART objective.
 *
 * @example
 * ```ts
 * import { LambdarankObjective } from "./lambdarank.ts";
 * const obj = new LambdarankObjective({ groups: [3] });
 * const grad = new Float32Array(3), hess = new Float32Array(3);
 * obj.gradients([0, 1, 2], new Float64Array(3), undefined, grad, hess);
 * // grad[2] < 0: the most relevant document is pushed up
 * ```
 */
export class LambdarankObjective implements Objective {
  readonly name = "lambdarank" as const;
  readonly nOutputs = 1;
  /** Gradients over a row range fill the queries that start in it. */
  readonly rowRanges = true;
  readonly truncation: number;
  readonly norm: boolean;
  readonly sigma: number;
  #groups: Int32Array | undefined;
  /** First row of each query, then the row count. */
  #starts: Int32Array | undefined;
  /** Rows of the largest query. */
  #maxCount = 0;
  /** Cached 1 / maxDCG@k per query, keyed by the labels array it was computed from. */
  #inverseMaxDcg: Float64Array | undefined;
  #cachedLabels: ArrayLike<number> | undefined;
  #buf: QueryBuffers | undefined;

  constructor(options: LambdarankOptions = {}) {
    this.truncation = options.ndcgTruncation ?? 30;
    requireIntInRange("ndcgTruncation", this.truncation, 1, 1 << 30);
    this.norm = options.norm ?? true;
    this.sigma = options.sigmoid ?? 1;
    if (!(this.sigma > 0) || !Number.isFinite(this.sigma)) {
      throw new InputError("sigmoid", `must be a positive number, got ${this.sigma}`);
    }
    if (options.groups !== undefined) this.#setGroups(Int32Array.from(options.groups));
  }

  /**
   * Labels must be integers in [0, 30]; groups (the argument, else the constructor's) must be positive
   * and sum to the number of labels. Groups passed here replace the constructor's.
   */
  validate(labels: ArrayLike<number>, groups?: ArrayLike<number>): void {
    if (labels.length === 0) throw new InputError("labels", "must not be empty");
    for (let i = 0; i < labels.length; i++) {
      const y = labels[i]!;
      if (!Number.isInteger(y) || y < 0 || y > MAX_LABEL) {
        throw new InputError(
          "labels",
          `value at index ${i} is ${y}; expected an integer relevance in [0, ${MAX_LABEL}]`,
        );
      }
    }
    this.#setGroups(checkGroups(groups ?? this.#groups, labels.length));
    this.#inverseMaxDcg = undefined;
  }

  #setGroups(groups: Int32Array): void {
    this.#groups = groups;
    const starts = new Int32Array(groups.length + 1);
    let maxCount = 0;
    for (let q = 0; q < groups.length; q++) {
      starts[q + 1] = starts[q]! + groups[q]!;
      maxCount = Math.max(maxCount, groups[q]!);
    }
    this.#starts = starts;
    this.#maxCount = maxCount;
  }

  /** Always 0: ranking scores are only compared within a query. */
  initScore(): Float64Array {
    return new Float64Array(1);
  }

  /**
   * Lambda gradients and hessians (see the module doc) of the queries whose first row lies in
   * `[from, to)` (default: all rows, so all queries).
   */
  gradients(
    labels: ArrayLike<number>,
    raw: Float64Array,
    weights: ArrayLike<number> | undefined,
    grad: Float32Array,
    hess: Float32Array,
    from = 0,
    to: number = labels.length,
  ): void {
    const groups = this.#groups, starts = this.#starts;
    if (groups === undefined || starts === undefined) {
      throw new InputError("groups", "are required by the lambdarank objective");
    }
    if (this.#inverseMaxDcg === undefined || this.#cachedLabels !== labels) {
      this.#inverseMaxDcg = inverseMaxDcgs(labels, groups, this.truncation);
      this.#cachedLabels = labels;
    }
    const inv = this.#inverseMaxDcg;
    const buf = this.#buffers(this.#maxCount);
    for (let q = firstStartAtOrAfter(starts, from); q < groups.length && starts[q]! < to; q++) {
      const cnt = groups[q]!, start = starts[q]!;
      this.#oneQuery(labels, raw, start, cnt, inv[q]!, buf);
      const { lambdas, hessians } = buf;
      for (let i = 0; i < cnt; i++) {
        const w = weights ? weights[start + i]! : 1;
        grad[start + i] = w * lambdas[i]!;
        hess[start + i] = w * hessians[i]!;
      }
    }
  }

  /** Work buffers for queries of up to `n` rows, and the discount `1 / log2(2 + r)` of positions r < n. */
  #buffers(n: number): QueryBuffers {
    if (this.#buf === undefined || this.#buf.order.length < n) {
      const discount = new Float64Array(n);
      for (let r = 0; r < n; r++) discount[r] = 1 / Math.log2(2 + r);
      this.#buf = {
        order: new Int32Array(n),
        label: new Int32Array(n),
        score: new Float64Array(n),
        lambdaByRank: new Float64Array(n),
        hessianByRank: new Float64Array(n),
        lambdas: new Float64Array(n),
        hessians: new Float64Array(n),
        discount,
      };
    }
    return this.#buf;
  }

  /**
   * One query's lambdas and hessians into `buf.lambdas` / `buf.hessians` (by row of the query). The
   * pair loop reads labels and scores copied in rank order, and accumulates by rank: the same sums,
   * term for term and in the same order, as accumulating by row.
   */
  #oneQuery(
    labels: ArrayLike<number>,
    raw: Float64Array,
    start: number,
    cnt: number,
    inverseMaxDcg: number,
    buf: QueryBuffers,
  ): void {
    const { label, score, lambdaByRank, hessianByRank, lambdas, hessians, discount } = buf;
    lambdas.fill(0, 0, cnt);
    hessians.fill(0, 0, cnt);
    if (cnt < 2 || inverseMaxDcg === 0) return;
    const order = buf.order.subarray(0, cnt);
    for (let i = 0; i < cnt; i++) order[i] = i;
    order.sort((a, b) => raw[start + b]! - raw[start + a]!);
    for (let i = 0; i < cnt; i++) {
      label[i] = labels[start + order[i]!]!;
      score[i] = raw[start + order[i]!]!;
    }
    lambdaByRank.fill(0, 0, cnt);
    hessianByRank.fill(0, 0, cnt);
    const scaleByDistance = this.norm && score[0] !== score[cnt - 1];
    const sigma = this.sigma;
    let sumLambdas = 0;
    const top = Math.min(cnt - 1, this.truncation);
    for (let i = 0; i < top; i++) {
      const la = label[i]!;
      for (let j = i + 1; j < cnt; j++) {
        const lb = label[j]!;
        if (la === lb) continue;
        // h, l: the ranks of the more and the less relevant document of the pair
        const h = la > lb ? i : j, l = la > lb ? j : i;
        const deltaScore = score[h]! - score[l]!;
        const gainGap = LABEL_GAIN[label[h]!]! - LABEL_GAIN[label[l]!]!;
        const discountGap = Math.abs(discount[h]! - discount[l]!);
        let deltaNdcg = gainGap * discountGap * inverseMaxDcg;
        if (scaleByDistance) deltaNdcg /= 0.01 + Math.abs(deltaScore);
        const rho = 1 / (1 + Math.exp(sigma * deltaScore));
        const lambda = -sigma * rho * deltaNdcg;
        const hessian = sigma * sigma * rho * (1 - rho) * deltaNdcg;
        lambdaByRank[h] = lambdaByRank[h]! + lambda;
        lambdaByRank[l] = lambdaByRank[l]! - lambda;
        hessianByRank[h] = hessianByRank[h]! + hessian;
        hessianByRank[l] = hessianByRank[l]! + hessian;
        sumLambdas -= 2 * lambda;
      }
    }
    const factor = this.norm && sumLambdas > 0 ? Math.log2(1 + sumLambdas) / sumLambdas : 1;
    for (let r = 0; r < cnt; r++) {
      lambdas[order[r]!] = lambdaByRank[r]! * factor;
      hessians[order[r]!] = hessianByRank[r]! * factor;
    }
  }

  /** Identity: the raw score is the ranking score. */
  transform(raw: Float64Array): Float64Array {
    return Float64Array.from(raw);
  }
}

/** The first query whose first row is ≥ `row` (binary search over the query starts). */
function firstStartAtOrAfter(starts: Int32Array, row: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 1 / (ideal DCG@k) per query; 0 for a query whose labels are all 0 (it contributes no gradient). */
export function inverseMaxDcgs(
  labels: ArrayLike<number>,
  groups: ArrayLike<number>,
  k: number,
): Float64Array {
  const out = new Float64Array(groups.length);
  let start = 0;
  for (let q = 0; q < groups.length; q++) {
    const cnt = groups[q]!;
    const sorted = Array.from({ length: cnt }, (_, i) => labels[start + i]!).sort((x, y) => y - x);
    let dcg = 0;
    for (let r = 0; r < Math.min(k, cnt); r++) dcg += (2 ** sorted[r]! - 1) / Math.log2(2 + r);
    out[q] = dcg > 0 ? 1 / dcg : 0;
    start += cnt;
  }
  return out;
}
