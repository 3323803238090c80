/**
 * Temporal leave-last-N-out split: for every user, the N most recent interactions go to test and the
 * rest to train, so each user is evaluated on their own future.
 *
 * Ordering and ties (documented behaviour): a user's rows are ordered by timestamp ascending and, among
 * equal timestamps, by their position in the log (a stable order), so of two rows with the same
 * timestamp the later row in the log counts as more recent. The split is therefore a deterministic
 * function of the log, never of a sort's whims.
 *
 * Users with fewer than `n + minTrain` interactions keep all of them in train (they cannot be evaluated
 * without leaving them with too little history). For a validation set, split the train part again.
 *
 * @example
 * ```ts
 * import { makeInteractions } from "./interactions.ts";
 * import { temporalLeaveLastNOut } from "./temporal_split.ts";
 * const x = makeInteractions({ user: [0, 0, 0], item: [1, 2, 3], timestamp: [30, 10, 20] });
 * Array.from(temporalLeaveLastNOut(x, { n: 1 }).test.item); // [1] (timestamp 30 is the latest)
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { type Interactions, selectRows } from "./interactions.ts";

/** Options of {@link temporalLeaveLastNOut}. */
export interface TemporalSplitOptions {
  /** Interactions per user held out (default 1). */
  readonly n?: number;
  /** Interactions a user must keep in train to be split at all (default 1). */
  readonly minTrain?: number;
}

/** Train and test logs (same id spaces as the input); rows keep log order within each part. */
export interface TemporalSplit {
  readonly train: Interactions;
  readonly test: Interactions;
  /** Users with at least one test row, ascending. */
  readonly testUsers: Int32Array;
}

/** Splits each user's last `n` interactions (by timestamp, ties by log order) into test. */
export function temporalLeaveLastNOut(x: Interactions, options: TemporalSplitOptions = {}): TemporalSplit {
  const n = options.n ?? 1, minTrain = options.minTrain ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new InputError("n", `must be an integer >= 1, got ${n}`);
  if (!Number.isInteger(minTrain) || minTrain < 0) {
    throw new InputError("minTrain", `must be an integer >= 0, got ${minTrain}`);
  }
  const rows = x.user.length;
  if (rows === 0) throw new InputError("interactions", "the interaction log is empty");
  // Rows grouped by user (counting sort keeps log order), then each group sorted by (timestamp, row).
  const start = new Int32Array(x.nUsers + 1);
  for (let r = 0; r < rows; r++) start[x.user[r]! + 1]!++;
  for (let u = 0; u < x.nUsers; u++) start[u + 1]! += start[u]!;
  const fill = start.slice(0, x.nUsers), byUser = new Int32Array(rows);
  for (let r = 0; r < rows; r++) byUser[fill[x.user[r]!]!++] = r;
  const isTest = new Uint8Array(rows);
  const testUsers: number[] = [];
  for (let u = 0; u < x.nUsers; u++) {
    const a = start[u]!, b = start[u + 1]!;
    if (b - a < n + minTrain) continue;
    const seg = byUser.subarray(a, b).sort((p, q) => x.timestamp[p]! - x.timestamp[q]! || p - q);
    for (let j = seg.length - n; j < seg.length; j++) isTest[seg[j]!] = 1;
    testUsers.push(u);
  }
  const trainRows: number[] = [], testRows: number[] = [];
  for (let r = 0; r < rows; r++) (isTest[r] ? testRows : trainRows).push(r);
  return {
    train: selectRows(x, trainRows),
    test: selectRows(x, testRows),
    testUsers: Int32Array.from(testUsers),
  };
}
