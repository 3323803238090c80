/**
 * A {@link SplitInfo} as a fixed block of doubles (and its categorical bins as integers), so worker
 * threads can hand their best split of a leaf to the main thread through shared memory. Every field
 * is a double or an integer, so the round trip is exact.
 * @module
 */
import { SplitInfo } from "./split.ts";

/** Doubles per split record. */
export const SPLIT_RECORD = 14;
/** Most categorical bins a record carries (a feature has at most 256 bins). */
export const MAX_CAT_BINS = 256;

/** Writes `s` to `f64[at .. at + SPLIT_RECORD)` and its categorical bins to `cats[catAt ..)`. */
export function writeSplit(
  s: SplitInfo,
  f64: Float64Array,
  at: number,
  cats: Int32Array,
  catAt: number,
): void {
  f64[at] = s.gain;
  f64[at + 1] = s.feature;
  f64[at + 2] = s.bin;
  f64[at + 3] = s.defaultLeft ? 1 : 0;
  f64[at + 4] = s.categorical ? 1 : 0;
  f64[at + 5] = s.leftG;
  f64[at + 6] = s.leftH;
  f64[at + 7] = s.leftC;
  f64[at + 8] = s.rightG;
  f64[at + 9] = s.rightH;
  f64[at + 10] = s.rightC;
  f64[at + 11] = s.leftOutput;
  f64[at + 12] = s.rightOutput;
  f64[at + 13] = s.catBins.length;
  for (let i = 0; i < s.catBins.length; i++) cats[catAt + i] = s.catBins[i]!;
}

/** Reads a record written by {@link writeSplit} into `out`. */
export function readSplit(
  f64: Float64Array,
  at: number,
  cats: Int32Array,
  catAt: number,
  out: SplitInfo,
): void {
  out.gain = f64[at]!;
  out.feature = f64[at + 1]!;
  out.bin = f64[at + 2]!;
  out.defaultLeft = f64[at + 3] === 1;
  out.categorical = f64[at + 4] === 1;
  out.leftG = f64[at + 5]!;
  out.leftH = f64[at + 6]!;
  out.leftC = f64[at + 7]!;
  out.rightG = f64[at + 8]!;
  out.rightH = f64[at + 9]!;
  out.rightC = f64[at + 10]!;
  out.leftOutput = f64[at + 11]!;
  out.rightOutput = f64[at + 12]!;
  out.catBins = Array.from(cats.subarray(catAt, catAt + f64[at + 13]!));
}

/** Copies every field of `from` to `to` (the categorical bins as a new array). */
export function copySplit(from: SplitInfo, to: SplitInfo): void {
  Object.assign(to, from);
  to.catBins = from.catBins.slice();
}

/** A fresh record (helper for tests and per-thread scratch). */
export function newSplit(): SplitInfo {
  const s = new SplitInfo();
  s.reset();
  return s;
}
