/**
 * The payment agent (policy `knowledge/payment_holds.md`): holds on pending captures of critical
 * orders, a fulfillment hold (and escalation) for refunded orders still travelling, cash-on-delivery
 * reconfirmation and prepayment offers, and the payout of the goodwill credit the customer agent decided:
 * store credit, deferred for COD, approved automatically up to 25.00 USD and escalated for sign-off above.
 * @module
 */
import type { KnowledgeBase } from "../knowledge.ts";
import { amountPaidCents } from "./customer_agent.ts";
import { action, makePlan } from "./plan.ts";
import { AUTO_APPROVAL_CENTS, COD_PREPAY_MIN_CENTS } from "./policy.ts";
import type {
  Action,
  AgentContext,
  AgentPlan,
  CompensationRow,
  Deviation,
  EscalationRequest,
} from "./types.ts";

/** The payment rules (pure): actions, escalation requests and the credit to record, if any. */
export function paymentActions(dev: Deviation, decidedCents: number): {
  actions: Action[];
  requests: EscalationRequest[];
  credit: Pick<CompensationRow, "amountCents" | "form" | "status"> | null;
} {
  const f = dev.facts, actions: Action[] = [], requests: EscalationRequest[] = [];
  const delivered = f.orderStatus === "delivered";
  if (dev.severity === "critical" && f.paymentStatus === "pending" && !f.cashOnDelivery) {
    actions.push(
      action("hold_payment_capture", { until: "dispatch" }, ["PAY-1.1"], [
        "severity",
        "paymentStatus",
        "cashOnDelivery",
      ]),
    );
  }
  if (f.paymentStatus === "refunded" && !delivered) {
    actions.push(action("hold_fulfillment", {}, ["PAY-1.2"], ["paymentStatus", "orderStatus"]));
    requests.push({ clause: "ESC-2.6", priority: "P2", queue: "payments" });
  }
  if (f.cashOnDelivery && dev.severity !== "info" && !delivered) {
    actions.push(
      action("cod_reconfirmation", {}, ["PAY-2.1"], ["cashOnDelivery", "severity", "orderStatus"]),
    );
    const due = amountPaidCents(f);
    if (dev.severity === "critical" && f.orderStatus === "processing" && due >= COD_PREPAY_MIN_CENTS) {
      actions.push(
        action("request_prepayment", { amountDueCents: due }, ["PAY-2.2"], [
          "cashOnDelivery",
          "severity",
          "orderStatus",
          "costUsd",
          "discountPct",
        ]),
      );
    }
  }
  let credit: Pick<CompensationRow, "amountCents" | "form" | "status"> | null = null;
  if (decidedCents > 0) {
    const approved = decidedCents <= AUTO_APPROVAL_CENTS;
    credit = {
      amountCents: decidedCents,
      form: f.cashOnDelivery ? "deferred_store_credit" : "store_credit",
      status: approved ? "approved" : "awaiting_approval",
    };
    actions.push(
      action(
        "issue_store_credit",
        { amountCents: decidedCents, deferred: f.cashOnDelivery, status: credit.status },
        ["PAY-3.1", "PAY-3.2", ...(f.cashOnDelivery ? ["PAY-2.3"] : [])],
        ["cashOnDelivery", "compensationDecidedCents"],
      ),
    );
    if (!approved) requests.push({ clause: "ESC-2.5", priority: "P3", queue: "supervisor" });
  }
  return { actions, requests, credit };
}

/** The operator-style query the agent retrieves with. */
export function paymentQuery(dev: Deviation, decidedCents: number): string {
  const f = dev.facts;
  return `${f.paymentStatus} payment ${
    f.cashOnDelivery ? "cash on delivery" : "prepaid"
  } order, ${dev.severity} ` +
    `delay, ${f.orderStatus}, goodwill store credit ${(decidedCents / 100).toFixed(2)} USD approval`;
}

/** The payment agent's plan; `decidedCents` is the compensation the customer agent decided. */
export function paymentAgent(
  dev: Deviation,
  ctx: AgentContext,
  kb: KnowledgeBase,
  decidedCents: number,
): { plan: AgentPlan; credit: Pick<CompensationRow, "amountCents" | "form" | "status"> | null } {
  const { actions, requests, credit } = paymentActions(dev, decidedCents);
  const plan = makePlan("payment", dev, ctx, kb, paymentQuery(dev, decidedCents), actions, {
    compensationCents: credit?.amountCents ?? 0,
    escalationRequests: requests,
    facts: { compensationDecidedCents: decidedCents },
  });
  return { plan, credit };
}
