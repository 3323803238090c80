/**
 * The orchestrator: checks a deviation, reads its context from the store (earlier deviations of the
 * order and the segment, an open incident, earlier compensation), routes it by the escalation policy's
 * routing rules (ESC-1.1 – 1.5) to the shipment, customer and payment agents in that order, then to the
 * escalation agent when a criterion is met or an agent asks, and commits everything it decided at once.
 *
 * Deterministic: no network, no model, no clock reads — the rules see the deviation's own detection
 * time, and the decision timestamp comes from the injected `clock`. The same deviations handled in the
 * same order with the same clock leave the same store state. A deviation already handled is skipped
 * (`status: "duplicate"`), so re-delivered events are harmless.
 *
 * Windows are in event time over the deviations already handled: a deviation handled after a later one
 * (out of order) does not see it, and may, for instance, open a second incident for a segment within
 * 24 h of the first. Feed deviations in detection order (the pipeline's micro-batches are) to avoid it.
 *
 * @example
 * ```ts ignore
 * const orchestrator = new Orchestrator({ kb: await loadKnowledgeBase(), store: new MemoryAgentStore(),
 *   clock: () => new Date("2026-12-01T00:00:00Z") });
 * const result = await orchestrator.handle(deviation);
 * ```
 * @module
 */
import type { KnowledgeBase } from "../knowledge.ts";
import { customerAgent } from "./customer_agent.ts";
import { segmentOf, validateDeviation } from "./deviation.ts";
import { escalationAgent, needsEscalation } from "./escalation_agent.ts";
import { paymentAgent } from "./payment_agent.ts";
import { INCIDENT_OPEN_HOURS, ORDER_REPEAT_WINDOW_DAYS, SEGMENT_WINDOW_HOURS } from "./policy.ts";
import { shipmentAgent } from "./shipment_agent.ts";
import type { AgentStore } from "./store.ts";
import type {
  ActionRow,
  AgentContext,
  AgentName,
  AgentPlan,
  CompensationRow,
  Deviation,
  EscalationRequest,
  IncidentRow,
  Outcome,
  TicketRow,
} from "./types.ts";

const HOUR_MS = 3_600_000;

/** What the orchestrator needs. */
export interface OrchestratorDeps {
  readonly kb: KnowledgeBase;
  readonly store: AgentStore;
  /** Time of decision, recorded only (injected: the orchestrator never reads the system clock). */
  readonly clock: () => Date;
}

/** Result of {@link Orchestrator.handle}. */
export type HandleResult =
  | { readonly status: "duplicate"; readonly deviationId: string }
  | {
    readonly status: "handled";
    readonly deviationId: string;
    readonly context: AgentContext;
    readonly plans: readonly AgentPlan[];
    readonly outcome: Outcome;
    readonly escalated: boolean;
    readonly compensationCents: number;
  };

/** The first three agents a deviation goes to, with the routing clause of each (ESC-1.1 – 1.3, pure). */
export function route(dev: Deviation): { agent: AgentName; clause: string }[] {
  const f = dev.facts, out: { agent: AgentName; clause: string }[] = [];
  if (f.orderStatus !== "delivered") out.push({ agent: "shipment", clause: "ESC-1.1" });
  if (dev.severity === "critical" || dev.severity === "warning") {
    out.push({ agent: "customer", clause: "ESC-1.2" });
  }
  if (f.cashOnDelivery || f.paymentStatus !== "paid" || dev.severity === "critical") {
    out.push({ agent: "payment", clause: "ESC-1.3" });
  }
  return out;
}

/** Routes deviations to the agents and records their plans. */
export class Orchestrator {
  readonly #deps: OrchestratorDeps;

  constructor(deps: OrchestratorDeps) {
    this.#deps = deps;
  }

