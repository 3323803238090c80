/**
 * Features: definitions and the registry, point-in-time historical retrieval for training, and the
 * online store (in-memory or Redis) for serving.
 * @module
 */
export { FEATURE_DTYPES, validateFeatureDef } from "./feature_def.ts";
export type { FeatureDef, FeatureDtype } from "./feature_def.ts";
export { FeatureRegistry, similarNames } from "./registry.ts";
export {
  DEFAULT_TIME_COLUMN,
  getHistoricalFeatures,
  groupFeatures,
  historicalFeaturesSql,
} from "./historical.ts";
export type { FeatureGroup, HistoricalOptions } from "./historical.ts";
export { getOnlineFeatures, materializeOnline } from "./online.ts";
export type { MaterializeOptions, MaterializeResult } from "./online.ts";
export { InMemoryOnlineStore } from "./online_store.ts";
export type { Clock, FeatureRow, FeatureValue, OnlineEntry, OnlineStore } from "./online_store.ts";
export { RedisOnlineStore } from "./redis_store.ts";
export type { RedisStoreOptions } from "./redis_store.ts";
export { createOnlineStore } from "./create_store.ts";
export type { CreateStoreOptions } from "./create_store.ts";
