/**
 * The Plotly figure spec shared by every chart helper: plain JSON (`{ data, layout }`), no functions, no
 * typed arrays, so it can be embedded in an HTML report, sent to a notebook, or saved as-is.
 *
 * @example
 * ```ts
 * import { type Figure, toPlain } from "./figure.ts";
 * const fig: Figure = { data: [{ type: "scatter", x: toPlain(new Float64Array([1, 2])), y: [3, 4] }], layout: {} };
 * fig.data.length; // 1
 * ```
 * @module
 */
import { InputError } from "../errors.ts";

/** A JSON value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/** One Plotly trace: `type` plus any Plotly trace attributes (plain JSON). */
export interface Trace {
  type: string;
  name?: string;
  x?: (number | string | null)[];
  y?: (number | string | null)[];
  mode?: string;
  [attribute: string]: Json | undefined;
}

/** A Plotly figure: traces plus layout (plain JSON). */
export interface Figure {
  data: Trace[];
  layout: { [attribute: string]: Json | undefined };
}

/** Colours used by all charts, in series order (colour-blind friendly, after Okabe–Ito / Tableau). */
export const PALETTE: readonly string[] = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

/** Colour for the i-th series (cycles through {@link PALETTE}). */
export function seriesColor(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** Converts a numeric array-like (typed arrays included) to a plain array; NaN and ±Infinity become null. */
export function toPlain(values: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/** Checks that a numeric input is non-empty; returns its length. */
export function requireNonEmpty(field: string, values: ArrayLike<number>): number {
  if (values.length === 0) throw new InputError(field, "must not be empty");
  return values.length;
}

/** Checks that two arrays have the same length. */
export function requireSameLength(
  fieldA: string,
  a: ArrayLike<unknown>,
  fieldB: string,
  b: ArrayLike<unknown>,
): void {
  if (a.length !== b.length) {
    throw new InputError(fieldB, `has length ${b.length}, expected ${a.length} like "${fieldA}"`);
  }
}

/** The layout every chart starts from: white background, readable margins, titles. */
export function baseLayout(
  title: string,
  xTitle?: string,
  yTitle?: string,
): { [attribute: string]: Json | undefined } {
  return {
    title: { text: title, x: 0.02, xanchor: "left" },
    xaxis: { title: { text: xTitle ?? "" }, zeroline: false, gridcolor: "#eceff3" },
    yaxis: { title: { text: yTitle ?? "" }, zeroline: false, gridcolor: "#eceff3" },
    margin: { l: 64, r: 24, t: 56, b: 56 },
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    font: { family: "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif", size: 13 },
    legend: { orientation: "h", y: -0.18 },
    height: 420,
  };
}

/** Plotly config used when rendering (report and notebook). */
export const PLOTLY_CONFIG: { [key: string]: Json } = { responsive: true, displaylogo: false };

/**
 * Serializes a value as JSON that is safe inside an HTML `<script>` element: `<`, U+2028 and U+2029
 * are escaped, so a string such as `</script>` in a label cannot close the element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}
