import assert from "node:assert/strict";
import { InputError } from "../../../errors.ts";
import { segmentOf, validateDeviation } from "./deviation.ts";
import { scenarioDeviation } from "./scenarios.ts";

const good = scenarioDeviation("d1", "O-1", "2026-11-01T10:00:00Z", 0.82);

Deno.test("validateDeviation accepts a well-formed deviation and names the bad field otherwise", () => {
  assert.equal(validateDeviation(good), good);
  const bad: [unknown, string][] = [
    [{ ...good, id: "" }, "id"],
    [{ ...good, detectedAt: "2026-11-01 10:00" }, "detectedAt"],
    [{ ...good, detectedAt: "2026-11-01T10:00:00" }, "detectedAt"], // no zone: ambiguous
    [{ ...good, probability: 1.2 }, "probability"],
    [{ ...good, probability: 0.2, severity: "info" }, "probability"], // not a deviation
    [{ ...good, severity: "warning" }, "severity"], // 0.82 is critical
    [{ ...good, probability: 0.7, severity: "critical" }, "severity"], // thresholds are strict
    [{ ...good, facts: { ...good.facts, mode: "Air" } }, "facts.mode"],
    [{ ...good, facts: { ...good.facts, discountPct: 120 } }, "facts.discountPct"],
    [{ ...good, facts: { ...good.facts, customerTier: "platinum" } }, "facts.customerTier"],
    [{ ...good, facts: { ...good.facts, customerCareCalls: 1.5 } }, "facts.customerCareCalls"],
    [{ ...good, facts: { ...good.facts, cashOnDelivery: "yes" } }, "facts.cashOnDelivery"],
    [null, "deviation"],
  ];
  for (const [value, field] of bad) {
    assert.throws(() => validateDeviation(value), (e) => e instanceof InputError && e.field === field, field);
  }
});

Deno.test("segmentOf is warehouse × mode × importance", () => {
  assert.equal(segmentOf(good.facts), "B|Road|medium");
});
