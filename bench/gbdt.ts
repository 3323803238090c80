/**
 * GBDT quality and speed against XGBoost `hist` and scikit-learn HistGradientBoosting, on the same rows
 * with the same number of trees, depth / leaves and learning rate.
 *
 * - LightGBM example sets: binary (AUC, log loss), regression (RMSE), lambdarank (NDCG@1/3/5).
 * - Synthetic binary set (default 500k × 28, 400k train / 100k test, 200 trees): train seconds,
 *   predict rows/s, peak RSS, AUC; TreeSHAP rows/s on the fitted model.
 *
 * The references run `bench/reference/gbdt_reference.py` with /usr/bin/python3 when xgboost / sklearn are
 * installed (`apt-get install -y python3-xgboost python3-sklearn`); they are skipped with a note otherwise.
 *
 * Usage: `deno task bench gbdt [--quick] [--rows N] [--no-python]`
 * (`--quick`: 50k synthetic rows; results go to bench/results/gbdt_quick.json, README untouched).
 * @module
 */
import { fileURLToPath } from "node:url";
import { type LabeledData, loadLightgbmTrainTest } from "../lib/data/mod.ts";
import type { Matrix } from "../lib/data/mod.ts";
import { writeBytesAtomic, writeJsonAtomic } from "../lib/io/mod.ts";
import { auc } from "../lib/metrics/mod.ts";
import { logLoss } from "../lib/metrics/mod.ts";
import { ndcgAtK, ndcgAtKPerQuery } from "../lib/metrics/mod.ts";
import { rootMeanSquaredError } from "../lib/metrics/mod.ts";
import type { GbdtModel, GbdtParams } from "../lib/models/gbdt/mod.ts";
import type { TreeEnsemble } from "../lib/models/tree/mod.ts";
import { normal, Rng } from "../lib/random/mod.ts";
import {
  bestFit,
  markdownTable,
  meanAndStandardError,
  peakRssMiB,
  publish,
  runPythonReference,
  timed,
  timedCpu,
} from "./common.ts";

/** Shared hyper-parameters: XGBoost gets `max_depth`; ours and sklearn get `numLeaves` and `maxDepth`. */
export const BENCH_CONFIG = {
  trees: 100,
  learningRate: 0.1,
  regressionLearningRate: 0.05,
  maxDepth: 6,
  /** 2^6: a depth-6 tree's leaf budget, so the leaf-wise growers match XGBoost's depth-wise capacity. */
  numLeaves: 64,
  maxBins: 255,
  syntheticTrees: 200,
  syntheticRows: 500_000,
  quickRows: 50_000,
  /** Fraction of synthetic rows used for training (the first 80 %). */
  trainFraction: 0.8,
  syntheticSeed: 42,
  threads: 2,
  /** Synthetic training runs per library (best one reported: the machine is shared); 1 with --quick. */
  trainRepeats: 3,
} as const;

/** Our GBDT parameters for one LightGBM example task under {@link BENCH_CONFIG}. */
export function examplesParams(
  objective: GbdtParams["objective"],
  learningRate: number,
): Partial<GbdtParams> {
  const C = BENCH_CONFIG;
  return {
    objective,
    nEstimators: C.trees,
    learningRate,
    numLeaves: C.numLeaves,
    maxDepth: C.maxDepth,
    maxBins: C.maxBins,
    nThreads: C.threads,
  };
}

/** Bump when {@link generateSynthetic} changes so cached files are not reused. */
export const SYNTHETIC_VERSION = 1;
/** Synthetic width: 28 features, like the Higgs subset in the LightGBM examples. */
export const SYNTHETIC_FEATURES = 28;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * The synthetic binary set: row-major float32 `[label, x0 … x27]` per row, deterministic in `seed`.
 *
 * Features: x0–x15 ~ N(0, 1); x16–x19 ~ U(0, 1); x20 = x0 + 0.5·N (correlated copy);
 * x21 = x1·x2 + 0.3·N; x22 = e^(0.5·x3) (skewed); x23 ∈ {0 … 4} (ordinal); x24–x27 pure noise.
 * Missing values: x5 is NaN with probability 5 % (at random); x12 is NaN with probability 30 % when
 * x0 > 1 (informative missingness).
 *
 * Label: y ~ Bernoulli(σ(z)) with
 * `z = −0.3 + 0.9·x0 − 0.7·x1 + 0.6·x2·x3 + 0.8·sin(2·x4) + 0.4·(x5 missing ? 1 : |x5|)
 *      + 0.7·(x16 > 0.5 ? x6 : −x6) + 0.5·tanh(x7 + x8) + 0.3·(x9² − 1) + 0.5·(x23 − 2)·x17
 *      − 0.4·(x22 − 1) + 0.6·x10·1[x11 > 0] + 0.5·1[x12 missing]`:
 * linear terms, pairwise interactions, a threshold-switched sign, periodic and saturating shapes, and
 * signal carried by missingness.
 */
