/**
 * The dispatch features in the feature registry, so that training (point-in-time retrieval) and serving
 * (the online store) read the same values the gold table holds.
 *
 * Every source is the gold table `gold_dispatch_offers` (build it with `buildDispatchGold` first): each
 * row holds the features as they were known just before `offered_at` (strictly earlier events only), so a
 * registry lookup at time T returns the value as of the entity's latest offer at or before T.
 *
 * - entity **driver** (`driver_id`): `acceptance_rate_7d`, `offers_7d`, `cancels_7d`; TTL 1 day (a driver
 *   without offers for a day has no fresh 7-day rate; serve NULL rather than a stale one);
 * - entity **driver_district** (`driver_district` = `"<driver_id>:<district>"`): `district_affinity`, the
 *   driver's smoothed share of past accepted pickups in that district; TTL 7 days;
 * - entity **offer** (`offer_id`): the request-time pair features `distance_to_pickup_km`, `price_per_km`,
 *   `trip_km`, `cod_amount_vnd` (known when the offer is made; no TTL).
 *
 * @example
 * ```ts
 * import { FeatureRegistry } from "../../features/mod.ts";
 * import { registerDispatchFeatures } from "./feature_defs.ts";
 * const registry = new FeatureRegistry();
 * registerDispatchFeatures(registry);
 * registry.get("acceptance_rate_7d").entity; // "driver"
 * ```
 * @module
 */
import type { FeatureDef } from "../../features/feature_def.ts";
import type { FeatureRegistry } from "../../features/registry.ts";

const DAY_MS = 86_400_000;
const OWNER = "dispatch";
const GOLD = "gold_dispatch_offers";

/** Source with the composite `driver_district` key (district of the offer's pickup). */
export const DRIVER_DISTRICT_SOURCE =
  `select g.driver_id::VARCHAR || ':' || o.pickup_district as driver_district, g.offered_at, g.district_affinity
   from gold_dispatch_offers g join silver_dispatch_orders o using (order_id)`;

/** Key of a (driver, district) pair in the `driver_district` entity. */
export function driverDistrictKey(driverId: number, district: string): string {
  return `${driverId}:${district}`;
}

const driver = (name: string, description: string): FeatureDef => ({
  name,
  entity: "driver",
  key: "driver_id",
  source: GOLD,
  timestamp: "offered_at",
  value: name,
  dtype: "DOUBLE",
  ttlMs: DAY_MS,
  description,
  owner: OWNER,
});

const offer = (name: string, description: string): FeatureDef => ({
  name,
  entity: "offer",
  key: "offer_id",
  source: GOLD,
  timestamp: "offered_at",
  value: name,
  dtype: "DOUBLE",
  description,
  owner: OWNER,
});

/** The dispatch feature definitions. */
export const DISPATCH_FEATURE_DEFS: readonly FeatureDef[] = [
  driver(
    "acceptance_rate_7d",
    "accepted / answered offers of the driver in the 7 days before the offer (answers known strictly " +
      "before it; the pre-log snapshot fills the window pro rata); NULL without history",
  ),
  driver("offers_7d", "offers the driver answered in the 7 days before the offer (count)"),
  driver("cancels_7d", "orders the driver cancelled after accepting, in the 7 days before the offer (count)"),
  {
    name: "district_affinity",
    entity: "driver_district",
    key: "driver_district",
    source: DRIVER_DISTRICT_SOURCE,
    timestamp: "offered_at",
    value: "district_affinity",
    dtype: "DOUBLE",
    ttlMs: 7 * DAY_MS,
    description: "(past accepted pickups in this district + 5·[home district]) / (past accepts + 5), " +
      "as of the driver's latest offer there",
    owner: OWNER,
  },
  offer("distance_to_pickup_km", "great-circle distance from the driver to the pickup when offered (km)"),
  offer("price_per_km", "fare / trip length of the order (VND per km); rain surge included"),
  offer("trip_km", "pickup-to-dropoff trip length (km)"),
  offer("cod_amount_vnd", "cash-on-delivery amount the driver must front (VND; 0 for prepaid)"),
];

/** Registers {@link DISPATCH_FEATURE_DEFS}; a name already registered → ConflictError. */
export function registerDispatchFeatures(registry: FeatureRegistry): void {
  for (const def of DISPATCH_FEATURE_DEFS) registry.register(def);
}
