import assert from "node:assert/strict";
import { InputError } from "../errors.ts";
import { makeInteractions, userItemSets } from "./interactions.ts";
import { PopularityRecommender } from "./popularity.ts";

Deno.test("PopularityRecommender: hand-computed counts, ties by lower id, exclusion", () => {
  // item counts (summed rating): 0 → 1, 1 → 3, 2 → 3, 3 → 0, 4 → 2
  const x = makeInteractions({
    user: [0, 1, 2, 0, 1, 2, 3, 3],
    item: [1, 1, 1, 2, 2, 4, 4, 0],
    rating: [1, 1, 1, 2, 1, 1, 1, 1],
    timestamp: [1, 2, 3, 4, 5, 6, 7, 8],
    nItems: 5,
  });
  const pop = new PopularityRecommender(x);
  assert.deepEqual(Array.from(pop.counts), [1, 3, 3, 0, 2]);
  assert.deepEqual(Array.from(pop.order), [1, 2, 4, 0, 3]);
  assert.deepEqual(pop.recommend([0, 3], 3, userItemSets(x)), [[4, 0, 3], [1, 2, 3]]);
  assert.deepEqual(pop.recommend([0], 9), [[1, 2, 4, 0, 3]]);
  assert.throws(() => pop.recommend([4], 1), InputError);
  assert.throws(() => pop.recommend([0], 0), InputError);
});

Deno.test("PopularityRecommender: recency decay with a hand-computed half-life", () => {
  // tMax = 20, half-life 10: item 0 has two old rows (t = 0 → weight 0.25 each), item 1 one new row (1).
  const x = makeInteractions({ user: [0, 1, 2], item: [0, 0, 1], timestamp: [0, 0, 20] });
  const plain = new PopularityRecommender(x), decayed = new PopularityRecommender(x, { halfLife: 10 });
  assert.deepEqual(Array.from(plain.order), [0, 1]);
  assert.deepEqual(Array.from(decayed.counts), [0.5, 1]);
  assert.deepEqual(Array.from(decayed.order), [1, 0]);
  assert.throws(() => new PopularityRecommender(x, { halfLife: 0 }), InputError);
});
