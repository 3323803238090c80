import assert from "node:assert/strict";
import fc from "fast-check";
import type { LabeledData } from "../lib/data/mod.ts";
import { Rng } from "../lib/random/mod.ts";
import { foldSubset, makeFolds, pairedDifference } from "./_cv.ts";

function ranked(groups: number[]): LabeledData {
  const n = groups.reduce((a, b) => a + b, 0);
  const values = Float32Array.from({ length: n * 2 }, (_, i) => i);
  return {
    matrix: { nRows: n, nCols: 2, values, featureNames: ["a", "b"] },
    labels: Float32Array.from({ length: n }, (_, i) => i % 3),
    groups: Int32Array.from(groups),
  };
}

Deno.test("property: folds keep each query whole, balance queries, and subsets partition the rows", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 5, maxLength: 40 }),
      fc.integer({ min: 2, max: 5 }),
      fc.integer({ min: 0, max: 1000 }),
      (groups, K, seed) => {
        const data = ranked(groups);
        const folds = makeFolds(data, K, seed);
        const perFold = new Array(K).fill(0);
        let row = 0;
        for (const g of groups) {
          for (let j = 1; j < g; j++) assert.equal(folds[row + j], folds[row]);
          perFold[folds[row]!]++;
          row += g;
        }
        assert.ok(Math.max(...perFold) - Math.min(...perFold) <= 1, `queries per fold ${perFold}`);
        let rows = 0, queries = 0;
        for (let k = 0; k < K; k++) {
          const test = foldSubset(data, folds, k, true), train = foldSubset(data, folds, k, false);
          assert.equal(test.matrix.nRows + train.matrix.nRows, data.matrix.nRows);
          assert.equal(test.groups!.reduce((a, b) => a + b, 0), test.matrix.nRows);
          assert.equal(train.groups!.reduce((a, b) => a + b, 0), train.matrix.nRows);
          // every test row's features and label come from a row of fold k, in order
          for (let i = 0; i < test.matrix.nRows; i++) {
            const src = test.matrix.values[i * 2]! / 2;
            assert.equal(folds[src], k);
            assert.equal(test.labels[i], data.labels[src]);
            if (i > 0) assert.ok(src > test.matrix.values[(i - 1) * 2]! / 2);
          }
          rows += test.matrix.nRows;
          queries += test.groups!.length;
        }
        assert.equal(rows, data.matrix.nRows);
        assert.equal(queries, groups.length);
      },
    ),
  );
});

/** The fold code this bench used before lib/validation (kept as the reference twin). */
function formerMakeFolds(data: LabeledData, k: number, seed: number): Int32Array {
  const n = data.matrix.nRows, folds = new Int32Array(n);
  const units = data.groups ? data.groups.length : n;
  const order = new Rng(seed).shuffle(Int32Array.from({ length: units }, (_, i) => i));
  const unitFold = new Int32Array(units);
  order.forEach((u, pos) => (unitFold[u] = pos % k));
  if (!data.groups) return unitFold;
  let row = 0;
  data.groups.forEach((g, q) => {
    for (let j = 0; j < g; j++) folds[row++] = unitFold[q]!;
  });
  return folds;
}

Deno.test("property: makeFolds (lib/validation) gives the former bench fold assignment bit for bit", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 5, maxLength: 60 }),
      fc.integer({ min: 2, max: 5 }),
      fc.integer({ min: 0, max: 100000 }),
      (groups, K, seed) => {
        const ranking = ranked(groups);
        assert.deepEqual(makeFolds(ranking, K, seed), formerMakeFolds(ranking, K, seed));
        const plain = { matrix: ranking.matrix, labels: ranking.labels };
        assert.deepEqual(makeFolds(plain, K, seed), formerMakeFolds(plain, K, seed));
      },
    ),
  );
});

Deno.test("foldSubset keeps the label type (Float32Array) and query sizes as Int32Array", () => {
  const data = ranked([2, 3, 1]);
  const sub = foldSubset(data, Int32Array.of(0, 0, 1, 1, 1, 0), 0, true);
  assert.ok(sub.labels instanceof Float32Array && sub.groups instanceof Int32Array);
  assert.deepEqual([...sub.groups!], [2, 1]);
});

Deno.test("pairedDifference: mean, paired mean difference and its standard error (hand-computed)", () => {
  // differences 1, 2, 3: mean 2, sample sd 1, s.e. 1/√3
  const r = pairedDifference([2, 4, 6], [1, 2, 3]);
  assert.equal(r.mean, 4);
  assert.equal(r.diff, 2);
  assert.ok(Math.abs(r.se - 1 / Math.sqrt(3)) < 1e-15);
  assert.deepEqual(pairedDifference([5], [4]), { mean: 5, diff: 1, se: 0 });
});
