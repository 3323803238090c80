/**
 * LightGBM's numeric bin construction (`src/io/bin.cpp` of LightGBM 4.x: `BinMapper::FindBin`,
 * `FindBinWithZeroAsOneBin`, `GreedyFindBin`), re-implemented on sorted float32 values.
 *
 * 1. Distinct values with counts. Values with |x| ≤ 1e-35 (`kZeroThreshold`, as float32) count as zero.
 * 2. Zero is its own bin: negative values are binned by {@link greedyFindBin} with a share of the
 *    `maxBin − 1` bins proportional to their count (at least 1), their last upper bound becomes
 *    −1e-35; the zero bin's upper bound is +1e-35 (present whenever positive values exist, even if no
 *    value is zero); positive values get the remaining bins. With only non-negative values the first
 *    bin (−∞, 1e-35] holds just the zeros (it is empty when there are none).
 * 3. {@link greedyFindBin}: with at most `maxBin` distinct values, a boundary after a value once the
 *    current bin holds ≥ `minDataInBin` rows (rare values merge with their right neighbours);
 *    otherwise `maxBin` is capped at ⌊count / minDataInBin⌋ and values with count ≥ the mean bin size
 *    get bins of their own while the rest is cut greedily at the (re-computed) mean bin size.
 * 4. A boundary between values a < b is `nextafter((a + b) / 2, +∞)` (LightGBM's
 *    `GetDoubleUpperBound`); the last bin's upper bound +∞ is implicit here.
 *
 * Differences from LightGBM, by design: the missing (NaN) bin is always separate, so `maxValueBins`
 * (our `maxBins − 1`) plays the role of LightGBM's `max_bin` for every feature, whereas LightGBM
 * gives a NaN-free feature `max_bin` value bins and a feature with NaN `max_bin − 1`; LightGBM's
 * `feature_pre_filter` (dropping features no split of which can satisfy `min_data_in_leaf`) is not
 * done here (the split finder simply never finds such a split).
 *
 * @example
 * ```ts
 * import { lightgbmThresholds } from "./lightgbm_bins.ts";
 * lightgbmThresholds(new Float32Array([1, 2, 2, 2, 3, 3, 3]), 254, 3);
 * // Float64Array [1e-35, 2.5000000000000004]: {0} | {1, 2} (1 alone is too rare) | {3}
 * ```
 * @module
 */

/** LightGBM's `kZeroThreshold` (`1e-35f`, a float32): |x| ≤ this is zero. */
export const ZERO_THRESHOLD: number = Math.fround(1e-35);

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** `std::nextafter(x, +∞)`. */
export function nextUp(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  u64[0] = x > 0 ? u64[0]! + 1n : u64[0]! - 1n;
  return f64[0]!;
}

/** LightGBM's `CheckDoubleEqualOrdered(a, b)` for a ≤ b: b is at most one ulp above a. */
function equalOrdered(a: number, b: number): boolean {
  return b <= nextUp(a);
}

/**
 * LightGBM's `GreedyFindBin` over `values[from..to)` (increasing distinct values) with their `counts`;
 * returns the bin upper bounds, the last one +∞.
 */
export function greedyFindBin(
  values: Float64Array,
  counts: Int32Array,
  from: number,
  to: number,
  maxBin: number,
  totalCnt: number,
  minDataInBin: number,
): number[] {
  const n = to - from;
  const bounds: number[] = [];
  if (n <= maxBin) {
    let cur = 0;
    for (let i = from; i < to - 1; i++) {
      cur += counts[i]!;
      if (cur >= minDataInBin) {
        const val = nextUp((values[i]! + values[i + 1]!) / 2);
        if (bounds.length === 0 || !equalOrdered(bounds[bounds.length - 1]!, val)) {
          bounds.push(val);
          cur = 0;
        }
      }
    }
    bounds.push(Infinity);
    return bounds;
  }
  if (minDataInBin > 0) maxBin = Math.max(1, Math.min(maxBin, Math.floor(totalCnt / minDataInBin)));
  let meanBinSize = totalCnt / maxBin;
  let restBinCnt = maxBin, restSampleCnt = totalCnt;
  const big = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (counts[from + i]! >= meanBinSize) {
      big[i] = 1;
      restBinCnt--;
      restSampleCnt -= counts[from + i]!;
    }
  }
  meanBinSize = restSampleCnt / restBinCnt;
  const upper = new Float64Array(maxBin).fill(Infinity), lower = new Float64Array(maxBin).fill(Infinity);
  let binCnt = 0, cur = 0;
  lower[0] = values[from]!;
  for (let i = 0; i < n - 1; i++) {
    const c = counts[from + i]!;
    if (!big[i]) restSampleCnt -= c;
    cur += c;
    if (big[i] || cur >= meanBinSize || (big[i + 1] && cur >= Math.max(1, meanBinSize * 0.5))) {
      upper[binCnt] = values[from + i]!;
      binCnt++;
      lower[binCnt] = values[from + i + 1]!;
      if (binCnt >= maxBin - 1) break;
      cur = 0;
      if (!big[i]) {
        restBinCnt--;
        meanBinSize = restSampleCnt / restBinCnt;
      }
    }
  }
  binCnt++;
  for (let i = 0; i < binCnt - 1; i++) {
    const val = nextUp((upper[i]! + lower[i + 1]!) / 2);
    if (bounds.length === 0 || !equalOrdered(bounds[bounds.length - 1]!, val)) bounds.push(val);
  }
  bounds.push(Infinity);
  return bounds;
}

