import assert from "node:assert/strict";
import fc from "fast-check";
import { psi, psiByFeature, psiEdges, psiLevel } from "./psi.ts";
import { assertAllClose, assertClose, assertInputError } from "./_testing.ts";

// Reference numbers: a small numpy script (numpy 1.24): edges = np.quantile(ref, [i/nb for i in 1..nb-1])
// de-duplicated; bins = np.searchsorted(edges, x, side="left"); shares with 0 → 1e-4;
// PSI = sum((c − r) · log(c / r)); NaN counted in an extra bin.
const REF = [
  0.5,
  1.2,
  3.3,
  2.2,
  5.1,
  4.4,
  0.9,
  7.7,
  6.1,
  2.8,
  3.9,
  8.8,
  1.7,
  4.9,
  5.5,
  6.6,
  2.0,
  3.1,
  9.4,
  0.1,
];
const CUR = [1.0, 2.5, 3.5, 4.0, 6.0, 7.0, 8.0, 9.0, 9.5, 10.0, 11.0, 5.0];

Deno.test("psi matches the numpy reference (10 and 5 bins)", () => {
  const r = psi(REF, CUR);
  assertClose(r.value, 1.8533605323193052);
  assertAllClose(psiEdges(REF), [
    0.8600000000000001,
    1.6,
    2.14,
    2.98,
    3.5999999999999996,
    4.6000000000000005,
    5.22,
    6.2,
    7.810000000000001,
  ]);
  assertAllClose(r.bins.map((b) => b.contribution), [
    0.6900847523703155,
    0.00303869261323258,
    0.6900847523703155,
    0.00303869261323258,
    0.00303869261323258,
    0.00303869261323258,
    0.00303869261323258,
    0.00303869261323258,
    0.00303869261323258,
    0.45192017928604616,
  ]);
  assertClose(psi(REF, CUR, { nBins: 5 }).value, 0.49131802873108693);
});

Deno.test("psi table: edges, counts, epsilon for empty bins", () => {
  const r = psi(REF, CUR);
  assert.equal(r.bins.length, 10);
  assert.equal(r.bins[0]!.lower, -Infinity);
  assert.equal(r.bins[9]!.upper, Infinity);
  assert.equal(r.bins.reduce((s, b) => s + b.referenceCount, 0), 20);
  assert.equal(r.bins.reduce((s, b) => s + b.currentCount, 0), 12);
  // bin 0 = (−∞, 0.86]: reference 0.5, 0.1 → 2/20; current none → epsilon 1e-4
  assert.equal(r.bins[0]!.referenceCount, 2);
  assert.equal(r.bins[0]!.currentCount, 0);
  assert.equal(r.bins[0]!.currentShare, 1e-4);
  assertClose(r.bins[0]!.contribution, (1e-4 - 0.1) * Math.log(1e-4 / 0.1), 1e-15);
});

Deno.test("psi with tied reference values: repeated quantile edges are removed", () => {
  // numpy edges for [0,0,0,0,0,0,1,1,2,3]: 0, 0, 0, 0, 0.4, 1, 1.2, 2.1 → deduped to 5 edges / 6 bins;
  // the repeated edge 0 also gets a point bin [0, 0] (7 bins), and as the current sample has nothing
  // below 0 the extra bin (−∞, 0) is empty in both and the value is numpy's.
  const r = psi([0, 0, 0, 0, 0, 0, 1, 1, 2, 3], [0, 1, 1, 1, 2, 2, 3, 3, 3, 5]);
  assertAllClose(psiEdges([0, 0, 0, 0, 0, 0, 1, 1, 2, 3]), [
    0,
    0.39999999999999947,
    1,
    1.2000000000000002,
    2.0999999999999996,
  ]);
  assert.equal(r.bins.length, 7);
  assert.deepEqual(r.bins.slice(0, 3).map((b) => [b.lower, b.upper, b.point]), [
    [-Infinity, 0, false],
    [0, 0, true],
    [0, 0.39999999999999947, false],
  ]);
  assert.deepEqual(r.bins.map((b) => b.referenceCount), [0, 6, 0, 2, 0, 1, 1]);
  assertClose(r.value, 1.4216292718168055);
});

/** The PSI term of one bin with shares r, c (0 → epsilon), written out independently of the module. */
const term = (r: number, c: number, eps = 1e-4) =>
  ((c || eps) - (r || eps)) * Math.log((c || eps) / (r || eps));

