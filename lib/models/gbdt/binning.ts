/**
 * The bin mapper: turns raw feature values into one-byte bins, learnt once on (a sample of) the
 * training data and reused unchanged for validation and prediction data.
 *
 * Numeric feature: sorted distinct values → at most `maxBins − 1` value bins. With few distinct values
 * each gets its own bin; otherwise cuts fall at (count-)quantiles. `thresholds[b]` is the upper edge of
 * value bin `b` (the midpoint between the last value in it and the first value after it), so
 * `x <= thresholds[b]` ⇔ `bin(x) <= b`: a split "bin ≤ b" is the raw split "x ≤ thresholds[b]".
 * NaN goes to the dedicated missing bin `nValueBins` (the last bin of the feature).
 *
 * `binning: "lightgbm"` learns numeric edges as LightGBM 4.x does instead (lightgbm_bins.ts: distinct
 * values with counts, `GreedyFindBin`, values seen fewer than `minDataInBin` times merged with their
 * neighbours, zero as its own bin, edges at `nextafter(midpoint)`); the rest (missing bin, ≤ 255 bins,
 * byte matrix, categorical features) is shared. Default stays `"quantile"`: in repeated 5-fold
 * cross-validation on the training files of LightGBM's examples (bench gbdt_binning_cv) neither was
 * better beyond noise, and `"lightgbm"` was not at least as good on all three tasks.
 *
 * Categorical feature: when every code seen in training is below `maxBins − 1`, the bin is the code
 * itself. A feature with larger codes keeps its `maxBins − 1` most frequent categories (ties: lower
 * code first), each a bin in code order (`categories[b]` is bin b's code); the rarer ones share the
 * missing bin, as in LightGBM, instead of the codes past the cap being lost whatever their frequency.
 * Codes from {@link MAX_CATEGORY_CODE} up are never kept (a split's category set is a bitset over the
 * codes in the model file; dictionary codes are small).
 * A negative or non-integer code, or one not kept (unseen in training included), is treated like a
 * missing value, and categorical splits always send the missing bin right, which matches the
 * flat-tree rule "a category outside the bitset goes right".
 *
 * A feature with fewer than two distinct non-missing values (constant or all-missing) is `trivial`:
 * the split finder never splits on it.
 *
 * @example
 * ```ts
 * import { BinMapper } from "./binning.ts";
 * const m = { nRows: 4, nCols: 1, values: new Float32Array([1, 2, 3, NaN]), featureNames: ["x"] };
 * const mapper = BinMapper.fit(m, { maxBins: 255 });
 * mapper.transform(m).bins; // Uint8Array [0, 1, 2, 3]  (3 = the missing bin)
 * ```
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import { ModelFormatError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import { lightgbmBins } from "./lightgbm_bins.ts";
import { sortFloat32 } from "./radix_sort.ts";

const TRANSFORM_BLOCK = 2048;
/** Categorical codes from this one up always go to the missing bin (see the module doc). */
export const MAX_CATEGORY_CODE = 65_536;
/** Float32 values buffered at once while learning edges (32 MiB). */
const FIT_BUFFER_VALUES = 8 * 1024 * 1024;

/** The bins of one feature. */
export interface FeatureBins {
  readonly kind: "numeric" | "categorical";
  /** Numeric: upper edges of value bins 0..nValueBins−2 (increasing). Categorical: empty. */
  readonly thresholds: Float64Array;
  /** Number of value bins; the missing bin has index `nValueBins`. */
  readonly nValueBins: number;
  /** True when the feature has < 2 distinct non-missing values: never split on. */
  readonly trivial: boolean;
  /**
   * Categorical with codes past the cap only: the code of each value bin (increasing). Absent: the bin
   * is the code.
   */
  readonly categories?: Int32Array;
}

/** A binned matrix: column-major bytes, `bins[f * nRows + i]`. */
export interface BinnedMatrix {
  readonly nRows: number;
  readonly nFeatures: number;
  readonly bins: Uint8Array;
}

