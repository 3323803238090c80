import assert from "node:assert/strict";
import fc from "fast-check";
import { meanAbsoluteError } from "./mae.ts";
import { assertClose, assertInputError, REGRESSION_FIXTURE, regressionData } from "./_testing.ts";

const { labels: Y, predictions: P, weights: W } = REGRESSION_FIXTURE;

Deno.test("meanAbsoluteError matches sklearn mean_absolute_error", () => {
  // sklearn 1.2.1: mean_absolute_error(Y, P); mean_absolute_error(Y, P, sample_weight=W)
  assertClose(meanAbsoluteError(Y, P), 0.875);
  assertClose(meanAbsoluteError(Y, P, W), 1.079268292682927);
});

Deno.test("meanAbsoluteError rejects bad input", () => {
  assertInputError(() => meanAbsoluteError([], []), "labels", /empty/);
  assertInputError(() => meanAbsoluteError([1, 2], [1]), "predictions", /length/);
  assertInputError(() => meanAbsoluteError([1, NaN], [1, 2]), "labels", /NaN/);
  assertInputError(() => meanAbsoluteError([1, 2], [1, -Infinity]), "predictions", /Infinity/);
  assertInputError(() => meanAbsoluteError([1, 2], [1, 2], [1, NaN]), "weights");
});

Deno.test("property: mae >= 0, 0 for a perfect prediction, symmetric", () => {
  fc.assert(fc.property(regressionData, ([y, p]) => {
    assert.ok(meanAbsoluteError(y, p) >= 0);
    assert.equal(meanAbsoluteError(y, y), 0);
    assertClose(meanAbsoluteError(y, p), meanAbsoluteError(p, y), 1e-12);
  }));
});
