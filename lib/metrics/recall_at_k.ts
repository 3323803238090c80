/**
 * Recall@k: the fraction of a query's relevant items found in its top k, `hits@k / #relevant`, averaged
 * over queries (users). Queries with no relevant item are left out of the mean (recall is undefined
 * there); if no query has one, an InputError is thrown.
 *
 * Two call shapes (see `_ranking.ts` for the tie rule: equal scores keep row order):
 * - grouped rows: `recallAtK(labels, scores, groups, k)`, relevant = label > 0;
 * - per-user lists: `recallAtK(recommended, relevant, k)`; relevant items absent from the list count as
 *   misses, so Recall@k measures the whole relevant set.
 *
 * @example
 * ```ts
 * import { recallAtK } from "./recall_at_k.ts";
 * recallAtK([[5, 3, 9]], [new Set([3, 4])], 2); // found 3, missed 4 → 0.5
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

/** Mean Recall@k over queries of grouped rows that have a relevant row. */
export function recallAtK(labels: NumArray, scores: NumArray, groups: NumArray, k: number): number;
/** Mean Recall@k over users with at least one relevant item. */
export function recallAtK(
  recommended: RecommendedLists,
  relevant: readonly RelevantItems[],
  k: number,
): number;
export function recallAtK(...args: unknown[]): number {
  const { queries, k } = queriesFromArgs(args);
  return meanOverQueries(
    queries.map((q) => q.ideal.length === 0 ? null : hitsAtK(q.ranked, k) / q.ideal.length),
    "recall@k",
  );
}