/** Options for {@link BinMapper.fit}. */
export interface BinMapperOptions {
  /** Bins per feature including the missing bin, in [2, 255]. */
  maxBins: number;
  /** Feature indices to treat as categorical. */
  categorical?: ReadonlySet<number>;
  /** Rows sampled for numeric bin edges when the data is larger (default 1000000). */
  sampleSize?: number;
  /** Seed for that sample (default 0). */
  seed?: number;
  /** Numeric edges: `"lightgbm"` ({@link lightgbmBins}) or `"quantile"` (default `"quantile"`). */
  binning?: NumericBinning;
  /** `"lightgbm"` only: minimum rows per value bin (default 3, LightGBM's `min_data_in_bin`). */
  minDataInBin?: number;
}

/** How numeric bin edges are learnt; see {@link BinMapper}. */
export type NumericBinning = "lightgbm" | "quantile";

/** JSON form of a {@link BinMapper}. */
export interface BinMapperJSON {
  features: {
    kind: "numeric" | "categorical";
    thresholds: number[];
    nValueBins: number;
    trivial: boolean;
    categories?: number[];
  }[];
}

/** Learns bin edges per feature and maps matrices to {@link BinnedMatrix}. */
export class BinMapper {
  readonly features: readonly FeatureBins[];
  /** `binOffset[f]` = first histogram bin of feature f; `binOffset[nFeatures]` = total bins. */
  readonly binOffset: Int32Array;

  constructor(features: readonly FeatureBins[]) {
    this.features = features;
    this.binOffset = new Int32Array(features.length + 1);
    for (let f = 0; f < features.length; f++) {
      this.binOffset[f + 1] = this.binOffset[f]! + features[f]!.nValueBins + 1;
    }
  }

  get nFeatures(): number {
    return this.features.length;
  }

  /** Total bins over all features (the histogram length in bins). */
  get totalBins(): number {
    return this.binOffset[this.features.length]!;
  }

  /** Learns the bins of every column of `matrix`. */
  static fit(matrix: Matrix, options: BinMapperOptions): BinMapper {
    const { nRows, nCols, values } = matrix;
    const maxValueBins = options.maxBins - 1;
    const binning = options.binning ?? "quantile", minDataInBin = options.minDataInBin ?? 3;
    const sampleSize = options.sampleSize ?? 1_000_000;
    let rows: Uint32Array;
    if (nRows > sampleSize) {
      const all = new Uint32Array(nRows);
      for (let i = 0; i < nRows; i++) all[i] = i;
      const rng = new Rng(options.seed ?? 0);
      for (let i = 0; i < sampleSize; i++) {
        const j = i + rng.int(nRows - i);
        const t = all[i]!;
        all[i] = all[j]!;
        all[j] = t;
      }
      rows = all.slice(0, sampleSize).sort();
    } else {
      rows = new Uint32Array(nRows);
      for (let i = 0; i < nRows; i++) rows[i] = i;
    }
    const features: FeatureBins[] = [];
    // Values are float32, so sorting them as float32 gives the same order (and is faster). The sample
    // is copied column by column for a group of features at a time, in one pass over its rows.
    const m = rows.length;
    const group = Math.max(1, Math.min(nCols, Math.floor(FIT_BUFFER_VALUES / m)));
    const buf = new Float32Array(m * group), scratch = new Float32Array(m);
    const counts = new Int32Array(group);
    for (let f0 = 0; f0 < nCols; f0 += group) {
      const f1 = Math.min(nCols, f0 + group);
      counts.fill(0);
      for (let r = 0; r < m; r++) {
        const base = rows[r]! * nCols;
        for (let f = f0; f < f1; f++) {
          const v = values[base + f]!;
          if (v === v) {
            const k = f - f0;
            buf[k * m + counts[k]!] = v;
            counts[k]!++;
          }
        }
      }
      for (let f = f0; f < f1; f++) {
        if (options.categorical?.has(f)) {
          features.push(fitCategorical(values, nRows, nCols, f, maxValueBins));
          continue;
        }
        const k = f - f0;
        const sorted = sortFloat32(buf.subarray(k * m, k * m + counts[k]!), scratch);
        features.push(
          binning === "lightgbm"
            ? fitNumericLightgbm(sorted, maxValueBins, minDataInBin)
            : fitNumeric(sorted, maxValueBins),
        );
      }
    }
    return new BinMapper(features);
  }

