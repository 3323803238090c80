/**
 * Explanation charts: the SHAP summary beeswarm and the SHAP dependence plot.
 *
 * SHAP and feature values are row-major (`values[row * nFeatures + feature]`), the layout that
 * explainers and {@link import("../../data/types.ts").Matrix} use. Jitter is deterministic (seeded Rng),
 * so the same inputs always give the same chart.
 * @module
 */
import { InputError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import { baseLayout, type Figure, requireSameLength, toPlain, type Trace } from "../figure.ts";
import { quantile } from "./binning.ts";

/** Blue (low feature value) to red (high), as in the shap library. */
export const SHAP_COLORSCALE: [number, string][] = [[0, "#008bfb"], [0.5, "#9b59b6"], [1, "#ff0051"]];

/** Input for {@link shapBeeswarm}. */
export interface BeeswarmInput {
  /** SHAP values, row-major nRows × featureNames.length. */
  shapValues: ArrayLike<number>;
  /** Feature values, same shape (used for colour; NaN = missing). */
  featureValues: ArrayLike<number>;
  featureNames: readonly string[];
  /** Show at most this many features (default 20), the most important first. */
  maxFeatures?: number;
  /** Plot at most this many rows (default 2000), a seeded sample of them. */
  maxPoints?: number;
  /** Seed for jitter and sampling (default 0). */
  seed?: number;
  title?: string;
}

/** Mean |SHAP| per feature (row-major input). */
export function meanAbsShap(shapValues: ArrayLike<number>, nFeatures: number): Float64Array {
  const nRows = shapValues.length / nFeatures;
  const out = new Float64Array(nFeatures);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nFeatures; j++) out[j]! += Math.abs(shapValues[i * nFeatures + j]!);
  }
  if (nRows > 0) { for (let j = 0; j < nFeatures; j++) out[j]! /= nRows; }
  return out;
}

/**
 * SHAP summary beeswarm: one scatter trace per shown feature, ordered by mean |SHAP| (most important
 * first, drawn at the top). x = SHAP value, y = the feature's row plus a jitter that grows with the local
 * density of SHAP values; colour = the feature value scaled to [0, 1] between its 5th and 95th
 * percentiles (missing values get no colour and are drawn grey).
 */
export function shapBeeswarm(input: BeeswarmInput): Figure {
  const nFeatures = input.featureNames.length;
  if (nFeatures === 0) throw new InputError("featureNames", "must name at least one feature");
  requireSameLength("shapValues", input.shapValues, "featureValues", input.featureValues);
  if (input.shapValues.length === 0 || input.shapValues.length % nFeatures !== 0) {
    throw new InputError(
      "shapValues",
      `length ${input.shapValues.length} is not a positive multiple of ${nFeatures} features`,
    );
  }
  const maxFeatures = input.maxFeatures ?? 20;
  const maxPoints = input.maxPoints ?? 2000;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1) {
    throw new InputError("maxFeatures", `must be a positive integer, got ${maxFeatures}`);
  }
  if (!Number.isInteger(maxPoints) || maxPoints < 1) {
    throw new InputError("maxPoints", `must be a positive integer, got ${maxPoints}`);
  }
  const nRows = input.shapValues.length / nFeatures;
  const rng = new Rng(input.seed ?? 0);

  let rows = Array.from({ length: nRows }, (_, i) => i);
  if (nRows > maxPoints) rows = rng.shuffle(rows).slice(0, maxPoints).sort((a, b) => a - b);

  const importance = meanAbsShap(input.shapValues, nFeatures);
  const order = Array.from({ length: nFeatures }, (_, j) => j)
    .sort((a, b) => importance[b]! - importance[a]! || a - b)
    .slice(0, maxFeatures);
  const shown = order.length;

  const data: Trace[] = order.map((j, rank) => {
    const shap = rows.map((i) => input.shapValues[i * nFeatures + j]!);
    const fv = rows.map((i) => input.featureValues[i * nFeatures + j]!);
    const lo = quantile(fv, 0.05), hi = quantile(fv, 0.95);
    const color = fv.map((v) => {
      if (!Number.isFinite(v)) return null;
      if (!(hi > lo)) return 0.5;
      return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
    });
    const jitter = densityJitter(shap, rng);
    const row = shown - 1 - rank;
    return {
      type: "scatter",
      mode: "markers",
      name: input.featureNames[j]!,
      x: toPlain(shap),
      y: jitter.map((d) => row + d),
      marker: { size: 4, opacity: 0.8, color, coloraxis: "coloraxis" },
      customdata: toPlain(fv),
      hovertemplate: `${
        escapeTemplate(input.featureNames[j]!)
      } = %{customdata}<br>SHAP %{x:.4f}<extra></extra>`,
      showlegend: false,
    };
  });
  const layout = baseLayout(input.title ?? "SHAP summary", "SHAP value (impact on model output)", "");
  layout.yaxis = {
    tickmode: "array",
    tickvals: order.map((_, rank) => shown - 1 - rank),
    ticktext: order.map((j) => input.featureNames[j]!),
    range: [-0.6, shown - 0.4],
    zeroline: false,
    showgrid: false,
    automargin: true,
  };
  layout.xaxis = { ...(layout.xaxis as object), zeroline: true, zerolinecolor: "#9aa3af" };
  layout.coloraxis = {
    colorscale: SHAP_COLORSCALE,
    cmin: 0,
    cmax: 1,
    colorbar: {
      title: { text: "Feature value" },
      tickvals: [0, 1],
      ticktext: ["Low", "High"],
      thickness: 12,
    },
  };
  layout.height = Math.max(320, 80 + 34 * shown);
  layout.hovermode = "closest";
  return { data, layout };
}

