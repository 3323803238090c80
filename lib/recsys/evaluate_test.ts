import assert from "node:assert/strict";
import { evaluateRecommender, metricsOfLists } from "./evaluate.ts";
import { makeInteractions } from "./interactions.ts";
import { PopularityRecommender } from "./popularity.ts";
import { temporalLeaveLastNOut } from "./temporal_split.ts";

Deno.test("metricsOfLists: hand-computed values", () => {
  // user A: relevant 3 at rank 2; user B: relevant 9 not in the list.
  const m = metricsOfLists([[1, 3, 5], [2, 4, 6]], [new Set([3]), new Set([9])], 10);
  assert.equal(m.recallAt5, 0.5);
  assert.ok(Math.abs(m.ndcgAt10 - 0.5 / Math.log2(3)) < 1e-12); // (1/log2(3) + 0) / 2
  assert.equal(m.mrr, 0.25); // (1/2 + 0) / 2
  assert.equal(m.coverageAt10, 0.6);
  assert.equal(m.users, 2);
});

Deno.test("evaluateRecommender: popularity on a log where the answer is known", () => {
  // Everyone's last item is item 0, the most popular among the rest; user 2 saw it already in train.
  const x = makeInteractions({
    user: [0, 0, 1, 1, 2, 2, 2],
    item: [1, 0, 2, 0, 0, 2, 1],
    timestamp: [1, 2, 1, 2, 1, 2, 3],
    nItems: 4,
  });
  const split = temporalLeaveLastNOut(x, { n: 1 });
  const m = evaluateRecommender(new PopularityRecommender(split.train), split);
  // train counts: 0 → 1 (user 2), 1 → 1, 2 → 2. User 0 (seen 1): [2, 0, 3] → test 0 at rank 2.
  // User 1 (seen 2): [0, 1, 3] → test 0 at rank 1. User 2 (seen 0, 2): [1, 3] → test 1 at rank 1.
  assert.equal(m.recallAt5, 1);
  assert.ok(Math.abs(m.mrr - (0.5 + 1 + 1) / 3) < 1e-12);
});
