import assert from "node:assert/strict";
import fc from "fast-check";
import { averagePrecision, prCurve } from "./pr_curve.ts";
import { assertAllClose, assertClose, assertInputError } from "./_testing.ts";

const Y = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0];
const S = [0.1, 0.9, 0.4, 0.4, 0.65, 0.2, 0.65, 0.8, 0.4, 0.3, 0.55, 0.05];
const W = [1, 2, 0.5, 1, 3, 1, 0.25, 1, 2, 1.5, 1, 0.75];

Deno.test("averagePrecision matches sklearn average_precision_score (ties, weights)", () => {
  // sklearn 1.2.1: average_precision_score(Y, S)
  assertClose(averagePrecision(Y, S), 0.8416666666666666);
  // sklearn 1.2.1: average_precision_score(Y, S, sample_weight=W)
  assertClose(averagePrecision(Y, S, W), 0.9531389017853374);
});

Deno.test("averagePrecision by hand", () => {
  // ranked labels 1, 0, 1: AP = (1/2)·1 + (1/2)·(2/3) = 5/6
  assertClose(averagePrecision([1, 0, 1], [0.9, 0.5, 0.1]), 5 / 6);
});

Deno.test("prCurve matches sklearn precision_recall_curve", () => {
  // sklearn 1.2.1: precision_recall_curve(Y, S)
  const c = prCurve(Y, S);
  assertAllClose(c.precision, [0.5, 0.5454545454545454, 0.6, 0.6666666666666666, 0.75, 0.8, 0.75, 1, 1, 1]);
  assertAllClose(c.recall, [
    1,
    1,
    1,
    1,
    1,
    0.6666666666666666,
    0.5,
    0.3333333333333333,
    0.16666666666666666,
    0,
  ]);
  assertAllClose(c.thresholds, [0.05, 0.1, 0.2, 0.3, 0.4, 0.55, 0.65, 0.8, 0.9]);
});

Deno.test("averagePrecision / prCurve reject bad input", () => {
  assertInputError(() => averagePrecision([0, 0], [0.1, 0.2]), "labels", /no positive/);
  assertInputError(() => averagePrecision([0, 3], [0.1, 0.2]), "labels");
  assertInputError(() => prCurve([0, 1], [0.1]), "scores", /length/);
  assertInputError(() => prCurve([], []), "labels", /empty/);
});

Deno.test("property: AP equals the step sum over prCurve and lies in (0, 1]", () => {
  const data = fc.integer({ min: 1, max: 25 }).chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 8 }), { minLength: n, maxLength: n }),
    )
  ).filter(([y]) => y.includes(1));
  fc.assert(fc.property(data, ([y, s]) => {
    const ap = averagePrecision(y, s);
    const c = prCurve(y, s);
    let sum = 0;
    for (let j = 0; j < c.thresholds.length; j++) sum += (c.recall[j]! - c.recall[j + 1]!) * c.precision[j]!;
    assertClose(ap, sum, 1e-12);
    assert.ok(ap > 0 && ap <= 1 + 1e-12);
  }));
});
