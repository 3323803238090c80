/**
 * What every agent does around its rules: build a query from the facts, retrieve clauses of its own
 * policy with BM25, and assemble the plan (citations = the clauses its actions applied; facts = the
 * values those actions relied on). Pure: the same deviation, context and knowledge base give the same
 * plan.
 * @module
 */
import { NotFoundError } from "../../../errors.ts";
import type { KnowledgeBase } from "../knowledge.ts";
import { segmentOf } from "./deviation.ts";
import type {
  Action,
  AgentContext,
  AgentName,
  AgentPlan,
  Deviation,
  EscalationRequest,
  FactValue,
} from "./types.ts";

/** Clauses retrieved per agent. */
export const RETRIEVE_K = 5;

/** The policy area each agent reads. */
export const AGENT_POLICY: Readonly<Record<AgentName, string>> = Object.freeze({
  shipment: "shipment",
  customer: "customer",
  payment: "payment",
  escalation: "escalation",
});

/** Every fact an action may name, from the deviation and its context. */
export function factValues(dev: Deviation, ctx: AgentContext): Record<string, FactValue> {
  const f = dev.facts;
  return {
    severity: dev.severity,
    probability: dev.probability,
    segment: segmentOf(f),
    mode: f.mode,
    warehouseBlock: f.warehouseBlock,
    productImportance: f.productImportance,
    orderStatus: f.orderStatus,
    paymentStatus: f.paymentStatus,
    cashOnDelivery: f.cashOnDelivery,
    customerTier: f.customerTier ?? null,
    costUsd: f.costUsd,
    discountPct: f.discountPct,
    weightGrams: f.weightGrams,
    customerCareCalls: f.customerCareCalls,
    customerRating: f.customerRating,
    segmentRisk30d: f.segmentRisk30d ?? null,
    priorOrderDeviations: ctx.priorOrderDeviations,
    segmentDeviations24h: ctx.segmentDeviations24h,
    openIncidentId: ctx.openIncidentId,
    orderCompensated: ctx.orderCompensated,
  };
}

/** Assembles a plan; throws {@link NotFoundError} if an action cites a clause the knowledge base lacks. */
export function makePlan(
  agent: AgentName,
  dev: Deviation,
  ctx: AgentContext,
  kb: KnowledgeBase,
  query: string,
  actions: readonly Action[],
  extra: {
    compensationCents?: number;
    escalationRequests?: readonly EscalationRequest[];
    escalate?: boolean;
    facts?: Record<string, FactValue>;
  } = {},
): AgentPlan {
  const values = { ...factValues(dev, ctx), ...extra.facts };
  const citations = [...new Set(actions.flatMap((a) => a.clauses))].sort();
  for (const id of citations) {
    if (!kb.has(id)) throw new NotFoundError(`policy clause ${id}`, `cited by the ${agent} agent`);
  }
  const facts: Record<string, FactValue> = {};
  for (const name of [...new Set(actions.flatMap((a) => a.facts))].sort()) {
    if (!(name in values)) throw new NotFoundError(`fact ${name}`, `named by the ${agent} agent`);
    facts[name] = values[name]!;
  }
  const retrieved = kb.search(query, { policy: AGENT_POLICY[agent], k: RETRIEVE_K })
    .map((h) => ({ id: h.clause.id, score: h.score }));
  const escalationRequests = extra.escalationRequests ?? [];
  return {
    agent,
    deviationId: dev.id,
    query,
    retrieved,
    actions,
    citations,
    facts,
    compensationCents: extra.compensationCents ?? 0,
    escalationRequests,
    escalate: extra.escalate ?? escalationRequests.length > 0,
  };
}

/** Shorthand for an action. */
export function action(
  kind: Action["kind"],
  params: Action["params"],
  clauses: readonly string[],
  facts: readonly string[],
): Action {
  return { kind, params, clauses, facts };
}
