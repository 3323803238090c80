import assert from "node:assert/strict";
import { NotFoundError } from "../../../errors.ts";
import { loadKnowledgeBase } from "../knowledge.ts";
import { runScenario } from "./evaluate.ts";
import { SCENARIOS } from "./scenarios.ts";
import { describeDeviation } from "./trail.ts";

Deno.test("describeDeviation shows routing, actions with clause titles and facts, ticket and credit", async () => {
  const kb = await loadKnowledgeBase();
  const { state } = await runScenario(SCENARIOS.find((s) => s.name === "critical-air-upgrade")!, kb);
  const text = describeDeviation(state, "s3-d1", kb);
  for (
    const line of [
      "Deviation s3-d1 — order O-301, critical, segment B|Road|medium, detected 2026-11-03T09:00:00.000Z",
      "  routed to shipment (ESC-1.1), customer (ESC-1.2), payment (ESC-1.3), escalation (ESC-1.4)",
      "    → upgrade_mode from=Road to=Flight",
      '      per SHIP-3.1 "Upgrade to air freight"',
      "      facts severity=critical, orderStatus=processing, mode=Road, weightGrams=3000, productImportance=medium, customerTier=silver",
      "  ticket TKT-s3-d1: P2 → fulfillment_ops (ESC-2.1)",
      "  compensation 18.00 USD, store_credit, approved",
    ]
  ) assert.ok(text.split("\n").includes(line), `missing line: ${line}\n---\n${text}`);
  assert.throws(() => describeDeviation(state, "nope", kb), NotFoundError);
});
