/**
 * The pricing domain: silver and gold feature SQL for the customer-risk classifier, the per-bay 15-minute
 * demand regressor and the price → booking (conversion) model, all point-in-time correct; the pricing
 * rules the simulator and the API share: the surge policy and demand surge (`surge.ts`) and the final price
 * formula with its risk bands (`price.ts`).
 * @module
 */
export {
  buildGold,
  buildPricingGold,
  type GoldResult,
  PRICING_MODELS,
  type PricingGoldOptions,
  type PricingModel,
} from "./features.ts";
export {
  buildPricingSilver,
  PRICING_BRONZE_TABLES,
  PRICING_SILVER_SQL,
  requirePricingBronze,
} from "./silver.ts";
export { RISK_CATEGORICAL_FEATURES, RISK_GOLD_SQL, RISK_KEYS, RISK_NUMERIC_FEATURES } from "./risk.ts";
export {
  DEMAND_CATEGORICAL_FEATURES,
  DEMAND_GOLD_SQL,
  DEMAND_KEYS,
  DEMAND_NUMERIC_FEATURES,
} from "./demand.ts";
export {
  CONVERSION_CATEGORICAL_FEATURES,
  CONVERSION_GOLD_SQL,
  CONVERSION_KEYS,
  CONVERSION_MONOTONE_CONSTRAINTS,
  CONVERSION_NUMERIC_FEATURES,
} from "./conversion.ts";
export { EVENT_BUCKETS_SQL, EVENT_RADIUS_KM } from "./events.ts";
export { PRICING_FEATURE_DEFS, registerPricingFeatures } from "./feature_defs.ts";
export { EVENT_NIGHT_CITY } from "./_event_night_city.ts";
export {
  clampSurge,
  demandSurge,
  isRushHour,
  RUSH_HOURS,
  SURGE_MAX,
  SURGE_MIN,
  SURGE_POLICY,
  surgeFactor,
} from "./surge.ts";
export {
  BASE_PRICE_PER_MIN,
  type PriceBreakdown,
  priceBreakdown,
  type PriceFactor,
  type PriceInput,
  PRICING_VEHICLE_TYPES,
  type PricingVehicleType,
  RISK_BAND_TABLE,
  RISK_BANDS,
  RISK_MULTIPLIER_MAX,
  RISK_MULTIPLIER_MIN,
  type RiskBand,
  riskBand,
  riskMultiplier,
  VEHICLE_RATE_PER_MIN,
  VEHICLE_TYPE_FACTOR,
} from "./price.ts";
