import assert from "node:assert/strict";
import fc from "fast-check";
import { Rng } from "../random/mod.ts";
import type { FlatTree, TreeEnsemble } from "../models/tree/mod.ts";
import { InputError } from "../errors.ts";
import { meanAbsShap, treeDepth, treeExpectedValue, treeShap } from "./tree_shap.ts";
import { bruteForceShap } from "./_brute_force_shap.ts";
import { randomEnsemble, randomMatrix, rawMargin, SMALL_SPEC } from "./_random_tree.ts";

/**
 * Depth-2 tree: root x0 <= 0.5 (cover 10); left: x1 <= 0.5 (cover 6) → leaves 1 (cover 2) / 3 (cover 4);
 * right: x1 <= 0.5 (cover 4) → leaves 2 (cover 1) / 10 (cover 3). Missing x0 goes right, missing x1 left.
 */
function handTree(): FlatTree {
  return {
    feature: new Int32Array([0, 1, 1, -1, -1, -1, -1]),
    threshold: new Float64Array([0.5, 0.5, 0.5, 0, 0, 0, 0]),
    left: new Int32Array([1, 3, 5, -1, -1, -1, -1]),
    right: new Int32Array([2, 4, 6, -1, -1, -1, -1]),
    defaultLeft: new Uint8Array([0, 1, 1, 0, 0, 0, 0]),
    value: new Float64Array([4.6, 14 / 6, 8, 1, 3, 2, 10]),
    cover: new Float64Array([10, 6, 4, 2, 4, 1, 3]),
    catOffset: new Int32Array(7).fill(-1),
    catWords: new Int32Array(7),
    catBits: new Uint32Array(0),
  };
}

function handEnsemble(): TreeEnsemble {
  return {
    nFeatures: 2,
    nOutputs: 1,
    baseScore: new Float64Array([0.5]),
    trees: [handTree()],
    treeClass: new Int32Array([0]),
  };
}

function matrixOf(rows: number[][]) {
  const nCols = rows[0]!.length;
  return {
    nRows: rows.length,
    nCols,
    values: Float32Array.from(rows.flat()),
    featureNames: rows[0]!.map((_, j) => `f${j}`),
  };
}

function close(actual: number, expected: number, tol: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

Deno.test("treeShap: hand-computed depth-2 example", () => {
  // x = (0.2, 0.8) reaches leaf 3. v(∅) = (2·1 + 4·3 + 1·2 + 3·10)/10 = 4.6; v({0}) = 14/6;
  // v({1}) = 0.6·3 + 0.4·10 = 5.8; v({0,1}) = 3.
  // φ0 = ½[(14/6 − 4.6) + (3 − 5.8)] = −7.6/3; φ1 = ½[(5.8 − 4.6) + (3 − 14/6)] = 2.8/3.
  const { values, baseValue } = treeShap(handEnsemble(), matrixOf([[0.2, 0.8]]));
  close(baseValue, 0.5 + 4.6, 1e-12, "baseValue");
  close(values[0]!, -7.6 / 3, 1e-12, "phi0");
  close(values[1]!, 2.8 / 3, 1e-12, "phi1");
});

Deno.test("treeShap: hand example with a missing value follows the default direction", () => {
  // x = (NaN, NaN): x0 missing → right, x1 missing → left: leaf 2. v({0}) = (1·2 + 3·10)/4 = 8;
  // v({1}) = 0.6·1 + 0.4·2 = 1.4; v({0,1}) = 2. φ0 = ½[(8 − 4.6) + (2 − 1.4)] = 2; φ1 = ½[(1.4 − 4.6) + (2 − 8)] = −4.6.
  const { values } = treeShap(handEnsemble(), matrixOf([[NaN, NaN]]));
  close(values[0]!, 2, 1e-12, "phi0");
  close(values[1]!, -4.6, 1e-12, "phi1");
});

Deno.test("treeShap equals brute-force Shapley values on random trees (numeric, categorical, missing)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 4 }), (seed, nTrees) => {
      const rng = new Rng(seed);
      const ensemble = randomEnsemble(rng, nTrees);
      const matrix = randomMatrix(rng, 3);
      const { values } = treeShap(ensemble, matrix);
      for (let r = 0; r < matrix.nRows; r++) {
        const expected = bruteForceShap(ensemble, matrix.values, r * matrix.nCols);
        for (let j = 0; j < matrix.nCols; j++) {
          close(values[r * matrix.nCols + j]!, expected[j]!, 1e-9, `seed ${seed} row ${r} feature ${j}`);
        }
      }
    }),
    { numRuns: 120 },
  );
});

