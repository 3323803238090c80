/**
 * Classification charts: ROC curve, precision–recall curve, calibration (reliability) curve.
 * Inputs are the curve arrays (computed by lib/metrics or anything else), not raw scores.
 *
 * @example
 * ```ts
 * import { rocChart } from "./classification.ts";
 * const fig = rocChart({ fpr: [0, 0.5, 1], tpr: [0, 0.9, 1], auc: 0.7, name: "gbdt" });
 * fig.data.length; // 2 (chance diagonal + curve)
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import {
  baseLayout,
  type Figure,
  requireNonEmpty,
  requireSameLength,
  seriesColor,
  toPlain,
  type Trace,
} from "../figure.ts";
import { histogram } from "./binning.ts";

/** One ROC curve: false/true positive rates at each threshold, and its AUC. */
export interface RocCurve {
  fpr: ArrayLike<number>;
  tpr: ArrayLike<number>;
  auc: number;
  name?: string;
}

function list<T>(x: T | readonly T[]): readonly T[] {
  return Array.isArray(x) ? x : [x as T];
}

/** The dashed y = x reference line of ROC and calibration charts. */
function diagonal(name: string): Trace {
  return {
    type: "scatter",
    mode: "lines",
    name,
    x: [0, 1],
    y: [0, 1],
    line: { dash: "dash", color: "#9aa3af", width: 1 },
    hoverinfo: "skip",
  };
}

/** ROC curve(s) with the chance diagonal; the legend shows each model's AUC. */
export function rocChart(curves: RocCurve | readonly RocCurve[], title = "ROC curve"): Figure {
  const all = list(curves);
  if (all.length === 0) throw new InputError("curves", "must hold at least one ROC curve");
  const data: Trace[] = [diagonal("chance")];
  all.forEach((c, i) => {
    requireNonEmpty("fpr", c.fpr);
    requireSameLength("fpr", c.fpr, "tpr", c.tpr);
    if (!Number.isFinite(c.auc)) throw new InputError("auc", `must be a finite number, got ${c.auc}`);
    data.push({
      type: "scatter",
      mode: "lines",
      name: `${c.name ?? `model ${i + 1}`} (AUC ${c.auc.toFixed(3)})`,
      x: toPlain(c.fpr),
      y: toPlain(c.tpr),
      line: { color: seriesColor(i), width: 2 },
    });
  });
  const layout = baseLayout(title, "False positive rate", "True positive rate");
  layout.xaxis = { ...(layout.xaxis as object), range: [0, 1] };
  layout.yaxis = { ...(layout.yaxis as object), range: [0, 1.02] };
  return { data, layout };
}

/** One precision–recall curve; `averagePrecision` is shown in the legend when given. */
export interface PrCurve {
  recall: ArrayLike<number>;
  precision: ArrayLike<number>;
  averagePrecision?: number;
  name?: string;
}

/** Precision–recall curve(s); `baseRate` (the positive rate) is drawn as the no-skill line. */
export function prChart(
  curves: PrCurve | readonly PrCurve[],
  options: { baseRate?: number; title?: string } = {},
): Figure {
  const all = list(curves);
  if (all.length === 0) throw new InputError("curves", "must hold at least one PR curve");
  const data: Trace[] = [];
  if (options.baseRate !== undefined) {
    if (!(options.baseRate >= 0 && options.baseRate <= 1)) {
      throw new InputError("baseRate", `must be in [0, 1], got ${options.baseRate}`);
    }
    data.push({
      type: "scatter",
      mode: "lines",
      name: `no skill (${options.baseRate.toFixed(3)})`,
      x: [0, 1],
      y: [options.baseRate, options.baseRate],
      line: { dash: "dash", color: "#9aa3af", width: 1 },
      hoverinfo: "skip",
    });
  }
  all.forEach((c, i) => {
    requireNonEmpty("recall", c.recall);
    requireSameLength("recall", c.recall, "precision", c.precision);
    const base = c.name ?? `model ${i + 1}`;
    data.push({
      type: "scatter",
      mode: "lines",
      name: c.averagePrecision === undefined ? base : `${base} (AP ${c.averagePrecision.toFixed(3)})`,
      x: toPlain(c.recall),
      y: toPlain(c.precision),
      line: { color: seriesColor(i), width: 2, shape: "hv" },
    });
  });
  const layout = baseLayout(options.title ?? "Precision–recall curve", "Recall", "Precision");
  layout.xaxis = { ...(layout.xaxis as object), range: [0, 1] };
  layout.yaxis = { ...(layout.yaxis as object), range: [0, 1.02] };
  return { data, layout };
}

/** One reliability curve: per bin, the mean predicted probability and the observed positive fraction. */
export interface CalibrationCurve {
  meanPredicted: ArrayLike<number>;
  fractionPositive: ArrayLike<number>;
  name?: string;
}

/**
 * Calibration (reliability) chart: the perfect-calibration diagonal, one curve per model, and — when
 * `predictions` are given — a histogram of predicted probabilities in a panel below (axis y2).
 */
export function calibrationChart(
  curves: CalibrationCurve | readonly CalibrationCurve[],
  options: { predictions?: ArrayLike<number>; bins?: number; title?: string } = {},
): Figure {
  const all = list(curves);
  if (all.length === 0) throw new InputError("curves", "must hold at least one calibration curve");
  const data: Trace[] = [diagonal("perfectly calibrated")];
  all.forEach((c, i) => {
    requireNonEmpty("meanPredicted", c.meanPredicted);
    requireSameLength("meanPredicted", c.meanPredicted, "fractionPositive", c.fractionPositive);
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: c.name ?? `model ${i + 1}`,
      x: toPlain(c.meanPredicted),
      y: toPlain(c.fractionPositive),
      line: { color: seriesColor(i), width: 2 },
    });
  });
  const layout = baseLayout(
    options.title ?? "Calibration (reliability)",
    "Mean predicted probability",
    "Fraction of positives",
  );
  layout.xaxis = { ...(layout.xaxis as object), range: [0, 1] };
  if (options.predictions !== undefined) {
    const h = histogram(options.predictions, options.bins ?? 20, [0, 1]);
    const width = h.edges[1]! - h.edges[0]!;
    data.push({
      type: "bar",
      name: "predictions",
      x: h.counts.map((_, i) => h.edges[i]! + width / 2),
      y: h.counts,
      width,
      yaxis: "y2",
      marker: { color: "#c5cbd3" },
      showlegend: false,
    });
    layout.yaxis = { ...(layout.yaxis as object), domain: [0.32, 1], range: [0, 1.02] };
    layout.yaxis2 = { domain: [0, 0.22], anchor: "x", title: { text: "count" }, gridcolor: "#eceff3" };
    layout.xaxis = { ...(layout.xaxis as object), anchor: "y2" };
    layout.height = 520;
  } else {
    layout.yaxis = { ...(layout.yaxis as object), range: [0, 1.02] };
  }
  return { data, layout };
}
