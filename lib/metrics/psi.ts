/**
 * Population Stability Index: how far a current sample's distribution has moved from a reference one.
 *
 * `PSI = Σ_b (c_b − r_b) · ln(c_b / r_b)` over bins, where `r_b`, `c_b` are the shares of the reference
 * and current samples in bin b. Every term is >= 0, so PSI >= 0, and PSI(x, x) = 0.
 *
 * - Bins: quantile edges of the **reference** sample at `i / nBins`, i = 1..nBins−1 (linear interpolation,
 *   numpy's default `np.quantile`). Repeated edges (many tied values) are removed, so fewer bins may
 *   result. Bins are right-closed: `(−∞, e1], (e1, e2], …, (e_last, +∞)`.
 * - Point bins for tied masses: an edge produced by two or more quantile positions (a value holding at
 *   least about `1 / nBins` of the reference), and the single edge of a constant reference, gets a bin of
 *   its own, `[e, e]`, and the bin below it becomes `(e_prev, e)`. Without it a constant reference would
 *   leave one bin `(−∞, c]` that swallows every current value `<= c` (PSI 0 for a current spread
 *   below c). When the current sample has nothing strictly below such a value the extra bin is empty in
 *   both samples and adds 0, so the value equals numpy's recipe above.
 * - Missing values (NaN) get their own bin, appended when either sample has any.
 * - Empty bins: a share of 0 is replaced by `epsilon` (default 1e-4) so the log stays finite.
 * - Reading it (common credit-risk rule of thumb): < 0.1 stable, 0.1–0.25 moderate shift, >= 0.25
 *   significant shift (see {@link PSI_THRESHOLDS} and {@link psiLevel}).
 *
 * @example
 * ```ts
 * import { psi } from "./psi.ts";
 * const ref = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
 * psi(ref, ref).value; // 0
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { requireInRange, requireIntInRange, requireNonEmpty } from "../validate.ts";
import type { NumArray } from "../validate.ts";

/** The conventional PSI reading thresholds. */
export const PSI_THRESHOLDS = { moderate: 0.1, significant: 0.25 } as const;

/** Default share substituted for an empty bin. */
export const PSI_EPSILON = 1e-4;

/** One bin of a PSI table. */
export interface PsiBin {
  /** Exclusive lower edge (inclusive for a point bin; −Infinity for the first bin; NaN for the missing bin). */
  readonly lower: number;
  /** Inclusive upper edge (exclusive below a point bin; +Infinity for the last bin; NaN for the missing bin). */
  readonly upper: number;
  /** True for the bin of NaN values. */
  readonly missing: boolean;
  /**
   * True for a point bin `[v, v]` (lower = upper = v) of a tied reference value; the bin just below it
   * then excludes its upper edge v.
   */
  readonly point: boolean;
  readonly referenceCount: number;
  readonly currentCount: number;
  /** Share of the reference sample (epsilon when the bin is empty). */
  readonly referenceShare: number;
  /** Share of the current sample (epsilon when the bin is empty). */
  readonly currentShare: number;
  /** This bin's term `(c − r) · ln(c / r)`. */
  readonly contribution: number;
}

/** A PSI value with its per-bin table. */
export interface PsiResult {
  readonly value: number;
  readonly bins: PsiBin[];
}

/** Options for {@link psi}. */
export interface PsiOptions {
  /** Number of quantile bins before de-duplication, integer in [2, 1000]; default 10. */
  readonly nBins?: number;
  /** Share used for empty bins, in (0, 0.1]; default 1e-4. */
  readonly epsilon?: number;
}

/** "stable" below 0.1, "moderate" below 0.25, else "significant". */
export function psiLevel(value: number): "stable" | "moderate" | "significant" {
  if (value < PSI_THRESHOLDS.moderate) return "stable";
  return value < PSI_THRESHOLDS.significant ? "moderate" : "significant";
}

function checkSample(field: string, xs: NumArray): void {
  requireNonEmpty(field, xs);
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (v === Infinity || v === -Infinity) {
      throw new InputError(field, `value at index ${i} is ${v}; expected a finite number or NaN (missing)`);
    }
  }
}

/** Linear-interpolation quantile (numpy's default) of a sorted array. */
function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.min(lo + 1, sorted.length - 1);
  const t = pos - lo, a = sorted[lo]!, b = sorted[hi]!;
  // numpy's _lerp: interpolate from the nearer end, so results match np.quantile bit for bit
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** Reference quantile edges, de-duplicated, with the edges that get a point bin. */
interface Edges {
  readonly edges: Float64Array;
  /** `point[i]` = 1 when `edges[i]` gets its own bin `[e, e]`. */
  readonly point: Uint8Array;
}

