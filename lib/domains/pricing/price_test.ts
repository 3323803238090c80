import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../errors.ts";
import {
  BASE_PRICE_PER_MIN,
  priceBreakdown,
  PRICING_VEHICLE_TYPES,
  RISK_BAND_TABLE,
  riskBand,
  riskMultiplier,
  VEHICLE_TYPE_FACTOR,
} from "./price.ts";

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

Deno.test("risk multiplier: the spec's bands, linear within each (hand values)", () => {
  // score → multiplier: band ends from spec 001 ("< 0.3: 0.8–1.0x, 0.3–0.7: 1.0–1.2x, > 0.7: 1.2–1.5x")
  const cases: [number, number, string][] = [
    [0, 0.8, "low"],
    [0.15, 0.9, "low"],
    [0.3, 1.0, "medium"],
    [0.5, 1.1, "medium"],
    [0.7, 1.2, "medium"],
    [0.73, 1.23, "high"],
    [0.85, 1.35, "high"],
    [1, 1.5, "high"],
  ];
  for (const [s, m, band] of cases) {
    close(riskMultiplier(s), m, `score ${s}`);
    assert.equal(riskBand(s), band, `score ${s}`);
  }
  assert.equal(riskBand(0.2999999), "low");
  assert.equal(riskBand(0.7000001), "high");
  assert.deepEqual(RISK_BAND_TABLE.map((b) => [b.multiplierFrom, b.multiplierTo]), [[0.8, 1], [1, 1.2], [
    1.2,
    1.5,
  ]]);
});

Deno.test("property: the risk multiplier is continuous, increasing and within [0.8, 1.5]", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const mLo = riskMultiplier(lo), mHi = riskMultiplier(hi);
        assert.ok(mLo >= 0.8 - 1e-12 && mHi <= 1.5 + 1e-12);
        assert.ok(mHi >= mLo - 1e-12);
        // steepest band: 0.3 of multiplier over 0.3 of score, so never more than 1 per unit of score
        assert.ok(mHi - mLo <= (hi - lo) * 1 + 1e-12);
      },
    ),
    { numRuns: 500, seed: 9 },
  );
});

Deno.test("vehicle type factor: the fleet's rates per minute relative to economy", () => {
  close(VEHICLE_TYPE_FACTOR.economy, 1, "economy");
  close(VEHICLE_TYPE_FACTOR.standard, 0.32 / 0.25, "standard");
  close(VEHICLE_TYPE_FACTOR.standard, 1.28, "standard");
  close(VEHICLE_TYPE_FACTOR.premium, 1.8, "premium");
  assert.equal(BASE_PRICE_PER_MIN, 0.25);
});

Deno.test("price breakdown: final = base × risk × surge × vehicle, each factor shown with its reason", () => {
  const p = priceBreakdown({ basePrice: 0.25, riskScore: 0.73, demandSurge: 2, vehicleType: "standard" });
  // 0.25 × 1.23 × 2 × 1.28 = 0.7872
  close(p.finalPrice, 0.7872, "final");
  assert.equal(p.riskBand, "high");
  assert.deepEqual(p.factors.map((f) => f.name), [
    "base_price",
    "risk_multiplier",
    "demand_surge",
    "vehicle_type_factor",
  ]);
  close(p.factors.reduce((acc, f) => acc * f.value, 1), p.finalPrice, "product of factors");
  assert.equal(p.factors[1]!.why, "risk score 0.73: high band");
  assert.equal(p.factors[2]!.why, "demand surge 2×");
  assert.equal(p.factors[3]!.why, "standard vehicle");
  const calm = priceBreakdown({ basePrice: 0.25, riskScore: 0.3, demandSurge: 1, vehicleType: "economy" });
  close(calm.finalPrice, 0.25, "a medium-floor customer on a calm economy quote pays the base");
  assert.equal(calm.factors[2]!.why, "normal demand");
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 10, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 1, max: 3, noNaN: true }),
      fc.constantFrom(...PRICING_VEHICLE_TYPES),
      (basePrice, riskScore, demandSurge, vehicleType) => {
        const b = priceBreakdown({ basePrice, riskScore, demandSurge, vehicleType });
        const vf = VEHICLE_TYPE_FACTOR[vehicleType];
        // the spec's bounds: 0.8 × 1 ≤ final ÷ (base × vehicle) ≤ 1.5 × 3
        const k = b.finalPrice / (basePrice * vf);
        assert.ok(k >= 0.8 - 1e-9 && k <= 4.5 + 1e-9, `${k}`);
        close(b.finalPrice, basePrice * riskMultiplier(riskScore) * demandSurge * vf, "formula");
      },
    ),
    { numRuns: 300, seed: 4 },
  );
});

Deno.test("price breakdown: out-of-range inputs are InputErrors naming the field", () => {
  const ok = { basePrice: 0.25, riskScore: 0.5, demandSurge: 1.2, vehicleType: "economy" as const };
  const named = (field: string) => (e: unknown) => e instanceof InputError && e.field === field;
  assert.throws(() => priceBreakdown({ ...ok, basePrice: 0 }), named("basePrice"));
  assert.throws(() => priceBreakdown({ ...ok, basePrice: NaN }), named("basePrice"));
  assert.throws(() => priceBreakdown({ ...ok, riskScore: 1.2 }), named("riskScore"));
  assert.throws(() => priceBreakdown({ ...ok, riskScore: -0.01 }), named("riskScore"));
  assert.throws(() => priceBreakdown({ ...ok, demandSurge: 0.9 }), named("demandSurge"));
  assert.throws(() => priceBreakdown({ ...ok, demandSurge: 3.01 }), named("demandSurge"));
  assert.throws(
    () => priceBreakdown({ ...ok, vehicleType: "van" as "economy" }),
    (e: unknown) => named("vehicleType")(e) && /"economy", "standard", "premium"/.test((e as Error).message),
  );
  assert.throws(() => priceBreakdown(null as never), named("input"));
});
