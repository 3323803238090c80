/**
 * The pricing domain: silver and gold feature SQL for the customer-risk classifier and the per-bay
 * 15-minute demand regressor (point-in-time correct).
 * @module
 */
export {
  buildGold,
  buildPricingGold,
  buildPricingSilver,
  DEMAND_CATEGORICAL_FEATURES,
  DEMAND_GOLD_SQL,
  DEMAND_NUMERIC_FEATURES,
  type GoldResult,
  PRICING_BRONZE_TABLES,
  PRICING_SILVER_SQL,
  RISK_CATEGORICAL_FEATURES,
  RISK_GOLD_SQL,
  RISK_NUMERIC_FEATURES,
} from "./features.ts";