  /**
   * Bins every value of `matrix` (which must have this mapper's number of columns). `shared` puts the
   * bins in a `SharedArrayBuffer` (for multi-threaded histogram building).
   */
  transform(matrix: Matrix, shared = false): BinnedMatrix {
    const { nRows, nCols, values } = matrix;
    const bins = new Uint8Array(
      shared ? new SharedArrayBuffer(nRows * nCols) : new ArrayBuffer(nRows * nCols),
    );
    // Categorical features with kept categories: code → bin (the missing bin for codes not kept).
    const binOfCode = this.features.map((fb) => {
      if (fb.categories === undefined) return undefined;
      const lut = new Uint8Array(fb.categories[fb.categories.length - 1]! + 1).fill(fb.nValueBins);
      fb.categories.forEach((code, b) => (lut[code] = b));
      return lut;
    });
    const padded = this.features.map((fb) => {
      const p = new Float64Array(255).fill(Infinity);
      p.set(fb.thresholds);
      return p;
    });
    // Blocks of rows: the strided reads of one block stay in cache while every feature is binned.
    for (let r0 = 0; r0 < nRows; r0 += TRANSFORM_BLOCK) {
      const r1 = Math.min(nRows, r0 + TRANSFORM_BLOCK);
      for (let f = 0; f < nCols; f++) {
        const fb = this.features[f]!;
        const colStart = f * nRows;
        const missing = fb.nValueBins;
        if (fb.kind === "categorical") {
          const lut = binOfCode[f];
          if (lut === undefined) {
            for (let i = r0; i < r1; i++) {
              const v = values[i * nCols + f]!;
              bins[colStart + i] = v >= 0 && v < missing && Number.isInteger(v) ? v : missing;
            }
          } else {
            for (let i = r0; i < r1; i++) {
              const v = values[i * nCols + f]!;
              bins[colStart + i] = v >= 0 && v < lut.length && Number.isInteger(v) ? lut[v]! : missing;
            }
          }
          continue;
        }
        // Branch-free binary search: the thresholds padded with +Infinity to 255 entries, then eight
        // halving steps count the thresholds below v (= the first b with v <= thresholds[b]).
        const thr = padded[f]!;
        for (let i = r0; i < r1; i++) {
          const v = values[i * nCols + f]!;
          if (v !== v) {
            bins[colStart + i] = missing;
            continue;
          }
          let b = ((v > thr[127]!) as unknown as number) << 7;
          b += ((v > thr[b + 63]!) as unknown as number) << 6;
          b += ((v > thr[b + 31]!) as unknown as number) << 5;
          b += ((v > thr[b + 15]!) as unknown as number) << 4;
          b += ((v > thr[b + 7]!) as unknown as number) << 3;
          b += ((v > thr[b + 3]!) as unknown as number) << 2;
          b += ((v > thr[b + 1]!) as unknown as number) << 1;
          b += (v > thr[b]!) as unknown as number;
          bins[colStart + i] = b;
        }
      }
    }
    return { nRows, nFeatures: nCols, bins };
  }

  toJSON(): BinMapperJSON {
    return {
      features: this.features.map((f) => ({
        kind: f.kind,
        thresholds: Array.from(f.thresholds),
        nValueBins: f.nValueBins,
        trivial: f.trivial,
        ...(f.categories ? { categories: Array.from(f.categories) } : {}),
      })),
    };
  }