export function generateSynthetic(nRows: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const W = SYNTHETIC_FEATURES + 1;
  const out = new Float32Array(nRows * W);
  const x = new Float64Array(SYNTHETIC_FEATURES);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < 16; j++) x[j] = normal(rng);
    for (let j = 16; j < 20; j++) x[j] = rng.float();
    x[20] = x[0]! + 0.5 * normal(rng);
    x[21] = x[1]! * x[2]! + 0.3 * normal(rng);
    x[22] = Math.exp(0.5 * x[3]!);
    x[23] = Math.min(4, Math.floor(rng.float() * 5));
    for (let j = 24; j < 28; j++) x[j] = j < 26 ? normal(rng) : rng.float();
    const miss5 = rng.float() < 0.05;
    const miss12 = x[0]! > 1 && rng.float() < 0.3;
    const z = -0.3 + 0.9 * x[0]! - 0.7 * x[1]! + 0.6 * x[2]! * x[3]! + 0.8 * Math.sin(2 * x[4]!) +
      0.4 * (miss5 ? 1 : Math.abs(x[5]!)) + 0.7 * (x[16]! > 0.5 ? x[6]! : -x[6]!) +
      0.5 * Math.tanh(x[7]! + x[8]!) + 0.3 * (x[9]! * x[9]! - 1) + 0.5 * (x[23]! - 2) * x[17]! -
      0.4 * (x[22]! - 1) + 0.6 * x[10]! * (x[11]! > 0 ? 1 : 0) + 0.5 * (miss12 ? 1 : 0);
    if (miss5) x[5] = NaN;
    if (miss12) x[12] = NaN;
    const o = i * W;
    out[o] = rng.float() < sigmoid(z) ? 1 : 0;
    for (let j = 0; j < SYNTHETIC_FEATURES; j++) out[o + 1 + j] = x[j]!;
  }
  return out;
}

/** Splits a `[label, features…]` block (`nFeatures` features a row) into a labelled Matrix of rows [from, to). */
export function syntheticSlice(
  raw: Float32Array,
  from: number,
  to: number,
  nFeatures: number = SYNTHETIC_FEATURES,
): LabeledData {
  const W = nFeatures + 1, n = to - from;
  const values = new Float32Array(n * nFeatures), labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const o = (from + i) * W;
    labels[i] = raw[o]!;
    values.set(raw.subarray(o + 1, o + W), i * nFeatures);
  }
  const featureNames = Array.from({ length: nFeatures }, (_, j) => `x${j}`);
  const matrix: Matrix = { nRows: n, nCols: nFeatures, values, featureNames };
  return { matrix, labels };
}

/**
 * Writes (or reuses) a generated float32 file `data/bench/<fileName>` of `length` values, so Python
 * reads the identical rows.
 */
export async function cachedFloat32File(
  fileName: string,
  length: number,
  generate: () => Float32Array,
): Promise<{ path: string; raw: Float32Array }> {
  const path = fileURLToPath(new URL(`../data/bench/${fileName}`, import.meta.url));
  try {
    const existing = await Deno.readFile(path);
    if (existing.byteLength === length * 4) {
      return { path, raw: new Float32Array(existing.buffer, 0, length) };
    }
  } catch { /* not there yet */ }
  const raw = generate();
  await Deno.mkdir(fileURLToPath(new URL("../data/bench/", import.meta.url)), { recursive: true });
  await writeBytesAtomic(path, new Uint8Array(raw.buffer)); // little-endian on every platform we run on
  return { path, raw };
}

