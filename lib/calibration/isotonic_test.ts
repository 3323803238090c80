import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError, ModelFormatError } from "../errors.ts";
import { fitIsotonic, IsotonicCalibrator, poolAdjacentViolators } from "./isotonic.ts";

function closeAll(actual: ArrayLike<number>, expected: readonly number[], tol: number) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

Deno.test("PAV: hand examples", () => {
  // 1, 3, 2, 4 → the violating pair (3, 2) pools to 2.5.
  closeAll(poolAdjacentViolators([1, 3, 2, 4]), [1, 2.5, 2.5, 4], 1e-15);
  // Decreasing run pools completely: mean of 3, 2, 1 = 2.
  closeAll(poolAdjacentViolators([3, 2, 1]), [2, 2, 2], 1e-15);
  // Weighted: (3·1 + 1·3) / 4 = 1.5.
  closeAll(poolAdjacentViolators([3, 1], [1, 3]), [1.5, 1.5], 1e-15);
  // Already monotone: unchanged.
  closeAll(poolAdjacentViolators([0, 0, 1, 1]), [0, 0, 1, 1], 0);
});

// Reference numbers from scikit-learn 1.2.1:
//   x = [3, 1, 2, 2, 5, 4, 7, 6, 8, 5]; y = [0.5, 1, 3, 2, 1, 4, 6, 5, 2, 3]; w = [1, 2, 1, 3, 1, 2, 1, 1, 4, 2]
//   q = [0, 1, 1.5, 2, 2.7, 4.5, 6.2, 7.5, 8, 9]
//   IsotonicRegression(out_of_bounds="clip").fit(x, y).predict(q)          → UNWEIGHTED
//   IsotonicRegression(out_of_bounds="clip").fit(x, y, sample_weight=w).predict(q) → WEIGHTED
//   .X_thresholds_, .y_thresholds_ of the unweighted fit                   → THRESHOLDS
const X = [3, 1, 2, 2, 5, 4, 7, 6, 8, 5],
  Y = [0.5, 1, 3, 2, 1, 4, 6, 5, 2, 3],
  W = [1, 2, 1, 3, 1, 2, 1, 1, 4, 2];
const Q = [0, 1, 1.5, 2, 2.7, 4.5, 6.2, 7.5, 8, 9];
const UNWEIGHTED = [
  1.0,
  1.0,
  1.4166666666666665,
  1.8333333333333333,
  1.8333333333333333,
  2.6666666666666665,
  4.333333333333333,
  4.333333333333333,
  4.333333333333333,
  4.333333333333333,
];
const WEIGHTED = [
  1.0,
  1.0,
  1.45,
  1.9,
  1.9,
  3.0,
  3.1666666666666665,
  3.1666666666666665,
  3.1666666666666665,
  3.1666666666666665,
];
const THRESHOLDS = {
  x: [1, 2, 3, 4, 5, 6, 8],
  y: [
    1.0,
    1.8333333333333333,
    1.8333333333333333,
    2.6666666666666665,
    2.6666666666666665,
    4.333333333333333,
    4.333333333333333,
  ],
};

Deno.test("fitIsotonic matches scikit-learn IsotonicRegression (ties, weights, interpolation, clipping)", () => {
  closeAll(fitIsotonic(X, Y).predict(Q), UNWEIGHTED, 1e-12);
  closeAll(fitIsotonic(X, Y, W).predict(Q), WEIGHTED, 1e-12);
  const iso = fitIsotonic(X, Y);
  closeAll(iso.thresholds, THRESHOLDS.x, 0);
  closeAll(iso.values, THRESHOLDS.y, 1e-12);
});

Deno.test("fitIsotonic: output is monotone, within [min y, max y], and no worse than any constant", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        { minLength: 1, maxLength: 40 },
      ),
      fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }),
      (points, queries) => {
        const x = points.map((p) => p[0]), y = points.map((p) => p[1]);
        const iso = fitIsotonic(x, y);
        const sorted = [...queries].sort((a, b) => a - b);
        const pred = iso.predict(sorted);
        for (let i = 1; i < pred.length; i++) assert.ok(pred[i]! >= pred[i - 1]! - 1e-12);
        for (const v of pred) assert.ok(v >= Math.min(...y) - 1e-12 && v <= Math.max(...y) + 1e-12);
        // The isotonic fit minimises squared error among monotone maps, constants included.
        const fit = iso.predict(x);
        const mean = y.reduce((s, v) => s + v, 0) / y.length;
        let sseFit = 0, sseMean = 0;
        for (let i = 0; i < y.length; i++) sseFit += (fit[i]! - y[i]!) ** 2, sseMean += (mean - y[i]!) ** 2;
        assert.ok(sseFit <= sseMean + 1e-9);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("IsotonicCalibrator: JSON round trip and format errors", () => {
  const iso = fitIsotonic(X, Y, W);
  const back = IsotonicCalibrator.fromJSON(JSON.parse(JSON.stringify(iso.toJSON())));
  assert.deepEqual([...back.predict(Q)], [...iso.predict(Q)]);
  assert.throws(() => IsotonicCalibrator.fromJSON({ ...iso.toJSON(), version: 2 }), ModelFormatError);
  assert.throws(() => IsotonicCalibrator.fromJSON({ ...iso.toJSON(), values: [1] }), ModelFormatError);
  assert.throws(
    () => IsotonicCalibrator.fromJSON({ kind: "isotonic", version: 1, thresholds: [2, 1], values: [0, 1] }),
    ModelFormatError,
  );
});

Deno.test("fitIsotonic: bad input", () => {
  assert.throws(() => fitIsotonic([], []), InputError);
  assert.throws(() => fitIsotonic([1, 2], [1]), InputError);
  assert.throws(() => fitIsotonic([1, NaN], [0, 1]), InputError);
  assert.throws(() => fitIsotonic([1, 2], [0, 1], [1, -1]), InputError);
  assert.throws(() => fitIsotonic([1, 2], [0, 1], [0, 0]), InputError);
  assert.throws(() => fitIsotonic([1, 2], [0, 1]).predict([NaN]), InputError);
});
