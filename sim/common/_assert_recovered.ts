/**
 * Test helper (not exported from `mod.ts`): the check every simulator's effects test makes on an estimate
 * of a declared effect — within 4 standard errors of the declared value, and, when `maxSe` is given,
 * precise enough (se below it) for that check to mean something.
 *
 * @example
 * ```ts
 * import { assertRecovered } from "./_assert_recovered.ts";
 * assertRecovered("price elasticity", -1.97, 0.03, -2, 0.05); // passes: 1 se off, se < 0.05
 * ```
 * @module
 */
import assert from "node:assert/strict";

/** Asserts `se < maxSe` (when given), then `|estimate − declared| < 4·se`; messages name the effect. */
export function assertRecovered(
  name: string,
  estimate: number,
  se: number,
  declared: number,
  maxSe?: number,
): void {
  if (maxSe !== undefined) assert.ok(se < maxSe, `${name}: too noisy to test (se ${se.toFixed(4)})`);
  assert.ok(
    Math.abs(estimate - declared) < 4 * se,
    `${name}: estimate ${estimate.toFixed(4)} ± ${se.toFixed(4)}, declared ${declared}`,
  );
}
