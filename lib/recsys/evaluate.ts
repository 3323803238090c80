/**
 * Offline evaluation of a {@link Recommender} on a held-out log: Recall@5/10/50, NDCG@10, MRR (over the
 * full list) and catalogue coverage@10, computed with `lib/metrics` over the users that have test rows.
 * Train items are excluded from the lists (a user's test item can be one they had in train only if it
 * is a repeat; such repeats count as misses, the usual convention).
 *
 * @example
 * ```ts ignore
 * const split = temporalLeaveLastNOut(log, { n: 1 });
 * const m = evaluateRecommender(new PopularityRecommender(split.train), split);
 * m.recallAt10;
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { catalogCoverage, meanReciprocalRank, ndcgAtK, recallAtK } from "../metrics/mod.ts";
import { relevantSets, userItemSets } from "./interactions.ts";
import type { Recommender } from "./recommender.ts";
import type { TemporalSplit } from "./temporal_split.ts";

/** The metrics reported for every method. */
export interface RecsysMetrics {
  readonly recallAt5: number;
  readonly recallAt10: number;
  readonly recallAt50: number;
  readonly ndcgAt10: number;
  readonly mrr: number;
  /** Share of the catalogue in at least one top-10 list. */
  readonly coverageAt10: number;
  /** Users evaluated. */
  readonly users: number;
}

/** List length used for evaluation (the largest cut-off). */
export const EVAL_LIST_LENGTH = 50;

/** Metrics of ranked lists (one per test user) against the test log's relevant sets. */
export function metricsOfLists(
  lists: readonly (readonly number[])[],
  relevant: readonly Set<number>[],
  nItems: number,
): RecsysMetrics {
  if (lists.length === 0) throw new InputError("lists", "no user to evaluate");
  return {
    recallAt5: recallAtK(lists, relevant, 5),
    recallAt10: recallAtK(lists, relevant, 10),
    recallAt50: recallAtK(lists, relevant, 50),
    ndcgAt10: ndcgAtK(lists, relevant, 10),
    mrr: meanReciprocalRank(lists, relevant, Infinity),
    coverageAt10: catalogCoverage(lists, nItems, 10),
    users: lists.length,
  };
}

/** Recommends 50 items to every test user (excluding their train items) and scores the lists. */
export function evaluateRecommender(rec: Recommender, split: TemporalSplit): RecsysMetrics {
  const users = split.testUsers;
  if (users.length === 0) throw new InputError("split", "has no test users");
  const lists = rec.recommend(users, EVAL_LIST_LENGTH, userItemSets(split.train));
  const rel = relevantSets(split.test);
  return metricsOfLists(lists, Array.from(users, (u) => rel[u]!), split.train.nItems);
}
