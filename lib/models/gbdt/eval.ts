/**
 * Validation metrics for early stopping, as raw-margin evaluators. A metric is, in order: a
 * {@link Metric} object passed to `fitGbdt`; `params.evalMetric` by name (any lib/metrics registry name,
 * or the built-ins "multi_logloss" and "poisson" that need K outputs or raw margins); else the
 * objective's default: regression → "rmse", binary → "logloss", multiclass → "multi_logloss",
 * poisson → "poisson" (mean Poisson negative log-likelihood without the constant log(y!) term),
 * lambdarank → "ndcg@5" (LightGBM evaluates NDCG at 1..5 by default).
 * @module
 */
import { InputError } from "../../errors.ts";
import { getMetric, type Metric } from "../../metrics/mod.ts";
import { paramError } from "./params.ts";
import type { ObjectiveName } from "./objective.ts";

/** Evaluates raw margins (row-major, n·K) against labels. */
export interface RawEvaluator {
  readonly name: string;
  readonly higherIsBetter: boolean;
  evaluate(
    raw: Float64Array,
    transformed: Float64Array,
    labels: ArrayLike<number>,
    weights?: ArrayLike<number>,
    groups?: ArrayLike<number>,
  ): number;
}

const EPS = 1e-15;

/** Metric names evaluated here rather than by the lib/metrics registry. */
export const BUILTIN_METRICS = ["multi_logloss", "poisson"] as const;

/** The default metric name of an objective. */
export function defaultMetricName(objective: ObjectiveName): string {
  switch (objective) {
    case "regression":
      return "rmse";
    case "binary":
      return "logloss";
    case "multiclass":
      return "multi_logloss";
    case "poisson":
      return "poisson";
    case "lambdarank":
      return "ndcg@5";
  }
}

/** Wraps a lib/metrics Metric (applied to transformed predictions; single-output objectives only). */
export function fromMetric(metric: Metric, nOutputs: number): RawEvaluator {
  if (nOutputs !== 1) {
    throw new InputError(
      "evalMetric",
      `"${metric.name}" takes one prediction per row; multiclass needs "multi_logloss"`,
    );
  }
  return {
    name: metric.name,
    higherIsBetter: metric.higherIsBetter,
    evaluate: (_raw, transformed, labels, weights, groups) =>
      metric.compute({ labels, predictions: transformed, weights, groups }),
  };
}

/**
 * The evaluator called `name`: a built-in (see {@link BUILTIN_METRICS}) or a lib/metrics registry
 * metric. Throws InputError naming "evalMetric" for an unknown name.
 */
export function evaluatorByName(name: string, nOutputs: number): RawEvaluator {
  const mean = (fn: (i: number) => number, n: number, weights?: ArrayLike<number>) => {
    let s = 0, w = 0;
    for (let i = 0; i < n; i++) {
      const wi = weights ? weights[i]! : 1;
      s += wi * fn(i);
      w += wi;
    }
    return s / w;
  };
  if (name === "multi_logloss") {
    return {
      name,
      higherIsBetter: false,
      evaluate: (_r, p, y, w) => mean((i) => -Math.log(Math.max(p[i * nOutputs + y[i]!]!, EPS)), y.length, w),
    };
  }
  if (name === "poisson") {
    return {
      name,
      higherIsBetter: false,
      evaluate: (raw, p, y, w) => mean((i) => p[i]! - y[i]! * raw[i]!, y.length, w),
    };
  }
  let metric: Metric;
  try {
    metric = getMetric(name);
  } catch (e) {
    throw paramError("evalMetric", e instanceof Error && "detail" in e ? String(e.detail) : String(e));
  }
  return fromMetric(metric, nOutputs);
}
