import assert from "node:assert/strict";
import fc from "fast-check";
import { makeInteractions, userItemSets } from "./interactions.ts";
import { ItemKnnRecommender } from "./item_knn.ts";

/** Items 0..3 and their users U(i): U(0) = {0,1,2}, U(1) = {0,1}, U(2) = {0}, U(3) = {}; timestamps 1..6. */
const x = makeInteractions({
  user: [0, 1, 2, 0, 1, 0],
  item: [0, 0, 0, 1, 1, 2],
  timestamp: [1, 2, 3, 4, 5, 6],
  nItems: 4,
});

Deno.test("ItemKnnRecommender: hand-computed cosine similarities and scores", () => {
  const knn = new ItemKnnRecommender(x);
  // sim(0,1) = 2/√(3·2) = 0.8165, sim(0,2) = 1/√3 = 0.5774, sim(1,2) = 1/√2 = 0.7071
  const nb = (i: number) =>
    Array.from(knn.neighbourIds.subarray(knn.nbStart[i]!, knn.nbStart[i + 1]!)).map((
      j,
      r,
    ) => [j, +knn.neighbourSims[knn.nbStart[i]! + r]!.toFixed(4)]);
  assert.deepEqual(nb(0), [[1, 0.8165], [2, 0.5774]]);
  assert.deepEqual(nb(2), [[1, 0.7071], [0, 0.5774]]);
  assert.deepEqual(nb(3), []);
  // user 2 has item 0 only: scores item1 0.8165 > item2 0.5774; item 3 comes from the popularity fill.
  assert.deepEqual(knn.recommend([2], 3, userItemSets(x)), [[1, 2, 3]]);
  const s = knn.scoresFor(1); // history {0, 1}: item 2 = 0.5774 + 0.7071
  assert.ok(Math.abs(s[2]! - (1 / Math.sqrt(3) + 1 / Math.SQRT2)) < 1e-6);
});

Deno.test("ItemKnnRecommender: equals a brute-force cosine kNN (fast-check)", () => {
  const arb = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 7 })), {
    minLength: 1,
    maxLength: 30,
  });
  fc.assert(
    fc.property(arb, fc.integer({ min: 1, max: 3 }), (pairs, m) => {
      const x = makeInteractions({
        user: pairs.map((p) => p[0]),
        item: pairs.map((p) => p[1]),
        timestamp: pairs.map((_, j) => j),
        nUsers: 6,
        nItems: 8,
      });
      const knn = new ItemKnnRecommender(x, { neighbours: m, shrink: 0.5 });
      const sets = Array.from(
        { length: 8 },
        (_, i) => new Set(pairs.filter((p) => p[1] === i).map((p) => p[0])),
      );
      const sim = (i: number, j: number) =>
        [...sets[i]!].filter((u) => sets[j]!.has(u)).length /
        (Math.sqrt(sets[i]!.size * sets[j]!.size) + 0.5);
      for (let u = 0; u < 6; u++) {
        const hist = new Set(pairs.filter((p) => p[0] === u).map((p) => p[1]));
        const expected = new Float64Array(8);
        for (const j of hist) {
          const nbs = Array.from({ length: 8 }, (_, i) => i).filter((i) => i !== j && sim(i, j) > 0).sort((
            a,
            b,
          ) => sim(b, j) - sim(a, j) || a - b);
          for (const i of nbs.slice(0, m)) expected[i]! += sim(i, j);
        }
        const got = knn.scoresFor(u);
        for (let i = 0; i < 8; i++) assert.ok(Math.abs(got[i]! - expected[i]!) < 1e-5, `user ${u} item ${i}`);
      }
    }),
    { numRuns: 100 },
  );
});

Deno.test("ItemKnnRecommender popularityHalfLife: scores × hand-computed decayed popularity; fill in decayed order", () => {
  // tMax = 6, half-life 2.
  // decayed popularity: item0 rows t=1,2,3 → 2^-2.5 + 2^-2 + 2^-1.5; item1 t=4,5 → 2^-1 + 2^-0.5; item2 t=6 → 1
  const plain = new ItemKnnRecommender(x), timed = new ItemKnnRecommender(x, { popularityHalfLife: 2 });
  const pop = [2 ** -2.5 + 2 ** -2 + 2 ** -1.5, 2 ** -1 + 2 ** -0.5, 1, 0];
  for (let u = 0; u < 3; u++) {
    const a = plain.scoresFor(u), b = timed.scoresFor(u);
    for (let i = 0; i < 4; i++) assert.ok(Math.abs(b[i]! - a[i]! * pop[i]!) < 1e-9, `user ${u} item ${i}`);
  }
  // user 1 (history {0, 1}): only item 2 is scored (0.5774 + 0.7071) × 1; item 3 (never seen) fills last.
  assert.deepEqual(timed.recommend([1], 3, userItemSets(x)), [[2, 3]]);
  // user 1 without exclusion: plain scores tie items 0 and 1 at 0.8165 (lower index first); weighted,
  // item 1 (0.8165 × 1.2071) overtakes item 0 (0.8165 × 1.0842); item 2 (1.2845 × 1) stays first.
  assert.deepEqual(plain.recommend([1], 3), [[2, 0, 1]]);
  assert.deepEqual(timed.recommend([1], 3), [[2, 1, 0]]);
  assert.equal(timed.name, "item-knn × recency-decayed popularity");
  assert.throws(() => new ItemKnnRecommender(x, { popularityHalfLife: 0 }), /popularityHalfLife/);
  assert.throws(() => new ItemKnnRecommender(x, { popularityHalfLife: NaN }), /popularityHalfLife/);
});
