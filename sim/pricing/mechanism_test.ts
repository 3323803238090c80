import assert from "node:assert/strict";
import fc from "fast-check";
import {
  BASE_PRICE_PER_MIN,
  isRushHour as libIsRushHour,
  PRICING_VEHICLE_TYPES,
  SURGE_POLICY,
  surgeFactor as libSurgeFactor,
  VEHICLE_RATE_PER_MIN,
  VEHICLE_TYPE_FACTOR,
} from "../../lib/domains/pricing/mod.ts";
import { type Frame, getNumeric } from "../../lib/data/mod.ts";
import {
  acceptanceProbability,
  bayAttributeFactor,
  calendarFactor,
  eventFactor,
  HOURLY_WEEKDAY,
  isRushHour,
  PRICING_EFFECTS,
  surgeFactor,
  tripIncidentProbability,
} from "./mechanism.ts";
import { VEHICLE_BASE_PRICE, VEHICLE_TYPES } from "./params.ts";
import { pricingSimulator } from "./simulator.ts";

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

Deno.test("the simulator's surge policy is lib's; its fleet rates are lib's vehicle factors", async () => {
  assert.equal(surgeFactor, libSurgeFactor);
  assert.equal(isRushHour, libIsRushHour);
  assert.deepEqual([...VEHICLE_TYPES], [...PRICING_VEHICLE_TYPES]);
  VEHICLE_TYPES.forEach((v, i) => {
    assert.equal(VEHICLE_BASE_PRICE[i], VEHICLE_RATE_PER_MIN[v], v);
    assert.ok(Math.abs(VEHICLE_BASE_PRICE[i]! - BASE_PRICE_PER_MIN * VEHICLE_TYPE_FACTOR[v]) < 1e-12, v);
  });
  // mechanism.ts holds no copy of the policy: it imports it (and the graph's sizes are the policy's)
  const src = await Deno.readTextFile(new URL("./mechanism.ts", import.meta.url));
  assert.match(src, /from "\.\.\/\.\.\/lib\/domains\/pricing\/mod\.ts"/);
  assert.doesNotMatch(src, /function (surgeFactor|isRushHour)\b/);
  assert.deepEqual(
    [PRICING_EFFECTS.surgeRush, PRICING_EFFECTS.surgeRain, PRICING_EFFECTS.surgeEvent],
    [SURGE_POLICY.rush, SURGE_POLICY.rain, SURGE_POLICY.event],
  );
});

Deno.test("on the simulator's own quotes: surge_factor = lib surgeFactor(rush hour, rain, event active)", () => {
  const out = pricingSimulator.generate({
    seed: 5,
    scale: "tiny",
    scenario: "event_night",
    bays: 6,
    customers: 300,
  });
  const t = out.tables, start = out.meta.startMs!;
  const num = (f: Frame, c: string) => getNumeric(f, c);
  const rain = num(t.weather!, "rain"), holidays = new Set(num(t.holidays!, "day"));
  const dBay = num(t.demand!, "bay_id"), dStart = num(t.demand!, "bucket_start");
  const dEvent = num(out.truth.demand_truth!, "event_factor");
  const eventAt = new Map<string, boolean>();
  for (let r = 0; r < dBay.length; r++) eventAt.set(`${dBay[r]}:${dStart[r]}`, dEvent[r]! > 1);
  const qBay = num(t.quotes!, "bay_id"),
    qAt = num(t.quotes!, "quoted_at"),
    qSurge = num(t.quotes!, "surge_factor");
  const seen = new Set<number>();
  for (let i = 0; i < qAt.length; i++) {
    const bucket = start + Math.floor((qAt[i]! - start) / 900_000) * 900_000;
    const day = Math.floor((bucket - start) / 86_400_000),
      hour = Math.floor((bucket - start) / 3_600_000) % 24;
    const event = eventAt.get(`${qBay[i]}:${bucket}`);
    assert.ok(event !== undefined, `quote ${i}: no demand row`);
    const rush = libIsRushHour(hour, day % 7, holidays.has(start + day * 86_400_000));
    const want = Math.round(libSurgeFactor(rush, rain[day * 24 + hour] === 1, event) * 1000) / 1000;
    assert.equal(qSurge[i], want, `quote ${i}`);
    seen.add(want);
  }
  // rush, rain and event all occur, alone and together
  assert.ok(seen.size >= 6, `only ${[...seen].join(", ")}`);
});