/** The synthetic set's file (see {@link cachedFloat32File}). */
function syntheticFile(nRows: number, seed: number): Promise<{ path: string; raw: Float32Array }> {
  return cachedFloat32File(
    `gbdt_synthetic_v${SYNTHETIC_VERSION}_${nRows}_seed${seed}.f32`,
    nRows * (SYNTHETIC_FEATURES + 1),
    () => generateSynthetic(nRows, seed),
  );
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export type Numbers = Record<string, number | string>;

/**
 * Our training figures from {@link bestFit} (best wall and CPU seconds, every run) and the shared
 * settings the Python reference trains with, for the synthetic benches (gbdt_wide, gbdt_rank).
 */
export function fitFigures(fit: { seconds: number; cpuSeconds: number; runs: string }): Numbers {
  return { trainSeconds: fit.seconds, trainCpuSeconds: fit.cpuSeconds, trainSecondsRuns: fit.runs };
}

/** The reference's hyper-parameters under {@link BENCH_CONFIG} for `trees` trees and `repeats` fits. */
export function referenceSettings(trees: number, repeats: number): Record<string, number> {
  const B = BENCH_CONFIG;
  return {
    trees,
    learningRate: B.learningRate,
    maxDepth: B.maxDepth,
    numLeaves: B.numLeaves,
    maxBins: B.maxBins,
    threads: B.threads,
    trainRepeats: repeats,
  };
}

/** A figure's number, or undefined when it is missing or a note (a string). */
const num = (x: number | string | undefined) => (typeof x === "number" ? x : undefined);

/** A row of {@link libraryTable}: a label, the figure's key, its decimals, whether to show ours ÷ the reference. */
export type LibraryRow = readonly [label: string, key: string, digits: number, withRatio: boolean];

/**
 * A markdown table of figures by library: `header` is the corner cell, the library names and the ratio
 * column; `libraries[0]` is ours and `libraries[1]` the reference the ratio divides by (either may be
 * missing: "–").
 */
export function libraryTable(
  header: readonly string[],
  libraries: readonly (Numbers | undefined)[],
  rows: readonly LibraryRow[],
): string {
  const cell = (v: number | undefined, digits: number) => (v === undefined ? "–" : v.toFixed(digits));
  const ratio = (key: string) => {
    const o = num(libraries[0]?.[key]), x = num(libraries[1]?.[key]);
    return o !== undefined && x !== undefined && x > 0 ? `${(o / x).toFixed(2)}×` : "–";
  };
  return markdownTable(
    [...header],
    rows.map(([label, key, digits, withRatio]) => [
      label,
      ...libraries.map((lib) => cell(num(lib?.[key]), digits)),
      withRatio ? ratio(key) : "–",
    ]),
  );
}

/** A library's training runs as listed in the notes ("–" when missing). */
export function trainingRuns(r: Numbers | undefined): string {
  return r?.trainSecondsRuns !== undefined ? String(r.trainSecondsRuns) : "–";
}
export type RefResult = Record<string, Numbers | undefined>;

interface CoreApi {
  fitGbdt: (train: LabeledData, options: { params: Partial<GbdtParams>; seed?: number }) => GbdtModel;
  predictRaw: (ensemble: TreeEnsemble, matrix: Matrix, nTrees?: number) => Float64Array;
}

/** Loads the GBDT core, or returns null (with the reason) when it is not there or broken. */
async function loadCore(): Promise<{ core: CoreApi | null; note?: string }> {
  try {
    const mod = await import("../lib/models/gbdt/mod.ts");
    if (typeof mod.fitGbdt !== "function") {
      return { core: null, note: "lib/models/gbdt/mod.ts exports no fitGbdt" };
    }
    return { core: mod as unknown as CoreApi };
  } catch (e) {
    return { core: null, note: `GBDT core missing: ${e instanceof Error ? e.message.split("\n")[0] : e}` };
  }
}

async function loadTreeShap(): Promise<((e: GbdtModel["ensemble"], m: Matrix) => unknown) | null> {
  try {
    const mod = await import("../lib/explain/mod.ts");
    return typeof mod.treeShap === "function" ? mod.treeShap : null;
  } catch {
    return null;
  }
}

function bestOf3(fn: () => void): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

/** Best of 3 runs, in wall seconds and in CPU seconds (single-threaded code: its time on a core). */
function bestOf3Cpu(fn: () => void): { seconds: number; cpuSeconds: number } {
  let seconds = Infinity, cpuSeconds = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = timedCpu(fn);
    seconds = Math.min(seconds, t.seconds);
    cpuSeconds = Math.min(cpuSeconds, t.cpuSeconds);
  }
  return { seconds, cpuSeconds };
}