Deno.test("treeShap local accuracy: baseValue + Σφ = raw margin", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
      const rng = new Rng(seed);
      const spec = { ...SMALL_SPEC, maxDepth: 6 };
      const ensemble = randomEnsemble(rng, 10, 1, spec);
      const matrix = randomMatrix(rng, 20, spec);
      const { values, baseValue } = treeShap(ensemble, matrix);
      for (let r = 0; r < matrix.nRows; r++) {
        let sum = baseValue;
        for (let j = 0; j < matrix.nCols; j++) sum += values[r * matrix.nCols + j]!;
        close(sum, rawMargin(ensemble, matrix.values, r * matrix.nCols), 1e-9, `seed ${seed} row ${r}`);
      }
    }),
    { numRuns: 50 },
  );
});

Deno.test("treeShap: multi-output explains only the chosen output's trees", () => {
  const rng = new Rng(7);
  const ensemble = randomEnsemble(rng, 6, 3);
  const matrix = randomMatrix(rng, 5);
  for (let k = 0; k < 3; k++) {
    const { values, baseValue } = treeShap(ensemble, matrix, { output: k });
    for (let r = 0; r < matrix.nRows; r++) {
      const expected = bruteForceShap(ensemble, matrix.values, r * matrix.nCols, k);
      let sum = baseValue;
      for (let j = 0; j < matrix.nCols; j++) {
        close(values[r * matrix.nCols + j]!, expected[j]!, 1e-9, `output ${k}`);
        sum += values[r * matrix.nCols + j]!;
      }
      close(sum, rawMargin(ensemble, matrix.values, r * matrix.nCols, k), 1e-9, `output ${k} local accuracy`);
    }
  }
});

Deno.test("treeShap: a single-leaf tree adds to the base value only", () => {
  const leaf: FlatTree = {
    feature: new Int32Array([-1]),
    threshold: new Float64Array(1),
    left: new Int32Array([-1]),
    right: new Int32Array([-1]),
    defaultLeft: new Uint8Array(1),
    value: new Float64Array([0.7]),
    cover: new Float64Array([5]),
    catOffset: new Int32Array([-1]),
    catWords: new Int32Array(1),
    catBits: new Uint32Array(0),
  };
  const e = { ...handEnsemble(), trees: [handTree(), leaf], treeClass: new Int32Array([0, 0]) };
  const { values, baseValue } = treeShap(e, matrixOf([[0.2, 0.8]]));
  close(baseValue, 0.5 + 4.6 + 0.7, 1e-12, "baseValue");
  close(values[0]!, -7.6 / 3, 1e-12, "phi0");
  assert.equal(treeDepth(leaf), 0);
  assert.equal(treeDepth(handTree()), 2);
  close(treeExpectedValue(handTree()), 4.6, 1e-12, "expected value");
});

Deno.test("treeShap: bad input", () => {
  assert.throws(() => treeShap(handEnsemble(), matrixOf([[0.1, 0.2, 0.3]])), InputError);
  assert.throws(() => treeShap(handEnsemble(), matrixOf([[0.1, 0.2]]), { output: 1 }), InputError);
  const multi = randomEnsemble(new Rng(1), 4, 2);
  assert.throws(() => treeShap(multi, randomMatrix(new Rng(2), 2)), /output/);
});

Deno.test("meanAbsShap: mean absolute value per feature", () => {
  assert.deepEqual([...meanAbsShap(new Float64Array([1, -2, -3, 0, 2, 4]), 3, 2)], [2, 2]);
  assert.throws(() => meanAbsShap(new Float64Array(5), 3, 2), InputError);
});
