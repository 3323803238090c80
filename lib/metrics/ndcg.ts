/**
 * Normalised discounted cumulative gain at k, as LightGBM's `ndcg@k` metric:
 *
 * `DCG@k = Σ_{r=1..k} (2^{rel_r} − 1) / log2(r + 1)` over the ranked items,
 * `NDCG@k = DCG@k / IDCG@k` where IDCG@k is the DCG of the ideal order (relevances sorted descending).
 *
 * - Exponential gain `2^rel − 1` (LightGBM's default `label_gain`); relevance 0 gains nothing.
 * - A query with no relevant item (IDCG = 0) counts as NDCG = 1, as LightGBM does by default.
 * - Ties in scores are broken by original row order (stable sort), as LightGBM's `std::stable_sort`;
 *   scikit-learn's `ndcg_score` instead averages over tied items, so the two differ only on ties.
 * - A query shorter than k uses all its items (k is clipped to the query size).
 * - In the per-user list form the ideal order is built from the user's whole relevant set, including
 *   relevant items missing from the list, so unrecommended relevant items lower the score.
 *
 * @example
 * ```ts
 * import { ndcgAtK } from "./ndcg.ts";
 * // one query, grades in ranked order 0, 1, 2 (scores descending)
 * ndcgAtK([0, 1, 2], [3, 2, 1], [3], 3); // (1/log2 3 + 3/2) / (3 + 1/log2 3) ≈ 0.5869
 * ```
 * @module
 */
import type { NumArray } from "../validate.ts";
import { queriesFromArgs, type RankedQuery, type RecommendedLists, type RelevantItems } from "./_ranking.ts";

function dcg(grades: Float64Array, k: number): number {
  const end = Math.min(k, grades.length);
  let sum = 0;
  for (let r = 0; r < end; r++) {
    const g = grades[r]!;
    if (g > 0) sum += (Math.pow(2, g) - 1) / Math.log2(r + 2);
  }
  return sum;
}

function queryNdcg(q: RankedQuery, k: number): number {
  const ideal = dcg(q.ideal, k);
  return ideal > 0 ? dcg(q.ranked, k) / ideal : 1;
}

/** NDCG@k of each query of grouped rows, in query order. */
export function ndcgAtKPerQuery(
  labels: NumArray,
  scores: NumArray,
  groups: NumArray,
  k: number,
): Float64Array;
/** NDCG@k of each user's recommendation list, in user order. */
export function ndcgAtKPerQuery(
  recommended: RecommendedLists,
  relevant: readonly RelevantItems[],
  k: number,
): Float64Array;
export function ndcgAtKPerQuery(...args: unknown[]): Float64Array {
  const { queries, k } = queriesFromArgs(args);
  return Float64Array.from(queries, (q) => queryNdcg(q, k));
}

/** Mean NDCG@k over all queries (queries without a relevant item count as 1). `k = Infinity`: full lists. */
export function ndcgAtK(labels: NumArray, scores: NumArray, groups: NumArray, k: number): number;
/** Mean NDCG@k over all users (users without a relevant item count as 1). */
export function ndcgAtK(recommended: RecommendedLists, relevant: readonly RelevantItems[], k: number): number;
export function ndcgAtK(...args: unknown[]): number {
  const per = (ndcgAtKPerQuery as (...a: unknown[]) => Float64Array)(...args);
  let sum = 0;
  for (const v of per) sum += v;
  return sum / per.length;
}
