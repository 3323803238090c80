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
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }),
      fc.integer({ min: 1, max: 20 }),
      (xs, bins) => {
        const h = histogram(xs, bins);
        assert.equal(h.counts.reduce((a, b) => a + b, 0), xs.length);
        assert.ok(h.edges.every(Number.isFinite) && h.edges[0]! <= h.edges[bins]!);
      },
    ),
  );
});

Deno.test("histogram keeps every value on degenerate ranges: subnormals, ±1e308, one huge value", () => {
  const cases: [number[], number][] = [
    [[5e-324, 1e-323, 1.5e-323], 20], // width underflows to 0
    [[-1.7e308, 1.7e308, 0], 4], // hi − lo overflows
    [[1e300, 1e300], 3], // hi === lo, lo + 1 === lo
    [[0, 0, 0], 5],
    [[1.7976931330646228e308], 1], // one value near the largest double
    [[-1.7976931348623157e308], 2],
  ];
  for (const [xs, bins] of cases) {
    const h = histogram(xs, bins);
    assert.equal(h.counts.reduce((a, b) => a + b, 0), xs.length, `counts for ${xs}`);
    assert.ok(h.edges.every(Number.isFinite), `finite edges for ${xs}`);
  }
});

Deno.test("quantile matches numpy's linear interpolation", () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(quantile(xs, 0.5), 50.5); // numpy.percentile(range(1,101), 50) = 50.5
  assert.ok(Math.abs(quantile(xs, 0.95) - 95.05) < 1e-9); // numpy: 95.05
  assert.ok(Math.abs(quantile(xs, 0.99) - 99.01) < 1e-9); // numpy: 99.01
  assert.ok(Number.isNaN(quantile([NaN], 0.5)));
});
