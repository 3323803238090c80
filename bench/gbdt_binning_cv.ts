/**
 * Which numeric binning should be the GBDT default? Repeated k-fold cross-validation on the TRAINING
 * files of LightGBM's examples only (the test files are never read): binary (AUC, log loss), regression
 * (RMSE), lambdarank (NDCG@5, folds by query). Compares `binning: "quantile"` with `binning:
 * "lightgbm"` (min_data_in_bin 3 and 1) at the bench gbdt hyper-parameters, with LightGBM 4.x itself as
 * a reference when a Python with lightgbm is available (`LIGHTGBM_PYTHON`, default
 * `/tmp/lgbvenv/bin/python`; an investigation aid, never a project dependency).
 *
 * Every configuration sees the same folds; the table gives the mean over all folds and the paired
 * difference from "quantile" with its standard error over folds.
 *
 * Usage: `deno task bench gbdt_binning_cv [--repeats 3] [--folds 5]`
 * @module
 */
import { fileURLToPath } from "node:url";
import { type LabeledData, loadLightgbmExample } from "../lib/data/lightgbm_examples.ts";
import type { Matrix } from "../lib/data/types.ts";
import { auc } from "../lib/metrics/auc.ts";
import { logLoss } from "../lib/metrics/log_loss.ts";
import { ndcgAtK } from "../lib/metrics/ndcg.ts";
import { rootMeanSquaredError } from "../lib/metrics/rmse.ts";
import { fitGbdt, type GbdtParams } from "../lib/models/gbdt/mod.ts";
import { Rng } from "../lib/random/mod.ts";
import { BENCH_CONFIG, examplesParams } from "./gbdt.ts";
import { markdownTable, publish } from "./common.ts";

type Task = "binary" | "regression" | "rank";
const TASKS: { task: Task; objective: GbdtParams["objective"]; lr: number; metrics: string[] }[] = [
  { task: "binary", objective: "binary", lr: BENCH_CONFIG.learningRate, metrics: ["auc", "logloss"] },
  { task: "regression", objective: "regression", lr: BENCH_CONFIG.regressionLearningRate, metrics: ["rmse"] },
  { task: "rank", objective: "lambdarank", lr: BENCH_CONFIG.learningRate, metrics: ["ndcg@5"] },
];
const CONFIGS: { name: string; params: Partial<GbdtParams> }[] = [
  { name: "quantile", params: { binning: "quantile" } },
  { name: "lightgbm (min_data_in_bin 3)", params: { binning: "lightgbm", minDataInBin: 3 } },
  { name: "lightgbm (min_data_in_bin 1)", params: { binning: "lightgbm", minDataInBin: 1 } },
];

/** Fold id per row; for ranking every row of a query gets its query's fold. */
function makeFolds(data: LabeledData, k: number, rng: Rng): Int32Array {
  const n = data.matrix.nRows, folds = new Int32Array(n);
  const units = data.groups ? data.groups.length : n;
  const order = rng.shuffle(Int32Array.from({ length: units }, (_, i) => i));
  const unitFold = new Int32Array(units);
  order.forEach((u, pos) => (unitFold[u] = pos % k));
  if (!data.groups) return unitFold;
  let row = 0;
  data.groups.forEach((g, q) => {
    for (let j = 0; j < g; j++) folds[row++] = unitFold[q]!;
  });
  return folds;
}

/** The rows (and query sizes) of `data` whose fold is (`keep` ? == k : != k), order preserved. */
function subset(data: LabeledData, folds: Int32Array, k: number, keep: boolean): LabeledData {
  const { nRows, nCols, values, featureNames } = data.matrix;
  const rows: number[] = [];
  for (let i = 0; i < nRows; i++) if ((folds[i] === k) === keep) rows.push(i);
  const v = new Float32Array(rows.length * nCols), labels = new Float32Array(rows.length);
  rows.forEach((r, i) => {
    v.set(values.subarray(r * nCols, (r + 1) * nCols), i * nCols);
    labels[i] = data.labels[r]!;
  });
  const matrix: Matrix = { nRows: rows.length, nCols, values: v, featureNames };
  if (!data.groups) return { matrix, labels };
  const groups: number[] = [];
  let row = 0;
  for (const g of data.groups) {
    if ((folds[row] === k) === keep) groups.push(g);
    row += g;
  }
  return { matrix, labels, groups: Int32Array.from(groups) };
}

function metric(name: string, data: LabeledData, pred: Float64Array): number {
  if (name === "auc") return auc(data.labels, pred);
  if (name === "logloss") {
    return logLoss(data.labels, Float64Array.from(pred, (p) => Math.min(Math.max(p, 1e-15), 1 - 1e-15)));
  }
  if (name === "rmse") return rootMeanSquaredError(data.labels, pred);
  return ndcgAtK(data.labels, pred, data.groups!, 5);
}

