/**
 * Shared machinery of the GBDT cross-validation benches (gbdt_binning_cv, gbdt_defaults_cv): folds
 * over the TRAINING files of LightGBM's examples (the test files are never read), fold subsets, the
 * per-task metrics, out-of-fold predictions of a Python reference library (XGBoost, LightGBM), and
 * paired differences with their standard error over folds.
 * @module
 */
import { fileURLToPath } from "node:url";
import { type LabeledData, loadLightgbmExample } from "../lib/data/mod.ts";
import { auc } from "../lib/metrics/mod.ts";
import { logLoss } from "../lib/metrics/mod.ts";
import { ndcgAtK } from "../lib/metrics/mod.ts";
import { rootMeanSquaredError } from "../lib/metrics/mod.ts";
import { fitGbdt, type GbdtParams, type Objective } from "../lib/models/gbdt/mod.ts";
import {
  crossValidate as crossValidateFolds,
  foldsFromAssignment,
  groupKFoldAssignment,
  kFoldAssignment,
  selectRows,
} from "../lib/validation/mod.ts";
import { meanAndStandardError } from "./common.ts";
import { BENCH_CONFIG, examplesParams } from "./gbdt.ts";

export type CvTask = "binary" | "regression" | "rank";

/** The three example tasks with their objective, learning rate (as bench gbdt) and CV metrics. */
export const CV_TASKS: { task: CvTask; objective: GbdtParams["objective"]; lr: number; metrics: string[] }[] =
  [
    { task: "binary", objective: "binary", lr: BENCH_CONFIG.learningRate, metrics: ["auc", "logloss"] },
    {
      task: "regression",
      objective: "regression",
      lr: BENCH_CONFIG.regressionLearningRate,
      metrics: ["rmse"],
    },
    { task: "rank", objective: "lambdarank", lr: BENCH_CONFIG.learningRate, metrics: ["ndcg@5"] },
  ];

/**
 * Fold id per row: lib/validation's seeded k-fold, or for ranking its grouped k-fold by query (every row
 * of a query gets its query's fold). The same assignment as this file's former shuffle-and-deal code.
 */
export function makeFolds(data: LabeledData, k: number, seed: number): Int32Array {
  return data.groups
    ? groupKFoldAssignment({ querySizes: data.groups }, { k, seed })
    : kFoldAssignment(data.matrix.nRows, { k, seed });
}

/** The rows (and query sizes) of `data` whose fold is (`keep` ? == k : != k), order preserved. */
export function foldSubset(data: LabeledData, folds: Int32Array, k: number, keep: boolean): LabeledData {
  const rows: number[] = [];
  for (let i = 0; i < folds.length; i++) if ((folds[i] === k) === keep) rows.push(i);
  return selectRows(data, Int32Array.from(rows));
}

/** One CV metric of predictions on a fold ("auc", "logloss", "rmse", "ndcg@5"). */
export function cvMetric(name: string, data: LabeledData, pred: Float64Array): number {
  if (name === "auc") return auc(data.labels, pred);
  if (name === "logloss") {
    return logLoss(data.labels, Float64Array.from(pred, (p) => Math.min(Math.max(p, 1e-15), 1 - 1e-15)));
  }
  if (name === "rmse") return rootMeanSquaredError(data.labels, pred);
  return ndcgAtK(data.labels, pred, data.groups!, 5);
}

/** Mean of `v` and mean ± standard error of the paired differences `v − base` over folds. */
export function pairedDifference(v: number[], base: number[]): { mean: number; diff: number; se: number } {
  const { mean: diff, se } = meanAndStandardError(v.map((x, i) => x - base[i]!));
  return { mean: meanAndStandardError(v).mean, diff, se };
}

/** "+0.0012 ± 0.0007" */
export function formatDifference(diff: number, se: number): string {
  return `${diff >= 0 ? "+" : ""}${diff.toFixed(4)} ± ${se.toFixed(4)}`;
}

/**
 * Out-of-fold predictions (repeats × nRows) of a Python reference library ("lightgbm" or "xgboost",
 * run by bench/reference/gbdt_cv_reference.py with `python`), or null when that Python or library is
 * not there.
 */