/**
 * The bin upper bounds of LightGBM's `FindBinWithZeroAsOneBin` (+∞ last) from the distinct non-zero
 * values: `values[0..nNeg)` negative, `values[nNeg..)` positive, increasing, with their counts, and
 * `zeroCnt` zeros. `maxBin` = the number of value bins allowed.
 */
export function findBinWithZeroAsOneBin(
  values: Float64Array,
  counts: Int32Array,
  nNeg: number,
  zeroCnt: number,
  maxBin: number,
  minDataInBin: number,
): number[] {
  const n = values.length;
  let leftCntData = 0, rightCntData = 0;
  for (let i = 0; i < nNeg; i++) leftCntData += counts[i]!;
  for (let i = nNeg; i < n; i++) rightCntData += counts[i]!;
  const total = leftCntData + rightCntData + zeroCnt;
  let bounds: number[] = [];
  if (nNeg > 0 && maxBin > 1) {
    const leftMaxBin = Math.max(1, Math.trunc((leftCntData / (total - zeroCnt)) * (maxBin - 1)));
    bounds = greedyFindBin(values, counts, 0, nNeg, leftMaxBin, leftCntData, minDataInBin);
    bounds[bounds.length - 1] = -ZERO_THRESHOLD;
  }
  const rightMaxBin = maxBin - 1 - bounds.length;
  if (nNeg < n && rightMaxBin > 0) {
    const right = greedyFindBin(values, counts, nNeg, n, rightMaxBin, rightCntData, minDataInBin);
    bounds.push(ZERO_THRESHOLD);
    for (const b of right) bounds.push(b);
  } else {
    bounds.push(Infinity);
  }
  return bounds;
}

/**
 * LightGBM-style thresholds (bin upper bounds without the final +∞) of one numeric feature from its
 * non-missing values sorted ascending, with at most `maxValueBins` value bins.
 */
export function lightgbmThresholds(
  sorted: Float32Array,
  maxValueBins: number,
  minDataInBin: number,
): Float64Array {
  return lightgbmBins(sorted, maxValueBins, minDataInBin).thresholds;
}

/** {@link lightgbmThresholds} plus the number of distinct values (all zero-like values as one). */
export function lightgbmBins(
  sorted: Float32Array,
  maxValueBins: number,
  minDataInBin: number,
): { thresholds: Float64Array; distinct: number } {
  const m = sorted.length;
  const values = new Float64Array(Math.min(m, 1 << 20) || 1);
  let vals = values, counts = new Int32Array(vals.length);
  let d = 0, nNeg = 0, zeroCnt = 0;
  for (let i = 0; i < m; i++) {
    const v = sorted[i]!;
    if (v >= -ZERO_THRESHOLD && v <= ZERO_THRESHOLD) {
      zeroCnt++;
      continue;
    }
    if (d > 0 && vals[d - 1] === v) {
      counts[d - 1]!++;
      continue;
    }
    if (d === vals.length) {
      const nv = new Float64Array(vals.length * 2), nc = new Int32Array(vals.length * 2);
      nv.set(vals);
      nc.set(counts);
      vals = nv;
      counts = nc;
    }
    vals[d] = v;
    counts[d] = 1;
    if (v < 0) nNeg = d + 1;
    d++;
  }
  const distinct = d + (zeroCnt > 0 ? 1 : 0);
  if (m === 0) return { thresholds: new Float64Array(0), distinct: 0 };
  const bounds = findBinWithZeroAsOneBin(
    vals.subarray(0, d),
    counts.subarray(0, d),
    nNeg,
    zeroCnt,
    maxValueBins,
    minDataInBin,
  );
  bounds.pop(); // +∞
  return { thresholds: Float64Array.from(bounds), distinct };
}
