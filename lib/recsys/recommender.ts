/**
 * The common shape of the recommenders compared in `evaluate.ts` (popularity, item-kNN, two-tower).
 * @module
 */
import { InputError } from "../errors.ts";
import type { Csr } from "./interactions.ts";

/** Anything that can produce ranked item lists for users. */
export interface Recommender {
  /** Name used in reports. */
  readonly name: string;
  /**
   * Top-k item indices per user (best first). Items listed for the user in `exclude` (typically their
   * train history) are skipped. Lists are shorter than k only when fewer items remain.
   */
  recommend(users: ArrayLike<number>, k: number, exclude?: Csr): number[][];
}

/** Validates k and user indices against a user count. */
export function checkRecommendArgs(users: ArrayLike<number>, k: number, nUsers: number): void {
  if (!Number.isInteger(k) || k < 1) throw new InputError("k", `must be an integer >= 1, got ${k}`);
  for (let j = 0; j < users.length; j++) {
    const u = users[j]!;
    if (!Number.isInteger(u) || u < 0 || u >= nUsers) {
      throw new InputError("users", `index ${u} at ${j} is outside [0, ${nUsers})`);
    }
  }
}

/** True when `item` is in the sorted row `u` of `csr` (binary search). */
export function csrHas(csr: Csr | undefined, u: number, item: number): boolean {
  if (csr === undefined || u + 1 >= csr.indptr.length) return false;
  let lo = csr.indptr[u]!, hi = csr.indptr[u + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1, v = csr.indices[mid]!;
    if (v === item) return true;
    if (v < item) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** Number of items of user u in `csr` (0 when absent). */
export function csrRowLength(csr: Csr | undefined, u: number): number {
  if (csr === undefined || u + 1 >= csr.indptr.length) return 0;
  return csr.indptr[u + 1]! - csr.indptr[u]!;
}
