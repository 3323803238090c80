/**
 * Precision@k: the fraction of the top-k ranked items that are relevant, `hits@k / k`, averaged over
 * queries (users). The denominator is always k (TREC's P@k), so a query with fewer than k items cannot
 * reach 1; a query with no relevant item scores 0 and is counted. With `k = Infinity` the denominator is the
 * length of the ranked list.
 *
 * Two call shapes (see `_ranking.ts` for the tie rule: equal scores keep row order):
 * - grouped rows: `precisionAtK(labels, scores, groups, k)`, relevant = label > 0;
 * - per-user lists: `precisionAtK(recommended, relevant, k)`.
 *
 * @example
 * ```ts
 * import { precisionAtK } from "./precision_at_k.ts";
 * precisionAtK([[5, 3, 9]], [new Set([3, 4])], 2); // 1 hit in the top 2 → 0.5
 * ```
 * @module
 */
import type { NumArray } from "../validate.ts";
import { hitsAtK, queriesFromArgs, type RecommendedLists, type RelevantItems } from "./_ranking.ts";

/** Mean Precision@k over queries of grouped rows. */
export function precisionAtK(labels: NumArray, scores: NumArray, groups: NumArray, k: number): number;
/** Mean Precision@k over users' recommendation lists. */
export function precisionAtK(
  recommended: RecommendedLists,
  relevant: readonly RelevantItems[],
  k: number,
): number;
export function precisionAtK(...args: unknown[]): number {
  const { queries, k } = queriesFromArgs(args);
  let sum = 0;
  for (const q of queries) sum += hitsAtK(q.ranked, k) / (k === Infinity ? q.ranked.length || 1 : k);
  return sum / queries.length;
}