/** Runs bench/reference/gbdt_reference.py with `config` (empty when disabled or Python is missing). */
export async function gbdtReference(config: Record<string, unknown>, enabled: boolean): Promise<RefResult> {
  if (!enabled) return {};
  const script = await Deno.readTextFile(new URL("./reference/gbdt_reference.py", import.meta.url));
  console.log(`[bench] python reference: ${config.task}`);
  const out = await runPythonReference(script, [JSON.stringify(config)]);
  return (out ?? {}) as RefResult;
}

function quality(task: string, data: LabeledData, pred: Float64Array): Numbers {
  if (task === "binary" || task === "synthetic") {
    const clipped = Float64Array.from(pred, (p) => Math.min(Math.max(p, 1e-15), 1 - 1e-15));
    return { auc: auc(data.labels, pred), logloss: logLoss(data.labels, clipped) };
  }
  if (task === "regression") return { rmse: rootMeanSquaredError(data.labels, pred) };
  const out: Numbers = {};
  for (const k of [1, 3, 5]) out[`ndcg@${k}`] = ndcgAtK(data.labels, pred, data.groups!, k);
  // Standard error of the mean over queries: how far apart two equally good rankers can land on this test set.
  const per = ndcgAtKPerQuery(data.labels, pred, data.groups!, 5);
  out["ndcg@5 standard error"] = meanAndStandardError(per).se;
  out.queries = per.length;
  return out;
}

/**
 * Ours − XGBoost NDCG@5 paired by test query (mean and standard error of the per-query differences),
 * from our per-query values and the reference's `"ndcg@5 per query"` list, which is removed from the
 * reference's figures. Undefined when either side is missing.
 */
function pairedRankDifference(
  ours: Float64Array | undefined,
  xgboost: Numbers | undefined,
): { diff: number; se: number; n: number } | undefined {
  const theirs = (xgboost as Record<string, unknown> | undefined)?.["ndcg@5 per query"];
  if (xgboost) delete (xgboost as Record<string, unknown>)["ndcg@5 per query"];
  if (!ours || !Array.isArray(theirs) || theirs.length !== ours.length || ours.length < 2) return undefined;
  const { mean: diff, se } = meanAndStandardError(Array.from(ours, (v, i) => v - (theirs[i] as number)));
  return { diff, se, n: ours.length };
}

/** The flags this bench reads (`bench/run.ts` refuses any other). */
export const flags: Readonly<Record<string, string>> = {
  "quick": "50k synthetic rows; results to bench/results/gbdt_quick.json, README untouched",
  "rows": "synthetic training rows",
  "no-python": "skip the Python references",
};

