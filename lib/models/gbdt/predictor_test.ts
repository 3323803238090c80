import assert from "node:assert/strict";
import fc from "fast-check";
import { Rng } from "../../random/mod.ts";
import { leafIndex } from "../tree/ensemble.ts";
import { fitGbdt } from "./booster.ts";
import { predictRaw } from "./predictor.ts";
import { matrixOf } from "./_test_data.ts";

function fitted() {
  const rng = new Rng(1);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < 500; i++) {
    const c = rng.int(40);
    const x = [
      rng.uniform(0, 1),
      rng.float() < 0.3 ? NaN : rng.uniform(0, 1),
      c,
      rng.float() < 0.1 ? NaN : rng.int(5),
    ];
    rows.push(x);
    labels.push(x[0]! + (Number.isNaN(x[1]!) ? 2 : x[1]!) + (c % 3 === 0 ? 1 : 0) + rng.float());
  }
  const matrix = matrixOf(rows);
  return fitGbdt({ matrix, labels }, {
    params: { nEstimators: 15, numLeaves: 15, minDataInLeaf: 5, categoricalFeatures: [2], maxCatToOnehot: 0 },
    seed: 2,
  });
}

Deno.test("predictRaw equals the contract's reference walk (leafIndex) on numeric, missing and categorical splits", () => {
  const model = fitted();
  const e = model.ensemble;
  assert.ok(e.trees.some((t) => t.catBits.length > 0));
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant(NaN)),
          fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant(NaN)),
          fc.oneof(fc.integer({ min: -2, max: 80 }), fc.constant(NaN)),
          fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(NaN)),
        ),
        { minLength: 1, maxLength: 30 },
      ),
      (rows) => {
        const m = matrixOf(rows.map((r) => [...r]));
        const got = predictRaw(e, m);
        for (let i = 0; i < m.nRows; i++) {
          let want = e.baseScore[0]!;
          for (const t of e.trees) want += t.value[leafIndex(t, m.values, i * m.nCols)]!;
          assert.ok(Math.abs(got[i]! - want) < 1e-9);
        }
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test("flat trees: internal value is the cover-weighted mean and covers add up", () => {
  for (const t of fitted().ensemble.trees) {
    for (let n = 0; n < t.feature.length; n++) {
      if (t.feature[n]! < 0) continue;
      const l = t.left[n]!, r = t.right[n]!;
      assert.equal(t.cover[n], t.cover[l]! + t.cover[r]!);
      const mean = (t.cover[l]! * t.value[l]! + t.cover[r]! * t.value[r]!) / t.cover[n]!;
      assert.ok(Math.abs(t.value[n]! - mean) < 1e-12);
    }
  }
});

Deno.test("predictRaw honours nTrees (staged prediction)", () => {
  const e = fitted().ensemble;
  const m = matrixOf([[0.5, 0.5, 3, 1]]);
  const base = predictRaw(e, m, 0);
  assert.equal(base[0], e.baseScore[0]);
  const one = predictRaw(e, m, 1);
  assert.equal(one[0], e.baseScore[0]! + e.trees[0]!.value[leafIndex(e.trees[0]!, m.values, 0)]!);
});

Deno.test("packed 8-row walk equals leafIndex on numeric trees with missing values (multiclass too)", () => {
  const rng = new Rng(4);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < 600; i++) {
    const x = [rng.uniform(0, 3), rng.float() < 0.3 ? NaN : rng.float(), rng.float()];
    rows.push(x);
    labels.push(Number.isNaN(x[1]!) ? 2 : Math.floor(x[0]!));
  }
  const model = fitGbdt({ matrix: matrixOf(rows), labels }, {
    params: { objective: "multiclass", numClass: 3, nEstimators: 6, numLeaves: 9, minDataInLeaf: 5 },
  });
  const e = model.ensemble;
  assert.ok(e.trees.every((t) => t.catBits.length === 0));
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.oneof(fc.double({ min: -1, max: 4, noNaN: true }), fc.constant(NaN)),
          fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant(NaN)),
          fc.double({ min: -1, max: 2, noNaN: true }),
        ),
        { minLength: 1, maxLength: 40 }, // spans full 8-row groups and the remainder
      ),
      (rs) => {
        const m = matrixOf(rs.map((r) => [...r]));
        const got = predictRaw(e, m);
        for (let i = 0; i < m.nRows; i++) {
          const want = Array.from(e.baseScore);
          e.trees.forEach((
            t,
            j,
          ) => (want[e.treeClass[j]!]! += t.value[leafIndex(t, m.values, i * m.nCols)]!));
          for (let k = 0; k < 3; k++) assert.ok(Math.abs(got[i * 3 + k]! - want[k]!) < 1e-9);
        }
      },
    ),
    { numRuns: 40 },
  );
});

