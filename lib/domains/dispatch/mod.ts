/**
 * The dispatch domain: silver and gold feature SQL for offer acceptance (point-in-time correct).
 * @module
 */
export {
  buildDispatchGold,
  buildDispatchSilver,
  buildGold,
  DISPATCH_BRONZE_TABLES,
  DISPATCH_CATEGORICAL_FEATURES,
  DISPATCH_GOLD_SQL,
  DISPATCH_NUMERIC_FEATURES,
  DISPATCH_SILVER_SQL,
  type GoldResult,
} from "./features.ts";
export {
  DISPATCH_FEATURE_DEFS,
  DRIVER_DISTRICT_SOURCE,
  driverDistrictKey,
  registerDispatchFeatures,
} from "./feature_defs.ts";
export { REFERENCE_DISPATCH_GOLD_SQL } from "./_reference_gold.ts";
