import assert from "node:assert/strict";
import fc from "fast-check";
import { meanSquaredError, rootMeanSquaredError } from "./rmse.ts";
import { meanAbsoluteError } from "./mae.ts";
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
