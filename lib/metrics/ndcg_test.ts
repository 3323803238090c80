import assert from "node:assert/strict";
import fc from "fast-check";
import { ndcgAtK, ndcgAtKPerQuery } from "./ndcg.ts";
import { assertAllClose, assertClose, assertInputError } from "./_testing.ts";
import { GROUPS, LABELS, RECOMMENDED, RELEVANT, SCORES } from "./_ranking_fixture.ts";

// sklearn's ndcg_score uses linear gain; the exponential-gain references below pass 2^rel − 1 as y_true,
// one query at a time (sklearn 1.2.1):
//   ndcg_score([[2**v - 1 for v in [0,2,1,3]]], [[0.95,0.1,0.9,0.5]], k=k)
//   ndcg_score([[2**v - 1 for v in [1,0,0,2,1]]], [[2,-1,0.5,1.5,3]], k=k)
// Q3 has no relevant item: LightGBM (and we) count 1; sklearn would say 0, so it is not used for Q3.
const SK = {
  1: [0.0, 0.3333333333333333],
  2: [0.07094846566967603, 0.44917689524762666],
  3: [0.439797981079933, 0.757923746068198],
  5: [0.5773534652239383, 0.757923746068198],
} as const;

Deno.test("ndcgAtKPerQuery matches sklearn ndcg_score with exponential gain", () => {
  for (const k of [1, 2, 3, 5] as const) {
    assertAllClose(ndcgAtKPerQuery(LABELS, SCORES, GROUPS, k), [...SK[k], 1]);
  }
  assertAllClose(ndcgAtKPerQuery(LABELS, SCORES, GROUPS, Infinity), [...SK[5], 1]);
});

Deno.test("ndcgAtK is the mean over queries, empty query counting 1", () => {
  assertClose(ndcgAtK(LABELS, SCORES, GROUPS, 3), (SK[3][0] + SK[3][1] + 1) / 3);
});

Deno.test("ndcgAtK by hand on a 3-item query", () => {
  // ranked grades 0, 1, 2: DCG = 0 + (2^1−1)/log2(3) + (2^2−1)/log2(4) = 0.6309 + 1.5 = 2.1309;
  // ideal 2, 1, 0: IDCG = 3/log2(2) + 1/log2(3) = 3.6309 → NDCG = 0.586882671…
  assertClose(
    ndcgAtK([0, 1, 2], [3, 2, 1], [3], 3),
    (1 / Math.log2(3) + 1.5) / (3 + 1 / Math.log2(3)),
    1e-15,
  );
  assertClose(ndcgAtK([0, 1, 2], [3, 2, 1], [3], 3), 0.58688267143572, 1e-12);
  // @1: top item has grade 0 → 0
  assert.equal(ndcgAtK([0, 1, 2], [3, 2, 1], [3], 1), 0);
});

Deno.test("ndcg ties: equal scores keep the original row order (LightGBM stable sort)", () => {
  // relevant row first among ties → ranked [1, 0] → 1
  assert.equal(ndcgAtK([1, 0], [5, 5], [2], 2), 1);
  // relevant row second → ranked [0, 1] → (1/log2 3) / 1
  assertClose(ndcgAtK([0, 1], [5, 5], [2], 2), 1 / Math.log2(3), 1e-15);
});

Deno.test("ndcg per-user lists agree with the grouped form", () => {
  for (const k of [1, 2, 3, 5]) {
    assertAllClose(ndcgAtKPerQuery(RECOMMENDED, RELEVANT, k), ndcgAtKPerQuery(LABELS, SCORES, GROUPS, k));
  }
  // a relevant item missing from the list lowers the ideal-normalised score: ideal = [1, 1], ranked = [1, 0]
  assertClose(ndcgAtK([[1, 2]], [[1, 99]], 2), 1 / (1 + 1 / Math.log2(3)), 1e-15);
  // Set / array relevance = grade 1
  assertClose(ndcgAtK([[5, 3]], [new Set([3])], 2), 1 / Math.log2(3), 1e-15);
});

Deno.test("ndcg rejects bad input, naming the field", () => {
  assertInputError(() => ndcgAtK([], [], [], 3), "labels", /empty/);
  assertInputError(() => ndcgAtK([1, 0], [1], [2], 3), "scores", /length/);
  assertInputError(() => ndcgAtK([1, 0], [1, NaN], [2], 3), "scores", /NaN/);
  assertInputError(() => ndcgAtK([1, -1], [1, 2], [2], 3), "labels", />= 0/);
  assertInputError(() => ndcgAtK([1, 0], [1, 2], [3], 3), "groups", /sum to 3/);
  assertInputError(() => ndcgAtK([1, 0], [1, 2], [1.5, 0.5], 3), "groups", /positive integer/);
  assertInputError(() => ndcgAtK([1, 0], [1, 2], [2], 0), "k", />= 1/);
  assertInputError(() => ndcgAtK([1, 0], [1, 2], [2], 1.5), "k");
  assertInputError(() => ndcgAtK([[1, 1]], [[1]], 2), "recommended", /more than once/);
  assertInputError(() => ndcgAtK([[1]], [[1], [2]], 2), "relevant", /length/);
  assertInputError(() => ndcgAtK([], [], 2), "recommended", /empty/);
  assertInputError(() => ndcgAtK([[1]], [new Map([[1, -2]])], 2), "relevant", />= 0/);
});

const groupedData = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }).chain(
  (groups) => {
    const n = groups.reduce((a, b) => a + b, 0);
    return fc.tuple(
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n }),
      fc.constant(groups),
      fc.integer({ min: 1, max: 7 }),
    );
  },
);

Deno.test("property: NDCG in [0, 1], and 1 when scores follow the labels (ideal order)", () => {
  fc.assert(fc.property(groupedData, ([labels, scores, groups, k]) => {
    for (const v of ndcgAtKPerQuery(labels, scores, groups, k)) assert.ok(v >= 0 && v <= 1 + 1e-12);
    assertClose(ndcgAtK(labels, labels, groups, k), 1, 1e-12);
  }));
});
