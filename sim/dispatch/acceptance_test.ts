import assert from "node:assert/strict";
import fc from "fast-check";
import {
  acceptanceProbability,
  baseProbability,
  codFactor,
  fatigueFactor,
  rainFactor,
  REF_PRICE_PER_KM,
} from "./acceptance.ts";

const base = {
  propensity: 0,
  distanceKm: 1,
  pricePerKm: REF_PRICE_PER_KM[0]!,
  service: 0,
  vehicle: 0,
  homeDistrict: true,
  raining: false,
  codVnd: 0,
  minutesOnline: 60,
};

Deno.test("base probability matches a hand computation", () => {
  // σ(0.3 − 0.55·1 + 1.5·ln 1 + 0.7) = σ(0.45) = 0.610639...
  assert.ok(Math.abs(baseProbability(base) - 0.6106392) < 1e-6);
  // doubling the price per km adds 1.5·ln 2 log-odds
  const p2 = baseProbability({ ...base, pricePerKm: 2 * REF_PRICE_PER_KM[0]! });
  assert.ok(Math.abs(Math.log(p2 / (1 - p2)) - (0.45 + 1.5 * Math.LN2)) < 1e-9);
});

Deno.test("rain cuts bike acceptance by exactly 40 % and leaves cars alone", () => {
  assert.equal(rainFactor(0, true), 0.6);
  assert.equal(rainFactor(1, true), 1);
  assert.equal(rainFactor(0, false), 1);
  const dry = acceptanceProbability(base), wet = acceptanceProbability({ ...base, raining: true });
  assert.ok(Math.abs(wet / dry - 0.6) < 1e-12);
});

Deno.test("COD friction is 1 up to 2M VND then linear with a floor", () => {
  assert.equal(codFactor(2_000_000), 1);
  assert.ok(Math.abs(codFactor(5_000_000) - 0.7) < 1e-12);
  assert.equal(codFactor(20_000_000), 0.2);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 30_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (a, b) => {
      assert.ok(codFactor(a + b) <= codFactor(a));
    }),
  );
});

Deno.test("fatigue: none for 2 h, then −0.1 per 100 min, floored at 0.4", () => {
  assert.equal(fatigueFactor(60), 1);
  assert.ok(Math.abs(fatigueFactor(420) - 0.7) < 1e-12);
  assert.equal(fatigueFactor(2000), 0.4);
});

Deno.test("P(accept) is a probability and falls with distance", () => {
  fc.assert(fc.property(
    fc.double({ min: -3, max: 3, noNaN: true }),
    fc.double({ min: 0, max: 5, noNaN: true }),
    fc.double({ min: 0.01, max: 3, noNaN: true }),
    (prop, km, extra) => {
      const a = acceptanceProbability({ ...base, propensity: prop, distanceKm: km });
      const b = acceptanceProbability({ ...base, propensity: prop, distanceKm: km + extra });
      assert.ok(a >= 0 && a <= 1 && b <= a);
    },
  ));
});
