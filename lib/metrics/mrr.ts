/**
 * Mean reciprocal rank: `1 / rank` of the first relevant item (rank 1 = top), 0 when none is within the
 * cut-off k, averaged over queries. Use `k = Infinity` for the whole list (MRR), a number for MRR@k.
 * Queries with no relevant item are left out; if no query has one, an InputError is thrown.
 *
 * Two call shapes (see `_ranking.ts` for the tie rule: equal scores keep row order):
 * - grouped rows: `meanReciprocalRank(labels, scores, groups, k)`, relevant = label > 0;
 * - per-user lists: `meanReciprocalRank(recommended, relevant, k)`.
 *
 * @example
 * ```ts
 * import { meanReciprocalRank } from "./mrr.ts";
 * meanReciprocalRank([[5, 3, 9], [1, 2]], [[9], [1]], Infinity); // (1/3 + 1) / 2 = 0.6667
 * ```
 * @module
 */
import type { NumArray } from "../validate.ts";
import { meanOverQueries, queriesFromArgs, type RecommendedLists, type RelevantItems } from "./_ranking.ts";

/** MRR (k = Infinity) or MRR@k over queries of grouped rows that have a relevant row. */
export function meanReciprocalRank(labels: NumArray, scores: NumArray, groups: NumArray, k: number): number;
/** MRR (k = Infinity) or MRR@k over users with at least one relevant item. */
export function meanReciprocalRank(
  recommended: RecommendedLists,
  relevant: readonly RelevantItems[],
  k: number,
): number;
export function meanReciprocalRank(...args: unknown[]): number {
  const { queries, k } = queriesFromArgs(args);
  return meanOverQueries(
    queries.map((q) => {
      if (q.ideal.length === 0) return null;
      const end = Math.min(k, q.ranked.length);
      for (let r = 0; r < end; r++) if (q.ranked[r]! > 0) return 1 / (r + 1);
      return 0;
    }),
    "MRR",
  );
}
