import assert from "node:assert/strict";
import fc from "fast-check";
import { incidentWithinProbability } from "./truth.ts";

/** Brute force: every trip of the same customer, overlap fraction computed directly. */
function naive(
  customer: Int32Array,
  start: Float64Array,
  end: Float64Array,
  p: Float64Array,
  w: number,
): Float64Array {
  const out = new Float64Array(customer.length);
  for (let i = 0; i < customer.length; i++) {
    let survive = 1;
    for (let j = 0; j < customer.length; j++) {
      if (customer[j] !== customer[i]) continue;
      const overlap = Math.max(0, Math.min(end[j]!, start[i]! + w) - Math.max(start[j]!, start[i]!));
      survive *= 1 - p[j]! * overlap / (end[j]! - start[j]!);
    }
    out[i] = 1 - survive;
  }
  return out;
}

Deno.test("incidentWithinProbability equals the brute-force product over overlapping trips", () => {
  const trip = fc.record({
    c: fc.integer({ min: 0, max: 3 }),
    s: fc.integer({ min: 0, max: 1000 }),
    d: fc.integer({ min: 1, max: 200 }),
    p: fc.double({ min: 0, max: 0.9, noNaN: true }),
  });
  fc.assert(
    fc.property(
      fc.array(trip, { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 500 }),
      (trips, w) => {
        const customer = Int32Array.from(trips, (t) => t.c), start = Float64Array.from(trips, (t) => t.s);
        const end = Float64Array.from(trips, (t) => t.s + t.d), p = Float64Array.from(trips, (t) => t.p);
        const fast = incidentWithinProbability(customer, start, end, p, w),
          slow = naive(customer, start, end, p, w);
        for (let i = 0; i < trips.length; i++) {
          assert.ok(Math.abs(fast[i]! - slow[i]!) < 1e-12, `trip ${i}: ${fast[i]} vs ${slow[i]}`);
        }
      },
    ),
  );
});

Deno.test("incidentWithinProbability: hand example with a trip cut by the window", () => {
  const p = incidentWithinProbability(
    Int32Array.of(0, 0, 1),
    Float64Array.of(0, 3_600_000, 0),
    Float64Array.of(3_600_000, 7_200_000, 3_600_000),
    Float64Array.of(0.5, 0.5, 0.2),
    5_400_000,
  );
  assert.ok(Math.abs(p[0]! - 0.625) < 1e-12); // 1 − 0.5 · 0.75
  assert.ok(Math.abs(p[1]! - 0.5) < 1e-12); // only its own trip
  assert.ok(Math.abs(p[2]! - 0.2) < 1e-12); // another customer's trips never count
});