/** Runs the benchmark; publishes bench/results/gbdt.json and the README table (not with --quick). */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const repeats = quick ? 1 : BENCH_CONFIG.trainRepeats;
  const python = !args.includes("--no-python");
  const nRows = Number(option(args, "rows") ?? (quick ? BENCH_CONFIG.quickRows : BENCH_CONFIG.syntheticRows));
  const nTrain = Math.round(nRows * BENCH_CONFIG.trainFraction);
  const C = BENCH_CONFIG;
  const dataDir = fileURLToPath(new URL("../../shared/data/lightgbm-examples", import.meta.url));
  const { core, note } = await loadCore();
  const notes: string[] = [];
  // The machine is shared: record how busy it was (1-minute load average) around the timed runs.
  const load = () => Deno.loadavg()[0]!.toFixed(1);
  const loadAt: Record<string, string> = { start: load() };
  if (note) notes.push(note);
  const ours: Record<string, Numbers> = {};
  const refs: Record<string, RefResult> = {};
  let oursPerQuery: Float64Array | undefined;

  const shared = {
    learningRate: C.learningRate,
    maxDepth: C.maxDepth,
    numLeaves: C.numLeaves,
    maxBins: C.maxBins,
  };
  const tasks = [
    { task: "binary", objective: "binary", lr: C.learningRate },
    { task: "regression", objective: "regression", lr: C.regressionLearningRate },
    { task: "rank", objective: "lambdarank", lr: C.learningRate },
  ] as const;

  for (const t of tasks) {
    const { train, test } = await loadLightgbmTrainTest(t.task === "rank" ? "rank" : t.task, {
      dir: dataDir,
    });
    if (core) {
      const params = examplesParams(t.objective, t.lr);
      const { result: model, seconds } = await timed(() => core.fitGbdt(train, { params, seed: 0 }));
      const pred = model.predict(test.matrix);
      ours[t.task] = { trainSeconds: seconds, ...quality(t.task, test, pred) };
      if (t.task === "rank") oursPerQuery = ndcgAtKPerQuery(test.labels, pred, test.groups!, 5);
      console.log(`[bench] ours ${t.task}: ${JSON.stringify(ours[t.task])}`);
      // The non-default LightGBM-style binning, reported for information only: the default was chosen
      // by cross-validation on the training files (bench gbdt_binning_cv), never on these test sets.
      const lgbBins = core.fitGbdt(train, { params: { ...params, binning: "lightgbm" }, seed: 0 });
      ours[`${t.task}LightgbmBins`] = quality(t.task, test, lgbBins.predict(test.matrix));
    }
    refs[t.task] = await gbdtReference(
      { task: t.task, dataDir, trees: C.trees, ...shared, learningRate: t.lr, threads: C.threads },
      python,
    );
  }
  const paired = pairedRankDifference(oursPerQuery, refs.rank?.xgboost);
  if (paired) {
    ours.rank!["ndcg@5 − XGBoost, paired by query"] = paired.diff;
    ours.rank!["ndcg@5 − XGBoost, paired standard error"] = paired.se;
    notes.push(
      `paired over the same ${paired.n} test queries, ours − XGBoost NDCG@5 = ${paired.diff.toFixed(4)} ± ` +
        `${paired.se.toFixed(4)} (standard error of the mean per-query difference)`,
    );
  }

  // Synthetic: speed and memory at scale.
  const { result: synth, seconds: genSeconds } = await timed(() => syntheticFile(nRows, C.syntheticSeed));
  console.log(`[bench] synthetic ${nRows} rows ready in ${genSeconds.toFixed(1)} s: ${synth.path}`);
  const strain = syntheticSlice(synth.raw, 0, nTrain), stest = syntheticSlice(synth.raw, nTrain, nRows);
  let shapRowsPerSecond: number | undefined;
  if (core) {
    const params: Partial<GbdtParams> = {
      objective: "binary",
      nEstimators: C.syntheticTrees,
      learningRate: C.learningRate,
      numLeaves: C.numLeaves,
      maxDepth: C.maxDepth,
      maxBins: C.maxBins,
      nThreads: C.threads,
    };
    loadAt.oursSynthetic = load();
    // Best of `repeats` fits (each library gets the same number of runs, see the reference config).
    const { result: model, seconds, cpuSeconds, runs } = bestFit(
      repeats,
      () => core.fitGbdt(strain, { params, seed: 0 }),
    );
    let pred = model.predict(stest.matrix);
    const predictSeconds = bestOf3(() => (pred = model.predict(stest.matrix)));
    // The prediction target: 100 trees of depth 6 on one core (the first 100 trees).
    const predict100 = bestOf3Cpu(() => core.predictRaw(model.ensemble, stest.matrix, 100));
    ours.synthetic = {
      trainSeconds: seconds,
      trainCpuSeconds: cpuSeconds,
      trainSecondsRuns: runs,
      predictRowsPerSecond: stest.matrix.nRows / predictSeconds,
      predict100TreesRowsPerSecond: stest.matrix.nRows / predict100.seconds,
      predict100TreesRowsPerCpuSecond: stest.matrix.nRows / predict100.cpuSeconds,
      peakRssMiB: peakRssMiB(),
      ...quality("synthetic", stest, pred),
    };
    const treeShap = await loadTreeShap();
    if (treeShap) {
      const nShap = Math.min(quick ? 500 : 2000, stest.matrix.nRows);
      const m: Matrix = {
        ...stest.matrix,
        nRows: nShap,
        values: stest.matrix.values.subarray(0, nShap * SYNTHETIC_FEATURES),
      };
      const { seconds: shapSeconds } = await timed(() => treeShap(model.ensemble, m));
      shapRowsPerSecond = nShap / shapSeconds;
      ours.synthetic.shapRowsPerSecond = shapRowsPerSecond;
    } else notes.push("TreeSHAP timing skipped: lib/explain exports no treeShap");
    console.log(`[bench] ours synthetic: ${JSON.stringify(ours.synthetic)}`);
  }
  loadAt.referencesStart = load();
  refs.synthetic = await gbdtReference(
    {
      task: "synthetic",
      syntheticPath: synth.path,
      nRows,
      nTrain,
      trees: C.syntheticTrees,
      ...shared,
      threads: C.threads,
      trainRepeats: repeats,
    },
    python,
  );
  const se = ours.rank?.["ndcg@5 standard error"];
  if (typeof se === "number") {
    notes.push(
      `lambdarank test set has ${ours.rank?.queries} queries: NDCG@5 standard error over queries ≈ ${
        se.toFixed(3)
      }`,
    );
  }
  notes.push(
    `synthetic training, every run (s; the table shows the best of ${repeats} for each library): ours ` +
      `${trainingRuns(ours.synthetic)}; XGBoost ${trainingRuns(refs.synthetic?.xgboost)}; sklearn ${
        trainingRuns(refs.synthetic?.sklearn)
      }`,
  );
  loadAt.end = load();
  notes.push(
    `load average (1 min, 2 cores) at start ${loadAt.start}, before our synthetic fit ` +
      `${loadAt.oursSynthetic ?? "–"}, before the synthetic references ` +
      `${loadAt.referencesStart}, at end ${loadAt.end}: above 2 the runs competed with other processes`,
  );
  if (!python) notes.push("python references skipped (--no-python)");
  else if (!refs.synthetic?.xgboost) {
    notes.push("python references unavailable (install python3-xgboost python3-sklearn)");
  }

  const results = {
    quick,
    config: { ...C, syntheticRows: nRows, nTrain, trainRepeats: repeats },
    ours,
    references: refs,
    notes,
  };
  const md = renderTables(ours, refs, nRows, notes);
  if (quick) {
    await writeJsonAtomic("bench/results/gbdt_quick.json", results);
    console.log(`\n${md}\n\n[bench] --quick: wrote bench/results/gbdt_quick.json (README untouched)`);
  } else {
    await publish("gbdt", results, md);
  }
}

