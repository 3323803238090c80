/**
 * What every dispatch rule returns: the candidates it kept (in their input order) and, for each one it
 * removed, which rule removed it and why — the list the dispatch API's `debug_info` shows ("the rules that
 * removed whom"). The rules themselves live in `eligibility.ts`, `offer_radius.ts` and
 * `business_rules.ts`; `rules.ts` chains them in the order the dispatcher applies them.
 *
 * @example
 * ```ts
 * import { filterCandidates } from "./rule.ts";
 * const r = filterCandidates("fraud_speed", [{ driverId: "D1", v: 90 }, { driverId: "D2", v: 30 }], (c) =>
 *   c.v > 80 ? `moving at ${c.v} km/h` : null);
 * r.kept.map((c) => c.driverId); // ["D2"]
 * r.removed; // [{ driverId: "D1", rule: "fraud_speed", reason: "moving at 90 km/h" }]
 * ```
 * @module
 */

/** Names of the dispatch rules, in the order the dispatcher applies them. */
export const DISPATCH_RULE_NAMES = [
  "vehicle_type",
  "service_level",
  "offer_radius",
  "fraud_speed",
  "recent_cancel",
  "cancel_rate_ban",
] as const;
/** The name of one dispatch rule. */
export type DispatchRuleName = typeof DISPATCH_RULE_NAMES[number];

/** A driver identifier as the caller knows it (simulator index, or `"D_123"` in the API). */
export type DriverId = string | number;

/** The least a candidate carries: who it is. */
export interface HasDriverId {
  readonly driverId: DriverId;
}

/** One candidate removed by one rule, and why (a sentence with the values that decided it). */
export interface Removal {
  readonly driverId: DriverId;
  readonly rule: DispatchRuleName;
  readonly reason: string;
}

/** The outcome of one rule (or of a chain of rules): who is left, in input order, and who was removed. */
export interface RuleResult<C> {
  readonly kept: C[];
  readonly removed: Removal[];
}

/**
 * Applies one per-candidate rule: `why(c)` returns the reason to remove `c`, or null to keep it. Kept
 * candidates keep their order (a ranked list stays ranked).
 */
export function filterCandidates<C extends HasDriverId>(
  rule: DispatchRuleName,
  candidates: readonly C[],
  why: (c: C, index: number) => string | null,
): RuleResult<C> {
  const kept: C[] = [], removed: Removal[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const reason = why(c, i);
    if (reason === null) kept.push(c);
    else removed.push({ driverId: c.driverId, rule, reason });
  }
  return { kept, removed };
}

/** Format a number for a reason sentence: at most `digits` decimals, no trailing zeros. */
export function fmt(x: number, digits = 2): string {
  return String(Number(x.toFixed(digits)));
}
