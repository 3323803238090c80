import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../errors.ts";
import { clampSurge, demandSurge, isRushHour, SURGE_MAX, SURGE_MIN, surgeFactor } from "./surge.ts";

Deno.test("surge policy: the eight combinations by hand, all within [1, 3]", () => {
  const cases: [boolean, boolean, boolean, number][] = [
    [false, false, false, 1],
    [true, false, false, 1.2],
    [false, true, false, 1.1],
    [false, false, true, 1.4],
    [true, true, false, 1.32],
    [true, false, true, 1.68],
    [false, true, true, 1.54],
    [true, true, true, 1.848],
  ];
  for (const [rush, rain, event, want] of cases) {
    const s = surgeFactor(rush, rain, event);
    assert.ok(Math.abs(s - want) < 1e-12, `${rush} ${rain} ${event}: ${s}`);
    assert.ok(s >= SURGE_MIN && s <= SURGE_MAX);
  }
});

Deno.test("rush hours: 7, 8, 9, 16, 17, 18, 19 h on non-holiday Monday–Friday only", () => {
  const rushHours = new Set([7, 8, 9, 16, 17, 18, 19]);
  for (let dow = 0; dow < 7; dow++) {
    for (let hour = 0; hour < 24; hour++) {
      assert.equal(isRushHour(hour, dow, false), dow < 5 && rushHours.has(hour), `dow ${dow} h ${hour}`);
      assert.equal(isRushHour(hour, dow, true), false);
    }
  }
});

Deno.test("demand surge: predicted ÷ typical clamped to [1, 3]; bad forecasts name their field", () => {
  assert.equal(demandSurge(9, 4), 2.25);
  assert.equal(demandSurge(2, 4), 1); // below normal costs nothing extra
  assert.equal(demandSurge(0, 4), 1);
  assert.equal(demandSurge(12, 4), 3);
  assert.equal(demandSurge(40, 4), 3);
  assert.equal(clampSurge(0.5), 1);
  assert.equal(clampSurge(Infinity), 3);
  const named = (field: string) => (e: unknown) => e instanceof InputError && e.field === field;
  assert.throws(() => demandSurge(-1, 4), named("predicted"));
  assert.throws(() => demandSurge(NaN, 4), named("predicted"));
  assert.throws(() => demandSurge(3, 0), named("typical"));
  assert.throws(() => demandSurge(3, Infinity), named("typical"));
  assert.throws(() => clampSurge(NaN, "surge_grid[3]"), named("surge_grid[3]"));
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      (p, t) => {
        const s = demandSurge(p, t);
        assert.ok(s >= 1 && s <= 3);
        if (p / t >= 1 && p / t <= 3) assert.equal(s, p / t);
        assert.ok(demandSurge(p * 1.5, t) >= s); // more demand never lowers the surge
      },
    ),
    { numRuns: 300, seed: 3 },
  );
});
