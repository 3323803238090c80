import assert from "node:assert/strict";
import fc from "fast-check";
import { r2Score } from "./r2.ts";
import { assertClose, assertInputError, REGRESSION_FIXTURE, regressionData } from "./_testing.ts";

const { labels: Y, predictions: P, weights: W } = REGRESSION_FIXTURE;

Deno.test("r2Score matches sklearn r2_score", () => {
  // sklearn 1.2.1: r2_score(Y, P); r2_score(Y, P, sample_weight=W)
  assertClose(r2Score(Y, P), 0.9029168798888808);
  assertClose(r2Score(Y, P, W), 0.8814348008205612);
});

Deno.test("r2Score with constant labels follows sklearn force_finite", () => {
  // sklearn 1.2.1: r2_score([2,2,2],[2,2,2]) = 1.0; r2_score([2,2,2],[2,2,3]) = 0.0
  assert.equal(r2Score([2, 2, 2], [2, 2, 2]), 1);
  assert.equal(r2Score([2, 2, 2], [2, 2, 3]), 0);
  // predicting the mean gives exactly 0 (by hand)
  assertClose(r2Score([1, 2, 3], [2, 2, 2]), 0, 1e-15);
});

Deno.test("r2Score rejects bad input", () => {
  assertInputError(() => r2Score([], []), "labels", /empty/);
  assertInputError(() => r2Score([1, 2], [1]), "predictions", /length/);
  assertInputError(() => r2Score([1, Infinity], [1, 2]), "labels", /Infinity/);
});

Deno.test("property: r2 <= 1 and 1 for a perfect prediction", () => {
  fc.assert(fc.property(regressionData, ([y, p]) => {
    assert.ok(r2Score(y, p) <= 1);
    assert.equal(r2Score(y, y), 1);
  }));
});
