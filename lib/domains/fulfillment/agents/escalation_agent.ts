/**
 * The escalation agent (policy `knowledge/escalation_rules.md`): collects the criteria of ESC-2 that a
 * deviation meets (critical, critical on a high-importance product, repeated deviations of the order,
 * a segment cluster, and the requests of the other agents: approvals, payment inconsistencies), opens a
 * segment incident or attaches to the open one, and raises at most one ticket with the highest priority.
 * @module
 */
import type { KnowledgeBase } from "../knowledge.ts";
import { segmentOf } from "./deviation.ts";
import { action, makePlan } from "./plan.ts";
import { SEGMENT_CLUSTER_MIN } from "./policy.ts";
import {
  type Action,
  type AgentContext,
  type AgentPlan,
  type Deviation,
  type EscalationRequest,
  type IncidentRow,
  PRIORITIES,
  type TicketRow,
} from "./types.ts";

/** Order of the ESC-2 criteria (ties in priority go to the first). */
const CRITERIA_ORDER = ["ESC-2.1", "ESC-2.2", "ESC-2.3", "ESC-2.4", "ESC-2.5", "ESC-2.6"];

/** The criteria the deviation itself meets (ESC-2.1 – 2.4), in ESC-2 order (pure). */
export function escalationCriteria(dev: Deviation, ctx: AgentContext): EscalationRequest[] {
  const out: EscalationRequest[] = [];
  const severe = dev.severity === "critical" || dev.severity === "warning";
  if (dev.severity === "critical") {
    out.push({ clause: "ESC-2.1", priority: "P2", queue: "fulfillment_ops" });
    if (dev.facts.productImportance === "high") {
      out.push({ clause: "ESC-2.2", priority: "P1", queue: "fulfillment_ops" });
    }
  }
  if (severe && ctx.priorOrderDeviations >= 1) {
    out.push({
      clause: "ESC-2.3",
      priority: ctx.priorOrderDeviations >= 2 ? "P1" : "P2",
      queue: "customer_care_lead",
    });
  }
  if (severe && ctx.openIncidentId === null && ctx.segmentDeviations24h >= SEGMENT_CLUSTER_MIN) {
    out.push({ clause: "ESC-2.4", priority: "P1", queue: "carrier_management" });
  }
  return out;
}

/** Whether the escalation agent has anything to do (ESC-1.4, plus attaching to an open incident). */
export function needsEscalation(
  dev: Deviation,
  ctx: AgentContext,
  requests: readonly EscalationRequest[],
): boolean {
  return escalationCriteria(dev, ctx).length > 0 || requests.length > 0 || attaches(dev, ctx);
}

function attaches(dev: Deviation, ctx: AgentContext): boolean {
  return ctx.openIncidentId !== null && dev.severity !== "info";
}

/** The escalation agent's plan, ticket and incident, given the requests of the agents before it. */
export function escalationAgent(
  dev: Deviation,
  ctx: AgentContext,
  kb: KnowledgeBase,
  requests: readonly EscalationRequest[],
): { plan: AgentPlan; ticket: TicketRow | null; incident: IncidentRow | null } {
  const detectedAtMs = Date.parse(dev.detectedAt);
  const criteria = [...escalationCriteria(dev, ctx), ...requests]
    .sort((a, b) => CRITERIA_ORDER.indexOf(a.clause) - CRITERIA_ORDER.indexOf(b.clause));
  const actions: Action[] = [];
  let incident: IncidentRow | null = null, incidentId: string | null = null;
  const segment = segmentOf(dev.facts);
  if (criteria.some((c) => c.clause === "ESC-2.4")) {
    incident = { id: `INC-${dev.id}`, segment, openedAtMs: detectedAtMs, openedBy: dev.id };
    incidentId = incident.id;
    actions.push(
      action("open_segment_incident", { incidentId, segment }, ["ESC-2.4"], [
        "severity",
        "segment",
        "segmentDeviations24h",
        "openIncidentId",
      ]),
    );
  } else if (attaches(dev, ctx)) {
    incidentId = ctx.openIncidentId;
    actions.push(
      action("attach_to_incident", { incidentId }, ["ESC-3.3"], ["severity", "segment", "openIncidentId"]),
    );
  }
  let ticket: TicketRow | null = null;
  if (criteria.length > 0) {
    const best = criteria.reduce((a, c) =>
      PRIORITIES.indexOf(c.priority) < PRIORITIES.indexOf(a.priority) ? c : a
    );
    const ids = [...new Set(criteria.map((c) => c.clause))];
    ticket = {
      id: `TKT-${dev.id}`,
      deviationId: dev.id,
      orderId: dev.orderId,
      priority: best.priority,
      queue: best.queue,
      criteria: ids,
      incidentId,
    };
    const facts = ["severity"];
    if (ids.includes("ESC-2.2")) facts.push("productImportance");
    if (ids.includes("ESC-2.3")) facts.push("priorOrderDeviations");
    if (ids.includes("ESC-2.4")) facts.push("segmentDeviations24h");
    actions.push(
      action(
        "create_ticket",
        { ticketId: ticket.id, priority: ticket.priority, queue: ticket.queue, criteria: ids.join(",") },
        [...ids, "ESC-3.1", "ESC-3.2"],
        facts,
      ),
    );
  }
  const query =
    `escalate ${dev.severity} deviation, ${dev.facts.productImportance} importance product, order ` +
    `flagged ${ctx.priorOrderDeviations} times before, ${ctx.segmentDeviations24h} alerts in segment today, ` +
    `ticket priority queue`;
  const plan = makePlan("escalation", dev, ctx, kb, query, actions, {
    escalate: ticket !== null || incidentId !== null,
  });
  return { plan, ticket, incident };
}
