/**
 * The dispatch rules in the order the dispatcher applies them (spec 000's three-stage funnel):
 *
 * 1. **retrieval** ({@link retrievalRules}): `vehicle_type`, `service_level` (eligibility.ts), then
 *    `offer_radius` (offer_radius.ts) over the eligible drivers;
 * 2. ranking by P(accept) (and the UCB bonus) — a model, not a rule, so not here;
 * 3. **after ranking** ({@link businessRules}): `fraud_speed`, `recent_cancel`, `cancel_rate_ban`
 *    (business_rules.ts), which keep the ranked order.
 *
 * A candidate is removed by the first rule it fails; the removals, in rule order, are what the dispatch
 * API's `debug_info` lists. The simulator (`sim/dispatch`) applies the retrieval rules from here; its
 * historical log predates the business rules (fraudsters and high-cancel drivers were offered orders, the
 * negatives a model learns from), and the pings and cancellations it writes are what the business rules
 * read.
 *
 * @example
 * ```ts
 * import { retrievalRules } from "./rules.ts";
 * const cands = [0.4, 0.6, 0.8, 0.9, 1.0, 2.0].map((km, i) => ({
 *   driverId: i, vehicleType: "bike" as const, serviceLevel: "standard" as const, distanceKm: km,
 * }));
 * const r = retrievalRules({ serviceType: "bike" }, cands);
 * r.radiusKm; // 1
 * r.kept.length; // 5
 * ```
 * @module
 */
import {
  type BusinessCandidate,
  type BusinessOrder,
  cancelRateBanRule,
  fraudSpeedRule,
  recentCancelRule,
} from "./business_rules.ts";
import {
  type EligibilityCandidate,
  type EligibilityOrder,
  serviceLevelRule,
  vehicleTypeRule,
} from "./eligibility.ts";
import { offerRadiusRule, type RadiusCandidate } from "./offer_radius.ts";
import type { DispatchRuleName, Removal, RuleResult } from "./rule.ts";

/** When a rule runs: during retrieval (before ranking) or on the ranked list. */
export type RuleStage = "retrieval" | "after_ranking";

/** Every dispatch rule: its stage and what it removes (for reports and API docs). */
export const DISPATCH_RULES: readonly { name: DispatchRuleName; stage: RuleStage; removes: string }[] = [
  { name: "vehicle_type", stage: "retrieval", removes: "drivers whose vehicle cannot serve the order" },
  { name: "service_level", stage: "retrieval", removes: "standard drivers for a premium order" },
  {
    name: "offer_radius",
    stage: "retrieval",
    removes: "drivers beyond the smallest of 1, 3, 5 km holding ≥ 5 eligible drivers",
  },
  { name: "fraud_speed", stage: "after_ranking", removes: "drivers moving faster than 80 km/h" },
  { name: "recent_cancel", stage: "after_ranking", removes: "drivers who cancelled in the last 5 minutes" },
  {
    name: "cancel_rate_ban",
    stage: "after_ranking",
    removes: "drivers who cancelled > 10 % of today's orders",
  },
];

/** The retrieval rules' outcome: the candidates to rank, who was removed, and the offer radius. */
export interface RetrievalResult<C> extends RuleResult<C> {
  readonly radiusKm: number;
}

/** Applies the retrieval rules: vehicle type, service level, then the offer radius over the survivors. */
export function retrievalRules<C extends EligibilityCandidate & RadiusCandidate>(
  order: EligibilityOrder,
  candidates: readonly C[],
): RetrievalResult<C> {
  const removed: Removal[] = [];
  const byVehicle = vehicleTypeRule(order, candidates);
  removed.push(...byVehicle.removed);
  const byLevel = serviceLevelRule(order, byVehicle.kept);
  removed.push(...byLevel.removed);
  const byRadius = offerRadiusRule(byLevel.kept);
  removed.push(...byRadius.removed);
  return { kept: byRadius.kept, removed, radiusKm: byRadius.radiusKm };
}

/** Applies the rules after ranking (fraud speed, recent cancel, cancellation ban), keeping the ranking. */
export function businessRules<C extends BusinessCandidate>(
  order: BusinessOrder,
  ranked: readonly C[],
): RuleResult<C> {
  const removed: Removal[] = [];
  const byFraud = fraudSpeedRule(ranked);
  removed.push(...byFraud.removed);
  const byCancel = recentCancelRule(order, byFraud.kept);
  removed.push(...byCancel.removed);
  const byBan = cancelRateBanRule(byCancel.kept);
  removed.push(...byBan.removed);
  return { kept: byBan.kept, removed };
}
