import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import {
  CANCEL_RATE_BAN,
  cancelRateBanRule,
  FRAUD_SPEED_KMH,
  fraudSpeedRule,
  RECENT_CANCEL_MS,
  recentCancelRule,
} from "./business_rules.ts";

const AT = Date.UTC(2025, 0, 6, 18, 30);
const base = {
  speedKmh: 20 as number | null,
  lastCancelledAt: null as number | null,
  acceptsToday: 0,
  cancelsToday: 0,
};
const ids = (r: { kept: { driverId: unknown }[] }) => r.kept.map((c) => c.driverId);

Deno.test("fraud speed: strictly above 80 km/h is removed; no ping is kept", () => {
  assert.equal(FRAUD_SPEED_KMH, 80);
  const cands = [80, 80.05, 0, 200, null].map((v, i) => ({ ...base, driverId: i, speedKmh: v }));
  const r = fraudSpeedRule(cands);
  assert.deepEqual(ids(r), [0, 2, 4]);
  assert.deepEqual(r.removed, [
    { driverId: 1, rule: "fraud_speed", reason: "moving at 80.05 km/h, above 80 km/h" },
    { driverId: 3, rule: "fraud_speed", reason: "moving at 200 km/h, above 80 km/h" },
  ]);
});

Deno.test("recent cancel: a cancellation at most 5 minutes before the order is removed", () => {
  assert.equal(RECENT_CANCEL_MS, 300_000);
  const times = [AT, AT - 300_000, AT - 300_001, AT - 3_600_000, null];
  const r = recentCancelRule({ at: AT }, times.map((t, i) => ({ ...base, driverId: i, lastCancelledAt: t })));
  assert.deepEqual(ids(r), [2, 3, 4]);
  assert.deepEqual(r.removed.map((x) => x.reason), [
    "cancelled an order 0 min ago (within 5 min)",
    "cancelled an order 5 min ago (within 5 min)",
  ]);
});

Deno.test("cancellation ban: above 10 % of today's accepted orders; 10 % exactly is kept", () => {
  assert.equal(CANCEL_RATE_BAN, 0.1);
  const cases: [number, number, boolean][] = [
    [0, 0, true], // nothing accepted: rate 0
    [10, 1, true], // 10 %: not above
    [9, 1, false], // 11.1 %
    [19, 2, false], // 10.5 %
    [20, 2, true], // 10 %
    [1, 1, false], // one of one: no minimum volume in the spec
    [30, 0, true],
  ];
  const cands = cases.map(([a, k], i) => ({ ...base, driverId: i, acceptsToday: a, cancelsToday: k }));
  const r = cancelRateBanRule(cands);
  assert.deepEqual(ids(r), cases.flatMap(([, , keep], i) => keep ? [i] : []));
  assert.equal(r.removed[0]!.reason, "cancelled 1 of 9 orders today (11.1 % > 10 %)");
});

Deno.test("business rules: bad driver state is an InputError naming the candidate's field", () => {
  const named = (field: string) => (e: unknown) => e instanceof InputError && e.field === field;
  const c = { ...base, driverId: 1 };
  assert.throws(() => fraudSpeedRule([c, { ...c, speedKmh: -3 }]), named("candidates[1].speedKmh"));
  assert.throws(() => fraudSpeedRule([{ ...c, speedKmh: NaN }]), named("candidates[0].speedKmh"));
  assert.throws(() => recentCancelRule({ at: NaN }, [c]), named("at"));
  assert.throws(
    () => recentCancelRule({ at: AT }, [{ ...c, lastCancelledAt: AT + 1 }]),
    named("candidates[0].lastCancelledAt"),
  );
  assert.throws(() => cancelRateBanRule([{ ...c, acceptsToday: 1.5 }]), named("candidates[0].acceptsToday"));
  assert.throws(
    () => cancelRateBanRule([{ ...c, acceptsToday: 2, cancelsToday: 3 }]),
    named("candidates[0].cancelsToday"),
  );
});