/** Out-of-fold LightGBM predictions (repeats × nRows), or null when no lightgbm Python is there. */
async function lightgbmOof(
  data: LabeledData,
  folds: Int32Array[],
  meta: Record<string, unknown>,
): Promise<{ oof: Float64Array; library: string } | null> {
  const python = Deno.env.get("LIGHTGBM_PYTHON") ?? "/tmp/lgbvenv/bin/python";
  try {
    await Deno.stat(python);
  } catch {
    return null;
  }
  const dir = await Deno.makeTempDir({ prefix: "gbdt_cv_" });
  try {
    const { nRows, nCols } = data.matrix;
    await Deno.writeTextFile(`${dir}/meta.json`, JSON.stringify({ ...meta, nRows, nCols }));
    const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    await Deno.writeFile(`${dir}/X.f32`, bytes(data.matrix.values));
    await Deno.writeFile(`${dir}/y.f32`, bytes(data.labels));
    if (data.groups) await Deno.writeFile(`${dir}/groups.i32`, bytes(Int32Array.from(data.groups)));
    const all = new Int32Array(folds.length * nRows);
    folds.forEach((f, r) => all.set(f, r * nRows));
    await Deno.writeFile(`${dir}/folds.i32`, bytes(all));
    const script = fileURLToPath(new URL("./reference/gbdt_cv_lightgbm.py", import.meta.url));
    const out = await new Deno.Command(python, { args: [script, dir], stdout: "piped", stderr: "piped" })
      .output();
    if (!out.success) {
      console.error(`[bench] lightgbm reference failed: ${new TextDecoder().decode(out.stderr).slice(-500)}`);
      return null;
    }
    const { library } = JSON.parse(new TextDecoder().decode(out.stdout));
    const raw = await Deno.readFile(`${dir}/oof.f64`);
    return { oof: new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8), library };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** Runs the cross-validation and publishes bench/results/gbdt_binning_cv.json and its README block. */
export async function main(args: string[]): Promise<void> {
  const repeats = option(args, "repeats", 3), K = option(args, "folds", 5);
  const C = BENCH_CONFIG;
  const dataDir = fileURLToPath(new URL("../../shared/data/lightgbm-examples", import.meta.url));
  // per task → per config → per metric → per-fold values (repeat-major)
  const scores: Record<string, Record<string, Record<string, number[]>>> = {};
  let lgbLibrary: string | undefined;
  for (const t of TASKS) {
    const data = await loadLightgbmExample(t.task, "train", { dir: dataDir });
    const folds = Array.from({ length: repeats }, (_, r) => makeFolds(data, K, new Rng(1000 + r)));
    scores[t.task] = {};
    for (const c of CONFIGS) {
      const per: Record<string, number[]> = Object.fromEntries(t.metrics.map((m) => [m, []]));
      for (let r = 0; r < repeats; r++) {
        for (let k = 0; k < K; k++) {
          const train = subset(data, folds[r]!, k, false), test = subset(data, folds[r]!, k, true);
          const model = fitGbdt(train, {
            params: { ...examplesParams(t.objective, t.lr), ...c.params },
            seed: 0,
          });
          const pred = model.predict(test.matrix);
          for (const m of t.metrics) per[m]!.push(metric(m, test, pred));
        }
      }
      scores[t.task]![c.name] = per;
      console.log(`[bench] ${t.task} ${c.name}: ${
        JSON.stringify(Object.fromEntries(
          Object.entries(per).map(([m, v]) => [m, v.reduce((a, b) => a + b, 0) / v.length]),
        ))
      }`);
    }
    const lgb = await lightgbmOof(data, folds, {
      objective: t.objective,
      trees: C.trees,
      learningRate: t.lr,
      numLeaves: C.numLeaves,
      maxDepth: C.maxDepth,
      maxBins: C.maxBins,
      threads: C.threads,
      repeats,
      folds: K,
    });
    if (lgb) {
      lgbLibrary = lgb.library;
      const per: Record<string, number[]> = Object.fromEntries(t.metrics.map((m) => [m, []]));
      const n = data.matrix.nRows;
      for (let r = 0; r < repeats; r++) {
        for (let k = 0; k < K; k++) {
          const test = subset(data, folds[r]!, k, true);
          const pred = Float64Array.from(
            lgb.oof.subarray(r * n, (r + 1) * n).filter((_, i) => folds[r]![i] === k),
          );
          for (const m of t.metrics) per[m]!.push(metric(m, test, pred));
        }
      }
      scores[t.task]![lgb.library] = per;
    }
  }

  const rows: (string | number)[][] = [];
  for (const t of TASKS) {
    for (const m of t.metrics) {
      const base = scores[t.task]!["quantile"]![m]!;
      for (const [name, per] of Object.entries(scores[t.task]!)) {
        const v = per[m]!;
        const mean = v.reduce((a, b) => a + b, 0) / v.length;
        const d = v.map((x, i) => x - base[i]!);
        const dm = d.reduce((a, b) => a + b, 0) / d.length;
        const se = Math.sqrt(d.reduce((a, b) => a + (b - dm) ** 2, 0) / (d.length - 1) / d.length);
        rows.push([
          t.task === "rank" ? "lambdarank" : t.task,
          m,
          name,
          mean.toFixed(4),
          name === "quantile" ? "–" : `${dm >= 0 ? "+" : ""}${dm.toFixed(4)} ± ${se.toFixed(4)}`,
        ]);
      }
    }
  }
  const md =
    markdownTable(["data (train file only)", "metric", "binning", "CV mean", "− quantile (± s.e.)"], rows) +
    `\n\n${repeats}× repeated ${K}-fold CV on the training files (rank: folds by query), same folds for ` +
    `every row; ${C.trees} trees, ${C.numLeaves} leaves, max depth ${C.maxDepth}, learning rate ` +
    `${C.learningRate} (regression ${C.regressionLearningRate}), ${C.maxBins} bins. ` +
    (lgbLibrary
      ? `${lgbLibrary}: same hyper-parameters, its default binning (min_data_in_bin 3).`
      : "LightGBM reference not run.");
  console.log(`\n${md}`);
  await publish("gbdt_binning_cv", { repeats, folds: K, config: C, scores }, md);
}
