/**
 * The decision trail of one handled deviation as text, read from the stored rows (so it can be shown
 * from the database as well as from memory): routing, then for each agent its BM25 query and top
 * clauses, each action with the clauses it applied (id and title) and the facts it relied on, and the
 * ticket.
 *
 * @example
 * ```ts ignore
 * console.log(describeDeviation(await store.snapshot(), "s3-d1", kb));
 * ```
 * @module
 */
import { NotFoundError } from "../../../errors.ts";
import type { KnowledgeBase } from "../knowledge.ts";
import type { AgentState } from "./types.ts";

/** The trail of deviation `id` in `state`; throws {@link NotFoundError} if it was not handled. */
export function describeDeviation(state: AgentState, id: string, kb: KnowledgeBase): string {
  const dev = state.deviations.find((d) => d.id === id);
  if (!dev) throw new NotFoundError(`deviation ${id}`);
  const lines = [
    `Deviation ${dev.id} — order ${dev.orderId}, ${dev.severity}, segment ${dev.segment}, detected ${
      new Date(dev.detectedAtMs).toISOString()
    }`,
    dev.routedTo.length === 0
      ? "  routed to no agent"
      : `  routed to ${dev.routedTo.map((a, i) => `${a} (${dev.routingClauses[i]})`).join(", ")}`,
  ];
  for (const r of state.responses.filter((x) => x.deviationId === id)) {
    lines.push(`  ${r.agent}: query "${r.query}"`);
    lines.push(
      `    retrieved ${r.retrieved.map((h) => `${h.id} (${h.score.toFixed(2)})`).join(", ") || "nothing"}`,
    );
    for (const a of state.actions.filter((x) => x.deviationId === id && x.agent === r.agent)) {
      const params = Object.entries(a.params).map(([k, v]) => `${k}=${v}`).join(" ");
      lines.push(`    → ${a.kind}${params ? ` ${params}` : ""}`);
      lines.push(`      per ${a.clauses.map((c) => `${c} "${kb.clause(c).title}"`).join(", ")}`);
      lines.push(`      facts ${a.facts.map((f) => `${f}=${r.facts[f]}`).join(", ")}`);
    }
  }
  const t = state.tickets.find((x) => x.deviationId === id);
  if (t) lines.push(`  ticket ${t.id}: ${t.priority} → ${t.queue} (${t.criteria.join(", ")})`);
  const c = state.compensations.find((x) => x.deviationId === id);
  if (c) lines.push(`  compensation ${(c.amountCents / 100).toFixed(2)} USD, ${c.form}, ${c.status}`);
  return lines.join("\n");
}
