import assert from "node:assert/strict";
import { Rng } from "../random/mod.ts";
import type { TreeEnsemble } from "../models/tree/mod.ts";
import { InputError } from "../errors.ts";
import { treeShap } from "./tree_shap.ts";
import { treeShapParallel } from "./parallel.ts";
import { randomEnsemble, randomLeafWiseTree, randomMatrix } from "./_random_tree.ts";

function leafWise(seed: number, nTrees: number, nFeatures: number, nRows: number) {
  const rng = new Rng(seed);
  const trees = Array.from({ length: nTrees }, () => randomLeafWiseTree(rng, 15, nFeatures));
  const ensemble: TreeEnsemble = {
    nFeatures,
    nOutputs: 1,
    baseScore: new Float64Array([-0.2]),
    trees,
    treeClass: new Int32Array(nTrees),
  };
  const values = Float32Array.from(
    { length: nRows * nFeatures },
    () => rng.float() < 0.1 ? NaN : rng.float(),
  );
  const matrix = {
    nRows,
    nCols: nFeatures,
    values,
    featureNames: Array.from({ length: nFeatures }, (_, j) => `f${j}`),
  };
  return { ensemble, matrix };
}

Deno.test("treeShapParallel equals treeShap bit for bit (2 workers, multi-output); small batches and bad input", async () => {
  // One worker start only: under `deno test` each start type-checks the worker module (seconds).
  const rng = new Rng(5);
  const generated = randomMatrix(rng, 41);
  const matrix = { ...generated, featureNames: generated.featureNames.map((_, j) => `column ${j}`) };
  // with feature names, as a fitted model's ensemble: the workers must accept the checked matrix
  const ensemble = { ...randomEnsemble(rng, 6, 3), featureNames: [...matrix.featureNames] };
  const expected = treeShap(ensemble, matrix, { output: 2 });
  const viaWorkers = await treeShapParallel(ensemble, matrix, {
    output: 2,
    workers: 2,
    minRowsPerWorker: 10,
  });
  assert.deepEqual([...viaWorkers.values], [...expected.values]);
  assert.equal(viaWorkers.baseValue, expected.baseValue);
  assert.equal(viaWorkers.nRows, matrix.nRows);
  const leaf = leafWise(3, 6, 8, 300);
  const inline = await treeShapParallel(leaf.ensemble, leaf.matrix, { workers: 2 }); // 300 rows < 1000 per worker
  assert.deepEqual([...inline.values], [...treeShap(leaf.ensemble, leaf.matrix).values]);
  await assert.rejects(() => treeShapParallel(ensemble, matrix, { workers: 0, output: 0 }), InputError);
  const reordered = { ...matrix, featureNames: [...matrix.featureNames].reverse() };
  await assert.rejects(
    () => treeShapParallel(ensemble, reordered, { output: 2, workers: 2, minRowsPerWorker: 10 }),
    (e: unknown) => e instanceof InputError && e.field === "featureNames",
  );
  await assert.rejects(() => treeShapParallel(ensemble, matrix), /output/);
  await assert.rejects(
    () => treeShapParallel(ensemble, { ...matrix, values: matrix.values.subarray(1) }, { output: 0 }),
    InputError,
  );
});
