/**
 * An implicit-feedback interaction log as typed columns: dense user and item indices, a rating (weight)
 * and a timestamp (epoch ms) per row. Row order is the log's order and is meaningful: it breaks ties
 * between equal timestamps (see `temporal_split.ts`).
 *
 * @example
 * ```ts
 * import { makeInteractions } from "./interactions.ts";
 * const x = makeInteractions({ user: [0, 0, 1], item: [2, 0, 2], timestamp: [10, 20, 15] });
 * x.nUsers; // 2
 * x.nItems; // 3
 * ```
 * @module
 */
import { InputError } from "../errors.ts";

/** Interactions of users with items. Columns have equal length; indices are dense in [0, nUsers) / [0, nItems). */
export interface Interactions {
  readonly user: Int32Array;
  readonly item: Int32Array;
  /** Strength of the interaction (1 for plain implicit feedback). */
  readonly rating: Float32Array;
  /** Epoch milliseconds (or any monotone time unit). */
  readonly timestamp: Float64Array;
  readonly nUsers: number;
  readonly nItems: number;
  /** Original user id of each dense index, when the log was loaded from external ids. */
  readonly userIds?: readonly string[];
  /** Original item id of each dense index, when the log was loaded from external ids. */
  readonly itemIds?: readonly string[];
}

/** Input of {@link makeInteractions}: columns as any numeric arrays. */
export interface InteractionColumns {
  readonly user: ArrayLike<number>;
  readonly item: ArrayLike<number>;
  readonly timestamp: ArrayLike<number>;
  /** Defaults to all ones. */
  readonly rating?: ArrayLike<number>;
  /** Defaults to max(user) + 1. */
  readonly nUsers?: number;
  /** Defaults to max(item) + 1. */
  readonly nItems?: number;
  readonly userIds?: readonly string[];
  readonly itemIds?: readonly string[];
}

/**
 * Validates and copies columns into an {@link Interactions}.
 * @throws InputError "interactions" for an empty log; naming the column and row for mismatched lengths,
 * non-integer or out-of-range indices, and NaN/±Infinity ratings or timestamps.
 */
export function makeInteractions(cols: InteractionColumns): Interactions {
  const n = cols.user.length;
  if (n === 0) throw new InputError("interactions", "the interaction log is empty");
  for (
    const [name, col] of [["item", cols.item], ["timestamp", cols.timestamp], [
      "rating",
      cols.rating,
    ]] as const
  ) {
    if (col !== undefined && col.length !== n) {
      throw new InputError(name, `length ${col.length} does not match "user" length ${n}`);
    }
  }
  const user = new Int32Array(n), item = new Int32Array(n);
  const rating = new Float32Array(n), timestamp = new Float64Array(n);
  let maxU = -1, maxI = -1;
  for (let r = 0; r < n; r++) {
    const u = cols.user[r]!, i = cols.item[r]!, t = cols.timestamp[r]!, w = cols.rating ? cols.rating[r]! : 1;
    if (!Number.isInteger(u) || u < 0) {
      throw new InputError("user", `row ${r}: index ${u}; expected an integer >= 0`);
    }
    if (!Number.isInteger(i) || i < 0) {
      throw new InputError("item", `row ${r}: index ${i}; expected an integer >= 0`);
    }
    if (!Number.isFinite(t)) throw new InputError("timestamp", `row ${r}: ${t}; expected a finite number`);
    if (!Number.isFinite(w)) throw new InputError("rating", `row ${r}: ${w}; expected a finite number`);
    user[r] = u;
    item[r] = i;
    timestamp[r] = t;
    rating[r] = w;
    if (u > maxU) maxU = u;
    if (i > maxI) maxI = i;
  }
  const nUsers = cols.nUsers ?? maxU + 1, nItems = cols.nItems ?? maxI + 1;
  if (!Number.isInteger(nUsers) || nUsers <= maxU) {
    throw new InputError("nUsers", `must be an integer > max user index ${maxU}, got ${nUsers}`);
  }
  if (!Number.isInteger(nItems) || nItems <= maxI) {
    throw new InputError("nItems", `must be an integer > max item index ${maxI}, got ${nItems}`);
  }
  if (cols.userIds && cols.userIds.length !== nUsers) {
    throw new InputError("userIds", `length ${cols.userIds.length}, expected ${nUsers}`);
  }
  if (cols.itemIds && cols.itemIds.length !== nItems) {
    throw new InputError("itemIds", `length ${cols.itemIds.length}, expected ${nItems}`);
  }
  return { user, item, rating, timestamp, nUsers, nItems, userIds: cols.userIds, itemIds: cols.itemIds };
}

/** The rows `rows` of `x` (in the given order), keeping the id spaces. */
export function selectRows(x: Interactions, rows: ArrayLike<number>): Interactions {
  const n = rows.length;
  const user = new Int32Array(n),
    item = new Int32Array(n),
    rating = new Float32Array(n),
    timestamp = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const r = rows[j]!;
    user[j] = x.user[r]!;
    item[j] = x.item[r]!;
    rating[j] = x.rating[r]!;
    timestamp[j] = x.timestamp[r]!;
  }
  return {
    user,
    item,
    rating,
    timestamp,
    nUsers: x.nUsers,
    nItems: x.nItems,
    userIds: x.userIds,
    itemIds: x.itemIds,
  };
}

/** Compressed rows: `indices[indptr[u] .. indptr[u+1])` are user u's distinct items, ascending. */
export interface Csr {
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
}

/** Distinct items per user (duplicates of a (user, item) pair collapse to one). */
export function userItemSets(x: Interactions): Csr {
  return buildCsr(x.nUsers, x.user, x.item);
}

/** Distinct users per item. */
export function itemUserSets(x: Interactions): Csr {
  return buildCsr(x.nItems, x.item, x.user);
}

function buildCsr(nRows: number, row: Int32Array, col: Int32Array): Csr {
  const count = new Int32Array(nRows + 1);
  for (let j = 0; j < row.length; j++) count[row[j]! + 1]!++;
  for (let r = 0; r < nRows; r++) count[r + 1]! += count[r]!;
  const fill = count.slice(0, nRows), raw = new Int32Array(row.length);
  for (let j = 0; j < row.length; j++) raw[fill[row[j]!]!++] = col[j]!;
  const indptr = new Int32Array(nRows + 1), out: number[] = [];
  for (let r = 0; r < nRows; r++) {
    const seg = raw.subarray(count[r]!, count[r + 1]!).sort();
    for (let j = 0; j < seg.length; j++) if (j === 0 || seg[j] !== seg[j - 1]) out.push(seg[j]!);
    indptr[r + 1] = out.length;
  }
  return { indptr, indices: Int32Array.from(out) };
}

/** Per-user relevant item sets (for the list-shaped ranking metrics); users without rows get an empty set. */
export function relevantSets(x: Interactions): Set<number>[] {
  const sets = Array.from({ length: x.nUsers }, () => new Set<number>());
  for (let r = 0; r < x.user.length; r++) sets[x.user[r]!]!.add(x.item[r]!);
  return sets;
}
