import assert from "node:assert/strict";
import { calendarFactor, eventFactor, HOURLY_WEEKDAY, tripIncidentProbability } from "./mechanism.ts";

const safe = { age: 40, priorIncidents: 0, night: false, speedViolations: 0, harshBraking: 0, raining: false };
const logit = (p: number) => Math.log(p / (1 - p));

Deno.test("trip incident model: hand-computed base and declared log-odds steps", () => {
  // σ(−5.3) = 1 / (1 + e^5.3) = 0.00496680165 (python: 1/(1+math.exp(5.3)))
  assert.ok(Math.abs(tripIncidentProbability(safe) - 0.00496680165) < 1e-10);
  const base = logit(tripIncidentProbability(safe));
  assert.ok(Math.abs(logit(tripIncidentProbability({ ...safe, night: true })) - base - 1.0) < 1e-9);
  assert.ok(Math.abs(logit(tripIncidentProbability({ ...safe, age: 22 })) - base - 0.9) < 1e-9);
  // prior incidents count at most 3
  assert.equal(tripIncidentProbability({ ...safe, priorIncidents: 3 }), tripIncidentProbability({ ...safe, priorIncidents: 9 }));
  assert.ok(Math.abs(logit(tripIncidentProbability({ ...safe, speedViolations: 4 })) - base - 1.0) < 1e-9);
});

Deno.test("calendar factor: rain ×1.25, holiday ×1.2 with the weekend profile", () => {
  const dry = calendarFactor(8, 2, false, false), wet = calendarFactor(8, 2, true, false);
  assert.ok(Math.abs(wet / dry - 1.25) < 1e-12);
  assert.equal(dry, HOURLY_WEEKDAY[8]! * 1.0);
  assert.ok(Math.abs(calendarFactor(8, 2, false, true) - calendarFactor(8, 5, false, false) / 1.1 * 1.2) < 1e-12);
});

Deno.test("event factor: peak after the end, half before the start, nothing beyond 2 km or 3 h", () => {
  const peak = 2 * (20_000 / 20_000) * Math.exp(-0.4 / 0.8);
  assert.ok(Math.abs(eventFactor(0.4, 20_000, -5e6, 0) - (1 + peak)) < 1e-12);
  assert.ok(Math.abs(eventFactor(0.4, 20_000, 1_800_000, -1e7) - (1 + peak / 2)) < 1e-12);
  assert.equal(eventFactor(2.5, 20_000, -5e6, 0), 1);
  assert.equal(eventFactor(0.4, 20_000, -5e6, 3 * 3_600_000), 1);
});