Deno.test("trees whose children are not adjacent (other producers) still predict correctly", () => {
  // Root splits x0 ≤ 0.5; left child stored last, right child first; missing goes left.
  const tree = {
    feature: Int32Array.of(0, -1, -1),
    threshold: Float64Array.of(0.5, 0, 0),
    left: Int32Array.of(2, -1, -1),
    right: Int32Array.of(1, -1, -1),
    defaultLeft: Uint8Array.of(1, 0, 0),
    value: Float64Array.of(0, 10, -10),
    cover: Float64Array.of(2, 1, 1),
    catOffset: Int32Array.of(-1, -1, -1),
    catWords: new Int32Array(3),
    catBits: new Uint32Array(0),
  };
  const e = {
    nFeatures: 1,
    nOutputs: 1,
    baseScore: Float64Array.of(1),
    trees: [tree],
    treeClass: Int32Array.of(0),
  };
  const m = matrixOf(Array.from({ length: 10 }, (_, i) => [i === 9 ? NaN : i / 8]));
  const got = Array.from(predictRaw(e, m));
  assert.deepEqual(got, [-9, -9, -9, -9, -9, 11, 11, 11, 11, -9]);
});

/**
 * A chain: node 2j splits x0 ≤ j + 0.5 into leaf 2j + 1 (value j) and node 2j + 2; the last node is a
 * leaf of value `depth`. Missing values go left at even j. `heavyLeft` puts almost all cover on the
 * first leaf, so the tree is lopsided (its rows walk one by one); otherwise cover halves per level.
 */
function chainEnsemble(depth: number, heavyLeft: boolean) {
  const n = 2 * depth + 1;
  const feature = new Int32Array(n).fill(-1),
    left = new Int32Array(n).fill(-1),
    right = new Int32Array(n).fill(-1);
  const threshold = new Float64Array(n), value = new Float64Array(n), cover = new Float64Array(n);
  const defaultLeft = new Uint8Array(n);
  for (let j = 0; j < depth; j++) {
    feature[2 * j] = 0;
    threshold[2 * j] = j + 0.5;
    left[2 * j] = 2 * j + 1;
    right[2 * j] = 2 * j + 2;
    defaultLeft[2 * j] = j % 2 === 0 ? 1 : 0;
    value[2 * j + 1] = j;
    cover[2 * j + 1] = heavyLeft ? (j === 0 ? 1000 : 1) : 2 ** (depth - j);
  }
  value[n - 1] = depth;
  cover[n - 1] = 1;
  for (let j = depth - 1; j >= 0; j--) cover[2 * j] = cover[2 * j + 1]! + cover[2 * j + 2]!;
  const tree = {
    feature,
    threshold,
    left,
    right,
    defaultLeft,
    value,
    cover,
    catOffset: new Int32Array(n).fill(-1),
    catWords: new Int32Array(n),
    catBits: new Uint32Array(0),
  };
  return {
    nFeatures: 1,
    nOutputs: 1,
    baseScore: Float64Array.of(0),
    trees: [tree],
    treeClass: Int32Array.of(0),
  };
}

Deno.test("deep chains predict their leaf whether rows walk in lock-step or one by one (lopsided cover)", () => {
  for (const heavyLeft of [false, true]) {
    const e = chainEnsemble(20, heavyLeft);
    const xs = [NaN, -1, 0.2, 0.7, 1.5, 3.2, 10.5, 18.9, 19.5, 20, 25, Infinity, -Infinity];
    const rows = Array.from({ length: 3 * xs.length }, (_, i) => [xs[i % xs.length]!]);
    const m = matrixOf(rows);
    const got = predictRaw(e, m);
    rows.forEach(([x], i) => {
      const want = Number.isNaN(x) ? 0 : Math.min(20, Math.max(0, Math.ceil(x! - 0.5)));
      assert.equal(got[i], want, `x = ${x}, heavyLeft ${heavyLeft}`);
      assert.equal(got[i], e.trees[0]!.value[leafIndex(e.trees[0]!, m.values, i)]);
    });
  }
});
