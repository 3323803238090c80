/**
 * Shared evaluation step for binary classifiers: test-set metrics with bootstrap confidence intervals
 * and the standard report charts (ROC, calibration). Every experiment that predicts a probability
 * (dispatch acceptance, pricing risk, fulfillment delay, offers redemption) uses it, so their reports
 * read the same.
 * @module
 */
import type { MetricValue } from "../experiment/runner.ts";
import {
  auc,
  bootstrapCI,
  brierScore,
  expectedCalibrationError,
  getMetric,
  logLoss,
  reliabilityBins,
  rocCurve,
} from "../metrics/mod.ts";
import { calibrationChart, type Report, rocChart } from "../report/mod.ts";

/** Test-set metrics of one model. */
export interface BinaryScores {
  readonly auc: number;
  readonly aucLower: number;
  readonly aucUpper: number;
  readonly logLoss: number;
  readonly brier: number;
  readonly ece: number;
  readonly positiveRate: number;
  readonly meanPredicted: number;
}

/** Computes AUC (with a seeded percentile-bootstrap 95% CI), log loss, Brier and ECE (10 bins). */
export function scoreBinary(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: { seed: number; nResamples?: number },
): BinaryScores {
  const ci = bootstrapCI(getMetric("auc"), { labels, predictions: probabilities }, {
    seed: options.seed,
    nResamples: options.nResamples ?? 200,
  });
  let pos = 0, sumP = 0;
  for (let i = 0; i < labels.length; i++) {
    pos += labels[i]!;
    sumP += probabilities[i]!;
  }
  return {
    auc: auc(labels, probabilities),
    aucLower: ci.lower,
    aucUpper: ci.upper,
    logLoss: logLoss(labels, probabilities),
    brier: brierScore(labels, probabilities),
    ece: expectedCalibrationError(labels, probabilities, { nBins: 10 }),
    positiveRate: pos / labels.length,
    meanPredicted: sumP / labels.length,
  };
}

/** Rounds for metrics.json (6 significant decimals are plenty for reading and diffing). */
export function roundMetrics(s: BinaryScores): Record<string, MetricValue> {
  const out: Record<string, MetricValue> = {};
  for (const [k, v] of Object.entries(s)) out[k] = Math.round(v * 1e6) / 1e6;
  return out;
}

/**
 * Adds a comparison section: a metrics table (one row per model), the ROC chart and the calibration chart.
 * `models` maps a display name to test-set probabilities.
 */
export function reportBinaryComparison(
  report: Report,
  labels: ArrayLike<number>,
  models: Readonly<Record<string, ArrayLike<number>>>,
  scores: Readonly<Record<string, BinaryScores>>,
): void {
  const names = Object.keys(models);
  report.table(
    names.map((name) => {
      const s = scores[name]!;
      return {
        model: name,
        AUC: s.auc,
        "AUC 95% CI": `${s.aucLower.toFixed(4)} – ${s.aucUpper.toFixed(4)}`,
        "log loss": s.logLoss,
        Brier: s.brier,
        ECE: s.ece,
        "mean predicted": s.meanPredicted,
        "positive rate": s.positiveRate,
      };
    }),
    { caption: "Test-set metrics (AUC CI: percentile bootstrap, 200 resamples)" },
  );
  report.chart(
    rocChart(names.map((name) => {
      const c = rocCurve(labels, models[name]!);
      return { name, fpr: c.fpr, tpr: c.tpr, auc: scores[name]!.auc };
    })),
  );
  report.chart(
    calibrationChart(
      names.map((name) => {
        const bins = reliabilityBins(labels, models[name]!, { nBins: 10 }).filter((b) => b.count > 0);
        return {
          name,
          meanPredicted: bins.map((b) => b.meanPredicted!),
          fractionPositive: bins.map((b) => b.observedRate!),
        };
      }),
      { predictions: models[names[names.length - 1]!]! },
    ),
  );
}