function quantileEdges(reference: NumArray, nBins: number): Edges {
  const present = Float64Array.from(
    Array.prototype.filter.call(reference, (v: number) => !Number.isNaN(v)) as number[],
  );
  if (present.length === 0) return { edges: new Float64Array(0), point: new Uint8Array(0) };
  present.sort();
  const edges: number[] = [], repeats: number[] = [];
  for (let i = 1; i < nBins; i++) {
    const e = quantileSorted(present, i / nBins);
    if (edges.length === 0 || e > edges[edges.length - 1]!) {
      edges.push(e);
      repeats.push(1);
    } else repeats[repeats.length - 1]! += 1;
  }
  const constant = present[0] === present[present.length - 1];
  const point = Uint8Array.from(repeats, (r) => r > 1 || constant ? 1 : 0);
  return { edges: Float64Array.from(edges), point };
}

/** De-duplicated reference quantile edges (exported for tests and for reuse by monitoring code). */
export function psiEdges(reference: NumArray, nBins = 10): Float64Array {
  return quantileEdges(reference, nBins).edges;
}

/** Number of edges strictly below x (= numpy searchsorted side="left"): the right-closed bin index. */
function binOf(edges: Float64Array, x: number): number {
  let lo = 0, hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * PSI of `current` against `reference` with reference-quantile bins.
 * @throws InputError on empty samples, ±Infinity, or bad options.
 */
export function psi(reference: NumArray, current: NumArray, options: PsiOptions = {}): PsiResult {
  checkSample("reference", reference);
  checkSample("current", current);
  const nBins = options.nBins ?? 10;
  requireIntInRange("nBins", nBins, 2, 1000);
  const epsilon = options.epsilon ?? PSI_EPSILON;
  requireInRange("epsilon", epsilon, Number.MIN_VALUE, 0.1);

  const { edges, point } = quantileEdges(reference, nBins);
  // Bin layout: for edge i, `firstBin[i]` is the bin ending at it ((e_{i-1}, e_i] or (e_{i-1}, e_i)),
  // followed by the point bin [e_i, e_i] when point[i]; the last bin is (e_last, +∞).
  const firstBin = new Int32Array(edges.length + 1);
  for (let i = 0; i < edges.length; i++) firstBin[i + 1] = firstBin[i]! + 1 + point[i]!;
  const nValueBins = firstBin[edges.length]! + 1;
  const refCounts = new Float64Array(nValueBins + 1), curCounts = new Float64Array(nValueBins + 1);
  const count = (xs: NumArray, into: Float64Array) => {
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      if (Number.isNaN(x)) {
        into[nValueBins]! += 1;
        continue;
      }
      const k = binOf(edges, x);
      into[firstBin[k]! + (k < edges.length && point[k] === 1 && edges[k] === x ? 1 : 0)]! += 1;
    }
  };
  count(reference, refCounts);
  count(current, curCounts);
  const hasMissing = refCounts[nValueBins]! > 0 || curCounts[nValueBins]! > 0;

  // [lower, upper, point] of each value bin
  const bounds: [number, number, boolean][] = [];
  for (let i = 0; i <= edges.length; i++) {
    bounds.push([i === 0 ? -Infinity : edges[i - 1]!, i === edges.length ? Infinity : edges[i]!, false]);
    if (i < edges.length && point[i] === 1) bounds.push([edges[i]!, edges[i]!, true]);
  }
  const bins: PsiBin[] = [];
  let value = 0;
  for (let b = 0; b < nValueBins + (hasMissing ? 1 : 0); b++) {
    const missing = b === nValueBins;
    const r = refCounts[b]! / reference.length || epsilon;
    const c = curCounts[b]! / current.length || epsilon;
    const contribution = (c - r) * Math.log(c / r);
    value += contribution;
    bins.push({
      lower: missing ? NaN : bounds[b]![0],
      upper: missing ? NaN : bounds[b]![1],
      missing,
      point: !missing && bounds[b]![2],
      referenceCount: refCounts[b]!,
      currentCount: curCounts[b]!,
      referenceShare: r,
      currentShare: c,
      contribution,
    });
  }
  return { value, bins };
}

/**
 * PSI for each column of `reference` (named numeric columns, e.g. a Frame's numeric columns), against
 * the same-named column of `current`.
 * @throws InputError when a column is missing from `current`, or as {@link psi} (field "<name>").
 */
export function psiByFeature(
  reference: Readonly<Record<string, NumArray>>,
  current: Readonly<Record<string, NumArray>>,
  options: PsiOptions = {},
): Record<string, PsiResult> {
  const names = Object.keys(reference);
  if (names.length === 0) throw new InputError("reference", "has no columns");
  const out: Record<string, PsiResult> = {};
  for (const name of names) {
    const cur = current[name];
    if (cur === undefined) throw new InputError("current", `has no column "${name}"`);
    try {
      out[name] = psi(reference[name]!, cur, options);
    } catch (err) {
      if (err instanceof InputError) throw new InputError(`${err.field}.${name}`, err.detail);
      throw err;
    }
  }
  return out;
}