  /** The store's view of the deviation's situation at its detection time. */
  async context(dev: Deviation): Promise<AgentContext> {
    const { store } = this.#deps, t = Date.parse(dev.detectedAt), segment = segmentOf(dev.facts);
    const severe = dev.severity === "critical" || dev.severity === "warning";
    const [orderCount, segmentCount, incident, compensated] = await Promise.all([
      store.countOrderDeviations(dev.orderId, t - ORDER_REPEAT_WINDOW_DAYS * 24 * HOUR_MS, t),
      store.countSegmentDeviations(segment, ["warning", "critical"], t - SEGMENT_WINDOW_HOURS * HOUR_MS, t),
      store.openIncident(segment, t - INCIDENT_OPEN_HOURS * HOUR_MS, t),
      store.orderCompensated(dev.orderId),
    ]);
    return {
      priorOrderDeviations: Math.max(orderCount, dev.facts.priorDeviations30d ?? 0),
      segmentDeviations24h: segmentCount + (severe ? 1 : 0),
      openIncidentId: incident?.id ?? null,
      orderCompensated: compensated,
    };
  }

  /** Handles one deviation (validated here); see the module doc. */
  async handle(input: unknown): Promise<HandleResult> {
    const dev = validateDeviation(input);
    const { kb, store, clock } = this.#deps;
    if (await store.hasDeviation(dev.id)) return { status: "duplicate", deviationId: dev.id };
    const ctx = await this.context(dev);
    const routed = route(dev);
    const plans: AgentPlan[] = [];
    let decidedCents = 0, credit: Pick<CompensationRow, "amountCents" | "form" | "status"> | null = null;
    for (const { agent } of routed) {
      if (agent === "shipment") plans.push(shipmentAgent(dev, ctx, kb));
      else if (agent === "customer") {
        const p = customerAgent(dev, ctx, kb);
        decidedCents = p.compensationCents;
        plans.push(p);
      } else if (agent === "payment") {
        const r = paymentAgent(dev, ctx, kb, decidedCents);
        credit = r.credit;
        plans.push(r.plan);
      }
    }
    const requests: EscalationRequest[] = plans.flatMap((p) => p.escalationRequests);
    let ticket: TicketRow | null = null, incident: IncidentRow | null = null;
    if (needsEscalation(dev, ctx, requests)) {
      const e = escalationAgent(dev, ctx, kb, requests);
      routed.push({ agent: "escalation", clause: "ESC-1.4" });
      plans.push(e.plan);
      ticket = e.ticket;
      incident = e.incident;
    }
    let seq = 0;
    const actions: ActionRow[] = plans.flatMap((p) =>
      p.actions.map((a) => ({ ...a, deviationId: dev.id, agent: p.agent, seq: seq++ }))
    );
    const outcome: Outcome = {
      deviation: {
        id: dev.id,
        orderId: dev.orderId,
        segment: segmentOf(dev.facts),
        severity: dev.severity,
        detectedAtMs: Date.parse(dev.detectedAt),
        routedTo: routed.map((r) => r.agent),
        routingClauses: [...routed.map((r) => r.clause), ...(routed.length > 1 ? ["ESC-1.5"] : [])],
        decidedAt: clock().toISOString(),
      },
      responses: plans.map((p) => ({
        deviationId: dev.id,
        agent: p.agent,
        query: p.query,
        retrieved: p.retrieved,
        citations: p.citations,
        facts: p.facts,
        compensationCents: p.compensationCents,
        escalate: p.escalate,
      })),
      actions,
      ticket,
      incident,
      compensation: credit && { deviationId: dev.id, orderId: dev.orderId, ...credit },
    };
    await store.commit(outcome);
    return {
      status: "handled",
      deviationId: dev.id,
      context: ctx,
      plans,
      outcome,
      escalated: ticket !== null || plans.some((p) => p.agent === "escalation" && p.escalate),
      compensationCents: credit?.amountCents ?? 0,
    };
  }

  /** Handles deviations one after another, in the order given. */
  async handleAll(inputs: readonly unknown[]): Promise<HandleResult[]> {
    const out: HandleResult[] = [];
    for (const d of inputs) out.push(await this.handle(d));
    return out;
  }
}
