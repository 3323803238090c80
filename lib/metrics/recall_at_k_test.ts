import assert from "node:assert/strict";
import { recallAtK } from "./recall_at_k.ts";
import { assertClose, assertInputError } from "./_testing.ts";
import { GROUPS, LABELS, RECOMMENDED, RELEVANT, SCORES } from "./_ranking_fixture.ts";

Deno.test("recallAtK by hand on the fixture (Q3 has no relevant item and is left out)", () => {
  // ranked grades Q1 [0,1,3,2] (3 relevant), Q2 [1,1,2,0,0] (3 relevant)
  // @1: 0, 1/3 → 1/6 ; @2: 1/3, 2/3 → 0.5 ; @4: 1, 1 → 1
  assertClose(recallAtK(LABELS, SCORES, GROUPS, 1), 1 / 6, 1e-15);
  assertClose(recallAtK(LABELS, SCORES, GROUPS, 2), 0.5, 1e-15);
  assert.equal(recallAtK(LABELS, SCORES, GROUPS, 4), 1);
  assertClose(recallAtK(RECOMMENDED, RELEVANT, 2), 0.5, 1e-15);
});

Deno.test("recallAtK per-user lists: relevant items not recommended are misses", () => {
  // user 0 finds 3 of {3, 4} in top 2 → 0.5; user 1 finds nothing of {7} → 0
  assert.equal(recallAtK([[5, 3, 9], [1, 2]], [new Set([3, 4]), [7]], 2), 0.25);
  // Recall@5 over short lists uses what is there
  assert.equal(recallAtK([[4, 3]], [[3, 4]], 5), 1);
});

Deno.test("recallAtK rejects bad input, and all-empty relevance", () => {
  assertInputError(() => recallAtK([0, 0], [1, 2], [2], 1), "labels", /no query has a relevant item/);
  assertInputError(() => recallAtK([[1]], [[]], 1), "labels", /no query/);
  assertInputError(() => recallAtK([1, 0], [1, Infinity], [2], 1), "scores");
  assertInputError(() => recallAtK([[1, NaN]], [[1]], 1), "recommended");
});
