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
import type { Csr, Interactions } from "./interactions.ts";
import { checkRecommendArgs, csrHas, type Recommender } from "./recommender.ts";

/** Most-popular-items recommender. */
export class PopularityRecommender implements Recommender {
  readonly name = "popularity";
  /** Summed rating per item over the train log. */
  readonly counts: Float64Array;
  /** All items, most popular first (ties: lower index first). */
  readonly order: Int32Array;
  readonly #nUsers: number;

  constructor(train: Interactions) {
    this.counts = new Float64Array(train.nItems);
    for (let r = 0; r < train.item.length; r++) this.counts[train.item[r]!]! += train.rating[r]!;
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
