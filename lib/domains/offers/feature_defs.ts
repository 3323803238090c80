/**
 * The offers features in the feature registry, read from the sources of `snapshots.ts`
 * (`buildOffersFeatureSnapshots`). A snapshot stamped `as_of_ts` holds values computed from orders strictly
 * before it, so a lookup at time T (latest snapshot at or before T) never sees an event after T.
 *
 * - entity **customer** (`customer_id`): RFM (`recency_days`, `frequency_90d`, `monetary_90d`),
 *   `avg_basket_size`, `promo_affinity`, `avg_discount_depth`, `category_entropy`; TTL 8 days (weekly
 *   snapshots plus a day of slack: an older snapshot is missing, not silently stale);
 * - entity **customer_category** (`"<customer_id>:<category>"`): `category_affinity_score`,
 *   `days_since_category_purchase`; TTL 8 days;
 * - entity **customer_offer** (`"<customer_id>:<offer_id>"`): `customer_offer_impressions`,
 *   `customer_offer_redemptions` (running counts from the event stream; no TTL).
 *
 * @example
 * ```ts
 * import { FeatureRegistry } from "../../features/mod.ts";
 * import { registerOffersFeatures } from "./feature_defs.ts";
 * const registry = new FeatureRegistry();
 * registerOffersFeatures(registry);
 * registry.get("promo_affinity").entity; // "customer"
 * ```
 * @module
 */
import type { FeatureDef } from "../../features/feature_def.ts";
import type { FeatureRegistry } from "../../features/registry.ts";
import { OFFERS_SNAPSHOT_TABLES } from "./snapshots.ts";

const DAY_MS = 86_400_000;
const OWNER = "offers";

const customer = (name: string, description: string): FeatureDef => ({
  name,
  entity: "customer",
  key: "customer_id",
  source: OFFERS_SNAPSHOT_TABLES.customer,
  timestamp: "as_of_ts",
  value: name,
  dtype: "DOUBLE",
  ttlMs: 8 * DAY_MS,
  description,
  owner: OWNER,
});

const customerCategory = (name: string, description: string): FeatureDef => ({
  name,
  entity: "customer_category",
  key: "customer_category",
  source: OFFERS_SNAPSHOT_TABLES.customerCategory,
  timestamp: "as_of_ts",
  value: name,
  dtype: "DOUBLE",
  ttlMs: 8 * DAY_MS,
  description,
  owner: OWNER,
});

const customerOffer = (name: string, description: string): FeatureDef => ({
  name,
  entity: "customer_offer",
  key: "customer_offer",
  source: OFFERS_SNAPSHOT_TABLES.customerOffer,
  timestamp: "ts",
  value: name,
  dtype: "DOUBLE",
  description,
  owner: OWNER,
});

/** The offers feature definitions. */
export const OFFERS_FEATURE_DEFS: readonly FeatureDef[] = [
  customer("recency_days", "RFM recency: days from the customer's last order to the snapshot time"),
  customer("frequency_90d", "RFM frequency: orders in the 90 days before the snapshot (count)"),
  customer("monetary_90d", "RFM monetary: total amount of those orders (currency units)"),
  customer("avg_basket_size", "mean items per order over the customer's history"),
  customer("promo_affinity", "share of the customer's order lines bought on promotion (0–1)"),
  customer(
    "avg_discount_depth",
    "mean discount depth of the customer's promo lines (0–1; 0 without promo lines)",
  ),
  customer("category_entropy", "Shannon entropy (nats) of the customer's order lines over the 20 categories"),
  customerCategory(
    "category_affinity_score",
    "share of the customer's order lines in this category (0–1) — customer × offer-category interaction",
  ),
  customerCategory("days_since_category_purchase", "days since the customer last bought in this category"),
  customerOffer("customer_offer_impressions", "times this offer was shown to this customer so far"),
  customerOffer("customer_offer_redemptions", "times this customer redeemed this offer so far"),
];

/** Key of a (customer, category) pair in the `customer_category` entity. */
export function customerCategoryKey(customerId: number, category: string): string {
  return `${customerId}:${category}`;
}

/** Key of a (customer, offer) pair in the `customer_offer` entity. */
export function customerOfferKey(customerId: number, offerId: number): string {
  return `${customerId}:${offerId}`;
}

/** Registers {@link OFFERS_FEATURE_DEFS}; a name already registered → ConflictError. */
export function registerOffersFeatures(registry: FeatureRegistry): void {
  for (const def of OFFERS_FEATURE_DEFS) registry.register(def);
}
