import assert from "node:assert/strict";
import fc from "fast-check";
import { meanAveragePrecisionAtK } from "./map_at_k.ts";
import { averagePrecision } from "./pr_curve.ts";
import { assertClose, assertInputError } from "./_testing.ts";
import { GROUPS, LABELS, RECOMMENDED, RELEVANT, SCORES } from "./_ranking_fixture.ts";

Deno.test("MAP without cut-off matches sklearn average_precision_score per query", () => {
  // sklearn 1.2.1: average_precision_score([0,1,1,1], [0.95,0.1,0.9,0.5]) = 0.6388888888888888
  //                average_precision_score([1,0,0,1,1], [2,-1,0.5,1.5,3]) = 1.0 ; Q3 (no relevant) left out
  assertClose(meanAveragePrecisionAtK(LABELS, SCORES, GROUPS, Infinity), (0.6388888888888888 + 1) / 2);
  assertClose(meanAveragePrecisionAtK(RECOMMENDED, RELEVANT, Infinity), (0.6388888888888888 + 1) / 2);
});

Deno.test("MAP@k by hand (LightGBM's min(#relevant, k) normaliser)", () => {
  // @2: Q1 ranked [0,1,…]: (1/2) / min(3, 2) = 0.25 ; Q2 ranked [1,1,…]: (1 + 1) / 2 = 1 → 0.625
  assertClose(meanAveragePrecisionAtK(LABELS, SCORES, GROUPS, 2), 0.625, 1e-15);
  assertClose(meanAveragePrecisionAtK([[7, 1, 2]], [[1, 2]], 3), (1 / 2 + 2 / 3) / 2, 1e-15);
  // relevant item never recommended: (1/1) / 2
  assert.equal(meanAveragePrecisionAtK([[1, 5]], [[1, 9]], 2), 0.5);
});

Deno.test("MAP rejects bad input", () => {
  assertInputError(() => meanAveragePrecisionAtK([0, 0], [1, 2], [2], 2), "labels", /no query/);
  assertInputError(() => meanAveragePrecisionAtK([1, 0], [1, 2], [2], 0), "k");
  assertInputError(() => meanAveragePrecisionAtK([1, 0], [1, 2], [1], 2), "groups");
});

Deno.test("property: single-query MAP (no cut-off, distinct scores) = averagePrecision", () => {
  const data = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    )
  ).filter(([y]) => y.includes(1));
  fc.assert(fc.property(data, ([y, s]) => {
    assertClose(meanAveragePrecisionAtK(y, s, [y.length], Infinity), averagePrecision(y, s), 1e-12);
  }));
});
