/**
 * Metrics by name, so early stopping, experiments and reports can say `getMetric("ndcg@5")`.
 *
 * Names (case-insensitive): `auc`, `average_precision`, `logloss`, `brier`, `ece`, `rmse`, `mse`, `mae`,
 * `r2`, `mape`, `ndcg` / `ndcg@k`, `precision@k`, `recall@k`, `hit_rate@k`, `mrr` / `mrr@k`, `map` / `map@k`
 * (k a positive integer). Ranking metrics need `groups` in the input and take the grouped form of the functions; metrics
 * with sample weights pass `weights` through, the others reject them.
 *
 * @example
 * ```ts
 * import { getMetric } from "./registry.ts";
 * const m = getMetric("ndcg@3");
 * m.compute({ labels: [0, 1, 2], predictions: [3, 2, 1], groups: [3] }); // 0.5869
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { Metric, MetricInput } from "./metric.ts";
import { auc } from "./auc.ts";
import { averagePrecision } from "./pr_curve.ts";
import { logLoss } from "./log_loss.ts";
import { brierScore } from "./brier.ts";
import { expectedCalibrationError } from "./reliability.ts";
import { meanSquaredError, rootMeanSquaredError } from "./rmse.ts";
import { meanAbsoluteError } from "./mae.ts";
import { r2Score } from "./r2.ts";
import { meanAbsolutePercentageError } from "./mape.ts";
import { ndcgAtK } from "./ndcg.ts";
import { precisionAtK } from "./precision_at_k.ts";
import { recallAtK } from "./recall_at_k.ts";
import { hitRateAtK } from "./hit_rate_at_k.ts";
import { meanReciprocalRank } from "./mrr.ts";
import { meanAveragePrecisionAtK } from "./map_at_k.ts";

type Compute = (input: MetricInput) => number;

const fixed: Record<string, { higherIsBetter: boolean; compute: Compute }> = {
  auc: { higherIsBetter: true, compute: (x) => auc(x.labels, x.predictions, x.weights) },
  average_precision: {
    higherIsBetter: true,
    compute: (x) => averagePrecision(x.labels, x.predictions, x.weights),
  },
  logloss: {
    higherIsBetter: false,
    compute: (x) => logLoss(x.labels, x.predictions, { weights: x.weights }),
  },
  brier: { higherIsBetter: false, compute: (x) => brierScore(x.labels, x.predictions, x.weights) },
  ece: {
    higherIsBetter: false,
    compute: (x) => expectedCalibrationError(x.labels, x.predictions, { weights: x.weights }),
  },
  rmse: { higherIsBetter: false, compute: (x) => rootMeanSquaredError(x.labels, x.predictions, x.weights) },
  mse: { higherIsBetter: false, compute: (x) => meanSquaredError(x.labels, x.predictions, x.weights) },
  mae: { higherIsBetter: false, compute: (x) => meanAbsoluteError(x.labels, x.predictions, x.weights) },
  r2: { higherIsBetter: true, compute: (x) => r2Score(x.labels, x.predictions, x.weights) },
  mape: {
    higherIsBetter: false,
    compute: (x) => meanAbsolutePercentageError(x.labels, x.predictions, { weights: x.weights }),
  },
};

type Ranking = (
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  groups: ArrayLike<number>,
  k: number,
) => number;

/** Ranking metrics: whether the cut-off is optional (then "no cut-off" = the whole query). */
const ranking: Record<string, { fn: Ranking; kOptional: boolean }> = {
  ndcg: { fn: ndcgAtK, kOptional: true },
  precision: { fn: precisionAtK, kOptional: false },
  recall: { fn: recallAtK, kOptional: false },
  hit_rate: { fn: hitRateAtK, kOptional: false },
  mrr: { fn: meanReciprocalRank, kOptional: true },
  map: { fn: meanAveragePrecisionAtK, kOptional: true },
};

/** Every accepted name (patterns with `@k` stand for any positive integer k). */
export function listMetrics(): string[] {
  return [
    ...Object.keys(fixed),
    "ndcg",
    "ndcg@k",
    "precision@k",
    "recall@k",
    "hit_rate@k",
    "mrr",
    "mrr@k",
    "map",
    "map@k",
  ];
}

function unknown(name: string): InputError {
  return new InputError("metric", `unknown metric "${name}"; valid names: ${listMetrics().join(", ")}`);
}

/**
 * The metric called `name` (see the module doc for the names).
 * @throws InputError naming the valid names when `name` is unknown or its `@k` is not a positive integer.
 */
export function getMetric(name: string): Metric {
  const key = String(name).trim().toLowerCase();
  const f = fixed[key];
  if (f) return { name: key, higherIsBetter: f.higherIsBetter, compute: f.compute };

  const m = /^([a-z_]+)(?:@(\d+))?$/.exec(key);
  const r = m ? ranking[m[1]!] : undefined;
  if (!m || !r) throw unknown(name);
  const kText = m[2];
  if (kText === undefined && !r.kOptional) throw unknown(name);
  const k = kText === undefined ? Infinity : Number(kText);
  if (!(k >= 1)) throw new InputError("metric", `"${name}": k must be an integer >= 1`);
  const canonical = kText === undefined ? m[1]! : `${m[1]}@${k}`;
  return {
    name: canonical,
    higherIsBetter: true,
    compute: (x) => {
      if (x.weights !== undefined) throw new InputError("weights", `are not supported by ${canonical}`);
      if (x.groups === undefined) {
        throw new InputError("groups", `are required by ${canonical} (query sizes)`);
      }
      return r.fn(x.labels, x.predictions, x.groups, k);
    },
  };
}
