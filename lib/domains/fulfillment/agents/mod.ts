/**
 * The fulfillment agents (spec 002 §5.6), local and deterministic: an {@link Orchestrator} routes each
 * deviation to the shipment, customer, payment and escalation agents (routing rules ESC-1.x of
 * `knowledge/escalation_rules.md`); each agent retrieves clauses of its policy with BM25, applies its
 * rules (pure functions, figures in `policy.ts` checked against the clause texts) and returns a plan
 * that cites the clause ids applied and the facts relied on. Everything a deviation causes is committed
 * to an {@link AgentStore} at once; {@link MemoryAgentStore} is the in-memory one, the interface is what
 * a DuckDB-backed store implements.
 *
 * Evaluated like tool-using agents: {@link SCENARIOS} are scripts whose final store state must equal
 * the expected state; {@link evaluateScenarios} reports pass@1 and pass^k.
 *
 * @example
 * ```ts ignore
 * import { loadKnowledgeBase } from "../knowledge.ts";
 * const orchestrator = new Orchestrator({
 *   kb: await loadKnowledgeBase(),
 *   store: new MemoryAgentStore(),
 *   clock: () => new Date("2026-12-01T00:00:00Z"),
 * });
 * const result = await orchestrator.handle(deviation); // status "handled" | "duplicate"
 * ```
 * @module
 */
export * from "./types.ts";
export { parseInstant, segmentOf, validateDeviation } from "./deviation.ts";
export { type HandleResult, Orchestrator, type OrchestratorDeps, route } from "./orchestrator.ts";
export { type AgentStore, MemoryAgentStore } from "./store.ts";
export { shipmentActions, shipmentAgent } from "./shipment_agent.ts";
export {
  amountPaidCents,
  customerActions,
  customerAgent,
  effectiveTier,
  goodwillCents,
} from "./customer_agent.ts";
export { paymentActions, paymentAgent } from "./payment_agent.ts";
export { escalationAgent, escalationCriteria, needsEscalation } from "./escalation_agent.ts";
export { AGENT_POLICY, RETRIEVE_K } from "./plan.ts";
export * as policy from "./policy.ts";
export {
  evaluateScenarios,
  type ExpectedState,
  passRates,
  projectState,
  runScenario,
  type Scenario,
  type ScenarioRun,
  stateDiff,
} from "./evaluate.ts";
export { scenarioDeviation, SCENARIOS } from "./scenarios.ts";
export { describeDeviation } from "./trail.ts";
