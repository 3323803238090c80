import assert from "node:assert/strict";
import { normal, Rng } from "../../random/mod.ts";
import { BinMapper } from "./binning.ts";
import { fitGbdt } from "./booster.ts";
import { GrowerWorkspace, growTree } from "./grower.ts";
import { resolveParams } from "./params.ts";
import { matrixOf } from "./_test_data.ts";
import type { FlatTree } from "../tree/ensemble.ts";

const depthOf = (
  t: FlatTree,
  n = 0,
): number => (t.feature[n]! < 0 ? 0 : 1 + Math.max(depthOf(t, t.left[n]!), depthOf(t, t.right[n]!)));
const leavesOf = (t: FlatTree) => t.feature.filter((f) => f < 0).length;

Deno.test("depth-1 stump equals the hand-computed optimal split and leaf values", () => {
  // y = [1, 2, 1, 4, 6, 5], L2 loss, λ = 1: init = 19/6, g = 19/6 − y, h = 1.
  // Gains for "x ≤ k + 0.5": k=1 3.13, k=2 5.93, k=3 15.125 (best), k=4 11.6, k=5 2.24.
  // Leaves: −G/(H+λ) = ∓5.5/4 = ∓1.375.
  const matrix = matrixOf([[1], [2], [3], [4], [5], [6]]);
  const labels = [1, 2, 1, 4, 6, 5];
  const model = fitGbdt({ matrix, labels }, {
    params: {
      objective: "regression",
      nEstimators: 1,
      learningRate: 1,
      numLeaves: 2,
      minDataInLeaf: 1,
      lambdaL2: 1,
    },
  });
  const t = model.ensemble.trees[0]!;
  assert.equal(t.feature[0], 0);
  assert.equal(t.threshold[0], 3.5);
  assert.equal(model.ensemble.baseScore[0], 19 / 6);
  // Gradients are float32, hence the tolerance.
  assert.ok(Math.abs(t.value[t.left[0]!]! + 1.375) < 1e-6);
  assert.ok(Math.abs(t.value[t.right[0]!]! - 1.375) < 1e-6);
  assert.deepEqual([t.cover[0], t.cover[t.left[0]!], t.cover[t.right[0]!]], [6, 3, 3]);
  assert.equal(t.value[0], (3 * t.value[1]! + 3 * t.value[2]!) / 6); // cover-weighted mean of the leaves
  const p = model.predict(matrix);
  assert.ok(Math.abs(p[0]! - (19 / 6 - 1.375)) < 1e-6 && Math.abs(p[5]! - (19 / 6 + 1.375)) < 1e-6);
  assert.ok(Math.abs(model.featureImportance("gain")[0]! - 15.125) < 1e-5);
});

function randomData(n: number, seed: number, fn: (x: number[], rng: Rng) => number, nCols = 3) {
  const rng = new Rng(seed);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: nCols }, () => rng.uniform(0, 10));
    rows.push(x);
    labels.push(fn(x, rng));
  }
  return { matrix: matrixOf(rows), labels };
}

Deno.test("numLeaves and maxDepth bound every tree", () => {
  const data = randomData(600, 1, (x, r) => Math.sin(x[0]!) * x[1]! + r.float());
  for (const [numLeaves, maxDepth] of [[7, -1], [31, 3], [2, -1]]) {
    const m = fitGbdt(data, {
      params: { objective: "regression", nEstimators: 5, numLeaves, maxDepth, minDataInLeaf: 5 },
    });
    for (const t of m.ensemble.trees) {
      assert.equal(leavesOf(t), numLeaves! > 8 && maxDepth === 3 ? 8 : numLeaves);
      if (maxDepth! > 0) assert.ok(depthOf(t) <= maxDepth!);
    }
  }
});

Deno.test("minDataInLeaf holds in every leaf (cover = row count without weights)", () => {
  const data = randomData(300, 2, (x, r) => x[0]! + r.float() * 3);
  const m = fitGbdt(data, {
    params: { objective: "regression", nEstimators: 3, numLeaves: 63, minDataInLeaf: 17 },
  });
  for (const t of m.ensemble.trees) {
    for (let n = 0; n < t.feature.length; n++) if (t.feature[n]! < 0) assert.ok(t.cover[n]! >= 17);
    assert.equal(t.cover[0], 300);
  }
});

Deno.test("missing values go to the learnt side", () => {
  // y = 1 when x > 5 or x is missing; missing rows look like the high side.
  const rng = new Rng(3);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < 400; i++) {
    const miss = i % 4 === 0;
    const x = rng.uniform(0, 10);
    rows.push([miss ? NaN : x]);
    labels.push(miss || x > 5 ? 1 : 0);
  }
  const m = fitGbdt({ matrix: matrixOf(rows), labels }, {
    params: { objective: "regression", nEstimators: 1, learningRate: 1, numLeaves: 2 },
  });
  const t = m.ensemble.trees[0]!;
  assert.equal(t.defaultLeft[0], 0);
  assert.ok(Math.abs(t.threshold[0]! - 5) < 0.1);
  const p = m.predict(matrixOf([[NaN], [9], [1]]));
  assert.equal(p[0], p[1]);
  assert.ok(p[0]! > p[2]!);
  // Mirror: missing looks like the low side → default left.
  const labels2 = rows.map((r, i) => (Number.isNaN(r[0]!) ? 0 : labels[i]!));
  const m2 = fitGbdt({ matrix: matrixOf(rows), labels: labels2 }, {
    params: { objective: "regression", nEstimators: 1, learningRate: 1, numLeaves: 2 },
  });
  assert.equal(m2.ensemble.trees[0]!.defaultLeft[0], 1);
});

