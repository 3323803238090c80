import assert from "node:assert/strict";
import fc from "fast-check";
import { r2Score } from "./r2.ts";
import { assertClose, assertInputError } from "./_testing.ts";

const Y = [3.0, -0.5, 2.0, 7.0, 4.25, 1.5, -2.0, 10.0];
const P = [2.5, 0.0, 2.0, 8.0, 3.0, 1.75, -1.0, 12.5];
const W = [1, 2, 0.5, 1, 3, 0.25, 1, 1.5];
const regressionData = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.tuple(
    fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
    fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
  )
);

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
