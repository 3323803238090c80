/**
 * item2vec: skip-gram with negative sampling over baskets or sessions (plain TypeScript typed arrays,
 * seeded, bit-reproducible), and nearest-neighbour items for candidate generation.
 *
 * @example
 * ```ts
 * import { fitItem2Vec } from "./mod.ts";
 * const model = fitItem2Vec([[1, 2, 3], [2, 3, 1], [7, 8], [8, 9, 7]], { params: { dim: 8, epochs: 50 }, seed: 1 });
 * model.recommend([1, 2], 2).items; // nearest items to the basket, excluding 1 and 2
 * ```
 * @module
 */
export { fitItem2Vec, type FitItem2VecOptions } from "./fit.ts";
export {
  ITEM2VEC_FORMAT_VERSION,
  type Item2VecFitInfo,
  Item2VecModel,
  type Item2VecModelJSON,
  type ItemNeighbors,
} from "./model.ts";
export { type Neighbors, normalizeRows, topKCosine } from "./neighbors.ts";
export {
  DEFAULT_ITEM2VEC_PARAMS,
  type Item2VecParams,
  resolveItem2VecParams,
  validateItem2VecParams,
} from "./params.ts";
export { item2vecCodec, loadItem2Vec, saveItem2Vec } from "./persist.ts";
export { type FlatSessions, type SgnsResult, trainSgns, unigramTable } from "./sgns.ts";
export { Item2VecRecommender } from "./recommender.ts";
