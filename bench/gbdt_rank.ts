/**
 * Lambdarank at scale: 250,000 rows in about 5,000 queries of 5–95 documents, 20 features, 100 trees,
 * against XGBoost 1.7 `rank:ndcg` (`hist`, 2 threads) in the same run. No target (bench gbdt holds the
 * issue's lambdarank accuracy target on LightGBM's example): it shows what a ranking fit of feed size
 * costs. The two objectives do different work: ours (LightGBM's lambdarank) takes every pair with a
 * document in the top 30 of a query, about 24 pairs a row here; XGBoost 1.7 samples one pair a document.
 *
 * Data: x0 … x19 ~ U(0, 1), float32; per query a shift u ~ U(−0.5, 0.5) (easier and harder queries);
 * relevance = clamp(⌊2.5·(x0 + x1 − x2 + 0.5·x3·x4) + u + N(0, 0.5²)⌋, 0, 4): five informative columns,
 * fifteen of noise. The first 80 % of queries train, the rest test (NDCG@5 and @10 over test queries).
 *
 * Usage: `deno task bench gbdt_rank [--quick] [--no-python]` (--quick: 20,000 rows, one fit each, README untouched).
 * @module
 */
import type { GbdtParams } from "../lib/models/gbdt/mod.ts";
import { fitGbdt } from "../lib/models/gbdt/mod.ts";
import { ndcgAtK } from "../lib/metrics/mod.ts";
import { normal, Rng } from "../lib/random/mod.ts";
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

export const RANK_CONFIG = {
  rows: 250_000,
  quickRows: 20_000,
  features: 20,
  minQuery: 5,
  maxQuery: 95,
  trees: 100,
  seed: 11,
  trainFraction: 0.8,
  repeats: 2,
} as const;

/** Bump when {@link generateRank} changes so cached files are not reused. */
export const RANK_VERSION = 1;

/**
 * Row-major float32 `[relevance, x0 … x(nFeatures−1)]` per row and the query sizes (see the module
 * doc), deterministic in `seed`. The last query is cut to end at `nRows`.
 */
export function generateRank(
  nRows: number,
  nFeatures: number,
  seed: number,
): { rows: Float32Array; groups: Int32Array } {
  const rng = new Rng(seed), W = nFeatures + 1, C = RANK_CONFIG;
  const rows = new Float32Array(nRows * W), groups: number[] = [];
  for (let start = 0; start < nRows;) {
    const size = Math.min(nRows - start, C.minQuery + rng.int(C.maxQuery - C.minQuery + 1));
    const shift = rng.uniform(-0.5, 0.5);
    for (let i = start; i < start + size; i++) {
      for (let j = 0; j < nFeatures; j++) rows[i * W + 1 + j] = Math.fround(rng.float());
      const x = (j: number) => rows[i * W + 1 + j]!;
      const s = 2.5 * (x(0) + x(1) - x(2) + 0.5 * x(3) * x(4)) + shift + normal(rng, 0, 0.5);
      rows[i * W] = Math.min(4, Math.max(0, Math.floor(s)));
    }
    groups.push(size);
    start += size;
  }
  return { rows, groups: Int32Array.from(groups) };
}

/** The flags this bench reads (`bench/run.ts` refuses any other). */
export const flags: Readonly<Record<string, string>> = {
  "quick": "20,000 rows, one fit each, README untouched",
  "no-python": "skip the Python references",
};

