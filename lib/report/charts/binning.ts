/**
 * Small numeric helpers for charts: equal-width histogram counts and linear-interpolated quantiles.
 * Charts embed counts, not raw values, so a report stays small whatever the data size.
 * @module
 */
import { InputError } from "../../errors.ts";

/** Equal-width histogram: `edges` has `bins + 1` entries, `counts[i]` counts values in [edges[i], edges[i+1]). */
export interface Histogram {
  edges: number[];
  counts: number[];
  /** Finite values counted. */
  n: number;
  /** NaN / ±Infinity values skipped. */
  skipped: number;
}

/** Finite min and max of values (NaN when there is none). */
export function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [NaN, NaN] : [lo, hi];
}

/**
 * Counts values into `bins` equal-width bins over [min, max] (default: the finite range of the values;
 * the last bin includes max). Non-finite values are skipped and counted in `skipped`.
 */
export function histogram(values: ArrayLike<number>, bins: number, range?: [number, number]): Histogram {
  if (!Number.isInteger(bins) || bins < 1 || bins > 10_000) {
    throw new InputError("bins", `must be an integer in [1, 10000], got ${bins}`);
  }
  let [lo, hi] = range ?? finiteRange(values);
  if (Number.isNaN(lo)) [lo, hi] = [0, 1];
  if (hi < lo) throw new InputError("range", `max ${hi} is below min ${lo}`);
  if (hi === lo) {
    // One distinct value: widen the range to a width of 1 (relative 1e-9 for large values) on the side
    // that stays finite.
    const d = Math.max(1, Math.abs(lo) * 1e-9);
    if (Number.isFinite(lo + d)) hi = lo + d;
    else lo = lo - d;
  }
  // hi/bins − lo/bins cannot overflow for finite ±1e308 ranges; it may underflow to 0 for ranges of a few
  // subnormals, so a non-finite or negative quotient below goes to bin 0.
  const width = hi / bins - lo / bins;
  const counts = new Array<number>(bins).fill(0);
  let n = 0, skipped = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      skipped++;
      continue;
    }
    if (v < lo || v > hi) continue;
    const q = Math.floor((v - lo) / width);
    const b = q >= 0 ? Math.min(bins - 1, q) : 0;
    counts[b]!++;
    n++;
  }
  // lo + i·width overflows near ±1.8e308; the weighted form cannot.
  const edges = Array.from(
    { length: bins + 1 },
    (_, i) => (i === bins ? hi : lo * (1 - i / bins) + hi * (i / bins)),
  );
  return { edges, counts, n, skipped };
}

/** Quantile `q` in [0, 1] of the finite values, linear interpolation (numpy's default); NaN when empty. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new InputError("q", `must be in [0, 1], got ${q}`);
  const sorted = Float64Array.from(Array.prototype.filter.call(values, Number.isFinite) as number[]).sort();
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos), frac = pos - i;
  const a = sorted[i]!, b = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return a + (b - a) * frac;
}
