import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../errors.ts";
import { histogram, quantile } from "./binning.ts";

Deno.test("histogram: equal-width bins, max in last bin, non-finite skipped", () => {
  const h = histogram([0, 1, 2, 3, 4, NaN, Infinity], 4);
  assert.deepEqual(h.edges, [0, 1, 2, 3, 4]);
  assert.deepEqual(h.counts, [1, 1, 1, 2]);
  assert.equal(h.n, 5);
  assert.equal(h.skipped, 2);
  assert.throws(() => histogram([1], 0), InputError);
});

Deno.test("histogram counts every finite value once (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 50 }),
      fc.integer({ min: 1, max: 20 }),
      (xs, bins) => {
        const h = histogram(xs, bins);
        assert.equal(h.counts.reduce((a, b) => a + b, 0), xs.length);
      },
    ),
  );
});

Deno.test("quantile matches numpy's linear interpolation", () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(quantile(xs, 0.5), 50.5); // numpy.percentile(range(1,101), 50) = 50.5
  assert.ok(Math.abs(quantile(xs, 0.95) - 95.05) < 1e-9); // numpy: 95.05
  assert.ok(Math.abs(quantile(xs, 0.99) - 99.01) < 1e-9); // numpy: 99.01
  assert.ok(Number.isNaN(quantile([NaN], 0.5)));
});
