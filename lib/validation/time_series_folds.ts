/**
 * Time-series folds: an expanding training window, a gap, then a test block, k times, each test block
 * later than the one before (scikit-learn's `TimeSeriesSplit` with `gap`), so a model is only ever
 * tested on the future of what it trained on, with `gap` left out between them (for labels that look
 * ahead, or features lagged by that much).
 *
 * On row order (`{ nRows }`, rows already in time order): with `testSize` t (default ⌊n / (k + 1)⌋) fold
 * f tests rows [s, s + t) with s = n − (k − f)·t and trains on rows [0, s − gap) — `gap` in rows.
 *
 * On a time column (`{ times }`, any row order, numbers such as epoch ms): the same positions are taken
 * in time order (a stable sort), and turned into times so that tied times never straddle a boundary:
 * fold f tests the rows with time in [T_s, T_{s+t}) (the last fold: every time ≥ T_s) and trains on the
 * rows with time < T_s − gap — `gap` in time units. Either way every training row is more than `gap`
 * before every test row: `max train + gap < min test`.
 *
 * @example
 * ```ts
 * import { timeSeriesFolds } from "./time_series_folds.ts";
 * const folds = timeSeriesFolds({ nRows: 10 }, { k: 3, gap: 1 });
 * folds[0]!.train; // Int32Array [0, 1, 2]  (test [4, 5]: blocks of ⌊10/4⌋ = 2 rows)
 * folds[2]!.test; // Int32Array [8, 9]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { Fold } from "./fold.ts";

/** The rows to split: a count (rows in time order) or a time per row. */
export type TimeSpec = { readonly nRows: number } | { readonly times: ArrayLike<number> };

/** Options of {@link timeSeriesFolds}. */
export interface TimeSeriesFoldsOptions {
  /** Number of folds (test blocks), an integer ≥ 1. */
  readonly k: number;
  /** Left out between training and test: rows (row order) or time units (time column); default 0. */
  readonly gap?: number;
  /** Rows per test block (in time order), an integer ≥ 1; default ⌊n / (k + 1)⌋. */
  readonly testSize?: number;
}

/**
 * The k expanding-window folds (see the module doc); `train` and `test` hold row indices, ascending.
 * @throws InputError on a bad `k`, `gap`, `testSize`, a NaN time, or when a fold's training or test
 *   part would be empty (too few rows, too large a gap, or too many tied times)
 */
export function timeSeriesFolds(spec: TimeSpec, options: TimeSeriesFoldsOptions): Fold[] {
  const byTime = "times" in spec;
  const n = byTime ? spec.times.length : spec.nRows;
  if (!byTime && (!Number.isInteger(n) || n < 0)) {
    throw new InputError("nRows", `must be a non-negative integer, got ${n}`);
  }
  const { k } = options, gap = options.gap ?? 0;
  if (!Number.isInteger(k) || k < 1) throw new InputError("k", `must be an integer >= 1, got ${k}`);
  if (byTime ? !(Number.isFinite(gap) && gap >= 0) : !(Number.isInteger(gap) && gap >= 0)) {
    throw new InputError("gap", `must be ${byTime ? "a finite number" : "an integer"} >= 0, got ${gap}`);
  }
  const t = options.testSize ?? Math.floor(n / (k + 1));
  if (options.testSize !== undefined && (!Number.isInteger(t) || t < 1)) {
    throw new InputError("testSize", `must be an integer >= 1, got ${t}`);
  }
  if (t < 1) throw new InputError("k", `${k} folds need at least ${k + 1} rows, got ${n}`);
  const first = n - k * t;
  if (first < 1) {
    throw new InputError("testSize", `${k} test blocks of ${t} rows leave no training rows out of ${n}`);
  }
  if (!byTime) {
    if (first - gap < 1) {
      throw new InputError("gap", `a gap of ${gap} rows leaves no training rows before row ${first}`);
    }
    return Array.from({ length: k }, (_, f) => {
      const s = first + f * t;
      return {
        train: Int32Array.from({ length: s - gap }, (_, i) => i),
        test: Int32Array.from({ length: t }, (_, i) => s + i),
      };
    });
  }
  const times = spec.times;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(times[i]!)) throw new InputError("times", `value at index ${i} is NaN`);
  }
  const sorted = Float64Array.from(times).sort();
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const s = first + f * t;
    const from = sorted[s]!, to = s + t < n ? sorted[s + t]! : Infinity, trainBefore = from - gap;
    const train: number[] = [], test: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = times[i]!;
      if (v < trainBefore) train.push(i);
      else if (v >= from && v < to) test.push(i);
    }
    if (test.length === 0) {
      throw new InputError("times", `fold ${f} has no test rows: times tie across [${from}, ${to})`);
    }
    if (train.length === 0) {
      throw new InputError("gap", `fold ${f} has no training rows before ${from} − gap ${gap}`);
    }
    folds.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return folds;
}
