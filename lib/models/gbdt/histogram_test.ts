import assert from "node:assert/strict";
import fc from "fast-check";
import { referenceHistogram } from "./_reference_histogram.ts";
import { buildHistogram, HIST_STRIDE, HistogramPool, subtractHistogram } from "./histogram.ts";

function layout(nBins: number[]): Int32Array {
  const off = new Int32Array(nBins.length + 1);
  nBins.forEach((nb, f) => (off[f + 1] = off[f]! + nb));
  return off;
}

const arb = fc.record({
  nRows: fc.integer({ min: 1, max: 60 }),
  nBins: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

function makeData({ nRows, nBins, seed }: { nRows: number; nBins: number[]; seed: number }) {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const bins = new Uint8Array(nRows * nBins.length);
  nBins.forEach((nb, f) => {
    for (let i = 0; i < nRows; i++) bins[f * nRows + i] = Math.floor(rnd() * nb);
  });
  const grad = Float32Array.from({ length: nRows }, () => rnd() * 2 - 1);
  const hess = Float32Array.from({ length: nRows }, () => rnd() + 0.1);
  const rows = Uint32Array.from({ length: nRows }, (_, i) => i).filter(() => rnd() < 0.7);
  return { bins, grad, hess, rows };
}

function fastHist(
  bins: Uint8Array,
  nRows: number,
  nBins: number[],
  rows: Uint32Array,
  grad: Float32Array,
  hess: Float32Array,
) {
  const off = layout(nBins);
  const hist = new Float64Array(off[nBins.length]! * HIST_STRIDE).fill(99); // stale values must be overwritten
  const mask = new Uint8Array(nBins.length).fill(1);
  buildHistogram(
    hist,
    bins,
    nRows,
    off,
    mask,
    rows,
    0,
    rows.length,
    grad,
    hess,
    new Float64Array(nRows),
    new Float64Array(nRows),
  );
  return { hist, off, mask };
}

Deno.test("buildHistogram equals the naive reference", () => {
  fc.assert(
    fc.property(arb, (p) => {
      const { bins, grad, hess, rows } = makeData(p);
      const { hist, off } = fastHist(bins, p.nRows, p.nBins, rows, grad, hess);
      const ref = referenceHistogram(bins, p.nRows, p.nBins, rows, grad, hess);
      p.nBins.forEach((nb, f) => {
        for (let b = 0; b < nb; b++) {
          const j = (off[f]! + b) * HIST_STRIDE;
          const [g, h, c] = ref[f]![b]!;
          assert.ok(Math.abs(hist[j]! - g!) < 1e-9);
          assert.ok(Math.abs(hist[j + 1]! - h!) < 1e-9);
          assert.equal(hist[j + 2], c);
        }
      });
    }),
    { numRuns: 100 },
  );
});

Deno.test("histogram is invariant to row order", () => {
  fc.assert(
    fc.property(arb, (p) => {
      const { bins, grad, hess, rows } = makeData(p);
      const a = fastHist(bins, p.nRows, p.nBins, rows, grad, hess).hist;
      const b = fastHist(bins, p.nRows, p.nBins, rows.slice().reverse(), grad, hess).hist;
      for (let j = 0; j < a.length; j++) assert.ok(Math.abs(a[j]! - b[j]!) < 1e-9);
    }),
    { numRuns: 50 },
  );
});

Deno.test("subtraction trick: parent − child equals the sibling built directly", () => {
  fc.assert(
    fc.property(arb, fc.integer({ min: 0, max: 100 }), (p, cut) => {
      const { bins, grad, hess, rows } = makeData(p);
      const k = Math.floor((cut / 100) * rows.length);
      const parent = fastHist(bins, p.nRows, p.nBins, rows, grad, hess);
      const small = fastHist(bins, p.nRows, p.nBins, rows.slice(0, k), grad, hess).hist;
      const sibling = fastHist(bins, p.nRows, p.nBins, rows.slice(k), grad, hess).hist;
      subtractHistogram(parent.hist, parent.hist, small, parent.off, parent.mask);
      for (let j = 0; j < sibling.length; j++) assert.ok(Math.abs(parent.hist[j]! - sibling[j]!) < 1e-9);
    }),
    { numRuns: 100 },
  );
});

Deno.test("masked-out features are not touched", () => {
  const bins = new Uint8Array([0, 1, 1, 0]); // 2 features × 2 rows
  const off = layout([2, 2]);
  const hist = new Float64Array(4 * HIST_STRIDE).fill(7);
  buildHistogram(
    hist,
    bins,
    2,
    off,
    new Uint8Array([1, 0]),
    new Uint32Array([0, 1]),
    0,
    2,
    new Float32Array([1, 2]),
    new Float32Array([1, 1]),
    new Float64Array(2),
    new Float64Array(2),
  );
  assert.deepEqual(Array.from(hist), [1, 1, 1, 2, 1, 1, 7, 7, 7, 7, 7, 7]);
});

Deno.test("HistogramPool hands out distinct slots and reuses released ones", () => {
  const pool = new HistogramPool(4, 2);
  const a = pool.acquire(), b = pool.acquire();
  assert.notEqual(a, b);
  assert.throws(() => pool.acquire());
  assert.equal(pool.get(a).length, 12);
  pool.release(a);
  assert.equal(pool.acquire(), a);
  assert.equal(pool.get(a), pool.get(a)); // same buffer, no reallocation
});
