/**
 * The pricing features in the feature registry (the spec's "feature store with point-in-time joins and
 * TTL, offline + online"), so that training (point-in-time retrieval) and serving (the online store, e.g.
 * the cached customer risk inputs) read the values the gold tables hold. Build the gold tables with
 * `buildPricingGold` first; each gold row holds the features as known just before its own time (strictly
 * earlier events), so a registry lookup at time T returns the value as of the entity's latest row at or
 * before T.
 *
 * - entity **bay** (`bay_id`, source `gold_pricing_demand`, time `bucket_start`): the 15-minute demand lags
 *   and rolling means; TTL 15 minutes (a bucket's lags are stale once the next bucket starts);
 * - entity **customer** (`customer_id`):
 *   - from `gold_pricing_conversion` (time `quoted_at`): `customer_quotes_30d`,
 *     `customer_booking_rate_30d`; TTL 1 day;
 *   - from `gold_pricing_risk` (time `booked_at`): the driving-behaviour and incident-history features of
 *     the risk model, prefixed `risk_`; TTL 30 days. That table only holds bookings whose 30-day label is
 *     complete, so its latest row per customer is at least 30 days before the end of the data: historical
 *     retrieval for training is exact, but online values served from it are up to 30 days old.
 *
 * @example
 * ```ts
 * import { FeatureRegistry } from "../../features/mod.ts";
 * import { registerPricingFeatures } from "./feature_defs.ts";
 * const registry = new FeatureRegistry();
 * registerPricingFeatures(registry);
 * registry.get("demand_lag_1").entity; // "bay"
 * ```
 * @module
 */
import type { FeatureDef } from "../../features/feature_def.ts";
import type { FeatureRegistry } from "../../features/registry.ts";

const MINUTE_MS = 60_000, DAY_MS = 86_400_000;
const OWNER = "pricing";

const bay = (name: string, column: string, description: string): FeatureDef => ({
  name,
  entity: "bay",
  key: "bay_id",
  source: "gold_pricing_demand",
  timestamp: "bucket_start",
  value: column,
  dtype: "DOUBLE",
  ttlMs: 15 * MINUTE_MS,
  description,
  owner: OWNER,
});

const quoteHistory = (name: string, description: string): FeatureDef => ({
  name,
  entity: "customer",
  key: "customer_id",
  source: "gold_pricing_conversion",
  timestamp: "quoted_at",
  value: name,
  dtype: "DOUBLE",
  ttlMs: DAY_MS,
  description,
  owner: OWNER,
});

const risk = (column: string, description: string): FeatureDef => ({
  name: `risk_${column}`,
  entity: "customer",
  key: "customer_id",
  source: "gold_pricing_risk",
  timestamp: "booked_at",
  value: column,
  dtype: "DOUBLE",
  ttlMs: 30 * DAY_MS,
  description,
  owner: OWNER,
});

/** The pricing feature definitions. */
export const PRICING_FEATURE_DEFS: readonly FeatureDef[] = [
  bay("demand_lag_1", "lag_1", "requests at the bay in the previous 15-minute bucket"),
  bay("demand_lag_4", "lag_4", "requests at the bay in the bucket one hour earlier"),
  bay("demand_lag_96", "lag_96", "requests at the bay in the same bucket one day earlier"),
  bay("demand_lag_672", "lag_672", "requests at the bay in the same bucket one week earlier"),
  bay(
    "demand_rolling_mean_4",
    "rolling_mean_4",
    "mean requests per bucket over the previous hour (4 buckets)",
  ),
  bay(
    "demand_rolling_mean_96",
    "rolling_mean_96",
    "mean requests per bucket over the previous day (96 buckets)",
  ),
  bay("demand_rolling_mean_672", "rolling_mean_672", "mean requests per bucket over the previous week"),
  bay("demand_trend_7d", "demand_trend_7d", "last week's mean requests per bucket minus the week before's"),
  quoteHistory("customer_quotes_30d", "price quotes the customer received in the 30 days before (count)"),
  quoteHistory(
    "customer_booking_rate_30d",
    "share of the customer's quotes in the previous 30 days that became bookings; NULL without quotes",
  ),
  risk("trips_30d", "trips the customer finished in the 30 days before the booking (count)"),
  risk("trips_90d", "trips the customer finished in the 90 days before the booking (count)"),
  risk("speed_violations_per_trip_30d", "speed violations per finished trip, previous 30 days"),
  risk("harsh_braking_per_trip_90d", "harsh-braking events per finished trip, previous 90 days"),
  risk("night_driving_pct_30d", "share of the previous 30 days' finished trips that were at night"),
  risk("km_30d", "km driven in trips finished in the previous 30 days"),
  risk("incidents_365d", "incidents of the customer in the 365 days before the booking (count)"),
  risk("claim_cost_365d", "claim cost of those incidents (EUR)"),
  risk("days_since_last_incident", "days from the customer's last incident to the booking; NULL if none"),
];

/** Registers {@link PRICING_FEATURE_DEFS}; a name already registered → ConflictError. */
export function registerPricingFeatures(registry: FeatureRegistry): void {
  for (const def of PRICING_FEATURE_DEFS) registry.register(def);
}
