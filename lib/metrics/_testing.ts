/**
 * Internal test helpers for the metrics tests (not exported from mod.ts).
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";

/** Asserts |actual − expected| <= tol (default 1e-9). */
export function assertClose(actual: number, expected: number, tol = 1e-9, what = ""): void {
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what ? what + ": " : ""}expected ${expected}, got ${actual} (tol ${tol})`,
  );
}

/** Asserts two arrays agree element-wise to tol. */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-9): void {
  assert.equal(actual.length, expected.length, "lengths differ");
  for (let i = 0; i < expected.length; i++) assertClose(actual[i]!, expected[i]!, tol, `index ${i}`);
}

/** Asserts `fn` throws an InputError naming `field` (and, optionally, whose message matches `pattern`). */
export function assertInputError(fn: () => unknown, field: string, pattern?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, `expected InputError, got ${err}`);
    assert.equal(err.field, field, `field: ${err.message}`);
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

/** The regression example behind the embedded scikit-learn reference numbers (MAE, RMSE, R², MAPE). */
export const REGRESSION_FIXTURE = {
  labels: [3.0, -0.5, 2.0, 7.0, 4.25, 1.5, -2.0, 10.0],
  predictions: [2.5, 0.0, 2.0, 8.0, 3.0, 1.75, -1.0, 12.5],
  weights: [1, 2, 0.5, 1, 3, 0.25, 1, 1.5],
} as const;

/** Property-test input: `[labels, predictions]` of equal length 1–30, finite values in [−100, 100]. */
export const regressionData = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.tuple(
    fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
    fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
  )
);
