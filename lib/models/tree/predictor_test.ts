import assert from "node:assert/strict";
import type { Matrix } from "../../data/types.ts";
import { leafIndex } from "./ensemble.ts";
import { predictRaw } from "./predictor.ts";

/** A one-column matrix. */
function matrixOf(rows: number[][]): Matrix {
  return { nRows: rows.length, nCols: 1, values: Float32Array.from(rows.flat()), featureNames: ["x0"] };
}

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
