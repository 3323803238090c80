/**
 * The customer agent (policy `knowledge/customer_communication.md`): delay notices (deadline by
 * severity, SMS for gold), callbacks for customers who called often or rated us low, and goodwill
 * compensation on critical deviations: a tier share of the amount paid, halved above a 50 % discount,
 * within the tier's limits, once per order.
 * @module
 */
import type { KnowledgeBase } from "../knowledge.ts";
import { action, makePlan } from "./plan.ts";
import {
  CALLBACK_MAX_RATING,
  CALLBACK_MIN_CALLS,
  GOODWILL_CAP_CENTS,
  GOODWILL_MIN_CENTS,
  GOODWILL_RATE_PERMILLE,
  HEAVY_DISCOUNT_PCT,
  NOTICE_HOURS,
} from "./policy.ts";
import type { Action, AgentContext, AgentPlan, CustomerTier, Deviation, DeviationFacts } from "./types.ts";

/** The tier the rules use: the CRM's, or standard when unknown (CUST-1.2). */
export function effectiveTier(f: Pick<DeviationFacts, "customerTier">): CustomerTier {
  return f.customerTier ?? "standard";
}

/** Amount the customer paid, cents: cost less discount, rounded to the cent (half up). */
export function amountPaidCents(f: Pick<DeviationFacts, "costUsd" | "discountPct">): number {
  return Math.round(Math.round(f.costUsd * 100) * (100 - f.discountPct) / 100);
}

/**
 * Goodwill credit in cents (CUST-3.2 – 3.4): tier share of the amount paid (halved above a 50 %
 * discount), rounded to the cent, then clamped to [2.00 USD, tier cap].
 */
export function goodwillCents(f: Pick<DeviationFacts, "costUsd" | "discountPct" | "customerTier">): number {
  const tier = effectiveTier(f);
  const permille = GOODWILL_RATE_PERMILLE[tier] / (f.discountPct > HEAVY_DISCOUNT_PCT ? 2 : 1);
  const raw = Math.round(amountPaidCents(f) * permille / 1000);
  return Math.min(GOODWILL_CAP_CENTS[tier], Math.max(GOODWILL_MIN_CENTS, raw));
}

/** The customer rules: actions and the compensation decided (pure). */
export function customerActions(
  dev: Deviation,
  ctx: AgentContext,
): { actions: Action[]; compensationCents: number } {
  const f = dev.facts, tier = effectiveTier(f);
  const tierClauses = f.customerTier === undefined ? ["CUST-1.2"] : [];
  const delivered = f.orderStatus === "delivered";
  const actions: Action[] = [];
  let compensationCents = 0;
  if (dev.severity === "critical" && !delivered && f.paymentStatus !== "refunded") {
    if (ctx.orderCompensated) {
      actions.push(
        action("decline_compensation", { reason: "already_compensated" }, ["CUST-3.5"], ["orderCompensated"]),
      );
    } else {
      compensationCents = goodwillCents(f);
      const clauses = [
        "CUST-3.1",
        "CUST-3.2",
        "CUST-3.3",
        ...(f.discountPct > HEAVY_DISCOUNT_PCT ? ["CUST-3.4"] : []),
      ];
      actions.push(
        action("offer_compensation", { amountCents: compensationCents, tier }, [...tierClauses, ...clauses], [
          "severity",
          "orderStatus",
          "paymentStatus",
          "orderCompensated",
          "costUsd",
          "discountPct",
          "customerTier",
        ]),
      );
    }
  }
  if ((dev.severity === "critical" || dev.severity === "warning") && !delivered) {
    const template = compensationCents > 0 ? "delay_notice_credit" : "delay_notice";
    actions.unshift(
      action(
        "notify_customer",
        {
          withinHours: NOTICE_HOURS[dev.severity],
          channels: tier === "gold" ? "email+sms" : "email",
          template,
          codParagraph: f.cashOnDelivery,
        },
        [...tierClauses, dev.severity === "critical" ? "CUST-2.1" : "CUST-2.2", "CUST-2.4", "CUST-2.7"],
        ["severity", "orderStatus", "customerTier", "cashOnDelivery"],
      ),
    );
  }
  if (
    dev.severity !== "info" &&
    (f.customerCareCalls >= CALLBACK_MIN_CALLS || f.customerRating <= CALLBACK_MAX_RATING)
  ) {
    actions.push(
      action("schedule_callback", {}, ["CUST-2.5"], ["severity", "customerCareCalls", "customerRating"]),
    );
  }
  return { actions, compensationCents };
}

/** The operator-style query the agent retrieves with. */
export function customerQuery(dev: Deviation): string {
  const f = dev.facts;
  return `${dev.severity} delay notice to ${
    effectiveTier(f)
  } customer, ${f.customerCareCalls} calls, rating ` +
    `${f.customerRating}, goodwill credit, discount ${f.discountPct} %`;
}

/** The customer agent's plan. */
export function customerAgent(dev: Deviation, ctx: AgentContext, kb: KnowledgeBase): AgentPlan {
  const { actions, compensationCents } = customerActions(dev, ctx);
  return makePlan("customer", dev, ctx, kb, customerQuery(dev), actions, { compensationCents });
}
