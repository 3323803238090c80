/**
 * Half-life selection for the time-aware baselines of the neural benchmark, so that the comparison with
 * the two-tower is fair: each baseline's half-life is chosen on a validation split (every test user's
 * last train interaction held out of train) from a fixed grid, by NDCG@10 then Recall@10, and the
 * chosen value is refitted on the full train log. The best grid value on the test split itself is
 * reported too, labelled as optimistic (tuned on the data it is scored on). (A helper of
 * `bench/neural.ts`.)
 * @module
 */
import {
  evaluateRecommender,
  type Interactions,
  type Recommender,
  type RecsysMetrics,
  temporalLeaveLastNOut,
  type TemporalSplit,
} from "../../lib/recsys/mod.ts";

/** One grid point scored on the validation and the test split. */
export interface GridPoint {
  halfLifeDays: number;
  valid: { recallAt10: number; ndcgAt10: number };
  test: RecsysMetrics;
  fitSeconds: number;
}

/** The result of a sweep. */
export interface HalfLifeSweep {
  grid: GridPoint[];
  /** Chosen on validation. */
  chosen: GridPoint;
  /** Best on test (optimistic). */
  oracle: GridPoint;
}

const DAY_MS = 86_400_000;

/** The better of two metric sets: NDCG@10, then Recall@10 (a strict improvement is needed). */
function better(a: { ndcgAt10: number; recallAt10: number }, b: { ndcgAt10: number; recallAt10: number }) {
  return a.ndcgAt10 > b.ndcgAt10 || (a.ndcgAt10 === b.ndcgAt10 && a.recallAt10 > b.recallAt10);
}

/**
 * Scores `make(train, halfLifeMs)` for every half-life of `gridDays` on the validation split of
 * `split.train` and on `split` itself. Ties keep the earlier (smaller) grid value.
 */
export function sweepHalfLife(
  split: TemporalSplit,
  gridDays: readonly number[],
  make: (train: Interactions, halfLifeMs: number) => Recommender,
): HalfLifeSweep {
  const valid = temporalLeaveLastNOut(split.train, { n: 1 });
  const grid = gridDays.map((d): GridPoint => {
    const v = evaluateRecommender(make(valid.train, d * DAY_MS), valid);
    const t0 = performance.now();
    const rec = make(split.train, d * DAY_MS);
    const fitSeconds = (performance.now() - t0) / 1000;
    return {
      halfLifeDays: d,
      valid: { recallAt10: v.recallAt10, ndcgAt10: v.ndcgAt10 },
      test: evaluateRecommender(rec, split),
      fitSeconds,
    };
  });
  let chosen = grid[0]!, oracle = grid[0]!;
  for (const g of grid) {
    if (better(g.valid, chosen.valid)) chosen = g;
    if (better(g.test, oracle.test)) oracle = g;
  }
  return { grid, chosen, oracle };
}
