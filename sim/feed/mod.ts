/**
 * The feed simulator (spec 004) and its declared world.
 * @module
 */
export { FEED_SCENARIOS, type FeedOptions, feedSimulator } from "./simulator.ts";
export { FEED_GRAPH } from "./graph.ts";
export {
  CLICK_MODEL,
  COLD_START,
  FEED_SIZES,
  type FeedSizes,
  LATENT_DIM,
  resolveFeedSizes,
} from "./params.ts";
