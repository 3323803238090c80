/**
 * A cross-validation fold as row indices, and the conversions between a list of folds and a fold id per
 * row (the form a k-fold assignment is easiest to store, plot or hand to a reference library).
 *
 * @example
 * ```ts
 * import { foldsFromAssignment, testFoldOfRows } from "./fold.ts";
 * const folds = foldsFromAssignment(Int32Array.of(0, 1, 0, 1), 2);
 * folds[0]!.test; // Int32Array [0, 2]
 * testFoldOfRows(folds, 4); // Int32Array [0, 1, 0, 1]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";

/** One fold: the rows to train on and the rows to test on, each ascending and disjoint. */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * The k folds of an assignment `fold id per row` (ids in [0, k)): fold f tests the rows with id f and
 * trains on every other row. Rows with id −1 are in no fold (neither trained nor tested on).
 * @throws InputError when an id is not an integer in [−1, k)
 */
export function foldsFromAssignment(assignment: ArrayLike<number>, k: number): Fold[] {
  const n = assignment.length;
  const counts = new Int32Array(k);
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const f = assignment[i]!;
    if (!Number.isInteger(f) || f < -1 || f >= k) {
      throw new InputError(
        "assignment",
        `value at index ${i} is ${f}; expected a fold id in [0, ${k}) or -1`,
      );
    }
    if (f >= 0) counts[f]!++, assigned++;
  }
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test = new Int32Array(counts[f]!), train = new Int32Array(assigned - counts[f]!);
    let t = 0, r = 0;
    for (let i = 0; i < n; i++) {
      const a = assignment[i]!;
      if (a === f) test[t++] = i;
      else if (a >= 0) train[r++] = i;
    }
    folds.push({ train, test });
  }
  return folds;
}

/**
 * The fold whose test part holds each row, or −1 for a row no fold tests (e.g. the first rows of
 * time-series folds).
 * @throws InputError when a test index is outside [0, nRows) or a row is in two test parts
 */
export function testFoldOfRows(folds: readonly Fold[], nRows: number): Int32Array {
  const out = new Int32Array(nRows).fill(-1);
  folds.forEach((fold, f) => {
    for (const i of fold.test) {
      if (!(i >= 0 && i < nRows)) {
        throw new InputError("folds", `fold ${f} tests row ${i}, outside [0, ${nRows})`);
      }
      if (out[i] !== -1) throw new InputError("folds", `row ${i} is tested by folds ${out[i]} and ${f}`);
      out[i] = f;
    }
  });
  return out;
}