/** Plotly hover templates treat `%{…}` specially; keep names literal. */
function escapeTemplate(name: string): string {
  return name.replaceAll("%", "%%");
}

/** Vertical offsets in (-0.4, 0.4) scaled by the square root of the local density of `x`. */
function densityJitter(x: readonly number[], rng: Rng): number[] {
  const nBins = 40;
  let lo = Infinity, hi = -Infinity;
  for (const v of x) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const width = hi > lo ? (hi - lo) / nBins : 1;
  const counts = new Array<number>(nBins).fill(0);
  const binOf = (v: number) => (Number.isFinite(v) ? Math.min(nBins - 1, Math.floor((v - lo) / width)) : 0);
  for (const v of x) counts[binOf(v)]!++;
  const max = Math.max(1, ...counts);
  return x.map((v) => (rng.float() * 2 - 1) * 0.4 * Math.sqrt(counts[binOf(v)]! / max));
}

/** Input for {@link shapDependence}. */
export interface DependenceInput {
  feature: string;
  featureValues: ArrayLike<number>;
  shapValues: ArrayLike<number>;
  /** Optional second feature that colours the points (an interaction hint). */
  colorBy?: { name: string; values: ArrayLike<number> };
  title?: string;
}

/** SHAP dependence plot: feature value (x) against its SHAP value (y), optionally coloured by a second feature. */
export function shapDependence(input: DependenceInput): Figure {
  requireSameLength("featureValues", input.featureValues, "shapValues", input.shapValues);
  if (input.featureValues.length === 0) throw new InputError("featureValues", "must not be empty");
  const marker: { [k: string]: import("../figure.ts").Json } = { size: 5, opacity: 0.75, color: "#1f77b4" };
  if (input.colorBy !== undefined) {
    requireSameLength("featureValues", input.featureValues, "colorBy.values", input.colorBy.values);
    marker.color = toPlain(input.colorBy.values);
    marker.colorscale = SHAP_COLORSCALE;
    marker.showscale = true;
    marker.colorbar = { title: { text: input.colorBy.name }, thickness: 12 };
  }
  const data: Trace[] = [{
    type: "scatter",
    mode: "markers",
    name: input.feature,
    x: toPlain(input.featureValues),
    y: toPlain(input.shapValues),
    marker,
    showlegend: false,
  }];
  const layout = baseLayout(
    input.title ?? `SHAP dependence: ${input.feature}`,
    input.feature,
    `SHAP value for ${input.feature}`,
  );
  layout.hovermode = "closest";
  return { data, layout };
}
