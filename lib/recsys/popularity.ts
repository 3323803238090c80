/**
 * Popularity baseline: every user gets the items with the most train interactions (summed rating),
 * skipping items they already have. Ties rank by lower item index.
 *
 * @example
 * ```ts
 * import { makeInteractions } from "./interactions.ts";
 * import { PopularityRecommender } from "./popularity.ts";
 * const x = makeInteractions({ user: [0, 1, 1], item: [2, 2, 0], timestamp: [1, 2, 3], nItems: 3 });
 * new PopularityRecommender(x).recommend([0], 2); // [[2, 0]]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { Csr, Interactions } from "./interactions.ts";
import { checkRecommendArgs, csrHas, type Recommender } from "./recommender.ts";

/** Options of {@link PopularityRecommender}. */
export interface PopularityOptions {
  /**
   * Recency decay: each interaction counts `rating · 2^(−(tMax − t) / halfLife)` where tMax is the
   * latest train timestamp (same unit as the timestamps). Omitted → plain counts.
   */
  readonly halfLife?: number;
}

/** Most-popular-items recommender (optionally recency-decayed). */
export class PopularityRecommender implements Recommender {
  readonly name: string;
  /** Summed (decayed) rating per item over the train log. */
  readonly counts: Float64Array;
  /** All items, most popular first (ties: lower index first). */
  readonly order: Int32Array;
  readonly #nUsers: number;

  constructor(train: Interactions, options: PopularityOptions = {}) {
    const h = options.halfLife;
    if (h !== undefined && !(h > 0 && Number.isFinite(h))) {
      throw new InputError("halfLife", `must be a finite number > 0, got ${h}`);
    }
    this.name = h === undefined ? "popularity" : "popularity (recency-decayed)";
    this.counts = new Float64Array(train.nItems);
    let tMax = -Infinity;
    for (let r = 0; r < train.timestamp.length; r++) tMax = Math.max(tMax, train.timestamp[r]!);
    for (let r = 0; r < train.item.length; r++) {
      const decay = h === undefined ? 1 : Math.pow(2, -(tMax - train.timestamp[r]!) / h);
      this.counts[train.item[r]!]! += train.rating[r]! * decay;
    }
    const c = this.counts;
    this.order = Int32Array.from({ length: train.nItems }, (_, i) => i).sort((a, b) =>
      c[b]! - c[a]! || a - b
    );
    this.#nUsers = train.nUsers;
  }

  /** The k most popular items not excluded for each user. */
  recommend(users: ArrayLike<number>, k: number, exclude?: Csr): number[][] {
    checkRecommendArgs(users, k, this.#nUsers);
    return Array.from({ length: users.length }, (_, j) => this.topFor(users[j]!, k, exclude));
  }

  /** The k most popular items not in row `u` of `exclude` (u may be any row index, e.g. a new user's). */
  topFor(u: number, k: number, exclude?: Csr): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.order.length && out.length < k; r++) {
      const i = this.order[r]!;
      if (!csrHas(exclude, u, i)) out.push(i);
    }
    return out;
  }
}
