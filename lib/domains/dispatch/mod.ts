/**
 * The dispatch domain: silver and gold feature SQL for offer acceptance (point-in-time correct), and the
 * dispatch rules (eligibility, offer radius, business rules after ranking) that the simulator and the API
 * both apply.
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
export {
  DISPATCH_RULE_NAMES,
  type DispatchRuleName,
  type DriverId,
  filterCandidates,
  type HasDriverId,
  type Removal,
  type RuleResult,
} from "./rule.ts";
export {
  checkServiceType,
  COMPATIBLE_VEHICLES,
  type EligibilityCandidate,
  type EligibilityOrder,
  REQUIRED_SERVICE_LEVEL,
  SERVICE_LEVELS,
  SERVICE_TYPES,
  type ServiceLevel,
  serviceLevelAllows,
  serviceLevelRule,
  type ServiceType,
  VEHICLE_TYPES,
  vehicleCompatible,
  type VehicleType,
  vehicleTypeRule,
} from "./eligibility.ts";
export {
  MAX_OFFER_RADIUS_KM,
  MIN_CANDIDATES,
  OFFER_RADII_KM,
  offerRadiusKm,
  offerRadiusRule,
  type RadiusCandidate,
  type RadiusResult,
} from "./offer_radius.ts";
export {
  type BusinessCandidate,
  type BusinessOrder,
  CANCEL_RATE_BAN,
  cancelledRecently,
  cancelRate,
  cancelRateBanRule,
  FRAUD_SPEED_KMH,
  fraudSpeedRule,
  isBannedForCancellations,
  isFraudSpeed,
  RECENT_CANCEL_MS,
  recentCancelRule,
} from "./business_rules.ts";
export {
  businessRules,
  DISPATCH_RULES,
  type RetrievalResult,
  retrievalRules,
  type RuleStage,
} from "./rules.ts";
