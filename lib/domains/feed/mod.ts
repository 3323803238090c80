/**
 * The feed domain (spec 004): silver/gold feature SQL with strictly-before point-in-time counts.
 * @module
 */
export {
  buildFeedGold,
  buildFeedSilver,
  buildGold,
  FEED_BRONZE_TABLES,
  FEED_CATEGORICAL_FEATURES,
  FEED_NUMERIC_FEATURES,
  type FeedGoldOptions,
} from "./features.ts";
export type { GoldResult } from "../gold.ts";
export { FEED_FEATURE_DEFS, registerFeedFeatures } from "./feature_defs.ts";
