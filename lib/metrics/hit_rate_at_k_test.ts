import assert from "node:assert/strict";
import { hitRateAtK } from "./hit_rate_at_k.ts";
import { assertInputError } from "./_testing.ts";
import { GROUPS, LABELS, RECOMMENDED, RELEVANT, SCORES } from "./_ranking_fixture.ts";

Deno.test("hitRateAtK by hand on the fixture", () => {
  // ranked grades Q1 [0,1,3,2], Q2 [1,1,2,0,0], Q3 left out: @1 → (0 + 1)/2, @2 → 1
  assert.equal(hitRateAtK(LABELS, SCORES, GROUPS, 1), 0.5);
  assert.equal(hitRateAtK(LABELS, SCORES, GROUPS, 2), 1);
  assert.equal(hitRateAtK(RECOMMENDED, RELEVANT, 1), 0.5);
  assert.equal(hitRateAtK([[5, 3], [1, 2]], [[3], [7]], 2), 0.5);
});

Deno.test("hitRateAtK rejects bad input", () => {
  assertInputError(() => hitRateAtK([0, 0], [1, 2], [2], 1), "labels", /no query/);
  assertInputError(() => hitRateAtK([1, 0], [1, 2], [2], 0), "k");
  // deno-lint-ignore no-explicit-any
  assertInputError(() => hitRateAtK([[1]], [42 as any], 1), "relevant");
});
