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
import {
  crossValidate,
  CV_TASKS,
  type CvCandidate,
  formatDifference,
  numberOption,
  pairedDifference,
} from "./_cv.ts";
import { BENCH_CONFIG } from "./gbdt.ts";
import { markdownTable, publish } from "./common.ts";

const CONFIGS: CvCandidate[] = [
  { name: "quantile", params: { binning: "quantile" } },
  { name: "lightgbm (min_data_in_bin 3)", params: { binning: "lightgbm", minDataInBin: 3 } },
  { name: "lightgbm (min_data_in_bin 1)", params: { binning: "lightgbm", minDataInBin: 1 } },
];

/** The flags this bench reads (`bench/run.ts` refuses any other). */
export const flags: Readonly<Record<string, string>> = {
  "repeats": "repeats of the K-fold CV (default 3)",
  "folds": "folds K (default 5)",
};

/** Runs the cross-validation and publishes bench/results/gbdt_binning_cv.json and its README block. */
export async function main(args: string[]): Promise<void> {
  const repeats = numberOption(args, "repeats", 3), K = numberOption(args, "folds", 5);
  const C = BENCH_CONFIG;
  const { scores, versions } = await crossValidate(
    CONFIGS,
    [
      { library: "lightgbm", python: Deno.env.get("LIGHTGBM_PYTHON") ?? "/tmp/lgbvenv/bin/python" },
    ],
    repeats,
    K,
  );
  const lgbLibrary = versions.lightgbm;

  const rows: (string | number)[][] = [];
  for (const t of CV_TASKS) {
    for (const m of t.metrics) {
      const base = scores[t.task]!["quantile"]![m]!;
      for (const [name, per] of Object.entries(scores[t.task]!)) {
        const { mean, diff, se } = pairedDifference(per[m]!, base);
        rows.push([
          t.task === "rank" ? "lambdarank" : t.task,
          m,
          name,
          mean.toFixed(4),
          name === "quantile" ? "–" : formatDifference(diff, se),
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
