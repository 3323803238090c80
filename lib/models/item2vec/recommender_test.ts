import assert from "node:assert/strict";
import { Rng } from "../../random/mod.ts";
import {
  evaluateRecommender,
  makeInteractions,
  PopularityRecommender,
  sessionsOf,
  temporalLeaveLastNOut,
  userItemSets,
} from "../../recsys/mod.ts";
import { fitItem2Vec } from "./fit.ts";
import { Item2VecRecommender } from "./recommender.ts";

/** 120 users in 4 groups; 12 orders of 3 items each from the user's group's 50 items (item i in group i mod 4). */
function plantedOrders(seed: number) {
  const rng = new Rng(seed), user: number[] = [], item: number[] = [], ts: number[] = [];
  for (let u = 0; u < 120; u++) {
    for (let o = 0; o < 12; o++) {
      for (let j = 0; j < 3; j++) {
        user.push(u);
        item.push((u % 4) + 4 * rng.int(50));
        ts.push(o * 100 + u);
      }
    }
  }
  return makeInteractions({ user, item, timestamp: ts, nUsers: 121, nItems: 200 }); // user 120 never buys
}

Deno.test("Item2VecRecommender: orders → sessions → item2vec candidates stay in the user's group and beat popularity", () => {
  const log = plantedOrders(1);
  const split = temporalLeaveLastNOut(log, { n: 1 });
  const model = fitItem2Vec(sessionsOf(split.train), { params: { dim: 8, epochs: 10 }, seed: 2 });
  const rec = new Item2VecRecommender(model, split.train);
  const lists = rec.recommend(split.testUsers, 5, userItemSets(split.train));
  let inGroup = 0, total = 0;
  lists.forEach((l, j) => l.forEach((i) => (total++, inGroup += i % 4 === split.testUsers[j]! % 4 ? 1 : 0)));
  assert.ok(inGroup / total > 0.9, `in-group share ${inGroup / total}`);
  const ours = evaluateRecommender(rec, split),
    pop = evaluateRecommender(new PopularityRecommender(split.train), split);
  assert.ok(
    ours.recallAt10 > pop.recallAt10 + 0.1,
    `item2vec ${ours.recallAt10} vs popularity ${pop.recallAt10}`,
  );
});

Deno.test("Item2VecRecommender: never the user's history; cold users get popularity; full lists; bad users are InputErrors", () => {
  const log = plantedOrders(3);
  const model = fitItem2Vec(sessionsOf(log), { params: { dim: 8, epochs: 3 }, seed: 1 });
  const rec = new Item2VecRecommender(model, log);
  const hist = userItemSets(log);
  const histOf0 = new Set(hist.indices.subarray(hist.indptr[0]!, hist.indptr[1]!));
  // Asking for every item: the catalogue minus the history, item2vec's list then popularity's fill.
  const [l0] = rec.recommend([0], 200);
  assert.equal(l0!.length, 200 - histOf0.size);
  assert.ok(l0!.every((i) => !histOf0.has(i)));
  assert.equal(new Set(l0).size, l0!.length);
  // user 120 has no history: the popularity list.
  assert.deepEqual(rec.recommend([120], 4)[0], new PopularityRecommender(log).recommend([120], 4)[0]);
  // An extra exclusion is honoured.
  const top = rec.recommend([1], 3)[0]!;
  const ex = { indptr: Int32Array.of(0, 0, 1), indices: Int32Array.of(top[0]!) };
  assert.ok(!rec.recommend([1], 3, ex)[0]!.includes(top[0]!));
  assert.deepEqual(rec.recommend([1], 3, ex)[0]!.slice(0, 2), top.slice(1));
  assert.throws(() => rec.recommend([121], 3), /users/);
  assert.throws(() => rec.recommend([0], 0), /"?k"?/);
});
