/**
 * Number equality for tests that compare feature values computed two ways (registry retrieval against
 * gold tables, a reference against the fast path): equal within 1e-9 relative, because DuckDB's parallel
 * sums may add in a different order; NaN (SQL NULL) equals NaN.
 *
 * @example
 * ```ts
 * import { sameValue } from "./_same_value.ts";
 * sameValue(0.1 + 0.2, 0.3); // true
 * sameValue(NaN, NaN); // true
 * sameValue(NaN, 0); // false
 * ```
 * @module
 */

/** True when `a` and `b` are the same number (NaN included) or within 1e-9 relative of each other. */
export function sameValue(a: number, b: number): boolean {
  return Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
}