const fmt = (v: number | string | undefined, digits = 4) =>
  v === undefined
    ? "–"
    : typeof v === "string"
    ? v
    : Math.abs(v) >= 1000
    ? Math.round(v).toLocaleString("en-US")
    : v.toFixed(digits);

/** Builds the quality and speed tables with ratios against XGBoost and the targets. */
export function renderTables(
  ours: Record<string, Numbers>,
  refs: Record<string, RefResult>,
  nRows: number,
  notes: readonly string[] = [],
): string {
  const rows: (string | number)[][] = [];
  const check = (ok: boolean | undefined) => (ok === undefined ? "–" : ok ? "yes" : "**no**");
  const q = (task: string, metric: string, targetText: string, pass: (o: number, x: number) => boolean) => {
    const o = num(ours[task]?.[metric]),
      l = num(ours[`${task}LightgbmBins`]?.[metric]),
      x = num(refs[task]?.xgboost?.[metric]),
      s = num(refs[task]?.sklearn?.[metric]);
    rows.push([
      task === "rank"
        ? "lambdarank"
        : task === "synthetic"
        ? `synthetic ${nRows.toLocaleString("en-US")}`
        : task,
      metric,
      fmt(o),
      fmt(l),
      fmt(x),
      fmt(s),
      o !== undefined && x !== undefined ? (o - x >= 0 ? "+" : "") + (o - x).toFixed(4) : "–",
      targetText,
      check(o !== undefined && x !== undefined ? pass(o, x) : undefined),
    ]);
  };
  q("binary", "auc", "≥ XGBoost − 0.002", (o, x) => o >= x - 0.002);
  q("binary", "logloss", "–", () => true);
  q("regression", "rmse", "≤ XGBoost × 1.01", (o, x) => o <= x * 1.01);
  q("rank", "ndcg@1", "–", () => true);
  q("rank", "ndcg@3", "–", () => true);
  q("rank", "ndcg@5", "≥ XGBoost", (o, x) => o >= x);
  q("synthetic", "auc", "≥ XGBoost − 0.001", (o, x) => o >= x - 0.001);
  for (const r of rows) if (r[7] === "–") r[8] = "–";
  const quality = markdownTable([
    "data",
    "metric",
    "ours",
    "ours, LightGBM-style bins (option)",
    "XGBoost",
    "sklearn",
    "ours − XGBoost",
    "target",
    "met",
  ], rows);

  const s = ours.synthetic ?? {}, x = refs.synthetic?.xgboost ?? {}, k = refs.synthetic?.sklearn ?? {};
  const tOurs = num(s.trainSeconds),
    tX = num(x.trainSeconds),
    cOurs = num(s.trainCpuSeconds),
    cX = num(x.trainCpuSeconds),
    pOurs = num(s.predictRowsPerSecond),
    pX = num(x.predictRowsPerSecond),
    p100 = num(s.predict100TreesRowsPerSecond),
    p100Cpu = num(s.predict100TreesRowsPerCpuSecond),
    rss = num(s.peakRssMiB);
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : "–");
  const speed = markdownTable(
    [
      "synthetic (train 80 %, 200 trees)",
      "ours",
      "XGBoost hist (2 threads)",
      "sklearn HGB",
      "ours / XGBoost",
      "target",
      "met",
    ],
    [
      [
        "train, wall (s, best run)",
        fmt(tOurs, 2),
        fmt(tX, 2),
        fmt(num(k.trainSeconds), 2),
        ratio(tOurs, tX),
        "≤ 2× XGBoost",
        check(tOurs && tX ? tOurs <= 2 * tX : undefined),
      ],
      [
        "train, CPU (s, best run)",
        fmt(cOurs, 2),
        fmt(cX, 2),
        fmt(num(k.trainCpuSeconds), 2),
        ratio(cOurs, cX),
        "–",
        "–",
      ],
      [
        "predict 200 trees (rows/s)",
        fmt(pOurs, 0),
        fmt(pX, 0),
        fmt(num(k.predictRowsPerSecond), 0),
        ratio(pOurs, pX),
        "–",
        "–",
      ],
      ["predict 100 trees, 1 core (rows/s, wall)", fmt(p100, 0), "–", "–", "–", "–", "–"],
      [
        "predict 100 trees, 1 core (rows per CPU-s)",
        fmt(p100Cpu, 0),
        "–",
        "–",
        "–",
        "≥ 1,000,000",
        check(p100Cpu ? p100Cpu >= 1e6 : undefined),
      ],
      ["peak RSS (MiB)", fmt(rss, 0), "–", "–", "–", "< 1,536", check(rss ? rss < 1536 : undefined)],
      ["TreeSHAP (rows/s)", fmt(num(s.shapRowsPerSecond), 0), "–", "–", "–", "–", "–"],
    ],
  );
  const config =
    `Config: ${BENCH_CONFIG.trees} trees (synthetic ${BENCH_CONFIG.syntheticTrees}), learning rate ` +
    `${BENCH_CONFIG.learningRate} (regression ${BENCH_CONFIG.regressionLearningRate}), XGBoost max_depth ` +
    `${BENCH_CONFIG.maxDepth}; ours and sklearn ${BENCH_CONFIG.numLeaves} leaves with max depth ${BENCH_CONFIG.maxDepth}; ` +
    `${BENCH_CONFIG.maxBins} bins (ours: edges from all training rows). Ours builds histograms, searches splits and computes gradients on ${BENCH_CONFIG.threads} threads (main + 1 worker) ` +
    `and predicts on one; XGBoost trains and predicts with nthread ${BENCH_CONFIG.threads}. CPU = user + system ` +
    `time of all threads (the machine is shared, so wall times are noisy; CPU time is the steadier figure). ` +
    `"ours" uses the default quantile binning; the LightGBM-style binning (\`binning: "lightgbm"\`, ` +
    `min_data_in_bin 3) is shown for information: the default was chosen by cross-validation on the ` +
    `training files (bench gbdt_binning_cv), not on these test sets.`;
  return [quality, "", speed, "", config, ...notes.map((n) => `\n_Note: ${n}_`)].join("\n");
}
