/**
 * Should a GBDT default change? Candidates are judged by repeated k-fold cross-validation on the
 * TRAINING files of LightGBM's examples only (the test files, which bench gbdt scores, are never read
 * here), paired by fold against the current defaults and against XGBoost `hist` (and LightGBM 4.x when
 * a Python with it is there) at the bench gbdt hyper-parameters.
 *
 * The rule, fixed before the candidates were run: a candidate becomes the default only when its paired
 * difference from the current default is better by more than 2 standard errors on the metric it targets
 * and no other metric of the tasks it touches is worse by more than 1 standard error.
 *
 * Candidates:
 * - `thresholdPlacement` (every task): where a split's threshold sits inside the bins that are empty in
 *   the leaf (training is unchanged; unseen values in the gap go differently). "right" passed the rule
 *   against the former default "left" (binary AUC +3.1 s.e., log loss −3.8 s.e., regression RMSE
 *   −2.2 s.e., lambdarank −0.6 s.e.) and is now the default; "left" and "middle" stay in the table;
 * - `minDataInLeafBy: "hessian"` (binary, lambdarank): LightGBM's row-count estimate from the hessian;
 *   did not pass (lambdarank +0.7 s.e., binary log loss worse by 1.6 s.e.);
 * - lambdarank sigmoid σ = 0.5 and 2 (LightGBM's `sigmoid`; default 1): did not pass;
 * - `growPolicy: "depthwise"` (every task): at the bench settings (max depth 6, 64 = 2^6 leaves) it is
 *   the same model as leaf-wise growth (the leaf limit never binds, see grow_policy_test.ts), so the
 *   policies are also compared where they differ: at the same leaf budget without a depth limit for
 *   leaf-wise growth (depth 4 vs 16 leaves, depth 6 vs 64 leaves). Did not pass (2×5-fold, --quick):
 *   identical at the bench settings; depth 4 vs 16 leaves: binary AUC +0.0013 ± 0.0012, regression
 *   RMSE worse by 0.0017 ± 0.0004 (all 10 folds), lambdarank NDCG@5 −0.0023 ± 0.0055.
 *
 * Usage: `deno task bench gbdt_defaults_cv [--repeats 10] [--folds 5] [--quick]`
 * (`--quick`: 2 repeats unless given, figures to bench/results/gbdt_defaults_cv_quick.json, README untouched)
 * (XGBoost from `XGBOOST_PYTHON`, default `/usr/bin/python3`; LightGBM from `LIGHTGBM_PYTHON`, default
 * `/tmp/lgbvenv/bin/python`; either is skipped when missing.)
 * @module
 */
import { LambdarankObjective } from "../lib/models/gbdt/objectives/mod.ts";
import {
  crossValidate,
  CV_TASKS,
  type CvCandidate,
  type CvReference,
  formatDifference,
  numberOption,
  pairedDifference,
} from "./_cv.ts";
import { BENCH_CONFIG } from "./gbdt.ts";
import { markdownTable, publishUnlessQuick } from "./common.ts";

const DEFAULT = "current defaults";
const CANDIDATES: CvCandidate[] = [
  { name: DEFAULT, params: {} },
  { name: 'thresholdPlacement "left" (former default)', params: { thresholdPlacement: "left" } },
  { name: 'thresholdPlacement "middle"', params: { thresholdPlacement: "middle" } },
  { name: 'minDataInLeafBy "hessian"', params: { minDataInLeafBy: "hessian" }, tasks: ["binary", "rank"] },
  {
    name: "lambdarank σ 0.5",
    params: {},
    tasks: ["rank"],
    objective: () => new LambdarankObjective({ sigmoid: 0.5 }),
  },
  {
    name: "lambdarank σ 2",
    params: {},
    tasks: ["rank"],
    objective: () => new LambdarankObjective({ sigmoid: 2 }),
  },
  {
    name: 'growPolicy "depthwise" (depth 6, no leaf limit)',
    params: { growPolicy: "depthwise", numLeaves: 0 },
  },
  { name: "lossguide, 64 leaves, no depth limit", params: { maxDepth: -1 } },
  {
    name: 'growPolicy "depthwise", depth 4 (≤ 16 leaves)',
    params: { growPolicy: "depthwise", numLeaves: 0, maxDepth: 4 },
  },
  { name: "lossguide, 16 leaves, no depth limit", params: { numLeaves: 16, maxDepth: -1 } },
];

/** The flags this bench reads (`bench/run.ts` refuses any other). */
export const flags: Readonly<Record<string, string>> = {
  "repeats": "repeats of the K-fold CV (default 10; 2 with --quick)",
  "folds": "folds K (default 5)",
  "quick": "2 repeats unless given; figures to bench/results/gbdt_defaults_cv_quick.json",
};

/** Runs the cross-validation and publishes bench/results/gbdt_defaults_cv.json and its README block. */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const repeats = numberOption(args, "repeats", quick ? 2 : 10), K = numberOption(args, "folds", 5);
  const C = BENCH_CONFIG;
  const references: CvReference[] = [
    { library: "xgboost", python: Deno.env.get("XGBOOST_PYTHON") ?? "/usr/bin/python3" },
    { library: "lightgbm", python: Deno.env.get("LIGHTGBM_PYTHON") ?? "/tmp/lgbvenv/bin/python" },
  ];
  const { scores, versions } = await crossValidate(CANDIDATES, references, repeats, K);

  const rows: (string | number)[][] = [];
  for (const t of CV_TASKS) {
    for (const m of t.metrics) {
      const base = scores[t.task]![DEFAULT]![m]!;
      const xgb = versions.xgboost ? scores[t.task]![versions.xgboost]![m] : undefined;
      for (const [name, per] of Object.entries(scores[t.task]!)) {
        const vsDefault = pairedDifference(per[m]!, base);
        const vsXgb = xgb && name !== versions.xgboost ? pairedDifference(per[m]!, xgb) : undefined;
        rows.push([
          t.task === "rank" ? "lambdarank" : t.task,
          m,
          name,
          vsDefault.mean.toFixed(4),
          name === DEFAULT ? "–" : formatDifference(vsDefault.diff, vsDefault.se),
          vsXgb ? formatDifference(vsXgb.diff, vsXgb.se) : "–",
        ]);
      }
    }
  }
  const md = markdownTable(
    [
      "data (train file only)",
      "metric",
      "configuration",
      "CV mean",
      "− current (± s.e.)",
      "− XGBoost (± s.e.)",
    ],
    rows,
  ) +
    `\n\n${repeats}× repeated ${K}-fold CV on the training files (rank: folds by query), the same folds for ` +
    `every configuration and library; ${C.trees} trees, ${C.numLeaves} leaves, max depth ${C.maxDepth}, ` +
    `learning rate ${C.learningRate} (regression ${C.regressionLearningRate}), ${C.maxBins} bins. ` +
    `References: ${
      Object.values(versions).join(", ") || "none run"
    } (XGBoost: max_depth only, as bench gbdt). ` +
    "Higher is better for AUC and NDCG, lower for log loss and RMSE. Rule: a candidate becomes the " +
    "default only when better than the current default by > 2 s.e. on its target metric and worse by " +
    "≤ 1 s.e. everywhere else.";
  console.log(`\n${md}`);
  await publishUnlessQuick("gbdt_defaults_cv", { repeats, folds: K, config: C, versions, scores }, md, quick);
}
