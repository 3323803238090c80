import assert from "node:assert/strict";
import fc from "fast-check";
import { Rng } from "../../random/mod.ts";
import { fitGbdt, type GbdtData } from "./booster.ts";
import type { GbdtModel } from "./model.ts";
import type { GbdtParams } from "./params.ts";
import { HistogramPool } from "./histogram.ts";
import { HistogramBuilder, planTakes } from "./histogram_parallel.ts";
import { matrixOf } from "./_test_data.ts";
import { BinaryObjective } from "./objectives/binary.ts";
import { referenceHistogram } from "./_reference_histogram.ts";

function sharedData(nRows: number, nBins: number[], seed: number) {
  const rng = new Rng(seed);
  const nF = nBins.length;
  const bins = new Uint8Array(new SharedArrayBuffer(nRows * nF));
  nBins.forEach((nb, f) => {
    for (let i = 0; i < nRows; i++) bins[f * nRows + i] = rng.int(nb);
  });
  const binOffset = new Int32Array(nF + 1);
  nBins.forEach((nb, f) => (binOffset[f + 1] = binOffset[f]! + nb));
  const grad = Float32Array.from({ length: nRows }, () => rng.uniform(-1, 1));
  const hess = Float32Array.from({ length: nRows }, () => rng.uniform(0.1, 1));
  return { bins, binOffset, grad, hess, totalBins: binOffset[nF]! };
}

function builder(
  d: ReturnType<typeof sharedData>,
  nRows: number,
  nThreads: number,
  rowOrder: Uint32Array,
) {
  const pool = new HistogramPool(d.totalBins, 2, nThreads > 1);
  const rows = new Uint32Array(new SharedArrayBuffer(nRows * 4));
  rows.set(rowOrder);
  const b = new HistogramBuilder({
    bins: d.bins,
    nRows,
    binOffset: d.binOffset,
    pool,
    rows,
    nThreads,
    minParallelWork: 0,
    nOutputs: 2,
  });
  return { b, pool };
}

Deno.test("histograms built on 1 and 3 threads are bit-identical", () => {
  // One builder per thread count (worker start-up is slow under deno test, which type-checks the
  // worker), fed new random bins, gradients, feature masks and row ranges on every run.
  const nRows = 300, nBins = [1, 2, 3, 5, 8, 13, 21, 34, 40];
  const d = sharedData(nRows, nBins, 0);
  const builders = [1, 3].map((threads) => builder(d, nRows, threads, new Uint32Array(nRows)));
  try {
    builders.forEach(({ b }, i) => assert.equal(b.nThreads, [1, 3][i]));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const fresh = sharedData(nRows, nBins, seed);
        d.bins.set(fresh.bins);
        const rng = new Rng(seed + 1);
        const order = Uint32Array.from(rng.shuffle(Array.from({ length: nRows }, (_, i) => i)));
        const mask = Uint8Array.from(nBins, () => (rng.float() < 0.8 ? 1 : 0));
        const start = rng.int(nRows), end = start + 1 + rng.int(nRows - start);
        const built = builders.map(({ b, pool }) => {
          b.rows.set(order);
          b.setFeatures(mask);
          // Gradients go in the second output's block (class 1 of 2), which the workers find by offset.
          b.grad.set(fresh.grad, nRows);
          b.hess.set(fresh.hess, nRows);
          b.buildChildren(
            0,
            start,
            end,
            b.grad.subarray(nRows),
            b.hess.subarray(nRows),
            -1,
            null,
            null,
            null,
          );
          const h = pool.get(0);
          // Only the active features' bins are defined.
          const gh: number[] = [], count: number[] = [];
          for (const f of b.features) {
            for (let j = d.binOffset[f]!; j < d.binOffset[f + 1]!; j++) {
              gh.push(h.gh[2 * j]!, h.gh[2 * j + 1]!);
              count.push(h.count[j]!);
            }
          }
          return { gh, count };
        });
        assert.deepEqual(built[1], built[0]);
        // ... and they are the right sums: those of the naive reference.
        const ref = referenceHistogram(
          d.bins,
          nRows,
          nBins,
          order.subarray(start, end),
          fresh.grad,
          fresh.hess,
        );
        const want: number[] = [];
        nBins.forEach((nb, f) => {
          if (mask[f]) { for (let bin = 0; bin < nb; bin++) want.push(ref[f]![bin]![2]!); }
        });
        assert.deepEqual(built[0]!.count, want);
        // Sanity: the counts add up to the rows of the range for every active feature.
        const nAct = mask.reduce((s, v) => s + v, 0);
        assert.equal(built[0]!.count.reduce((s, v) => s + v, 0), nAct * (end - start));
      }),
      { numRuns: 40 },
    );
  } finally {
    for (const { b } of builders) b.close();
  }
});

/**
 * Fits on 1 and on 2 threads (every histogram job sent to the worker: minCellsForThreads and
 * minParallelWork 0), asserts the two models are the same but for nThreads, and returns them.
 */
