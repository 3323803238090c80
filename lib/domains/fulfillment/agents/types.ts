/**
 * The data of the fulfillment agents: the deviation they receive, the plans they produce and the rows
 * they leave in the store. Plain, JSON-serialisable records; money in integer US cents.
 * @module
 */
import type { Severity } from "../severity.ts";

/** Shipment modes of the fulfillment schema. */
export const SHIPMENT_MODES = ["Ship", "Flight", "Road"] as const;
/** A shipment mode. */
export type ShipmentMode = typeof SHIPMENT_MODES[number];
/** Product importance levels. */
export const PRODUCT_IMPORTANCE = ["low", "medium", "high"] as const;
/** A product importance level. */
export type ProductImportance = typeof PRODUCT_IMPORTANCE[number];
/** Order statuses of the enriched schema. */
export const ORDER_STATUSES = ["processing", "shipped", "delivered", "delayed"] as const;
/** An order status. */
export type OrderStatus = typeof ORDER_STATUSES[number];
/** Payment statuses of the enriched schema. */
export const PAYMENT_STATUSES = ["paid", "pending", "refunded"] as const;
/** A payment status. */
export type PaymentStatus = typeof PAYMENT_STATUSES[number];
/** Customer tiers (CUST-1.1). */
export const CUSTOMER_TIERS = ["standard", "silver", "gold"] as const;
/** A customer tier. */
export type CustomerTier = typeof CUSTOMER_TIERS[number];
/** The severities that make a deviation. */
export type DeviationSeverity = Exclude<Severity, "none">;
/** The four specialist agents, in the order they handle a deviation (ESC-1.5). */
export const AGENTS = ["shipment", "customer", "payment", "escalation"] as const;
/** An agent name. */
export type AgentName = typeof AGENTS[number];

/** What the agents know about the order behind a deviation. */
export interface DeviationFacts {
  readonly mode: ShipmentMode;
  readonly warehouseBlock: string;
  readonly productImportance: ProductImportance;
  readonly orderStatus: OrderStatus;
  readonly paymentStatus: PaymentStatus;
  /** Cash on delivery. */
  readonly cashOnDelivery: boolean;
  /** From the CRM; absent = unknown (treated as standard, CUST-1.2). */
  readonly customerTier?: CustomerTier;
  /** Product cost in USD before discount (≥ 0). */
  readonly costUsd: number;
  /** Discount in percent, [0, 100]. */
  readonly discountPct: number;
  readonly weightGrams: number;
  readonly customerCareCalls: number;
  /** 1–5. */
  readonly customerRating: number;
  /** 30-day rolling delay risk of the order's segment from the KPI engine, if known. */
  readonly segmentRisk30d?: number;
  /**
   * Deviations of this order in the 30 days before this one known upstream (e.g. from before the agents
   * ran); the agents use the larger of this and the count in their own store.
   */
  readonly priorDeviations30d?: number;
  readonly carrier?: string;
}

/** A deviation as the detector emits it. */
export interface Deviation {
  /** Unique deviation id (idempotency key). */
  readonly id: string;
  readonly orderId: string;
  readonly shipmentId?: string;
  /** Detection time, ISO 8601 with a time zone (event time: the only clock the rules read). */
  readonly detectedAt: string;
  readonly severity: DeviationSeverity;
  /** Predicted delay probability; `severity` must be `severityOf(probability)`. */
  readonly probability: number;
  readonly reason?: string;
  readonly facts: DeviationFacts;
}

/** A fact value as recorded in a plan. */
export type FactValue = string | number | boolean | null;

/** What an action is. */
export type ActionKind =
  | "monitor_shipment"
  | "check_carrier_status"
  | "upgrade_mode"
  | "expedite_ground"
  | "carrier_priority_request"
  | "transfer_warehouse"
  | "notify_customer"
  | "schedule_callback"
  | "offer_compensation"
  | "decline_compensation"
  | "hold_payment_capture"
  | "hold_fulfillment"
  | "cod_reconfirmation"
  | "request_prepayment"
  | "issue_store_credit"
  | "create_ticket"
  | "open_segment_incident"
  | "attach_to_incident";

/** One action of a plan, with the clauses that justify it and the facts it relied on. */
export interface Action {
  readonly kind: ActionKind;
  readonly params: Readonly<Record<string, FactValue>>;
  /** Clause ids applied (at least one). */
  readonly clauses: readonly string[];
  /** Names of the facts (of the deviation or its context) the decision used. */
  readonly facts: readonly string[];
}

/** A criterion of the escalation rules that a deviation meets (ESC-2.x). */
export interface EscalationRequest {
  readonly clause: string;
  readonly priority: Priority;
  readonly queue: Queue;
}

