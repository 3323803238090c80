/**
 * Distribution and comparison charts: histogram, bar chart, and metric-over-k lines (NDCG@k, Recall@k).
 *
 * @example
 * ```ts
 * import { barChart } from "./distribution.ts";
 * const fig = barChart({ labels: ["a", "b"], values: [1, 2] }, { title: "Counts" });
 * fig.data[0]!.type; // "bar"
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
import { finiteRange, histogram } from "./binning.ts";

/** One series of values for {@link histogramChart}. */
export interface HistogramSeries {
  values: ArrayLike<number>;
  name?: string;
}

/** Options for {@link histogramChart}. */
export interface HistogramOptions {
  bins?: number;
  title?: string;
  xTitle?: string;
  /** Show densities (each series sums to 1) instead of counts, for comparing series of different sizes. */
  normalize?: boolean;
}

/**
 * Histogram of one or more series over shared equal-width bins (counts computed here, so only the
 * bin counts are embedded). Several series are overlaid with transparency.
 */
export function histogramChart(
  series: HistogramSeries | readonly HistogramSeries[],
  options: HistogramOptions = {},
): Figure {
  const all: readonly HistogramSeries[] = Array.isArray(series) ? series : [series as HistogramSeries];
  if (all.length === 0) throw new InputError("series", "must hold at least one series");
  let lo = Infinity, hi = -Infinity;
  for (const s of all) {
    requireNonEmpty("values", s.values);
    const [a, b] = finiteRange(s.values);
    if (a < lo) lo = a;
    if (b > hi) hi = b;
  }
  if (lo === Infinity) throw new InputError("values", "holds no finite value");
  const bins = options.bins ?? 30;
  const data: Trace[] = all.map((s, i) => {
    const h = histogram(s.values, bins, [lo, hi]);
    const width = h.edges[1]! - h.edges[0]!;
    const y = options.normalize ? h.counts.map((c) => (h.n > 0 ? c / h.n : 0)) : h.counts;
    return {
      type: "bar",
      name: s.name ?? `series ${i + 1}`,
      x: h.counts.map((_, k) => h.edges[k]! + width / 2),
      y,
      width,
      opacity: all.length > 1 ? 0.6 : 1,
      marker: { color: seriesColor(i), line: { color: "#ffffff", width: 0.5 } },
    };
  });
  const layout = baseLayout(
    options.title ?? "Histogram",
    options.xTitle ?? "value",
    options.normalize ? "share" : "count",
  );
  layout.barmode = "overlay";
  layout.bargap = 0;
  layout.showlegend = all.length > 1;
  return { data, layout };
}

/** One series of a bar chart. */
export interface BarSeries {
  labels: readonly string[];
  values: ArrayLike<number>;
  name?: string;
}

/** Bar chart of one or more series (grouped); `horizontal` puts labels on the y axis. */
export function barChart(
  series: BarSeries | readonly BarSeries[],
  options: { title?: string; xTitle?: string; yTitle?: string; horizontal?: boolean } = {},
): Figure {
  const all: readonly BarSeries[] = Array.isArray(series) ? series : [series as BarSeries];
  if (all.length === 0) throw new InputError("series", "must hold at least one series");
  const data: Trace[] = all.map((s, i) => {
    requireNonEmpty("values", s.values);
    requireSameLength("labels", s.labels, "values", s.values);
    const labels = [...s.labels], values = toPlain(s.values);
    return {
      type: "bar",
      name: s.name ?? `series ${i + 1}`,
      x: options.horizontal ? values : labels,
      y: options.horizontal ? labels : values,
      orientation: options.horizontal ? "h" : "v",
      marker: { color: seriesColor(i) },
    };
  });
  const layout = baseLayout(options.title ?? "", options.xTitle, options.yTitle);
  layout.barmode = "group";
  layout.showlegend = all.length > 1;
  if (options.horizontal) {
    layout.yaxis = { ...(layout.yaxis as object), autorange: "reversed", automargin: true };
  }
  return { data, layout };
}

/** One model's metric at several cut-offs k. */
export interface AtKSeries {
  name: string;
  k: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** Lines of a ranking metric over k (e.g. NDCG@k or Recall@k) for several models. */
export function lineOverKChart(
  series: readonly AtKSeries[],
  options: { metric?: string; title?: string } = {},
): Figure {
  if (series.length === 0) throw new InputError("series", "must hold at least one series");
  const metric = options.metric ?? "metric@k";
  const data: Trace[] = series.map((s, i) => {
    requireNonEmpty("k", s.k);
    requireSameLength("k", s.k, "values", s.values);
    return {
      type: "scatter",
      mode: "lines+markers",
      name: s.name,
      x: toPlain(s.k),
      y: toPlain(s.values),
      line: { color: seriesColor(i), width: 2 },
    };
  });
  const layout = baseLayout(options.title ?? `${metric} by k`, "k", metric);
  return { data, layout };
}