  static fromJSON(json: BinMapperJSON): BinMapper {
    if (!json || !Array.isArray(json.features)) {
      throw new ModelFormatError("bin mapper: missing features", "binMapper");
    }
    return new BinMapper(json.features.map((f, i) => {
      const ok = (f.kind === "numeric" || f.kind === "categorical") && Array.isArray(f.thresholds) &&
        Number.isInteger(f.nValueBins) && f.nValueBins >= 1 && f.nValueBins <= 254 &&
        (f.kind === "categorical" || f.thresholds.length === f.nValueBins - 1);
      const cats = f.categories;
      const catsOk = cats === undefined || (f.kind === "categorical" && Array.isArray(cats) &&
        cats.length === f.nValueBins &&
        cats.every((c, b) =>
          Number.isInteger(c) && c >= 0 && c < MAX_CATEGORY_CODE && (b === 0 || c > cats[b - 1]!)
        ));
      if (!ok || !catsOk) throw new ModelFormatError(`bin mapper: feature ${i} is malformed`, "binMapper");
      return {
        kind: f.kind,
        thresholds: Float64Array.from(f.thresholds),
        nValueBins: f.nValueBins,
        trivial: !!f.trivial,
        ...(cats ? { categories: Int32Array.from(cats) } : {}),
      };
    }));
  }
}

/** Numeric bins from the sorted non-missing values (one pass over runs of equal values, no copies). */
function fitNumeric(sorted: Float32Array, maxValueBins: number): FeatureBins {
  const n = sorted.length;
  let d = n > 0 ? 1 : 0;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) d++;
  const thresholds: number[] = [];
  let prev = sorted[0]!; // first value of the current run
  if (d <= maxValueBins) {
    for (let i = 1; i < n; i++) {
      const v = sorted[i]!;
      if (v === prev) continue;
      thresholds.push(midpoint(prev, v));
      prev = v;
    }
  } else {
    // Greedy count-quantiles over distinct values: at the start of each run (i values before it), cut
    // between the previous run and this one once i reaches the next quantile target; a heavy value
    // simply absorbs several targets.
    for (let i = 1; i < n && thresholds.length < maxValueBins - 1; i++) {
      const v = sorted[i]!;
      if (v === prev) continue;
      if (i >= ((thresholds.length + 1) * n) / maxValueBins) thresholds.push(midpoint(prev, v));
      prev = v;
    }
  }
  return {
    kind: "numeric",
    thresholds: Float64Array.from(thresholds),
    nValueBins: thresholds.length + 1,
    trivial: d < 2,
  };
}

/** Numeric bins as LightGBM builds them (see lightgbm_bins.ts). */
function fitNumericLightgbm(sorted: Float32Array, maxValueBins: number, minDataInBin: number): FeatureBins {
  const { thresholds, distinct } = lightgbmBins(sorted, maxValueBins, minDataInBin);
  return { kind: "numeric", thresholds, nValueBins: thresholds.length + 1, trivial: distinct < 2 };
}

function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return m < b ? m : a; // guard: a <= m < b so that a goes left and b right
}

function fitCategorical(
  values: Float32Array,
  nRows: number,
  nCols: number,
  f: number,
  maxValueBins: number,
): FeatureBins {
  const counts = new Map<number, number>();
  let maxCode = -1;
  for (let i = 0; i < nRows; i++) {
    const v = values[i * nCols + f]!;
    if (v >= 0 && Number.isInteger(v)) {
      if (v < MAX_CATEGORY_CODE) counts.set(v, (counts.get(v) ?? 0) + 1);
      if (v > maxCode) maxCode = v;
    }
  }
  const trivial = counts.size < 2; // (codes ≥ MAX_CATEGORY_CODE are not counted: they go to the missing bin)
  if (maxCode < maxValueBins) {
    return {
      kind: "categorical",
      thresholds: new Float64Array(0),
      nValueBins: Math.max(1, maxCode + 1),
      trivial,
    };
  }
  // Codes past the cap: keep the most frequent categories (ties: lower code), in code order.
  const kept = [...counts.keys()]
    .sort((a, b) => counts.get(b)! - counts.get(a)! || a - b)
    .slice(0, maxValueBins)
    .sort((a, b) => a - b);
  return {
    kind: "categorical",
    thresholds: new Float64Array(0),
    nValueBins: kept.length,
    trivial,
    categories: Int32Array.from(kept),
  };
}