function fitOneAndTwo(data: GbdtData, params: Partial<GbdtParams>, seed: number): [GbdtModel, GbdtModel] {
  const one = fitGbdt(data, { params: { ...params, nThreads: 1 }, seed });
  const two = fitGbdt(data, {
    params: { ...params, nThreads: 2 },
    seed,
    minCellsForThreads: 0,
    minParallelWork: 0,
  });
  const strip = (j: ReturnType<typeof one.toJSON>) => ({ ...j, params: { ...j.params, nThreads: 0 } });
  assert.deepEqual(strip(two.toJSON()), strip(one.toJSON()));
  return [one, two];
}

Deno.test("fitGbdt: nThreads 2 gives the same model, bit for bit, as nThreads 1", () => {
  // Bagging, feature sampling, missing values and a categorical feature exercise every part of the grower; weights and
  // scalePosWeight reach the worker's half of the gradients.
  const rng = new Rng(3);
  const rows: number[][] = [], labels: number[] = [];
  const weights = Array.from({ length: 3000 }, (_, i) => 0.5 + (i % 7) / 4);
  for (let i = 0; i < 3000; i++) {
    const x = [rng.float(), rng.float() < 0.2 ? NaN : rng.float(), rng.int(12), rng.float(), rng.float()];
    rows.push(x);
    labels.push(x[0]! + (x[2]! % 3 === 0 ? 0.5 : 0) + (Number.isNaN(x[1]!) ? 0.3 : x[1]!) > 1 ? 1 : 0);
  }
  const matrix = matrixOf(rows);
  const params = {
    objective: "binary" as const,
    nEstimators: 8,
    numLeaves: 15,
    baggingFraction: 0.8,
    baggingFreq: 1,
    featureFraction: 0.8,
    categoricalFeatures: [2],
    scalePosWeight: 2.5,
  };
  const [one, two] = fitOneAndTwo({ matrix, labels, weights }, params, 5);
  assert.deepEqual(two.predictRaw(matrix), one.predictRaw(matrix));
});

Deno.test("planTakes: groups of 4, then 2, then 1 cover the features once and balance the threads", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 8 }), (nActive, nThreads) => {
      const starts = new Int32Array(nActive + 1);
      const n = planTakes(nActive, nThreads, starts);
      assert.equal(starts[0], 0);
      assert.equal(starts[n], nActive);
      const sizes = Array.from({ length: n }, (_, t) => starts[t + 1]! - starts[t]!);
      // sizes are 4, 2 or 1, never grow along the list, and there is at most one 1
      for (let t = 0; t < n; t++) {
        assert.ok([4, 2, 1].includes(sizes[t]!));
        if (t > 0) assert.ok(sizes[t]! <= sizes[t - 1]!);
      }
      assert.ok(sizes.filter((z) => z === 1).length <= 1);
      // groups of 4 go on until fewer than 4, or at most 2 per thread, remain
      const fours = sizes.filter((z) => z === 4).length;
      const rest = nActive - 4 * fours;
      assert.ok(rest < 4 || rest <= 2 * nThreads);
    }),
  );
  const starts = new Int32Array(29);
  assert.equal(planTakes(28, 2, starts), 8); // six groups of 4, two of 2: 14 features per thread
  assert.deepEqual(Array.from(starts.subarray(0, 9)), [0, 4, 8, 12, 16, 20, 24, 26, 28]);
});

Deno.test("a threaded builder refuses gradients the workers cannot see", () => {
  const d = sharedData(50, [3, 4], 1);
  const { b } = builder(d, 50, 2, Uint32Array.from({ length: 50 }, (_, i) => i));
  try {
    assert.equal(b.nThreads, 2);
    b.setFeatures(new Uint8Array([1, 1]));
    assert.throws(
      () => b.buildChildren(0, 0, 50, d.grad, d.hess, -1, null, null, null),
      /views of builder.grad/,
    );
    assert.throws(
      () => b.buildChildren(0, 0, 50, b.grad.subarray(1), b.hess.subarray(1), -1, null, null, null),
      /views of builder.grad/,
    );
    b.buildChildren(0, 0, 50, b.grad.subarray(50), b.hess.subarray(50), -1, null, null, null); // the second output's block
  } finally {
    b.close();
  }
});

Deno.test("fitGbdt multiclass: nThreads 2 gives the same model, bit for bit, as nThreads 1", () => {
  // Each class's trees read their own block of the shared gradients.
  const rng = new Rng(9);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < 1500; i++) {
    const x = [rng.float(), rng.float(), rng.float(), rng.float(), rng.float()];
    rows.push(x);
    labels.push(x[0]! + 0.3 * x[1]! > 0.9 ? 2 : x[2]! > 0.5 ? 1 : 0);
  }
  const matrix = matrixOf(rows);
  const params = { objective: "multiclass" as const, numClass: 3, nEstimators: 5, numLeaves: 7 };
  fitOneAndTwo({ matrix, labels }, params, 2);
});

