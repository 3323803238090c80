import { meanAbsolutePercentageError } from "./mape.ts";
import { assertClose, assertInputError } from "./_testing.ts";

const Y = [3.0, -0.5, 2.0, 7.0, 4.25, 1.5, -2.0, 10.0];
const P = [2.5, 0.0, 2.0, 8.0, 3.0, 1.75, -1.0, 12.5];
const W = [1, 2, 0.5, 1, 3, 0.25, 1, 1.5];

Deno.test("meanAbsolutePercentageError matches sklearn mean_absolute_percentage_error", () => {
  // sklearn 1.2.1: mean_absolute_percentage_error(Y, P); ... sample_weight=W
  assertClose(meanAbsolutePercentageError(Y, P), 0.31503851540616246);
  assertClose(meanAbsolutePercentageError(Y, P, { weights: W }), 0.4008335041333606);
  // by hand
  assertClose(meanAbsolutePercentageError([100, 200], [110, 180]), 0.1, 1e-15);
});

Deno.test("MAPE: zero labels throw by default, are skipped on request", () => {
  const y0 = [...Y, 0], p0 = [...P, 1];
  assertInputError(() => meanAbsolutePercentageError(y0, p0), "labels", /index 8 is 0/);
  // skipping the zero row gives sklearn's value on the other rows: mean_absolute_percentage_error(Y, P)
  assertClose(meanAbsolutePercentageError(y0, p0, { zeroLabels: "skip" }), 0.31503851540616246);
  assertInputError(
    () => meanAbsolutePercentageError([0, 0], [1, 2], { zeroLabels: "skip" }),
    "labels",
    /no row/,
  );
  // deno-lint-ignore no-explicit-any
  assertInputError(() => meanAbsolutePercentageError(Y, P, { zeroLabels: "drop" as any }), "zeroLabels");
});

Deno.test("meanAbsolutePercentageError rejects bad input", () => {
  assertInputError(() => meanAbsolutePercentageError([], []), "labels", /empty/);
  assertInputError(() => meanAbsolutePercentageError([1], [NaN]), "predictions");
  assertInputError(() => meanAbsolutePercentageError([1, 2], [1]), "predictions", /length/);
});
