/**
 * Item-kNN baseline (Deshpande & Karypis style) on the binary user × item matrix of the train log.
 *
 *   sim(i, j) = |U(i) ∩ U(j)| / (sqrt(|U(i)|·|U(j)|) + shrink)       (cosine, optional shrinkage)
 *   score(u, i) = Σ_{j ∈ H(u)} sim(i, j)  over the `neighbours` most similar items of each j
 *
 * H(u) is the user's distinct train items. The neighbour lists are built by `item_neighbours.ts`
 * (co-occurrence by user, heap or native-key top-k; equal to the plain `_reference_item_knn.ts`). Items are ranked by score (ties: lower index); lists with
 * fewer than k scored items are filled with the most popular remaining items, so every method is
 * judged on full lists.
 *
 * Time-aware variant (`popularityHalfLife`): the score is multiplied by the item's recency-decayed
 * popularity (see {@link PopularityRecommender}, same half-life; items without recent interactions fade
 * out), and the fill uses the decayed order too. On a feed where clicks favour fresh items this is the
 * fair item-kNN counterpart of a model given the query time: "similar to what you clicked, and
 * trending now".
 *
 * @example
 * ```ts
 * import { makeInteractions } from "./interactions.ts";
 * import { ItemKnnRecommender } from "./item_knn.ts";
 * // users 0 and 1 both have items 0 and 1; user 2 has item 0 only → item 1 is its neighbour.
 * const x = makeInteractions({ user: [0, 0, 1, 1, 2], item: [0, 1, 0, 1, 0], timestamp: [1, 2, 3, 4, 5], nItems: 3 });
 * new ItemKnnRecommender(x).recommend([2], 1); // [[1]]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { type Csr, type Interactions, itemUserSets, userItemSets } from "./interactions.ts";
import { buildItemNeighbours } from "./item_neighbours.ts";
import { PopularityRecommender } from "./popularity.ts";
import { checkRecommendArgs, csrHas, type Recommender } from "./recommender.ts";

/** Options of {@link ItemKnnRecommender}. */
export interface ItemKnnOptions {
  /** Neighbours kept per item (default 100). */
  readonly neighbours?: number;
  /** Shrinkage added to the cosine denominator (default 0). */
  readonly shrink?: number;
  /**
   * Multiply each score by the item's recency-decayed popularity with this half-life (same unit as the
   * timestamps, > 0); omitted → plain kNN scores.
   */
  readonly popularityHalfLife?: number;
}

/** Item-based collaborative filtering. */
export class ItemKnnRecommender implements Recommender {
  readonly name: string;
  /** Neighbour lists: `neighbourIds[nbStart[i] .. nbStart[i+1])`, most similar first, with `neighbourSims`. */
  readonly nbStart: Int32Array;
  readonly neighbourIds: Int32Array;
  readonly neighbourSims: Float32Array;
  readonly #history: Csr;
  readonly #popular: PopularityRecommender;
  /** Per-item score multiplier (recency-decayed popularity), or null. */
  readonly #itemWeight: Float64Array | null;
  readonly #nItems: number;
  readonly #nUsers: number;

  constructor(train: Interactions, options: ItemKnnOptions = {}) {
    const m = options.neighbours ?? 100, shrink = options.shrink ?? 0;
    if (!Number.isInteger(m) || m < 1) {
      throw new InputError("neighbours", `must be an integer >= 1, got ${m}`);
    }
    if (!(shrink >= 0)) throw new InputError("shrink", `must be >= 0, got ${shrink}`);
    const h = options.popularityHalfLife;
    if (h !== undefined && !(h > 0 && Number.isFinite(h))) {
      throw new InputError("popularityHalfLife", `must be a finite number > 0, got ${h}`);
    }
    this.name = h === undefined ? "item-knn" : "item-knn × recency-decayed popularity";
    this.#itemWeight = h === undefined ? null : new PopularityRecommender(train, { halfLife: h }).counts;
    this.#nItems = train.nItems;
    this.#nUsers = train.nUsers;
    this.#history = userItemSets(train);
    this.#popular = new PopularityRecommender(train, h === undefined ? {} : { halfLife: h });
    const nb = buildItemNeighbours(itemUserSets(train), this.#history, m, shrink);
    this.nbStart = nb.nbStart;
    this.neighbourIds = nb.ids;
    this.neighbourSims = nb.sims;
  }

  /** Scores of every item for user u (0 where no neighbour path exists), times the item weight if any. */
  scoresFor(u: number): Float64Array {
    const s = new Float64Array(this.#nItems), h = this.#history;
    for (let b = h.indptr[u]!; b < h.indptr[u + 1]!; b++) {
      const j = h.indices[b]!;
      for (let a = this.nbStart[j]!; a < this.nbStart[j + 1]!; a++) {
        s[this.neighbourIds[a]!]! += this.neighbourSims[a]!;
      }
    }
    const w = this.#itemWeight;
    if (w) { for (let i = 0; i < s.length; i++) s[i]! *= w[i]!; }
    return s;
  }

  /** Top-k by kNN score, then popular items to fill. */
  recommend(users: ArrayLike<number>, k: number, exclude?: Csr): number[][] {
    checkRecommendArgs(users, k, this.#nUsers);
    const out: number[][] = [];
    for (let j = 0; j < users.length; j++) {
      const u = users[j]!, s = this.scoresFor(u);
      const cand: number[] = [];
      for (let i = 0; i < s.length; i++) if (s[i]! > 0 && !csrHas(exclude, u, i)) cand.push(i);
      cand.sort((a, b) => s[b]! - s[a]! || a - b);
      const list = cand.slice(0, k);
      if (list.length < k) {
        const have = new Set(list);
        for (const i of this.#popular.order) {
          if (list.length >= k) break;
          if (!have.has(i) && !csrHas(exclude, u, i)) list.push(i);
        }
      }
      out.push(list);
    }
    return out;
  }
}
