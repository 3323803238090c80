/**
 * Test helper: central finite differences of a scalar loss of one raw score, the naive twin against
 * which the objectives' analytic gradients and hessians are checked.
 * @module
 */

/** First and second central differences of `loss` at `f` with step `h`. */
export function finiteDiff(loss: (f: number) => number, f: number, h = 1e-4): { grad: number; hess: number } {
  const lp = loss(f + h), l0 = loss(f), lm = loss(f - h);
  return { grad: (lp - lm) / (2 * h), hess: (lp - 2 * l0 + lm) / (h * h) };
}

/** |a − b| ≤ atol + rtol·|b|, with a message naming what is compared. */
export function assertClose(a: number, b: number, what: string, rtol = 1e-3, atol = 1e-4): void {
  if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
    throw new Error(`${what}: ${a} is not close to ${b}`);
  }
}
