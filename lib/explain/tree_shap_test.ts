import assert from "node:assert/strict";
import fc from "fast-check";
import { Rng } from "../random/mod.ts";
import type { FlatTree, TreeEnsemble } from "../models/tree/mod.ts";
import { InputError } from "../errors.ts";
import { meanAbsShap, treeDepth, treeExpectedValue, treeShap } from "./tree_shap.ts";
import { bruteForceShap } from "./_brute_force_shap.ts";
import { randomEnsemble, randomLeafWiseTree, randomMatrix, rawMargin, SMALL_SPEC } from "./_random_tree.ts";
import { buildPathTables, leafPathLengths, MAX_TABLE_PATH, tablesPayOff } from "./path_tables.ts";

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

const ALGORITHMS = ["recursive", "tables"] as const;

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
      for (const algorithm of ALGORITHMS) {
        const { values } = treeShap(ensemble, matrix, { algorithm });
        for (let r = 0; r < matrix.nRows; r++) {
          const expected = bruteForceShap(ensemble, matrix.values, r * matrix.nCols);
          for (let j = 0; j < matrix.nCols; j++) {
            close(
              values[r * matrix.nCols + j]!,
              expected[j]!,
              1e-9,
              `${algorithm} seed ${seed} row ${r} feature ${j}`,
            );
          }
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
      for (const algorithm of ALGORITHMS) {
        const { values, baseValue } = treeShap(ensemble, matrix, { algorithm });
        for (let r = 0; r < matrix.nRows; r++) {
          let sum = baseValue;
          for (let j = 0; j < matrix.nCols; j++) sum += values[r * matrix.nCols + j]!;
          close(
            sum,
            rawMargin(ensemble, matrix.values, r * matrix.nCols),
            1e-9,
            `${algorithm} seed ${seed} row ${r}`,
          );
        }
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
    const { values, baseValue } = treeShap(ensemble, matrix, { output: k, algorithm: "tables" });
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
  assert.throws(
    () => treeShap(handEnsemble(), matrixOf([[0.1, 0.2]]), { algorithm: "fast" as unknown as "auto" }),
    /algorithm/,
  );
  const multi = randomEnsemble(new Rng(1), 4, 2);
  assert.throws(() => treeShap(multi, randomMatrix(new Rng(2), 2)), /output/);
});

Deno.test("treeShap: an ensemble with feature names rejects reordered or renamed columns", () => {
  const named: TreeEnsemble = { ...handEnsemble(), featureNames: ["price", "rating"] };
  const m = { ...matrixOf([[0.2, 0.8]]), featureNames: ["price", "rating"] };
  // the right names give the values of the unnamed ensemble
  assert.deepEqual(treeShap(named, m).values, treeShap(handEnsemble(), m).values);
  const rejects = (featureNames: string[], message: RegExp) =>
    assert.throws(
      () => treeShap(named, { ...m, featureNames }),
      (e: unknown) => e instanceof InputError && e.field === "featureNames" && message.test(e.message),
    );
  rejects(["rating", "price"], /column 0 is "rating"; the model expects "price"/);
  rejects(["price", "stars"], /column 1 is "stars"; the model expects "rating"/);
  // without names only the width is checked (hand-built ensembles)
  treeShap(handEnsemble(), { ...m, featureNames: ["rating", "price"] });
});

Deno.test("meanAbsShap: mean absolute value per feature", () => {
  assert.deepEqual([...meanAbsShap(new Float64Array([1, -2, -3, 0, 2, 4]), 3, 2)], [2, 2]);
  assert.throws(() => meanAbsShap(new Float64Array(5), 3, 2), InputError);
});

Deno.test("treeShap: tables and recursive kernels agree on leaf-wise trees (10k-row regime, auto picks tables)", () => {
  const rng = new Rng(99);
  const nFeatures = 12;
  const trees = Array.from({ length: 8 }, () => randomLeafWiseTree(rng, 31, nFeatures));
  const ensemble: TreeEnsemble = {
    nFeatures,
    nOutputs: 1,
    baseScore: new Float64Array([0.1]),
    trees,
    treeClass: new Int32Array(trees.length),
  };
  const nRows = 300;
  const values = Float32Array.from(
    { length: nRows * nFeatures },
    () => rng.float() < 0.15 ? NaN : rng.float(),
  );
  const matrix = {
    nRows,
    nCols: nFeatures,
    values,
    featureNames: Array.from({ length: nFeatures }, (_, j) => `f${j}`),
  };
  assert.ok(trees.every((t) => tablesPayOff(leafPathLengths(t), nRows)), "auto should pick the tables here");
  const a = treeShap(ensemble, matrix, { algorithm: "recursive" });
  const b = treeShap(ensemble, matrix, { algorithm: "tables" });
  const c = treeShap(ensemble, matrix);
  for (let i = 0; i < a.values.length; i++) {
    close(b.values[i]!, a.values[i]!, 1e-12 * (1 + Math.abs(a.values[i]!)), `value ${i}`);
    close(c.values[i]!, a.values[i]!, 1e-12 * (1 + Math.abs(a.values[i]!)), `auto value ${i}`);
  }
  for (let r = 0; r < nRows; r++) {
    let sum = b.baseValue;
    for (let j = 0; j < nFeatures; j++) sum += b.values[r * nFeatures + j]!;
    close(sum, rawMargin(ensemble, values, r * nFeatures), 1e-9, `local accuracy row ${r}`);
  }
});

Deno.test("path tables: a path with more unique features than MAX_TABLE_PATH falls back to the recursive kernel", () => {
  // A chain that splits on a new feature at every level: depth MAX_TABLE_PATH + 2.
  const depth = MAX_TABLE_PATH + 2, nNodes = 2 * depth + 1;
  const feature = new Int32Array(nNodes).fill(-1), left = new Int32Array(nNodes).fill(-1);
  const right = new Int32Array(nNodes).fill(-1),
    cover = new Float64Array(nNodes),
    value = new Float64Array(nNodes);
  const threshold = new Float64Array(nNodes).fill(0.5);
  for (let d = 0; d < depth; d++) {
    const n = 2 * d; // internal node n: left leaf n + 1, right child n + 2
    feature[n] = d, left[n] = n + 1, right[n] = n + 2;
    value[n + 1] = d - 3;
  }
  value[nNodes - 1] = 7;
  for (let n = nNodes - 1; n >= 0; n--) {
    cover[n] = feature[n]! < 0 ? 1 + (n % 3) : cover[left[n]!]! + cover[right[n]!]!;
  }
  const tree: FlatTree = {
    feature,
    threshold,
    left,
    right,
    defaultLeft: new Uint8Array(nNodes),
    value,
    cover,
    catOffset: new Int32Array(nNodes).fill(-1),
    catWords: new Int32Array(nNodes),
    catBits: new Uint32Array(0),
  };
  assert.equal(buildPathTables(tree), null);
  assert.equal(tablesPayOff(leafPathLengths(tree), 1e9), false);
  const ensemble: TreeEnsemble = {
    nFeatures: depth,
    nOutputs: 1,
    baseScore: new Float64Array([0]),
    trees: [tree],
    treeClass: new Int32Array(1),
  };
  const row = Float32Array.from({ length: depth }, (_, j) => (j < depth - 3 ? 0.9 : 0.1));
  const matrix = {
    nRows: 1,
    nCols: depth,
    values: row,
    featureNames: Array.from({ length: depth }, (_, j) => `f${j}`),
  };
  const a = treeShap(ensemble, matrix, { algorithm: "tables" });
  const b = treeShap(ensemble, matrix, { algorithm: "recursive" });
  assert.deepEqual([...a.values], [...b.values]);
  const sum = a.values.reduce((s, v) => s + v, a.baseValue);
  close(sum, rawMargin(ensemble, row, 0), 1e-9, "local accuracy");
});
