import assert from "node:assert/strict";
import fc from "fast-check";
import {
  acceptanceProbability,
  bayAttributeFactor,
  calendarFactor,
  eventFactor,
  HOURLY_WEEKDAY,
  isRushHour,
  surgeFactor,
  tripIncidentProbability,
} from "./mechanism.ts";

const safe = {
  age: 40,
  priorIncidents: 0,
  night: false,
  speedViolations: 0,
  harshBraking: 0,
  raining: false,
  vehicleAge: 0,
};
const logit = (p: number) => Math.log(p / (1 - p));

Deno.test("trip incident model: hand-computed base and declared log-odds steps", () => {
  // σ(−5.7) (python: 1/(1+math.exp(5.7)) = 0.0033348073074133443)
  assert.ok(Math.abs(tripIncidentProbability(safe) - 0.0033348073074133443) < 1e-15);
  const base = logit(tripIncidentProbability(safe));
  const step = (r: Partial<typeof safe>) => logit(tripIncidentProbability({ ...safe, ...r })) - base;
  assert.ok(Math.abs(step({ night: true }) - 1.0) < 1e-9);
  assert.ok(Math.abs(step({ age: 22 }) - 0.9) < 1e-9);
  assert.ok(Math.abs(step({ raining: true }) - 0.4) < 1e-9);
  assert.ok(Math.abs(step({ speedViolations: 4 }) - 1.0) < 1e-9);
  assert.ok(Math.abs(step({ harshBraking: 2 }) - 0.3) < 1e-9);
  assert.ok(Math.abs(step({ vehicleAge: 5 }) - 0.4) < 1e-9);
  // prior incidents count at most 3
  assert.equal(
    tripIncidentProbability({ ...safe, priorIncidents: 3 }),
    tripIncidentProbability({ ...safe, priorIncidents: 9 }),
  );
  assert.ok(Math.abs(step({ priorIncidents: 2 }) - 0.7) < 1e-9);
});

Deno.test("calendar factor: rain ×1.25, holiday ×1.2 with the weekend profile", () => {
  const dry = calendarFactor(8, 2, false, false), wet = calendarFactor(8, 2, true, false);
  assert.ok(Math.abs(wet / dry - 1.25) < 1e-12);
  assert.equal(dry, HOURLY_WEEKDAY[8]! * 1.0);
  assert.ok(
    Math.abs(calendarFactor(8, 2, false, true) - calendarFactor(8, 5, false, false) / 1.1 * 1.2) < 1e-12,
  );
});

Deno.test("event factor: peak after the end, half before the start, nothing beyond 2 km or 3 h", () => {
  const peak = 2 * (20_000 / 20_000) * Math.exp(-0.4 / 0.8);
  assert.ok(Math.abs(eventFactor(0.4, 20_000, -5e6, 0) - (1 + peak)) < 1e-12);
  assert.ok(Math.abs(eventFactor(0.4, 20_000, 1_800_000, -1e7) - (1 + peak / 2)) < 1e-12);
  assert.equal(eventFactor(2.5, 20_000, -5e6, 0), 1);
  assert.equal(eventFactor(0.4, 20_000, -5e6, 3 * 3_600_000), 1);
  // during the event itself: no uplift (people are inside)
  assert.equal(eventFactor(0.4, 20_000, -1, -1), 1);
});

Deno.test("bay attributes: zone base × (poi/40)^0.6 × (1 + 0.4·transit)", () => {
  assert.equal(bayAttributeFactor(1, 40, 0), 0.8);
  // 1.6 · 2^0.6 · 1.4 = 1.6 · 1.515716566 · 1.4 = 3.395205...
  assert.ok(Math.abs(bayAttributeFactor(0, 80, 1) - 1.6 * 2 ** 0.6 * 1.4) < 1e-12);
  assert.ok(Math.abs(bayAttributeFactor(0, 80, 1) - 3.3952051) < 1e-6);
});

Deno.test("surge policy: rush ×1.2, rain ×1.1, event ×1.4; within the spec's [1, 3]", () => {
  assert.ok(isRushHour(8, 0, false) && isRushHour(17, 4, false));
  assert.ok(!isRushHour(8, 5, false) && !isRushHour(8, 0, true) && !isRushHour(12, 2, false));
  assert.equal(surgeFactor(false, false, false), 1);
  assert.ok(Math.abs(surgeFactor(true, true, true) - 1.2 * 1.1 * 1.4) < 1e-12);
  for (const a of [false, true]) {
    for (const b of [false, true]) {
      for (const c of [false, true]) assert.ok(surgeFactor(a, b, c) >= 1 && surgeFactor(a, b, c) <= 3);
    }
  }
});

Deno.test("acceptance: hand value, −2 log-odds per ln(price ratio), strictly decreasing in price", () => {
  const q = { priceRatio: 1, plusMember: false, raining: false, eventActive: false };
  // σ(1) = 0.7310585786
  assert.ok(Math.abs(acceptanceProbability(q) - 0.7310585786) < 1e-9);
  assert.ok(Math.abs(logit(acceptanceProbability({ ...q, priceRatio: Math.E })) - (1 - 2)) < 1e-9);
  assert.ok(
    Math.abs(
      logit(acceptanceProbability({ ...q, plusMember: true, raining: true, eventActive: true })) - 2.5,
    ) < 1e-9,
  );
  fc.assert(fc.property(
    fc.double({ min: 0.2, max: 5, noNaN: true }),
    fc.double({ min: 1e-3, max: 2, noNaN: true }),
    fc.boolean(),
    fc.boolean(),
    fc.boolean(),
    (r, dr, plusMember, raining, eventActive) => {
      const ctx = { plusMember, raining, eventActive };
      const lo = acceptanceProbability({ ...ctx, priceRatio: r }),
        hi = acceptanceProbability({ ...ctx, priceRatio: r + dr });
      assert.ok(hi < lo && lo > 0 && lo < 1);
    },
  ));
});