/** Runs the benchmark; publishes bench/results/gbdt_rank.json and its README block (not with --quick). */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes("--quick"), python = !args.includes("--no-python");
  const C = RANK_CONFIG, B = BENCH_CONFIG;
  const nRows = quick ? C.quickRows : C.rows, repeats = quick ? 1 : C.repeats;
  const data = generateRank(nRows, C.features, C.seed);
  const name = `gbdt_rank_v${RANK_VERSION}_${nRows}x${C.features}_seed${C.seed}`;
  const { path, raw } = await cachedFloat32File(`${name}.f32`, data.rows.length, () => data.rows);
  const groupsFile = await cachedFloat32File(
    `${name}.groups.f32`,
    data.groups.length,
    () => Float32Array.from(data.groups),
  );
  const nTrainQueries = Math.round(data.groups.length * C.trainFraction);
  const nTrain = data.groups.subarray(0, nTrainQueries).reduce((s, g) => s + g, 0);
  const train = {
    ...syntheticSlice(raw, 0, nTrain, C.features),
    groups: data.groups.subarray(0, nTrainQueries),
  };
  const test = {
    ...syntheticSlice(raw, nTrain, nRows, C.features),
    groups: data.groups.subarray(nTrainQueries),
  };
  const params: Partial<GbdtParams> = {
    ...examplesParams("lambdarank", B.learningRate),
    nEstimators: C.trees,
  };
  const load = () => Deno.loadavg()[0]!.toFixed(1);
  const loadAt: Record<string, string> = { start: load() };
  const fit = bestFit(repeats, () => fitGbdt(train, { params, seed: 0 }));
  const pred = fit.result.predict(test.matrix);
  const ours: Numbers = {
    ...fitFigures(fit),
    "ndcg@5": ndcgAtK(test.labels, pred, test.groups, 5),
    "ndcg@10": ndcgAtK(test.labels, pred, test.groups, 10),
  };
  console.log(`[bench] ours rank: ${JSON.stringify(ours)}`);
  loadAt.references = load();
  const refs = await gbdtReference(
    {
      task: "synthetic_rank",
      syntheticPath: path,
      groupsPath: groupsFile.path,
      nRows,
      nTrainQueries,
      nFeatures: C.features,
      ...referenceSettings(C.trees, repeats),
      libraries: ["xgboost"],
    },
    python,
  );
  loadAt.end = load();
  if (refs.xgboost) delete (refs.xgboost as Record<string, unknown>)["ndcg@5 per query"];
  const md = renderRank(ours, refs.xgboost, nRows, data.groups.length, repeats, loadAt);
  const results = {
    quick,
    config: { ...C, rows: nRows, repeats, queries: data.groups.length },
    ours,
    references: refs,
  };
  await publishUnlessQuick("gbdt_rank", results, md, quick);
}

/** The README block: train time (best run), CPU time and test NDCG per library, time ratios to XGBoost. */
export function renderRank(
  ours: Numbers,
  xgboost: Numbers | undefined,
  nRows: number,
  nQueries: number,
  repeats: number,
  loadAt: Record<string, string>,
): string {
  const table = libraryTable(
    [
      `ranking ${nRows.toLocaleString("en-US")} rows, ${
        nQueries.toLocaleString("en-US")
      } queries × ${RANK_CONFIG.features} ` +
      `(train 80 % of queries, ${RANK_CONFIG.trees} trees)`,
      "ours (lambdarank)",
      "XGBoost rank:ndcg (2 threads)",
      "ours / XGBoost",
    ],
    [ours, xgboost],
    [
      ["train, wall (s, best run)", "trainSeconds", 2, true],
      ["train, CPU (s, best run)", "trainCpuSeconds", 2, true],
      ["test NDCG@5", "ndcg@5", 4, false],
      ["test NDCG@10", "ndcg@10", 4, false],
    ],
  );
  return [
    table,
    `Same settings as bench gbdt (learning rate ${BENCH_CONFIG.learningRate}, ${BENCH_CONFIG.numLeaves} leaves, ` +
    `max depth ${BENCH_CONFIG.maxDepth}, ${BENCH_CONFIG.maxBins} bins, 2 threads). No target. Ours forms every pair ` +
    `with a document in a query's top 30 (LightGBM's lambdarank), XGBoost 1.7 samples one pair a document, so ` +
    `ours does more work per row.`,
    `_Note: every training run (s; the table shows the best of ${repeats}): ours ${
      trainingRuns(ours)
    }; XGBoost ${trainingRuns(xgboost)}_`,
    `_Note: load average (1 min, 2 cores) at start ${loadAt.start}, before the reference ${loadAt.references}, ` +
    `at end ${loadAt.end}_`,
  ].join("\n\n");
}