Deno.test("psi with a constant reference shows a shift below, at and above the constant", () => {
  // Reference all 5: bins (−∞, 5), [5, 5], (5, +∞). Before the point bin, a current sample at or below 5
  // fell into the single bin (−∞, 5] with the whole reference and PSI was 0.
  const ref = Array(10).fill(5);
  const below = psi(ref, [1, 2, 3, 4, 5]);
  assert.deepEqual(below.bins.map((b) => [b.lower, b.upper, b.point]), [
    [-Infinity, 5, false],
    [5, 5, true],
    [5, Infinity, false],
  ]);
  assert.deepEqual(below.bins.map((b) => b.currentCount), [4, 1, 0]);
  assertClose(below.value, term(0, 0.8) + term(1, 0.2) + term(0, 0), 1e-12);
  assert.ok(below.value > 5);
  // spread on both sides: (−∞,5): 4/10, [5]: 2/10, (5,∞): 4/10
  const both = psi(ref, [1, 2, 3, 4, 5, 5, 6, 7, 8, 9]);
  assertClose(both.value, term(0, 0.4) + term(1, 0.2) + term(0, 0.4), 1e-12);
  // the same holds with 2 bins (a single quantile edge) and with the custom epsilon
  const two = psi(ref, [1, 2, 3, 4, 5], { nBins: 2, epsilon: 1e-3 });
  assertClose(two.value, term(0, 0.8, 1e-3) + term(1, 0.2, 1e-3), 1e-12);
  // a current equal to the constant is no shift
  assert.equal(psi(ref, [5, 5, 5]).value, 0);
});

Deno.test("psi: NaN goes into its own missing bin", () => {
  // numpy reference with nb = 4: 3.303026694853529 (last bin = missing)
  const r = psi([1, 2, 3, 4, NaN, 5, 6, 7, 8, 9], [1, 1, 2, NaN, NaN, 9, 9, 9], { nBins: 4 });
  assertClose(r.value, 3.303026694853529);
  const last = r.bins[r.bins.length - 1]!;
  assert.equal(last.missing, true);
  assert.equal(last.referenceCount, 1);
  assert.equal(last.currentCount, 2);
  assertClose(last.contribution, 0.13744360978112327);
  // no NaN anywhere → no missing bin
  assert.ok(psi([1, 2, 3], [1, 2, 3]).bins.every((b) => !b.missing));
});

Deno.test("psiLevel reads the 0.1 / 0.25 thresholds", () => {
  assert.equal(psiLevel(0.05), "stable");
  assert.equal(psiLevel(0.1), "moderate");
  assert.equal(psiLevel(0.2499), "moderate");
  assert.equal(psiLevel(0.25), "significant");
});

Deno.test("psiByFeature computes one PSI per column", () => {
  const out = psiByFeature({ a: REF, b: [1, 2, 3, 4] }, { a: CUR, b: [1, 2, 3, 4], extra: [9] });
  assert.deepEqual(Object.keys(out), ["a", "b"]);
  assertClose(out.a!.value, 1.8533605323193052);
  assert.equal(out.b!.value, 0);
  assertInputError(() => psiByFeature({ a: REF }, { b: CUR }), "current", /no column "a"/);
  assertInputError(() => psiByFeature({ a: [] }, { a: CUR }), "reference.a", /empty/);
  assertInputError(() => psiByFeature({}, {}), "reference");
});

Deno.test("psi rejects bad input", () => {
  assertInputError(() => psi([], [1]), "reference", /empty/);
  assertInputError(() => psi([1], []), "current", /empty/);
  assertInputError(() => psi([1, Infinity], [1]), "reference", /Infinity/);
  assertInputError(() => psi([1, 2], [1], { nBins: 1 }), "nBins");
  assertInputError(() => psi([1, 2], [1], { epsilon: 0 }), "epsilon");
});

const sample = fc.array(fc.integer({ min: -5, max: 5 }).map((v) => v / 2), { minLength: 1, maxLength: 40 });

Deno.test("property: PSI(x, x) = 0 and PSI >= 0", () => {
  fc.assert(fc.property(sample, sample, fc.integer({ min: 2, max: 12 }), (x, y, nBins) => {
    assert.equal(psi(x, x, { nBins }).value, 0);
    const r = psi(x, y, { nBins });
    assert.ok(r.value >= 0);
    for (const b of r.bins) assert.ok(b.contribution >= 0);
  }));
});
