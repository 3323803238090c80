import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../errors.ts";
import {
  MAX_OFFER_RADIUS_KM,
  MIN_CANDIDATES,
  OFFER_RADII_KM,
  offerRadiusKm,
  offerRadiusRule,
} from "./offer_radius.ts";

/** The spec's wording, written independently: the 5th nearest driver decides (sort, then look). */
function referenceRadius(distances: number[]): number {
  const sorted = [...distances].sort((a, b) => a - b);
  if (sorted.length < 5) return 5;
  const fifth = sorted[4]!;
  if (fifth <= 1) return 1;
  if (fifth <= 3) return 3;
  return 5;
}

Deno.test("offer radius: hand cases of the 1 → 3 → 5 km expansion", () => {
  assert.deepEqual(OFFER_RADII_KM, [1, 3, 5]);
  assert.equal(MIN_CANDIDATES, 5);
  assert.equal(offerRadiusKm([0.1, 0.2, 0.3, 0.4, 0.5]), 1); // five within 1 km
  assert.equal(offerRadiusKm([0.1, 0.2, 0.3, 0.4, 1.5]), 3); // four within 1 km
  assert.equal(offerRadiusKm([0.1, 0.2, 0.3, 0.4, 3.5, 4, 4.5]), 5); // four within 3 km
  assert.equal(offerRadiusKm([4.9, 0.1]), 5); // never five: the widest
  assert.equal(offerRadiusKm([]), MAX_OFFER_RADIUS_KM);
  // a driver exactly on a radius is inside it
  assert.equal(offerRadiusKm([1, 1, 1, 1, 1]), 1);
  assert.equal(offerRadiusKm([1, 1, 1, 1, 1.0000001]), 3);
  assert.equal(offerRadiusKm([3, 3, 3, 3, 3, 0.5]), 3);
  // order does not matter; only the first `count` distances are read
  assert.equal(offerRadiusKm([2.5, 0.1, 0.9, 0.2, 0.3, 0.4]), 1);
  assert.equal(offerRadiusKm([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], 4), 5);
});

Deno.test("property: offerRadiusKm equals the sorted 5th-nearest reference; survivors fill the radius", () => {
  const distance = fc.oneof(
    fc.double({ min: 0, max: 8, noNaN: true }),
    fc.constantFrom(0, 1, 3, 5), // the boundaries themselves
  );
  fc.assert(
    fc.property(fc.array(distance, { maxLength: 30 }), (ds) => {
      const r = offerRadiusKm(ds);
      assert.equal(r, referenceRadius(ds));
      const cands = ds.map((km, i) => ({ driverId: i, distanceKm: km }));
      const out = offerRadiusRule(cands);
      assert.equal(out.radiusKm, r);
      // kept ∪ removed is the input; kept are inside, removed outside, input order kept
      assert.deepEqual(
        out.kept.map((c) => c.driverId),
        cands.filter((c) => c.distanceKm <= r).map((c) => c.driverId),
      );
      assert.deepEqual(
        out.removed.map((x) => x.driverId),
        cands.filter((c) => c.distanceKm > r).map((c) => c.driverId),
      );
      for (const x of out.removed) assert.equal(x.rule, "offer_radius");
      // the smallest radius: below 5 km it holds ≥ 5, and the next smaller one held fewer than 5
      if (r < 5) assert.ok(out.kept.length >= 5);
      const smaller = OFFER_RADII_KM.filter((x) => x < r);
      for (const s of smaller) assert.ok(ds.filter((d) => d <= s).length < 5);
    }),
    { numRuns: 500, seed: 11 },
  );
});

Deno.test("offer radius rule: reasons name the distance and the radius", () => {
  const out = offerRadiusRule(
    [0.2, 0.4, 0.6, 0.8, 1.9, 2.2, 3.25].map((km, i) => ({ driverId: `D${i}`, distanceKm: km })),
  );
  assert.equal(out.radiusKm, 3);
  assert.deepEqual(out.removed, [{
    driverId: "D6",
    rule: "offer_radius",
    reason: "3.25 km away, beyond the 3 km radius (6 eligible drivers within it, ≥ 5 needed)",
  }]);
  const wide = offerRadiusRule([{ driverId: 1, distanceKm: 6 }]);
  assert.equal(wide.removed[0]!.reason, "6 km away, beyond the widest radius, 5 km");
});

Deno.test("offer radius: bad distances are InputErrors naming the field", () => {
  const named = (field: string) => (e: unknown) => e instanceof InputError && e.field === field;
  assert.throws(() => offerRadiusKm([0.5, -1]), named("distancesKm[1]"));
  assert.throws(() => offerRadiusKm([NaN]), named("distancesKm[0]"));
  assert.throws(() => offerRadiusKm([Infinity]), named("distancesKm[0]"));
  assert.throws(() => offerRadiusKm([1, 2], 3), named("count"));
  assert.throws(
    () => offerRadiusRule([{ driverId: 1, distanceKm: 0.3 }, { driverId: 2, distanceKm: NaN }]),
    named("candidates[1].distanceKm"),
  );
});
