import assert from "node:assert/strict";
import { precisionAtK } from "./precision_at_k.ts";
import { assertClose, assertInputError } from "./_testing.ts";
import { GROUPS, LABELS, RECOMMENDED, RELEVANT, SCORES } from "./_ranking_fixture.ts";

Deno.test("precisionAtK by hand on the fixture (ranked grades [0,1,3,2], [1,1,2,0,0], [0,0,0])", () => {
  // @2: 1/2, 2/2, 0 → 0.5 ; @3: 2/3, 3/3, 0 → 5/9 ; @5 (denominator k even for short queries): 3/5, 3/5, 0
  assertClose(precisionAtK(LABELS, SCORES, GROUPS, 2), 0.5, 1e-15);
  assertClose(precisionAtK(LABELS, SCORES, GROUPS, 3), 5 / 9, 1e-15);
  assertClose(precisionAtK(LABELS, SCORES, GROUPS, 5), 0.4, 1e-15);
  // Infinity: divide by each list's length: 3/4, 3/5, 0
  assertClose(precisionAtK(LABELS, SCORES, GROUPS, Infinity), (0.75 + 0.6) / 3, 1e-15);
  assertClose(precisionAtK(RECOMMENDED, RELEVANT, 3), 5 / 9, 1e-15);
});

Deno.test("precisionAtK per-user lists with Set and array relevance", () => {
  assert.equal(precisionAtK([[5, 3, 9]], [new Set([3, 4])], 2), 0.5);
  assert.equal(precisionAtK([[5, 3, 9], [1, 2]], [[3, 9], [7]], 2), 0.25);
});

Deno.test("precisionAtK rejects bad input", () => {
  assertInputError(() => precisionAtK(LABELS, SCORES, GROUPS, 0), "k");
  assertInputError(() => precisionAtK(LABELS, SCORES, [4, 5], 2), "groups", /sum/);
  assertInputError(() => precisionAtK([[1]], [[1]], -1), "k");
});