Deno.test("fitGbdt: threads search splits as one thread does (tied duplicate column, monotone, middle thresholds)", () => {
  // Column 5 repeats column 0, so every split on one has a twin of equal gain on the other, in another
  // group of features (another thread's): one thread keeps the lower feature, and so must two.
  const rng = new Rng(11);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const x0 = rng.float();
    const x = [
      x0,
      rng.float(),
      rng.float() < 0.1 ? NaN : rng.float(),
      rng.int(6),
      rng.float(),
      x0,
      rng.float(),
    ];
    rows.push(x);
    labels.push(2 * x0 + x[1]! - (Number.isNaN(x[2]!) ? 0 : x[2]!) + 0.1 * rng.float());
  }
  const matrix = matrixOf(rows);
  const params = {
    objective: "regression" as const,
    nEstimators: 6,
    numLeaves: 12,
    monotoneConstraints: [1, 0, -1, 0, 0, 1, 0],
    thresholdPlacement: "middle" as const,
    minDataInLeafBy: "hessian" as const,
    featureFraction: 0.9,
  };
  const [one] = fitOneAndTwo({ matrix, labels }, params, 4);
  // the twins do tie: column 0 splits, its duplicate (which comes later) never does
  assert.ok(one.featureImportance("split")[0]! > 0);
  assert.equal(one.featureImportance("split")[5], 0);
});

Deno.test("computeGradients: with or without workers it fills the builder's gradients as the objective does", () => {
  const nRows = 2000, rng = new Rng(21);
  const d = sharedData(nRows, [4, 6], 2);
  const shared = (n: number) => new Float64Array(new SharedArrayBuffer(n * 8));
  const labels = shared(nRows), raw = shared(nRows), weights = shared(nRows);
  for (let i = 0; i < nRows; i++) {
    labels[i] = rng.float() < 0.3 ? 1 : 0;
    raw[i] = rng.uniform(-3, 3);
    weights[i] = rng.uniform(0.5, 2);
  }
  const objective = new BinaryObjective({ scalePosWeight: 1.7 });
  const want = { g: new Float32Array(nRows), h: new Float32Array(nRows) };
  objective.gradients(labels, raw, weights, want.g, want.h);
  for (const nThreads of [1, 2]) {
    const b = new HistogramBuilder({
      bins: d.bins,
      nRows,
      binOffset: d.binOffset,
      pool: new HistogramPool(d.totalBins, 2, nThreads > 1),
      rows: new Uint32Array(new SharedArrayBuffer(nRows * 4)),
      nThreads,
      gradientSource: { objective: "binary", options: { scalePosWeight: 1.7 }, labels, raw, weights },
    });
    try {
      assert.equal(b.parallelGradients, nThreads > 1);
      b.computeGradients(objective);
      assert.deepEqual(b.grad, want.g);
      assert.deepEqual(b.hess, want.h);
    } finally {
      b.close();
    }
  }
});

Deno.test("a threaded builder refuses a gradient source its workers could not read", () => {
  const d = sharedData(10, [3], 1);
  const make = (labels: Float64Array) =>
    new HistogramBuilder({
      bins: d.bins,
      nRows: 10,
      binOffset: d.binOffset,
      pool: new HistogramPool(d.totalBins, 2, true),
      rows: new Uint32Array(new SharedArrayBuffer(40)),
      nThreads: 2,
      gradientSource: {
        objective: "binary",
        options: {},
        labels,
        raw: new Float64Array(new SharedArrayBuffer(80)),
      },
    });
  assert.throws(() => make(new Float64Array(10)), /gradientSource.labels must be a whole SharedArrayBuffer/);
  assert.throws(
    () => make(new Float64Array(new SharedArrayBuffer(160)).subarray(10)),
    /gradientSource.labels must be a whole SharedArrayBuffer/,
  );
});

Deno.test("fitGbdt lambdarank and Poisson: nThreads 2 gives the same model, bit for bit, as nThreads 1", () => {
  // Lambdarank's gradients come from the main thread (per query), Poisson's from the workers' row ranges.
  const rng = new Rng(13);
  const rows: number[][] = [], relevance: number[] = [], counts: number[] = [], groups: number[] = [];
  for (let q = 0; q < 60; q++) {
    const size = 5 + rng.int(20);
    groups.push(size);
    for (let i = 0; i < size; i++) {
      const x = [rng.float(), rng.float() < 0.15 ? NaN : rng.float(), rng.int(5), rng.float()];
      rows.push(x);
      const s = 2 * x[0]! + (Number.isNaN(x[1]!) ? 0.5 : x[1]!) + 0.3 * rng.float();
      relevance.push(Math.min(4, Math.floor(s * 1.5)));
      counts.push(Math.floor(Math.exp(s) * rng.float()));
    }
  }
  const matrix = matrixOf(rows);
  const common = { nEstimators: 5, numLeaves: 9, minDataInLeaf: 5 };
  fitOneAndTwo({ matrix, labels: relevance, groups }, { ...common, objective: "lambdarank" }, 6);
  fitOneAndTwo({ matrix, labels: counts }, { ...common, objective: "poisson" }, 6);
});
