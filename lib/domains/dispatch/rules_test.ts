import assert from "node:assert/strict";
import fc from "fast-check";
import { DISPATCH_RULE_NAMES } from "./rule.ts";
import { businessRules, DISPATCH_RULES, retrievalRules } from "./rules.ts";

const AT = Date.UTC(2025, 0, 6, 12);

/** A random candidate with every field the rules read (boundary values included on purpose). */
const candidate = fc.record({
  vehicleType: fc.constantFrom("bike" as const, "car" as const, "premium" as const),
  serviceLevel: fc.constantFrom("standard" as const, "premium" as const),
  distanceKm: fc.oneof(fc.double({ min: 0, max: 7, noNaN: true }), fc.constantFrom(1, 3, 5)),
  speedKmh: fc.oneof(
    fc.constant(null),
    fc.constantFrom(80, 81),
    fc.double({ min: 0, max: 150, noNaN: true }),
  ),
  lastCancelledAt: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 900_000 }).map((ago) => AT - ago)),
  acceptsToday: fc.integer({ min: 0, max: 25 }),
  cancelFrac: fc.double({ min: 0, max: 1, noNaN: true }),
}).map(({ cancelFrac, ...c }) => ({ ...c, cancelsToday: Math.floor(cancelFrac * c.acceptsToday) }));

type Cand = typeof candidate extends fc.Arbitrary<infer T> ? T & { driverId: number } : never;

/** The first rule a candidate fails, written from the spec's sentences without the library's helpers. */
function firstFailure(service: "bike" | "car" | "premium", c: Cand, radius: number): string | null {
  if (service === "bike" ? c.vehicleType !== "bike" : c.vehicleType === "bike") return "vehicle_type";
  if (service === "premium" && c.serviceLevel !== "premium") return "service_level";
  if (c.distanceKm > radius) return "offer_radius";
  if (c.speedKmh !== null && c.speedKmh > 80) return "fraud_speed";
  if (c.lastCancelledAt !== null && AT - c.lastCancelledAt <= 5 * 60_000) return "recent_cancel";
  if (c.acceptsToday > 0 && c.cancelsToday / c.acceptsToday > 0.1) return "cancel_rate_ban";
  return null;
}

Deno.test("property: retrieval then business rules remove each candidate by the first rule it fails", () => {
  fc.assert(
    fc.property(
      fc.constantFrom("bike" as const, "car" as const, "premium" as const),
      fc.array(candidate, { maxLength: 40 }),
      (service, raw) => {
        const cands: Cand[] = raw.map((c, i) => ({ ...c, driverId: i }));
        const retrieved = retrievalRules({ serviceType: service }, cands);
        // the radius is chosen over the eligible drivers only
        const eligible = cands.filter((c) => {
          const f = firstFailure(service, c, Infinity);
          return f !== "vehicle_type" && f !== "service_level";
        }).map((c) => c.distanceKm).sort((a, b) => a - b);
        const fifth = eligible[4];
        const radius = fifth === undefined ? 5 : fifth <= 1 ? 1 : fifth <= 3 ? 3 : 5;
        assert.equal(retrieved.radiusKm, radius);
        const final = businessRules({ at: AT }, retrieved.kept);
        const removedBy = new Map<number, string>();
        for (const x of [...retrieved.removed, ...final.removed]) {
          assert.ok(!removedBy.has(x.driverId as number), "removed twice");
          removedBy.set(x.driverId as number, x.rule);
          assert.ok(x.reason.length > 0);
        }
        for (const c of cands) {
          assert.equal(removedBy.get(c.driverId) ?? null, firstFailure(service, c, radius));
        }
        // survivors keep their input (ranked) order
        assert.deepEqual(
          final.kept.map((c) => c.driverId),
          cands.filter((c) => firstFailure(service, c, radius) === null).map((c) => c.driverId),
        );
        // removals are listed in rule order
        const order = [...retrieved.removed, ...final.removed].map((x) =>
          DISPATCH_RULE_NAMES.indexOf(x.rule)
        );
        assert.deepEqual(order, [...order].sort((a, b) => a - b));
      },
    ),
    { numRuns: 400, seed: 5 },
  );
});

Deno.test("the rule catalogue lists every rule once, retrieval before after-ranking", () => {
  assert.deepEqual(DISPATCH_RULES.map((r) => r.name), [...DISPATCH_RULE_NAMES]);
  assert.deepEqual(DISPATCH_RULES.map((r) => r.stage), [
    "retrieval",
    "retrieval",
    "retrieval",
    "after_ranking",
    "after_ranking",
    "after_ranking",
  ]);
});
