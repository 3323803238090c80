/**
 * Train/validation/test splits as row-index arrays: seeded random splits (optionally stratified by a
 * binary label) and time-based splits at cut-off timestamps (no row of a later period in an earlier split).
 * @module
 */
import { InputError } from "../errors.ts";
import { Rng } from "../random/mod.ts";

/** Row indices of each part, each sorted ascending. */
export interface Split {
  readonly train: Int32Array;
  readonly valid: Int32Array;
  readonly test: Int32Array;
}

function checkFractions(valid: number, test: number): void {
  for (const [name, f] of [["validFraction", valid], ["testFraction", test]] as const) {
    if (!(f >= 0 && f < 1)) throw new InputError(name, `must be in [0, 1), got ${f}`);
  }
  if (valid + test >= 1) {
    throw new InputError("testFraction", `validFraction + testFraction must be < 1, got ${valid + test}`);
  }
}

/**
 * Seeded random split of `n` rows. With `stratify` (0/1 labels) each part keeps the label rate.
 *
 * @example
 * ```ts
 * import { randomSplit } from "./split.ts";
 * const s = randomSplit(100, { validFraction: 0.2, testFraction: 0.2, seed: 1 });
 * s.train.length + s.valid.length + s.test.length; // 100
 * ```
 */
export function randomSplit(
  n: number,
  options: { validFraction: number; testFraction: number; seed: number; stratify?: ArrayLike<number> },
): Split {
  if (!Number.isInteger(n) || n < 3) throw new InputError("n", `must be an integer >= 3, got ${n}`);
  checkFractions(options.validFraction, options.testFraction);
  const rng = new Rng(options.seed);
  const strata: number[][] = [];
  if (options.stratify) {
    if (options.stratify.length !== n) {
      throw new InputError("stratify", `length ${options.stratify.length} does not match n = ${n}`);
    }
    const byLabel = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const y = options.stratify[i]!;
      if (!Number.isFinite(y)) throw new InputError("stratify", `value at index ${i} is ${y}`);
      let bucket = byLabel.get(y);
      if (!bucket) byLabel.set(y, bucket = []);
      bucket.push(i);
    }
    for (const key of [...byLabel.keys()].sort((a, b) => a - b)) strata.push(byLabel.get(key)!);
  } else {
    strata.push(Array.from({ length: n }, (_, i) => i));
  }
  const train: number[] = [], valid: number[] = [], test: number[] = [];
  for (const rows of strata) {
    rng.shuffle(rows);
    const nTest = Math.round(rows.length * options.testFraction);
    const nValid = Math.round(rows.length * options.validFraction);
    for (let i = 0; i < rows.length; i++) {
      (i < nTest ? test : i < nTest + nValid ? valid : train).push(rows[i]!);
    }
  }
  const sorted = (xs: number[]) => Int32Array.from(xs.sort((a, b) => a - b));
  const split = { train: sorted(train), valid: sorted(valid), test: sorted(test) };
  if (split.train.length === 0) throw new InputError("n", `too few rows (${n}) to leave any for training`);
  return split;
}

/**
 * Time-based split: rows with `time < validFrom` train, `validFrom <= time < testFrom` validate,
 * `time >= testFrom` test. NaN times are rejected.
 */
export function timeSplit(times: ArrayLike<number>, validFrom: number, testFrom: number): Split {
  if (!(validFrom <= testFrom)) {
    throw new InputError("testFrom", `must be >= validFrom (${validFrom}), got ${testFrom}`);
  }
  const train: number[] = [], valid: number[] = [], test: number[] = [];
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!;
    if (Number.isNaN(t)) throw new InputError("times", `value at index ${i} is NaN`);
    (t < validFrom ? train : t < testFrom ? valid : test).push(i);
  }
  if (train.length === 0) throw new InputError("validFrom", "leaves no rows for training");
  return { train: Int32Array.from(train), valid: Int32Array.from(valid), test: Int32Array.from(test) };
}

/**
 * Cut-offs at the given quantiles of `times` (e.g. 0.7 and 0.85 for a 70/15/15 split by time).
 */
export function timeQuantileSplit(
  times: ArrayLike<number>,
  validQuantile: number,
  testQuantile: number,
): Split {
  if (!(validQuantile > 0 && validQuantile <= testQuantile && testQuantile < 1)) {
    throw new InputError(
      "validQuantile",
      `need 0 < validQuantile <= testQuantile < 1, got ${validQuantile}, ${testQuantile}`,
    );
  }
  const sorted = Float64Array.from(times).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return timeSplit(times, at(validQuantile), at(testQuantile));
}
