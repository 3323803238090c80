/**
 * Operations charts: population stability (PSI) by feature and serving latency distribution.
 *
 * @example
 * ```ts
 * import { psiChart } from "./ops.ts";
 * const fig = psiChart({ features: ["a", "b"], psi: [0.02, 0.3] });
 * (fig.data[0]!.marker as { color: string[] }).color; // ["#d62728", "#2ca02c"] (sorted: b first)
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import {
  baseLayout,
  type Figure,
  type Json,
  requireNonEmpty,
  requireSameLength,
  toPlain,
} from "../figure.ts";
import { histogram, quantile } from "./binning.ts";

/** Colours for PSI bands: stable, watch, shifted. */
export const PSI_COLORS = { stable: "#2ca02c", watch: "#ff7f0e", shifted: "#d62728" } as const;

/** Input for {@link psiChart}. */
export interface PsiInput {
  features: readonly string[];
  psi: ArrayLike<number>;
  /** PSI at or above this is "watch" (default 0.1). */
  warn?: number;
  /** PSI at or above this is "shifted" (default 0.25). */
  alert?: number;
  title?: string;
}

/** The band colour for one PSI value. */
export function psiColor(psi: number, warn = 0.1, alert = 0.25): string {
  if (psi >= alert) return PSI_COLORS.shifted;
  if (psi >= warn) return PSI_COLORS.watch;
  return PSI_COLORS.stable;
}

/** Horizontal bars of PSI per feature, largest first, coloured by the warn/alert thresholds (drawn as lines). */
export function psiChart(input: PsiInput): Figure {
  requireNonEmpty("psi", input.psi);
  requireSameLength("features", input.features, "psi", input.psi);
  const warn = input.warn ?? 0.1, alert = input.alert ?? 0.25;
  if (!(warn > 0 && alert > warn)) {
    throw new InputError(
      "alert",
      `thresholds must satisfy 0 < warn < alert, got warn=${warn}, alert=${alert}`,
    );
  }
  for (let i = 0; i < input.psi.length; i++) {
    if (!Number.isFinite(input.psi[i]!)) {
      throw new InputError("psi", `value for "${input.features[i]}" is not finite: ${input.psi[i]}`);
    }
  }
  const idx = Array.from({ length: input.features.length }, (_, i) => i).sort((a, b) =>
    input.psi[b]! - input.psi[a]! || a - b
  );
  const psi = idx.map((i) => input.psi[i]!);
  const lines = (x: number, color: string): Json => ({
    type: "line",
    xref: "x",
    yref: "paper",
    x0: x,
    x1: x,
    y0: 0,
    y1: 1,
    line: { color, dash: "dash", width: 1 },
  });
  const layout = baseLayout(input.title ?? "Population stability index by feature", "PSI", "");
  layout.yaxis = { autorange: "reversed", automargin: true };
  layout.shapes = [lines(warn, PSI_COLORS.watch), lines(alert, PSI_COLORS.shifted)];
  layout.height = Math.max(300, 90 + 26 * psi.length);
  layout.showlegend = false;
  return {
    data: [{
      type: "bar",
      orientation: "h",
      name: "PSI",
      x: psi,
      y: idx.map((i) => input.features[i]!),
      marker: { color: psi.map((v) => psiColor(v, warn, alert)) },
      hovertemplate: "%{y}: PSI %{x:.3f}<extra></extra>",
    }],
    layout,
  };
}

/** Latency percentiles marked on {@link latencyHistogram}. */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
}

/** p50/p95/p99 of latencies (linear interpolation). */
export function latencyPercentiles(latenciesMs: ArrayLike<number>): LatencySummary {
  return {
    p50: quantile(latenciesMs, 0.5),
    p95: quantile(latenciesMs, 0.95),
    p99: quantile(latenciesMs, 0.99),
  };
}

/** Histogram of latencies (ms) with vertical p50 / p95 / p99 lines labelled with their values. */
export function latencyHistogram(
  latenciesMs: ArrayLike<number>,
  options: { bins?: number; title?: string } = {},
): Figure {
  requireNonEmpty("latenciesMs", latenciesMs);
  const h = histogram(latenciesMs, options.bins ?? 50);
  if (h.n === 0) throw new InputError("latenciesMs", "holds no finite value");
  const p = latencyPercentiles(latenciesMs);
  const width = h.edges[1]! - h.edges[0]!;
  const marks: [string, number, string][] = [["p50", p.p50, "#2ca02c"], ["p95", p.p95, "#ff7f0e"], [
    "p99",
    p.p99,
    "#d62728",
  ]];
  const layout = baseLayout(options.title ?? "Latency", "latency (ms)", "requests");
  layout.bargap = 0;
  layout.showlegend = false;
  layout.shapes = marks.map(([, x, color]) => ({
    type: "line",
    xref: "x",
    yref: "paper",
    x0: x,
    x1: x,
    y0: 0,
    y1: 1,
    line: { color, width: 2, dash: "dot" },
  }));
  layout.annotations = marks.map(([label, x, color], i) => ({
    x,
    xref: "x",
    yref: "paper",
    y: 1 - i * 0.07,
    text: `${label} ${x.toFixed(2)} ms`,
    showarrow: false,
    xanchor: "left",
    font: { color, size: 12 },
    bgcolor: "rgba(255,255,255,0.8)",
  }));
  return {
    data: [{
      type: "bar",
      name: "requests",
      x: h.counts.map((_, k) => h.edges[k]! + width / 2),
      y: toPlain(h.counts),
      width,
      marker: { color: "#1f77b4" },
    }],
    layout,
  };
}
