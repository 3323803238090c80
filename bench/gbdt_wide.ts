/**
 * GBDT training speed on a wide table: 60,000 rows × 200 features, 100 trees, against XGBoost `hist`
 * and scikit-learn HistGradientBoosting in the same run (bench `gbdt` covers the 500k × 28
 * set; marketplace feature tables are often wider and shorter than that). No target: it shows where
 * the engine stands when histogram building per row is long and split search is a larger share.
 *
 * Data: x0 … x199 ~ U(0, 1), float32; y ~ Bernoulli(σ(3·(−x0 + x1 − x2 + … + x9))): ten informative
 * columns and 190 of noise. The first 80 % of rows train, the rest test (AUC as a sanity check).
 *
 * Usage: `deno task bench gbdt_wide [--quick] [--no-python]` (--quick: 10,000 rows, one fit each, README untouched).
 * @module
 */
import type { GbdtParams } from "../lib/models/gbdt/mod.ts";
import { fitGbdt } from "../lib/models/gbdt/mod.ts";
import { auc } from "../lib/metrics/mod.ts";
import { Rng } from "../lib/random/mod.ts";
import { bestFit, publishUnlessQuick } from "./common.ts";
import {
  BENCH_CONFIG,
  cachedFloat32File,
  examplesParams,
  fitFigures,
  gbdtReference,
  libraryTable,
  type Numbers,
  referenceSettings,
  syntheticSlice,
  trainingRuns,
} from "./gbdt.ts";

export const WIDE_CONFIG = {
  rows: 60_000,
  quickRows: 10_000,
  features: 200,
  informative: 10,
  trees: 100,
  seed: 7,
  trainFraction: 0.8,
  repeats: 3,
} as const;

/** Bump when {@link generateWide} changes so cached files are not reused. */
export const WIDE_VERSION = 1;

/** Row-major float32 `[label, x0 … x(nFeatures−1)]` per row (see the module doc), deterministic in `seed`. */
export function generateWide(nRows: number, nFeatures: number, seed: number): Float32Array {
  const rng = new Rng(seed), W = nFeatures + 1;
  const out = new Float32Array(nRows * W);
  for (let i = 0; i < nRows; i++) {
    let z = 0;
    for (let j = 0; j < nFeatures; j++) {
      const v = Math.fround(rng.float());
      out[i * W + 1 + j] = v;
      if (j < WIDE_CONFIG.informative) z += j % 2 === 1 ? v : -v;
    }
    out[i * W] = rng.float() < 1 / (1 + Math.exp(-3 * z)) ? 1 : 0;
  }
  return out;
}

/** The flags this bench reads (`bench/run.ts` refuses any other). */
export const flags: Readonly<Record<string, string>> = {
  "quick": "10,000 rows, one fit each, README untouched",
  "no-python": "skip the Python references",
};

/** Runs the benchmark; publishes bench/results/gbdt_wide.json and its README block (not with --quick). */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes("--quick"), python = !args.includes("--no-python");
  const C = WIDE_CONFIG, B = BENCH_CONFIG;
  const nRows = quick ? C.quickRows : C.rows, nTrain = Math.round(nRows * C.trainFraction);
  const repeats = quick ? 1 : C.repeats;
  const { path, raw } = await cachedFloat32File(
    `gbdt_wide_v${WIDE_VERSION}_${nRows}x${C.features}_seed${C.seed}.f32`,
    nRows * (C.features + 1),
    () => generateWide(nRows, C.features, C.seed),
  );
  const train = syntheticSlice(raw, 0, nTrain, C.features),
    test = syntheticSlice(raw, nTrain, nRows, C.features);
  const params: Partial<GbdtParams> = { ...examplesParams("binary", B.learningRate), nEstimators: C.trees };
  const load = () => Deno.loadavg()[0]!.toFixed(1);
  const loadAt: Record<string, string> = { start: load() };
  const fit = bestFit(repeats, () => fitGbdt(train, { params, seed: 0 }));
  const ours: Numbers = {
    ...fitFigures(fit),
    auc: auc(test.labels, fit.result.predict(test.matrix)),
  };
  console.log(`[bench] ours wide: ${JSON.stringify(ours)}`);
  loadAt.references = load();
  const refs = await gbdtReference(
    {
      task: "synthetic",
      syntheticPath: path,
      nRows,
      nTrain,
      nFeatures: C.features,
      ...referenceSettings(C.trees, repeats),
    },
    python,
  );
  loadAt.end = load();
  const md = renderWide(ours, refs.xgboost, refs.sklearn, nRows, repeats, loadAt);
  const results = { quick, config: { ...C, rows: nRows, repeats }, ours, references: refs };
  await publishUnlessQuick("gbdt_wide", results, md, quick);
}

/** The README block: train time (best run), CPU time and test AUC per library, ratios to XGBoost. */
export function renderWide(
  ours: Numbers,
  xgboost: Numbers | undefined,
  sklearn: Numbers | undefined,
  nRows: number,
  repeats: number,
  loadAt: Record<string, string>,
): string {
  const table = libraryTable(
    [
      `wide synthetic ${
        nRows.toLocaleString("en-US")
      } × ${WIDE_CONFIG.features} (train 80 %, ${WIDE_CONFIG.trees} trees)`,
      "ours",
      "XGBoost hist (2 threads)",
      "sklearn HGB",
      "ours / XGBoost",
    ],
    [ours, xgboost, sklearn],
    [
      ["train, wall (s, best run)", "trainSeconds", 2, true],
      ["train, CPU (s, best run)", "trainCpuSeconds", 2, true],
      ["test AUC", "auc", 4, false],
    ],
  );
  return [
    table,
    `Same settings as bench gbdt (learning rate ${BENCH_CONFIG.learningRate}, ${BENCH_CONFIG.numLeaves} leaves, ` +
    `max depth ${BENCH_CONFIG.maxDepth}, ${BENCH_CONFIG.maxBins} bins, 2 threads). No target: the issue's speed ` +
    `target is on the 500k × 28 set (bench gbdt).`,
    `_Note: every training run (s; the table shows the best of ${repeats}): ours ${
      trainingRuns(ours)
    }; XGBoost ` +
    `${trainingRuns(xgboost)}; sklearn ${trainingRuns(sklearn)}_`,
    `_Note: load average (1 min, 2 cores) at start ${loadAt.start}, before the references ${loadAt.references}, ` +
    `at end ${loadAt.end}_`,
  ].join("\n\n");
}
