import assert from "node:assert/strict";
import fc from "fast-check";
import { sortFloat32 } from "./radix_sort.ts";

Deno.test("sortFloat32 equals Float32Array.prototype.sort (signs, zeros, infinities, duplicates)", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.float({ noNaN: true }),
          fc.constantFrom(0, -0, Infinity, -Infinity, 1e-45, -1e-45, 3.4e38),
          fc.integer({ min: -5, max: 5 }),
        ),
        { minLength: 0, maxLength: 2000 },
      ),
      (xs) => {
        const a = Float32Array.from(xs);
        const want = Float32Array.from(xs).sort();
        const got = sortFloat32(a);
        assert.equal(got, a); // in place
        assert.deepEqual(new Uint32Array(got.buffer), new Uint32Array(want.buffer)); // bit for bit (−0 vs +0)
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("sortFloat32 sorts a subarray view without touching the rest of the buffer", () => {
  const buf = Float32Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) - 500);
  const copy = buf.slice();
  sortFloat32(buf.subarray(100, 900));
  assert.deepEqual(buf.subarray(100, 900), copy.subarray(100, 900).sort());
  assert.deepEqual(buf.subarray(0, 100), copy.subarray(0, 100));
  assert.deepEqual(buf.subarray(900), copy.subarray(900));
});
