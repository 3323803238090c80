/**
 * Fulfillment simulator (spec 002): shipments with the Kaggle "E-Commerce Shipping Data" schema and the
 * spec's enriched schema, a declared delay mechanism, a streaming micro-batch mode, and the carrier
 * disruption scenario.
 * @module
 */
export {
  disruptionWindow,
  ENRICHED_COLUMNS,
  type FulfillmentOptions,
  fulfillmentSimulator,
  KAGGLE_COLUMNS,
} from "./simulator.ts";
export { type FulfillmentBatch, streamFulfillment, type StreamOptions } from "./stream.ts";
export { FULFILLMENT_GRAPH } from "./graph.ts";
export {
  baseLogit,
  delayLogit,
  delayProbability,
  EFFECTS,
  isMidWeight,
  type ShipmentInputs,
  sigmoid,
} from "./mechanism.ts";
export { type Covariates, drawCovariates, normalCdf } from "./covariates.ts";
export {
  CARRIERS,
  DISRUPTION,
  FULFILLMENT_SCENARIOS,
  FULFILLMENT_SIZES,
  type FulfillmentSizes,
  GENDERS,
  IMPORTANCE,
  MODES,
  ORDER_STATUS,
  PAYMENT_STATUS,
  PROMISE_DAYS,
  resolveSizes,
  WAREHOUSES,
} from "./params.ts";
export { tableCsv, writeFulfillmentCsv } from "./csv.ts";