/** Ticket priorities, most urgent first (ESC-3.2). */
export const PRIORITIES = ["P1", "P2", "P3"] as const;
/** A ticket priority. */
export type Priority = typeof PRIORITIES[number];
/** Escalation queues. */
export type Queue =
  | "fulfillment_ops"
  | "customer_care_lead"
  | "carrier_management"
  | "supervisor"
  | "payments";

/** One agent's plan for one deviation. */
export interface AgentPlan {
  readonly agent: AgentName;
  readonly deviationId: string;
  /** The BM25 query the agent built from the facts, and its top clauses within the agent's policy. */
  readonly query: string;
  readonly retrieved: readonly { readonly id: string; readonly score: number }[];
  readonly actions: readonly Action[];
  /** Every clause id the actions applied, sorted, unique. */
  readonly citations: readonly string[];
  /** The facts the actions relied on, by name. */
  readonly facts: Readonly<Record<string, FactValue>>;
  /** Goodwill compensation decided or issued by this agent, in cents (0 if none). */
  readonly compensationCents: number;
  /** Escalation criteria this agent raises for the escalation agent (empty: none). */
  readonly escalationRequests: readonly EscalationRequest[];
  /** True when the plan puts the case in front of a person (a ticket, an incident, or a request). */
  readonly escalate: boolean;
}

/** What the store knows before a deviation is handled (read once, then the agents decide). */
export interface AgentContext {
  /** Earlier deviations of the order in the 30 days up to detection (store count or upstream, larger). */
  readonly priorOrderDeviations: number;
  /** Warning/critical deviations of the segment in the 24 h up to detection, this one included. */
  readonly segmentDeviations24h: number;
  /** Segment incident opened in the 24 h up to detection, if any. */
  readonly openIncidentId: string | null;
  /** Whether the order already received goodwill compensation (CUST-3.5). */
  readonly orderCompensated: boolean;
}

/** The stored record of a handled deviation. */
export interface DeviationRow {
  readonly id: string;
  readonly orderId: string;
  readonly segment: string;
  readonly severity: DeviationSeverity;
  readonly detectedAtMs: number;
  /** Agents invoked, in order, with the routing clause of each. */
  readonly routedTo: readonly AgentName[];
  readonly routingClauses: readonly string[];
  readonly decidedAt: string;
}

/** One recorded action (the agent_responses' actions, one row each). */
export interface ActionRow extends Action {
  readonly deviationId: string;
  readonly agent: AgentName;
  /** Position within the deviation's actions. */
  readonly seq: number;
}

/** An escalation ticket (at most one per deviation, ESC-3.1). */
export interface TicketRow {
  readonly id: string;
  readonly deviationId: string;
  readonly orderId: string;
  readonly priority: Priority;
  readonly queue: Queue;
  /** Every criterion met, in ESC-2 order. */
  readonly criteria: readonly string[];
  readonly incidentId: string | null;
}

/** A segment incident (ESC-2.4). */
export interface IncidentRow {
  readonly id: string;
  readonly segment: string;
  readonly openedAtMs: number;
  readonly openedBy: string;
}

/** Goodwill credit recorded for an order. */
export interface CompensationRow {
  readonly deviationId: string;
  readonly orderId: string;
  readonly amountCents: number;
  /** Paid now, or deferred until cash on delivery is collected (PAY-2.3). */
  readonly form: "store_credit" | "deferred_store_credit";
  readonly status: "approved" | "awaiting_approval";
}

/** An agent's response as stored (agent_responses): its plan without the actions (rows of their own). */
export interface ResponseRow {
  readonly deviationId: string;
  readonly agent: AgentName;
  readonly query: string;
  readonly retrieved: readonly { readonly id: string; readonly score: number }[];
  readonly citations: readonly string[];
  readonly facts: Readonly<Record<string, FactValue>>;
  readonly compensationCents: number;
  readonly escalate: boolean;
}

/** Everything one handled deviation writes, committed at once. */
export interface Outcome {
  readonly deviation: DeviationRow;
  readonly responses: readonly ResponseRow[];
  readonly actions: readonly ActionRow[];
  readonly ticket: TicketRow | null;
  readonly incident: IncidentRow | null;
  readonly compensation: CompensationRow | null;
}

/** The whole store, for evaluation. */
export interface AgentState {
  readonly deviations: readonly DeviationRow[];
  readonly responses: readonly ResponseRow[];
  readonly actions: readonly ActionRow[];
  readonly tickets: readonly TicketRow[];
  readonly incidents: readonly IncidentRow[];
  readonly compensations: readonly CompensationRow[];
}
