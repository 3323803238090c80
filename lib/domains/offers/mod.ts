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
