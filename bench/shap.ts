/**
 * TreeSHAP speed: explain 10k rows on a random ensemble of 100 leaf-wise trees with 31 leaves each
 * over 50 numeric features (~15% missing), the sizes of a typical fitted GBDT. Target: < 5 s.
 *
 * Usage: `deno task bench shap [--rows 10000] [--trees 100] [--leaves 31] [--features 50]`
 */
import { treeShap } from "../lib/explain/mod.ts";
import { treeDepth } from "../lib/explain/tree_shap.ts";
import { randomLeafWiseTree, rawMargin } from "../lib/explain/_random_tree.ts";
import { Rng } from "../lib/random/mod.ts";
import type { TreeEnsemble } from "../lib/models/tree/mod.ts";
import { markdownTable, peakRssMiB, publish, timed } from "./common.ts";

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
}

/** Runs the benchmark and publishes `bench/results/shap.json`. */
export async function main(args: string[]): Promise<void> {
  const nRows = option(args, "rows", 10_000), nTrees = option(args, "trees", 100);
  const nLeaves = option(args, "leaves", 31), nFeatures = option(args, "features", 50);
  const rng = new Rng(20261123);
  const trees = Array.from({ length: nTrees }, () => randomLeafWiseTree(rng, nLeaves, nFeatures));
  const ensemble: TreeEnsemble = {
    nFeatures,
    nOutputs: 1,
    baseScore: new Float64Array([0]),
    trees,
    treeClass: new Int32Array(nTrees),
  };
  const values = new Float32Array(nRows * nFeatures);
  for (let i = 0; i < values.length; i++) values[i] = rng.float() < 0.15 ? NaN : rng.float();
  const matrix = {
    nRows,
    nCols: nFeatures,
    values,
    featureNames: Array.from({ length: nFeatures }, (_, j) => `f${j}`),
  };
  const meanDepth = trees.reduce((s, t) => s + treeDepth(t), 0) / nTrees;

  treeShap(ensemble, { ...matrix, nRows: 200, values: values.subarray(0, 200 * nFeatures) }); // warm-up
  const runs: number[] = [];
  let last = treeShap(ensemble, { ...matrix, nRows: 1, values: values.subarray(0, nFeatures) });
  for (let r = 0; r < 3; r++) {
    const { result, seconds } = await timed(() => treeShap(ensemble, matrix));
    runs.push(seconds);
    last = result;
  }
  // Sanity: local accuracy on a few rows.
  let maxErr = 0;
  for (let i = 0; i < Math.min(nRows, 100); i++) {
    let s = last.baseValue;
    for (let j = 0; j < nFeatures; j++) s += last.values[i * nFeatures + j]!;
    maxErr = Math.max(maxErr, Math.abs(s - rawMargin(ensemble, values, i * nFeatures)));
  }
  const best = Math.min(...runs);
  const results = {
    nRows,
    nTrees,
    nLeaves,
    nFeatures,
    meanDepth,
    secondsBest: best,
    secondsRuns: runs,
    rowsPerSecond: nRows / best,
    maxLocalAccuracyError: maxErr,
    peakRssMiB: peakRssMiB(),
    targetSeconds: 5,
  };
  const md = markdownTable(
    [
      "rows",
      "trees",
      "leaves/tree",
      "mean depth",
      "features",
      "best of 3 (s)",
      "rows/s",
      "target (s)",
      "peak RSS (MiB)",
    ],
    [[
      nRows,
      nTrees,
      nLeaves,
      meanDepth,
      nFeatures,
      best,
      Math.round(nRows / best),
      5,
      Math.round(peakRssMiB()),
    ]],
  );
  await publish("shap", results, md);
}
