import assert from "node:assert/strict";
import { ConflictError } from "../../../errors.ts";
import { MemoryAgentStore } from "./store.ts";
import type { Outcome } from "./types.ts";

const outcome = (
  id: string,
  orderId: string,
  segment: string,
  severity: "info" | "warning" | "critical",
  ms: number,
): Outcome => ({
  deviation: {
    id,
    orderId,
    segment,
    severity,
    detectedAtMs: ms,
    routedTo: [],
    routingClauses: [],
    decidedAt: "x",
  },
  responses: [],
  actions: [],
  ticket: null,
  incident: severity === "critical" ? { id: `INC-${id}`, segment, openedAtMs: ms, openedBy: id } : null,
  compensation: null,
});

Deno.test("MemoryAgentStore windows: order counts are [from, to], segment counts and incidents (from, to]", async () => {
  const s = new MemoryAgentStore();
  await s.commit(outcome("a", "O1", "S", "warning", 100));
  await s.commit(outcome("b", "O1", "S", "info", 200));
  await s.commit(outcome("c", "O2", "S", "critical", 300));
  assert.equal(await s.countOrderDeviations("O1", 100, 200), 2);
  assert.equal(await s.countOrderDeviations("O1", 101, 199), 0);
  assert.equal(await s.countSegmentDeviations("S", ["warning", "critical"], 100, 300), 1); // a excluded at 100
  assert.equal(await s.countSegmentDeviations("S", ["warning", "critical"], 99, 300), 2);
  assert.equal(await s.countSegmentDeviations("S", ["warning"], 0, 1000), 1);
  assert.equal((await s.openIncident("S", 299, 300))?.id, "INC-c");
  assert.equal(await s.openIncident("S", 300, 1000), null);
  assert.equal(await s.openIncident("T", 0, 1000), null);
});

Deno.test("MemoryAgentStore refuses a deviation twice and snapshots are copies", async () => {
  const s = new MemoryAgentStore();
  await s.commit(outcome("a", "O1", "S", "warning", 100));
  await assert.rejects(() => s.commit(outcome("a", "O1", "S", "warning", 100)), ConflictError);
  const snap = await s.snapshot();
  (snap.deviations as unknown[]).length = 0;
  assert.equal((await s.snapshot()).deviations.length, 1);
  assert.equal(await s.hasDeviation("a"), true);
});
