/**
 * Grouped k-fold: all rows of a group (a query, a customer, a session) land in the same fold, so a model
 * is never tested on a group it saw in training. Groups come as an id per row (`{ ids }`, numbers or
 * strings, rows of a group anywhere) or as ranking query sizes (`{ querySizes }`, the rows of query q
 * contiguous, in order, as the GBDT's `groups`).
 *
 * Groups are ordered by first appearance, then shuffled (seeded) unless `shuffle` is false, and
 * - `balance: "groups"` (default): dealt round-robin, the group at position p of that order to fold
 *   p mod k, so folds hold ⌊G/k⌋ or ⌈G/k⌉ groups;
 * - `balance: "rows"`: taken largest first (stable in that order) and each put in the fold with the
 *   fewest rows so far (lowest fold on ties), scikit-learn's `GroupKFold` rule, for groups of very
 *   different sizes.
 *
 * @example
 * ```ts
 * import { groupKFold } from "./group_k_fold.ts";
 * const folds = groupKFold({ querySizes: [2, 3, 1, 2] }, { k: 2, seed: 5 });
 * folds[0]!.test.length + folds[1]!.test.length; // 8
 * groupKFold({ ids: ["a", "b", "a", "c"] }, { k: 3, shuffle: false })[0]!.test; // Int32Array [0, 2]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { checkK, checkShuffle, type ShuffleOptions, unitOrder } from "./_check.ts";
import { type Fold, foldsFromAssignment } from "./fold.ts";

/** Which rows belong together: a group id per row, or ranking query sizes. */
export type GroupSpec =
  | { readonly ids: ArrayLike<number> | readonly string[] }
  | { readonly querySizes: ArrayLike<number> };

/** Options of {@link groupKFold}. */
export interface GroupKFoldOptions extends ShuffleOptions {
  /** Balance the number of groups per fold (default) or the number of rows. */
  readonly balance?: "groups" | "rows";
}

/** Group index (0 … G−1, by first appearance) of each row, and the number of rows of each group. */
function groupOfRows(spec: GroupSpec): { groupOf: Int32Array; sizes: number[] } {
  if ("querySizes" in spec) {
    const qs = spec.querySizes;
    let n = 0;
    for (let q = 0; q < qs.length; q++) {
      const s = qs[q]!;
      if (!Number.isInteger(s) || s < 1) {
        throw new InputError("querySizes", `value at index ${q} is ${s}; expected an integer >= 1`);
      }
      n += s;
    }
    const groupOf = new Int32Array(n), sizes: number[] = [];
    let row = 0;
    for (let q = 0; q < qs.length; q++) {
      groupOf.fill(q, row, row + qs[q]!);
      row += qs[q]!;
      sizes.push(qs[q]!);
    }
    return { groupOf, sizes };
  }
  if (!("ids" in spec)) throw new InputError("groups", "must be { ids } or { querySizes }");
  const ids = spec.ids, index = new Map<number | string, number>(), sizes: number[] = [];
  const groupOf = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (typeof id === "number" ? Number.isNaN(id) : typeof id !== "string") {
      throw new InputError("ids", `value at index ${i} is ${id}; expected a group id (number or string)`);
    }
    let g = index.get(id);
    if (g === undefined) index.set(id, g = sizes.length), sizes.push(0);
    groupOf[i] = g;
    sizes[g]!++;
  }
  return { groupOf, sizes };
}

/**
 * Fold id of each row (see the module doc).
 * @throws InputError on bad ids or query sizes, fewer groups than k, or a bad `k`, `shuffle`, `seed` or
 *   `balance`
 */
export function groupKFoldAssignment(groups: GroupSpec, options: GroupKFoldOptions): Int32Array {
  const { groupOf, sizes } = groupOfRows(groups);
  const balance = options.balance ?? "groups";
  if (balance !== "groups" && balance !== "rows") {
    throw new InputError("balance", `must be "groups" or "rows", got ${JSON.stringify(balance)}`);
  }
  const G = sizes.length, k = options.k;
  checkK(k, G, "groups");
  checkShuffle(options);
  const order = unitOrder(G, options);
  const groupFold = new Int32Array(G);
  if (balance === "groups") {
    order.forEach((g, pos) => (groupFold[g] = pos % k));
  } else {
    const bySize = [...order].sort((a, b) => sizes[b]! - sizes[a]!); // stable: ties keep `order`
    const load = new Float64Array(k);
    for (const g of bySize) {
      let lightest = 0;
      for (let f = 1; f < k; f++) if (load[f]! < load[lightest]!) lightest = f;
      groupFold[g] = lightest;
      load[lightest]! += sizes[g]!;
    }
  }
  return Int32Array.from(groupOf, (g) => groupFold[g]!);
}

/** The k folds of {@link groupKFoldAssignment}. */
export function groupKFold(groups: GroupSpec, options: GroupKFoldOptions): Fold[] {
  return foldsFromAssignment(groupKFoldAssignment(groups, options), options.k);
}
