/**
 * Mean average precision at k, as LightGBM's `map@k`:
 *
 * `AP@k = Σ_{r ≤ k, item r relevant} (hits@r / r) / min(#relevant, k)`, averaged over queries.
 *
 * Relevant = grade > 0. Queries with no relevant item are left out (current LightGBM does the same; older
 * versions counted them as 1); if no query has one, an InputError is thrown. Without a cut-off
 * (`k = Infinity`) and without tied scores, AP equals scikit-learn's `average_precision_score` per query.
 *
 * Two call shapes (see `_ranking.ts` for the tie rule: equal scores keep row order):
 * - grouped rows: `meanAveragePrecisionAtK(labels, scores, groups, k)`;
 * - per-user lists: `meanAveragePrecisionAtK(recommended, relevant, k)`; #relevant counts the user's
 *   whole relevant set.
 *
 * @example
 * ```ts
 * import { meanAveragePrecisionAtK } from "./map_at_k.ts";
 * meanAveragePrecisionAtK([[7, 1, 2]], [[1, 2]], 3); // (1/2 + 2/3) / 2 = 0.5833
 * ```
 * @module
 */
import type { NumArray } from "../validate.ts";
import { meanOverQueries, queriesFromArgs, type RecommendedLists, type RelevantItems } from "./_ranking.ts";

/** MAP@k (k = Infinity: full lists) over queries of grouped rows that have a relevant row. */
export function meanAveragePrecisionAtK(
  labels: NumArray,
  scores: NumArray,
  groups: NumArray,
  k: number,
): number;
/** MAP@k over users with at least one relevant item. */
export function meanAveragePrecisionAtK(
  recommended: RecommendedLists,
  relevant: readonly RelevantItems[],
  k: number,
): number;
export function meanAveragePrecisionAtK(...args: unknown[]): number {
  const { queries, k } = queriesFromArgs(args);
  return meanOverQueries(
    queries.map((q) => {
      const nRelevant = q.ideal.length;
      if (nRelevant === 0) return null;
      const end = Math.min(k, q.ranked.length);
      let hits = 0, sum = 0;
      for (let r = 0; r < end; r++) {
        if (q.ranked[r]! > 0) sum += ++hits / (r + 1);
      }
      return sum / Math.min(nRelevant, k);
    }),
    "MAP",
  );
}
