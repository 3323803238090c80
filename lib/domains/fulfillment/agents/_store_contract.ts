/**
 * The {@link AgentStore} contract as a test suite, to run against every implementation (the in-memory
 * one here; a DuckDB-backed one later): time windows at their exact bounds, a second commit of a
 * deviation refused with nothing written, snapshots that are copies of every committed row in commit order,
 * and the 14 scenarios replayed on the store ending in their expected states.
 * @module
 */
import assert from "node:assert/strict";
import { ConflictError } from "../../../errors.ts";
import type { KnowledgeBase } from "../knowledge.ts";
import { runScenario } from "./evaluate.ts";
import { SCENARIOS } from "./scenarios.ts";
import type { AgentStore } from "./store.ts";
import type { DeviationSeverity, Outcome } from "./types.ts";

/** A minimal outcome for contract checks (a critical one opens an incident and records a credit). */
export function contractOutcome(
  id: string,
  orderId: string,
  segment: string,
  severity: DeviationSeverity,
  ms: number,
): Outcome {
  const critical = severity === "critical";
  return {
    deviation: {
      id,
      orderId,
      segment,
      severity,
      detectedAtMs: ms,
      routedTo: ["shipment"],
      routingClauses: ["ESC-1.1"],
      decidedAt: "2026-12-01T00:00:00.000Z",
    },
    responses: [{
      deviationId: id,
      agent: "shipment",
      query: "q",
      retrieved: [{ id: "SHIP-2.1", score: 1.5 }],
      citations: ["SHIP-2.1"],
      facts: { severity, weightGrams: 1200, segmentRisk30d: null },
      compensationCents: 0,
      escalate: false,
    }],
    actions: [{
      deviationId: id,
      agent: "shipment",
      seq: 0,
      kind: "monitor_shipment",
      params: { recheck: "next_scan", n: 2, flag: true },
      clauses: ["SHIP-2.1"],
      facts: ["severity"],
    }],
    ticket: critical
      ? {
        id: `TKT-${id}`,
        deviationId: id,
        orderId,
        priority: "P2",
        queue: "fulfillment_ops",
        criteria: ["ESC-2.1"],
        incidentId: `INC-${id}`,
      }
      : null,
    incident: critical ? { id: `INC-${id}`, segment, openedAtMs: ms, openedBy: id } : null,
    compensation: critical
      ? { deviationId: id, orderId, amountCents: 1800, form: "store_credit", status: "approved" }
      : null,
  };
}

/** Runs the contract; `make` returns a fresh, empty store each call. */
export async function agentStoreContract(make: () => Promise<AgentStore>, kb: KnowledgeBase): Promise<void> {
  const s = await make();
  const a = contractOutcome("a", "O1", "S", "warning", 100);
  const b = contractOutcome("b", "O1", "S", "info", 200);
  const c = contractOutcome("c", "O2", "S", "critical", 300);
  for (const o of [a, b, c]) await s.commit(o);

  // order counts are [from, to]; segment counts and incidents (from, to]
  assert.equal(await s.countOrderDeviations("O1", 100, 200), 2);
  assert.equal(await s.countOrderDeviations("O1", 101, 199), 0);
  assert.equal(await s.countOrderDeviations("O3", 0, 1000), 0);
  assert.equal(await s.countSegmentDeviations("S", ["warning", "critical"], 100, 300), 1);
  assert.equal(await s.countSegmentDeviations("S", ["warning", "critical"], 99, 300), 2);
  assert.equal(await s.countSegmentDeviations("S", ["warning", "critical"], 99, 299), 1);
  assert.equal(await s.countSegmentDeviations("S", ["warning"], 0, 1000), 1);
  assert.equal((await s.openIncident("S", 299, 300))?.id, "INC-c");
  assert.equal(await s.openIncident("S", 300, 1000), null);
  assert.equal(await s.openIncident("S", 0, 299), null);
  assert.equal(await s.openIncident("T", 0, 1000), null);
  assert.equal(await s.orderCompensated("O2"), true);
  assert.equal(await s.orderCompensated("O1"), false);
  assert.equal(await s.hasDeviation("a"), true);
  assert.equal(await s.hasDeviation("z"), false);

  // a second commit of a deviation is refused and writes nothing
  const before = await s.snapshot();
  await assert.rejects(() => s.commit({ ...c, actions: [] }), ConflictError);
  assert.deepEqual(await s.snapshot(), before);

  // every row comes back as committed, in commit order
  assert.deepEqual(before, {
    deviations: [a, b, c].map((o) => o.deviation),
    responses: [a, b, c].flatMap((o) => o.responses),
    actions: [a, b, c].flatMap((o) => o.actions),
    tickets: [c.ticket],
    incidents: [c.incident],
    compensations: [c.compensation],
  });

  // a snapshot is a copy: changing it changes nothing stored
  (before.deviations as unknown[]).length = 0;
  assert.equal((await s.snapshot()).deviations.length, 3);

  // the scenarios end in their expected states on this store too
  for (const scenario of SCENARIOS) {
    const store = await make();
    const run = await runScenario(scenario, kb, { makeStore: () => store });
    assert.deepEqual(run.diff, [], `scenario ${scenario.name}`);
  }
}
