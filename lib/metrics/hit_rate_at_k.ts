/**
 * Hit rate@k: the fraction of queries (users) with at least one relevant item in their top k. Queries
 * with no relevant item are left out (they cannot be hit); if no query has one, an InputError is thrown.
 *
 * Two call shapes (see `_ranking.ts` for the tie rule: equal scores keep row order):
 * - grouped rows: `hitRateAtK(labels, scores, groups, k)`, relevant = label > 0;
 * - per-user lists: `hitRateAtK(recommended, relevant, k)`.
 *
 * @example
 * ```ts
 * import { hitRateAtK } from "./hit_rate_at_k.ts";
 * hitRateAtK([[5, 3], [1, 2]], [[3], [7]], 2); // user 0 hit, user 1 not → 0.5
 * ```
 * @module
 */
import type { NumArray } from "../validate.ts";
import {
  hitsAtK,
  meanOverQueries,
  queriesFromArgs,
  type RecommendedLists,
  type RelevantItems,
} from "./_ranking.ts";

/** Hit rate@k over queries of grouped rows that have a relevant row. */
export function hitRateAtK(labels: NumArray, scores: NumArray, groups: NumArray, k: number): number;
/** Hit rate@k over users with at least one relevant item. */
export function hitRateAtK(
  recommended: RecommendedLists,
  relevant: readonly RelevantItems[],
  k: number,
): number;
export function hitRateAtK(...args: unknown[]): number {
  const { queries, k } = queriesFromArgs(args);
  return meanOverQueries(
    queries.map((q) => q.ideal.length === 0 ? null : hitsAtK(q.ranked, k) > 0 ? 1 : 0),
    "hit rate@k",
  );
}
