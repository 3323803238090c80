/**
 * The offers simulator (spec 003) and its declared world.
 * @module
 */
export { OFFERS_SCENARIOS, type OffersOptions, offersSimulator } from "./simulator.ts";
export { OFFERS_GRAPH } from "./graph.ts";
export { BLACK_FRIDAY, buildCalendar, type Calendar, OFFERS_START_MS } from "./calendar.ts";
export {
  CATEGORIES,
  OFFERS_SIZES,
  type OffersSizes,
  REDEMPTION,
  resolveSizes,
  type Segment,
  SEGMENT_PROFILES,
  SEGMENTS,
} from "./params.ts";
