/**
 * Recommender-system plumbing shared by the neural and classical recommenders: interaction logs
 * (typed columns, CSV loader, sessions), the temporal leave-last-N-out split, popularity and item-kNN baselines,
 * and the evaluation (Recall@5/10/50, NDCG@10, MRR, coverage) built on `lib/metrics`.
 *
 * @example
 * ```ts
 * import { evaluateRecommender, parseInteractionsCsv, PopularityRecommender, temporalLeaveLastNOut } from "./mod.ts";
 * const log = parseInteractionsCsv("user,item,rating,timestamp\na,x,1,1\na,y,1,2\nb,x,1,1\nb,y,1,3\n");
 * const split = temporalLeaveLastNOut(log, { n: 1 });
 * evaluateRecommender(new PopularityRecommender(split.train), split).recallAt5; // 1
 * ```
 * @module
 */
export {
  type Csr,
  type InteractionColumns,
  type Interactions,
  itemUserSets,
  makeInteractions,
  relevantSets,
  selectRows,
  userItemSets,
} from "./interactions.ts";
export {
  type InteractionsCsvOptions,
  loadInteractionsCsv,
  parseInteractionsCsv,
  splitCsvLine,
} from "./csv.ts";
export { temporalLeaveLastNOut, type TemporalSplit, type TemporalSplitOptions } from "./temporal_split.ts";
export { sessionsOf } from "./sessions.ts";
export { checkRecommendArgs, csrHas, type Recommender } from "./recommender.ts";
export { type PopularityOptions, PopularityRecommender } from "./popularity.ts";
export { type ItemKnnOptions, ItemKnnRecommender } from "./item_knn.ts";
export { buildItemNeighbours, type ItemNeighbours } from "./item_neighbours.ts";
/** The plain neighbour build `buildItemNeighbours` is checked against (for benchmarks and tests). */
export { referenceItemNeighbours } from "./_reference_item_knn.ts";
export { EVAL_LIST_LENGTH, evaluateRecommender, metricsOfLists, type RecsysMetrics } from "./evaluate.ts";
export { averageRanks, pearson, spearman } from "./correlation.ts";
export { type FrameInteractionOptions, interactionsFromFrame } from "./frame.ts";