Deno.test("monotone constraint: predictions are non-decreasing / non-increasing along the feature", () => {
  // The truth is non-monotone in x0 (a sine) plus noise; constrained fits must still be monotone.
  const data = randomData(800, 4, (x, r) => Math.sin(x[0]!) + 0.3 * x[0]! + x[1]! * 0.5 + normal(r, 0, 0.5));
  for (const dir of [1, -1]) {
    const m = fitGbdt(data, {
      params: {
        objective: "regression",
        nEstimators: 40,
        numLeaves: 15,
        minDataInLeaf: 5,
        monotoneConstraints: [dir, 0, 0],
      },
    });
    const rng = new Rng(10 + dir);
    for (let base = 0; base < 20; base++) {
      const x1 = rng.uniform(-1, 11), x2 = rng.uniform(-1, 11);
      const grid = Array.from({ length: 120 }, (_, i) => [-1 + i * 0.1, x1, x2]);
      const p = m.predict(matrixOf(grid));
      for (let i = 1; i < p.length; i++) assert.ok(dir * (p[i]! - p[i - 1]!) >= -1e-12, `dir ${dir} at ${i}`);
    }
  }
  // Sanity: without the constraint the same data gives a non-monotone fit.
  const free = fitGbdt(data, {
    params: { objective: "regression", nEstimators: 40, numLeaves: 15, minDataInLeaf: 5 },
  });
  const p = free.predict(matrixOf(Array.from({ length: 120 }, (_, i) => [-1 + i * 0.1, 5, 5])));
  assert.ok(p.some((v, i) => i > 0 && v < p[i - 1]! - 1e-6));
});

Deno.test("categorical split finds the category subset that matters", () => {
  // Feature 0: category 0..11; only {2, 5, 7, 10} raise y. Feature 1: noise.
  const rng = new Rng(5);
  const rows: number[][] = [], labels: number[] = [];
  const hot = new Set([2, 5, 7, 10]);
  for (let i = 0; i < 1200; i++) {
    const c = rng.int(12);
    rows.push([c, rng.float()]);
    labels.push((hot.has(c) ? 3 : 0) + rng.float());
  }
  const matrix = {
    ...matrixOf(rows),
    categorical: [{ feature: 0, categories: Array.from({ length: 12 }, (_, i) => `c${i}`) }],
  };
  const m = fitGbdt({ matrix, labels }, {
    params: { objective: "regression", nEstimators: 1, learningRate: 1, numLeaves: 2 },
  });
  const t = m.ensemble.trees[0]!;
  assert.equal(t.feature[0], 0);
  assert.ok(t.catOffset[0]! >= 0);
  const left: number[] = [];
  for (let c = 0; c < 32; c++) if ((t.catBits[t.catOffset[0]!]! >>> c) & 1) left.push(c);
  const set = left.length === 4
    ? left
    : Array.from({ length: 12 }, (_, c) => c).filter((c) => !left.includes(c));
  assert.deepEqual(set, [2, 5, 7, 10]);
  assert.equal(t.defaultLeft[0], 0);
  // Unseen category and missing go right.
  const p = m.predict(matrixOf([[99, 0.5], [NaN, 0.5], [left[0]!, 0.5]]));
  const rightValue = t.value[t.right[0]!]! + m.ensemble.baseScore[0]!;
  assert.equal(p[0], rightValue);
  assert.equal(p[1], rightValue);
  assert.notEqual(p[2], rightValue);
});

Deno.test("subtraction trick: only the smaller child of each split is histogrammed", () => {
  const data = randomData(2000, 6, (x, r) => Math.sin(x[0]!) * x[1]! + x[2]! + r.float(), 4);
  const mapper = BinMapper.fit(data.matrix, { maxBins: 255 });
  const binned = mapper.transform(data.matrix);
  const nF = 4;
  const feats = {
    binOffset: mapper.binOffset,
    nValueBins: Int32Array.from(mapper.features, (f) => f.nValueBins),
    categorical: new Uint8Array(nF),
    trivial: Uint8Array.from(mapper.features, (f) => (f.trivial ? 1 : 0)),
    monotone: new Int8Array(nF),
  };
  const growData = { bins: binned.bins, nRows: 2000, feats };
  const ws = new GrowerWorkspace(growData, { numLeaves: 31 });
  const mean = data.labels.reduce((s, v) => s + v, 0) / 2000;
  const grad = Float32Array.from(data.labels, (y) => mean - y), hess = new Float32Array(2000).fill(1);
  for (let i = 0; i < 2000; i++) ws.rows[i] = i;
  const cfg = { ...resolveParams({ objective: "regression", numLeaves: 31, minDataInLeaf: 10 }) };
  const { tree } = growTree(growData, grad, hess, 2000, new Uint8Array(nF).fill(1), cfg, ws);
  ws.close();
  let smaller = 0, both = 0;
  for (let n = 0; n < tree.nNodes; n++) {
    if (tree.feature[n]! < 0) continue;
    const l = tree.cover[tree.left[n]!]!, r = tree.cover[tree.right[n]!]!;
    smaller += Math.min(l, r);
    both += l + r;
  }
  assert.equal(tree.feature.filter((f) => f < 0).length, 31);
  // Root + at most the smaller child per split; building both children would cost `both`.
  assert.ok(ws.rowsHistogrammed <= 2000 + smaller, `${ws.rowsHistogrammed} > ${2000 + smaller}`);
  assert.ok(ws.rowsHistogrammed < 2000 + both / 2);
  // The tree is the one fitGbdt grows from the same start (the subtraction changes nothing).
  const m = fitGbdt(data, {
    params: { objective: "regression", nEstimators: 1, numLeaves: 31, minDataInLeaf: 10, learningRate: 0.1 },
  });
  assert.deepEqual(Array.from(m.ensemble.trees[0]!.feature), tree.feature);
});
