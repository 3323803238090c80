import assert from "node:assert/strict";
import fc from "fast-check";
import { float32AtOrBelow, nextFloat32Down, nextFloat32Up } from "./float32.ts";

const FLT_MAX = 3.4028234663852886e38;

Deno.test("nextFloat32Up/Down step one float32 (bit patterns from the IEEE layout)", () => {
  assert.equal(nextFloat32Up(1), 1 + 2 ** -23);
  assert.equal(nextFloat32Down(1), 1 - 2 ** -24);
  assert.equal(nextFloat32Up(-1), -(1 - 2 ** -24));
  assert.equal(nextFloat32Up(0), 2 ** -149);
  assert.equal(nextFloat32Down(0), -(2 ** -149));
  assert.equal(nextFloat32Up(FLT_MAX), Infinity);
  assert.equal(nextFloat32Down(-FLT_MAX), -Infinity);
  assert.equal(nextFloat32Up(Infinity), Infinity);
  assert.throws(() => nextFloat32Up(0.1), RangeError);
});

Deno.test("float32AtOrBelow: hand-checked values, including where round-to-nearest goes up", () => {
  // fround(0.1) = 0.100000001490116… > 0.1, so the answer is the float32 below it.
  assert.ok(Math.fround(0.1) > 0.1);
  assert.equal(float32AtOrBelow(0.1), nextFloat32Down(Math.fround(0.1)));
  // fround(0.3) = 0.30000001192092896 > 0.3 as well; fround(0.2) = 0.20000000298… > 0.2; 0.7 rounds down.
  assert.ok(Math.fround(0.7) < 0.7);
  assert.equal(float32AtOrBelow(0.7), Math.fround(0.7));
  assert.equal(float32AtOrBelow(1.5), 1.5);
  assert.equal(float32AtOrBelow(Number.MAX_VALUE), FLT_MAX);
  assert.equal(float32AtOrBelow(-Number.MAX_VALUE), -Infinity);
  assert.equal(float32AtOrBelow(Infinity), Infinity);
  assert.ok(Number.isNaN(float32AtOrBelow(NaN)));
});

Deno.test("float32AtOrBelow: for every float32 x near t, x <= t ⟺ x <= f (property, with the neighbours)", () => {
  fc.assert(
    fc.property(
      fc.double({ noNaN: true, min: -1e30, max: 1e30 }),
      fc.integer({ min: -3, max: 3 }),
      (t, k) => {
        const f = float32AtOrBelow(t);
        assert.ok(f <= t, `f=${f} > t=${t}`);
        assert.ok(nextFloat32Up(f) > t, `a float32 lies in (f, t]`);
        // the float32s around f: f + k ulps
        let x = f;
        for (let i = 0; i < Math.abs(k); i++) x = k > 0 ? nextFloat32Up(x) : nextFloat32Down(x);
        assert.equal(x <= t, x <= f);
      },
    ),
    { numRuns: 2000, seed: 13 },
  );
});
