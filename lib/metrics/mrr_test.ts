import assert from "node:assert/strict";
import { meanReciprocalRank } from "./mrr.ts";
import { assertInputError } from "./_testing.ts";
import { GROUPS, LABELS, RECOMMENDED, RELEVANT, SCORES } from "./_ranking_fixture.ts";

Deno.test("meanReciprocalRank by hand on the fixture", () => {
  // first relevant rank: Q1 2 (grades [0,1,3,2]), Q2 1; Q3 left out → (1/2 + 1) / 2
  assert.equal(meanReciprocalRank(LABELS, SCORES, GROUPS, Infinity), 0.75);
  // MRR@1: Q1 0, Q2 1
  assert.equal(meanReciprocalRank(LABELS, SCORES, GROUPS, 1), 0.5);
  assert.equal(meanReciprocalRank(RECOMMENDED, RELEVANT, Infinity), 0.75);
  assert.equal(meanReciprocalRank([[5, 3, 9], [1, 2]], [[9], [1]], Infinity), (1 / 3 + 1) / 2);
});

Deno.test("meanReciprocalRank rejects bad input", () => {
  assertInputError(() => meanReciprocalRank([0, 0], [1, 2], [2], Infinity), "labels", /no query/);
  assertInputError(() => meanReciprocalRank([1, 0], [1, 2], [2], NaN), "k");
});
