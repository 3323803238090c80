/**
 * The offers domain (spec 003): silver/gold feature SQL, point in time.
 * @module
 */
export {
  buildGold,
  buildOffersGold,
  buildOffersSilver,
  type GoldResult,
  OFFERS_BRONZE_TABLES,
  OFFERS_CATEGORICAL_FEATURES,
  OFFERS_NUMERIC_FEATURES,
  type OffersGoldOptions,
  timestampLiteral,
} from "./features.ts";
export { customerCategorySql, customerFeaturesSql } from "./customer_features.ts";
export {
  buildOffersFeatureSnapshots,
  OFFERS_SNAPSHOT_TABLES,
  type OffersSnapshotOptions,
  type OffersSnapshotResult,
} from "./snapshots.ts";
export {
  customerCategoryKey,
  customerOfferKey,
  OFFERS_FEATURE_DEFS,
  registerOffersFeatures,
} from "./feature_defs.ts";