export async function referenceOof(
  library: "lightgbm" | "xgboost",
  python: string,
  data: LabeledData,
  folds: Int32Array[],
  meta: Record<string, unknown>,
): Promise<{ oof: Float64Array; library: string } | null> {
  try {
    await Deno.stat(python);
  } catch {
    return null;
  }
  const dir = await Deno.makeTempDir({ prefix: "gbdt_cv_" });
  try {
    const { nRows, nCols } = data.matrix;
    await Deno.writeTextFile(`${dir}/meta.json`, JSON.stringify({ ...meta, library, nRows, nCols }));
    const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    await Deno.writeFile(`${dir}/X.f32`, bytes(data.matrix.values));
    await Deno.writeFile(`${dir}/y.f32`, bytes(Float32Array.from(data.labels)));
    if (data.groups) await Deno.writeFile(`${dir}/groups.i32`, bytes(Int32Array.from(data.groups)));
    const all = new Int32Array(folds.length * nRows);
    folds.forEach((f, r) => all.set(f, r * nRows));
    await Deno.writeFile(`${dir}/folds.i32`, bytes(all));
    const script = fileURLToPath(new URL("./reference/gbdt_cv_reference.py", import.meta.url));
    const out = await new Deno.Command(python, { args: [script, dir], stdout: "piped", stderr: "piped" })
      .output();
    if (!out.success) {
      console.error(
        `[bench] ${library} reference failed: ${new TextDecoder().decode(out.stderr).slice(-500)}`,
      );
      return null;
    }
    const { library: version } = JSON.parse(new TextDecoder().decode(out.stdout));
    const raw = await Deno.readFile(`${dir}/oof.f64`);
    return { oof: new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8), library: version };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Per-fold metric values (repeat-major) of out-of-fold predictions `oof` (repeats × nRows). */
export function oofScores(
  data: LabeledData,
  folds: Int32Array[],
  K: number,
  metrics: string[],
  oof: Float64Array,
): Record<string, number[]> {
  const per: Record<string, number[]> = Object.fromEntries(metrics.map((m) => [m, []]));
  const n = data.matrix.nRows;
  folds.forEach((f, r) => {
    for (let k = 0; k < K; k++) {
      const test = foldSubset(data, f, k, true);
      const pred = Float64Array.from(oof.subarray(r * n, (r + 1) * n).filter((_, i) => f[i] === k));
      for (const m of metrics) per[m]!.push(cvMetric(m, test, pred));
    }
  });
  return per;
}

/**
 * Per-fold metric values (repeat-major) of our GBDT at the bench gbdt hyper-parameters of `task`
 * overridden by `params` (and the objective instance `objective`, when given), over every fold.
 */
export function fitCvScores(
  data: LabeledData,
  folds: Int32Array[],
  K: number,
  task: (typeof CV_TASKS)[number],
  params: Partial<GbdtParams>,
  objective?: () => Objective,
): Record<string, number[]> {
  const per: Record<string, number[]> = Object.fromEntries(task.metrics.map((m) => [m, []]));
  for (const f of folds) {
    const cv = crossValidateFolds({
      data,
      folds: foldsFromAssignment(f, K),
      fit: (train) =>
        fitGbdt(train, {
          params: { ...examplesParams(task.objective, task.lr), ...params },
          seed: 0,
          ...(objective ? { objective: objective() } : {}),
        }),
      predict: (model, test) => model.predict(test.matrix),
      metrics: Object.fromEntries(
        task.metrics.map((m) => [m, (test: LabeledData, pred: Float64Array) => cvMetric(m, test, pred)]),
      ),
    });
    for (const m of task.metrics) per[m]!.push(...cv.perFold[m]!);
  }
  return per;
}

/** Mean of every metric's fold values, for progress lines. */
export function foldMeans(per: Record<string, number[]>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(per).map(([m, v]) => [m, v.reduce((a, b) => a + b, 0) / v.length]),
  );
}

/** A configuration of ours to cross-validate: parameters over the bench defaults, optionally an objective. */
export interface CvCandidate {
  name: string;
  params: Partial<GbdtParams>;
  /** Tasks the candidate changes (others are not run); default all. */
  tasks?: CvTask[];
  objective?: () => Objective;
}

/** A Python reference library and the interpreter that has it. */
export interface CvReference {
  library: "xgboost" | "lightgbm";
  python: string;
}

/** Per task → per configuration (candidate name or "<library> <version>") → per metric → fold values. */
export type CvScores = Record<string, Record<string, Record<string, number[]>>>;

/**
 * Cross-validates every candidate and reference on the training file of each of {@link CV_TASKS}:
 * `repeats` × `K` folds (repeat r shuffled with seed 1000 + r), the same folds for all. References whose
 * Python or library is missing are skipped; `versions` names those that ran.
 */
export async function crossValidate(
  candidates: CvCandidate[],
  references: CvReference[],
  repeats: number,
  K: number,
): Promise<{ scores: CvScores; versions: Record<string, string> }> {
  const C = BENCH_CONFIG;
  const dataDir = fileURLToPath(new URL("../../shared/data/lightgbm-examples", import.meta.url));
  const scores: CvScores = {};
  const versions: Record<string, string> = {};
  for (const t of CV_TASKS) {
    const data = await loadLightgbmExample(t.task, "train", { dir: dataDir });
    const folds = Array.from(
      { length: repeats },
      (_, r) => makeFolds(data, K, 1000 + r),
    );
    const perTask: Record<string, Record<string, number[]>> = (scores[t.task] = {});
    for (const c of candidates) {
      if (c.tasks && !c.tasks.includes(t.task)) continue;
      perTask[c.name] = fitCvScores(data, folds, K, t, c.params, c.objective);
      console.log(`[bench] ${t.task} ${c.name}: ${JSON.stringify(foldMeans(perTask[c.name]!))}`);
    }
    for (const ref of references) {
      const out = await referenceOof(ref.library, ref.python, data, folds, {
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
      if (!out) continue;
      versions[ref.library] = out.library;
      perTask[out.library] = oofScores(data, folds, K, t.metrics, out.oof);
      console.log(`[bench] ${t.task} ${out.library}: ${JSON.stringify(foldMeans(perTask[out.library]!))}`);
    }
  }
  return { scores, versions };
}

/** `--name value` from the bench arguments, else `fallback`. */
export function numberOption(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}
