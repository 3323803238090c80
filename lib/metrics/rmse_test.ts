import assert from "node:assert/strict";
import fc from "fast-check";
import { meanSquaredError, rootMeanSquaredError } from "./rmse.ts";
import { meanAbsoluteError } from "./mae.ts";
import { assertClose, assertInputError, REGRESSION_FIXTURE, regressionData } from "./_testing.ts";

const { labels: Y, predictions: P, weights: W } = REGRESSION_FIXTURE;

Deno.test("meanSquaredError / rootMeanSquaredError match sklearn mean_squared_error", () => {
  // sklearn 1.2.1: mean_squared_error(Y, P) and mean_squared_error(Y, P, squared=False)
  assertClose(meanSquaredError(Y, P), 1.296875);
  assertClose(rootMeanSquaredError(Y, P), 1.1388041973930374);
  // ... with sample_weight=W
  assertClose(meanSquaredError(Y, P, W), 1.641768292682927);
  assertClose(rootMeanSquaredError(Y, P, W), 1.2813150637852218);
});

Deno.test("rootMeanSquaredError rejects bad input", () => {
  assertInputError(() => rootMeanSquaredError([], []), "labels", /empty/);
  assertInputError(() => rootMeanSquaredError([1, 2], [1]), "predictions", /length/);
  assertInputError(() => meanSquaredError([1, 2], [1, NaN]), "predictions", /NaN/);
  assertInputError(() => meanSquaredError([1, 2], [1, 2], [0, 0]), "weights", /zero/);
});

Deno.test("property: rmse >= mae (power-mean inequality)", () => {
  fc.assert(fc.property(regressionData, ([y, p]) => {
    assert.ok(rootMeanSquaredError(y, p) >= meanAbsoluteError(y, p) - 1e-9);
  }));
});
