/**
 * item2vec as a {@link Recommender} over an interaction log, for candidate generation (e.g. the offers
 * problem's "similar to what you bought" strategy): each user's query is their train history (the
 * distinct items of the log, as item indices), scored by {@link Item2VecModel.recommend} (cosine to the
 * mean of the history's unit vectors); the user's own history items are never recommended. Items the
 * model has no vector for are skipped; a user with no
 * known history item (cold start) — and any list left short — is filled with the most popular train
 * items not excluded, so lists always have k items when the catalogue allows.
 *
 * @example
 * ```ts
 * import { makeInteractions, sessionsOf } from "../../recsys/mod.ts";
 * import { fitItem2Vec } from "./fit.ts";
 * import { Item2VecRecommender } from "./recommender.ts";
 * const log = makeInteractions({ user: [0, 0, 1, 1, 2], item: [0, 1, 0, 1, 2], timestamp: [1, 1, 2, 2, 3] });
 * const model = fitItem2Vec(sessionsOf(log), { params: { dim: 4, epochs: 5 }, seed: 1 });
 * new Item2VecRecommender(model, log).recommend([2], 2)[0]!.length; // 2
 * ```
 * @module
 */
import { type Csr, type Interactions, userItemSets } from "../../recsys/interactions.ts";
import { PopularityRecommender } from "../../recsys/popularity.ts";
import { checkRecommendArgs, csrHas, type Recommender } from "../../recsys/recommender.ts";
import type { Item2VecModel } from "./model.ts";

/** item2vec candidates for the users of a log. */
export class Item2VecRecommender implements Recommender {
  readonly name = "item2vec";
  readonly #history: Csr;
  readonly #popular: PopularityRecommender;
  readonly #nUsers: number;

  constructor(readonly model: Item2VecModel, train: Interactions) {
    this.#history = userItemSets(train);
    this.#popular = new PopularityRecommender(train);
    this.#nUsers = train.nUsers;
  }

  /** Top-k per user from the history's mean vector, skipping `exclude`; popularity fills. */
  recommend(users: ArrayLike<number>, k: number, exclude?: Csr): number[][] {
    checkRecommendArgs(users, k, this.#nUsers);
    const h = this.#history;
    return Array.from(users, (u) => {
      const basket = Array.from(h.indices.subarray(h.indptr[u]!, h.indptr[u + 1]!)).filter((i) =>
        this.model.has(i)
      );
      const list: number[] = [];
      if (basket.length > 0) {
        // Ask for enough that excluded items (outside the history) cannot leave the list short.
        const extra = exclude ? exclude.indptr[u + 1]! - exclude.indptr[u]! : 0;
        const near = this.model.recommend(basket, Math.min(k + extra, this.model.itemIds.length));
        for (const i of near.items) {
          if (list.length >= k) break;
          if (!csrHas(exclude, u, i)) list.push(i);
        }
      }
      if (list.length < k) {
        const have = new Set(list);
        for (const i of this.#popular.order) {
          if (list.length >= k) break;
          if (!have.has(i) && !csrHas(exclude, u, i) && !csrHas(h, u, i)) list.push(i);
        }
      }
      return list;
    });
  }
}
