/**
 * Plain k-fold cross-validation: every row is tested exactly once, fold sizes differ by at most one.
 *
 * With `shuffle` (the default) the rows are shuffled with the seeded {@link Rng} and dealt round-robin:
 * the row at position p of the shuffled order goes to fold p mod k. Without it the folds are contiguous
 * blocks in row order, the first n mod k one row larger (scikit-learn's `KFold(shuffle=False)`).
 *
 * @example
 * ```ts
 * import { kFold } from "./k_fold.ts";
 * const folds = kFold(10, { k: 5, seed: 3 });
 * folds.length; // 5
 * kFold(5, { k: 2, shuffle: false })[0]!.test; // Int32Array [0, 1, 2]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { checkK, checkShuffle, type ShuffleOptions, unitOrder } from "./_check.ts";
import { type Fold, foldsFromAssignment } from "./fold.ts";

/** Options of {@link kFold}. */
export type KFoldOptions = ShuffleOptions;

/**
 * Fold id of each of `nRows` rows (see the module doc for the rule).
 * @throws InputError on a bad `nRows`, `k` (< 2 or > nRows), `shuffle` or `seed`
 */
export function kFoldAssignment(nRows: number, options: KFoldOptions): Int32Array {
  if (!Number.isInteger(nRows) || nRows < 0) {
    throw new InputError("nRows", `must be a non-negative integer, got ${nRows}`);
  }
  checkK(options.k, nRows, "rows");
  checkShuffle(options);
  const k = options.k, out = new Int32Array(nRows);
  if (options.shuffle === false) {
    const base = Math.floor(nRows / k), extra = nRows % k;
    let row = 0;
    for (let f = 0; f < k; f++) {
      const size = base + (f < extra ? 1 : 0);
      out.fill(f, row, row + size);
      row += size;
    }
    return out;
  }
  unitOrder(nRows, options).forEach((row, pos) => (out[row] = pos % k));
  return out;
}

/** The k folds of {@link kFoldAssignment}. */
export function kFold(nRows: number, options: KFoldOptions): Fold[] {
  return foldsFromAssignment(kFoldAssignment(nRows, options), options.k);
}
