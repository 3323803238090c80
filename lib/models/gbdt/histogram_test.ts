import assert from "node:assert/strict";
import fc from "fast-check";
import { referenceHistogram } from "./_reference_histogram.ts";
import {
  activeFeatures,
  buildHistogram,
  type Histogram,
  HistogramPool,
  newHistogram,
  subtractHistogram,
} from "./histogram.ts";

function layout(nBins: number[]): Int32Array {
  const off = new Int32Array(nBins.length + 1);
  nBins.forEach((nb, f) => (off[f + 1] = off[f]! + nb));
  return off;
}

const arb = fc.record({
  nRows: fc.integer({ min: 1, max: 60 }),
  nBins: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 7 }),
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
  const hist = newHistogram(off[nBins.length]!);
  hist.gh.fill(99); // stale values must be overwritten
  hist.count.fill(99);
  const features = activeFeatures(new Uint8Array(nBins.length).fill(1));
  buildHistogram(hist, bins, nRows, off, features, 0, features.length, rows, 0, rows.length, grad, hess);
  return { hist, off, features };
}

/** Histogram as one flat [g, h, count] list per global bin, for easy comparison. */
const flat = (h: Histogram) => Array.from(h.count, (c, j) => [h.gh[2 * j]!, h.gh[2 * j + 1]!, c]);

Deno.test("buildHistogram equals the naive reference", () => {
  fc.assert(
    fc.property(arb, (p) => {
      const { bins, grad, hess, rows } = makeData(p);
      const { hist, off } = fastHist(bins, p.nRows, p.nBins, rows, grad, hess);
      const ref = referenceHistogram(bins, p.nRows, p.nBins, rows, grad, hess);
      p.nBins.forEach((nb, f) => {
        for (let b = 0; b < nb; b++) {
          const j = off[f]! + b;
          const [g, h, c] = ref[f]![b]!;
          assert.ok(Math.abs(hist.gh[2 * j]! - g!) < 1e-9);
          assert.ok(Math.abs(hist.gh[2 * j + 1]! - h!) < 1e-9);
          assert.equal(hist.count[j], c);
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
      for (let j = 0; j < a.gh.length; j++) assert.ok(Math.abs(a.gh[j]! - b.gh[j]!) < 1e-9);
      assert.deepEqual(a.count, b.count);
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
      subtractHistogram(parent.hist, parent.hist, small, parent.off, parent.features);
      for (let j = 0; j < sibling.gh.length; j++) {
        assert.ok(Math.abs(parent.hist.gh[j]! - sibling.gh[j]!) < 1e-9);
      }
      assert.deepEqual(parent.hist.count, sibling.count);
    }),
    { numRuns: 100 },
  );
});

Deno.test("features outside the active range are not touched", () => {
  const bins = new Uint8Array([0, 1, 1, 0]); // 2 features × 2 rows
  const off = layout([2, 2]);
  const hist = newHistogram(4);
  hist.gh.fill(7);
  hist.count.fill(7);
  const rows = new Uint32Array([0, 1]);
  const grad = new Float32Array([1, 2]), hess = new Float32Array([1, 1]);
  buildHistogram(hist, bins, 2, off, activeFeatures(new Uint8Array([1, 0])), 0, 1, rows, 0, 2, grad, hess);
  assert.deepEqual(flat(hist), [[1, 1, 1], [2, 1, 1], [7, 7, 7], [7, 7, 7]]);
});

Deno.test("HistogramPool hands out distinct slots and reuses released ones", () => {
  const pool = new HistogramPool(4, 2);
  const a = pool.acquire(), b = pool.acquire();
  assert.notEqual(a, b);
  assert.throws(() => pool.acquire());
  assert.equal(pool.get(a).gh.length, 8);
  assert.equal(pool.get(a).count.length, 4);
  pool.release(a);
  assert.equal(pool.acquire(), a);
  assert.equal(pool.get(a), pool.get(a)); // same buffer, no reallocation
  // A shared pool: slots are disjoint views of one SharedArrayBuffer.
  const shared = new HistogramPool(5, 3, true);
  assert.ok(shared.buffer instanceof SharedArrayBuffer);
  const s0 = shared.get(0), s1 = shared.get(1);
  s0.gh.fill(1);
  s0.count.fill(1);
  assert.ok(s1.gh.every((v) => v === 0) && s1.count.every((v) => v === 0));
  assert.equal(s0.gh.buffer, s1.gh.buffer);
});
