/**
 * Internal test helpers for the metrics tests (not exported from mod.ts).
 * @module
 */
import assert from "node:assert/strict";
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
