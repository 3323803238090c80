import assert from "node:assert/strict";
import fc from "fast-check";
import {
  baseLogit,
  delayLogit,
  delayProbability,
  EFFECTS,
  isMidWeight,
  normalCdf,
  type ShipmentInputs,
} from "./mod.ts";

// Block F (code 4), Ship (0), OceanLink (0), low importance (0), 10 % discount, 1.5 kg, 3 prior purchases, 200 USD.
const base: ShipmentInputs = {
  warehouse: 4,
  mode: 0,
  carrier: 0,
  importance: 0,
  discount: 10,
  weightG: 1500,
  priorPurchases: 3,
  cost: 200,
  congestion: 0,
  disrupted: false,
};

Deno.test("delay log-odds match a hand computation", () => {
  // 1.25 + 0.10·10 − 0.25·1.5 + 0.25 (block F) − 0.08·3 − 0.30·2 = 1.285
  assert.ok(Math.abs(delayLogit(base) - 1.285) < 1e-12);
  // Flight (−0.30) with SkyCargo (carrier 3, +0.25), high importance (−0.50), 3 kg (mid band +1.2, −0.75)
  const other = { ...base, mode: 1, carrier: 3, importance: 2, weightG: 3000 };
  assert.ok(Math.abs(delayLogit(other) - (1.285 - 0.30 + 0.25 - 0.50 + 1.2 - 0.75 + 0.375)) < 1e-12);
  // Road + Highway Haulers (carrier 5, +0.4), medium importance (−0.15), block A, congestion 0.5
  const road = { ...base, warehouse: 0, mode: 2, carrier: 5, importance: 1, congestion: 0.5 };
  assert.ok(Math.abs(delayLogit(road) - (1.285 - 0.25 + 0.15 + 0.4 - 0.15 + 0.5)) < 1e-12);
  assert.ok(Math.abs(delayLogit({ ...base, disrupted: true }) - (1.285 + EFFECTS.disruption)) < 1e-12);
  assert.ok(Math.abs(delayProbability(base) - 1 / (1 + Math.exp(-1.285))) < 1e-15);
});

Deno.test("mid-weight band is [2000 g, 4000 g)", () => {
  assert.deepEqual([1999, 2000, 3999, 4000].map(isMidWeight), [false, true, true, false]);
});

Deno.test("property: lateness rises with discount and falls with importance, never with calls", () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1001, max: 7846 }), (d, w) => {
    const s = { ...base, discount: d, weightG: w };
    assert.ok(delayLogit({ ...s, discount: d + 1 }) > delayLogit(s));
    assert.ok(delayLogit({ ...s, importance: 2 }) < delayLogit({ ...s, importance: 1 }));
    assert.equal(baseLogit({ ...s, disrupted: true }), baseLogit(s));
  }));
});

Deno.test("normalCdf matches reference values", () => {
  // Φ(0) = 0.5, Φ(1.959964) = 0.975, Φ(−1) = 0.158655 (tables)
  assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
  assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
  assert.ok(Math.abs(normalCdf(-1) - 0.158655) < 1e-6);
});
