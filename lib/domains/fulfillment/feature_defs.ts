/**
 * The fulfillment features in the feature registry, so that training (point-in-time retrieval) and
 * serving (the online store) read the same values the gold table holds.
 *
 * Every source is the gold table `gold_fulfillment_shipments` (build it with `buildFulfillmentGold`
 * first): each row holds the features as they were known just before its `as_of` (outcomes known strictly
 * earlier), so a registry lookup at time T returns the segment's value as of its latest order at or
 * before T.
 *
 * - entities **warehouse_block**, **mode_of_shipment**, **product_importance**, **carrier_name** (keyed
 *   by the segment value) and **network** (key `"all"`): `segment_risk_30d_<segment>` and
 *   `segment_known_30d_<segment>`; the block also has `orders_7d_warehouse`. TTL 1 day: a segment without
 *   orders for a day serves NULL rather than a stale rate;
 * - entity **shipment** (`order_id`): the spec's request-time inputs (`customer_care_calls`, …,
 *   `weight_in_gms`, `gender`), no TTL.
 *
 * @example
 * ```ts
 * import { FeatureRegistry } from "../../features/mod.ts";
 * import { registerFulfillmentFeatures } from "./feature_defs.ts";
 * const registry = new FeatureRegistry();
 * registerFulfillmentFeatures(registry);
 * registry.get("segment_risk_30d_carrier").entity; // "carrier_name"
 * ```
 * @module
 */
import type { FeatureDef, FeatureDtype } from "../../features/feature_def.ts";
import type { FeatureRegistry } from "../../features/registry.ts";

const DAY_MS = 86_400_000;
const OWNER = "fulfillment";
const GOLD = "gold_fulfillment_shipments";

/** Source of the `network` entity: every gold row under the single key "all". */
export const NETWORK_SOURCE =
  `select 'all' as network, as_of, segment_risk_30d_all, segment_known_30d_all from ${GOLD}`;

const segmentNames: Record<string, { entity: string; words: string }> = {
  warehouse: { entity: "warehouse_block", words: "warehouse block" },
  mode: { entity: "mode_of_shipment", words: "shipping mode" },
  importance: { entity: "product_importance", words: "product importance level" },
  carrier: { entity: "carrier_name", words: "carrier" },
  all: { entity: "network", words: "whole network" },
};

function segmentDefs(segment: string): FeatureDef[] {
  const { entity, words } = segmentNames[segment]!;
  const base = {
    entity,
    key: entity,
    source: segment === "all" ? NETWORK_SOURCE : GOLD,
    timestamp: "as_of",
    ttlMs: DAY_MS,
    owner: OWNER,
  };
  return [
    {
      ...base,
      name: `segment_risk_30d_${segment}`,
      value: `segment_risk_30d_${segment}`,
      dtype: "DOUBLE",
      description: `share late among the ${words}'s shipments whose outcome became known in the 30 days ` +
        "before the order (delivery if on time, promised date if late); NULL when none",
    },
    {
      ...base,
      name: `segment_known_30d_${segment}`,
      value: `segment_known_30d_${segment}`,
      dtype: "INTEGER",
      description:
        `number of the ${words}'s shipment outcomes that became known in the 30 days before the order`,
    },
  ];
}

const shipment = (name: string, dtype: FeatureDtype, description: string): FeatureDef => ({
  name,
  entity: "shipment",
  key: "order_id",
  source: GOLD,
  timestamp: "as_of",
  value: name,
  dtype,
  description,
  owner: OWNER,
});

/** The fulfillment feature definitions. */
export const FULFILLMENT_FEATURE_DEFS: readonly FeatureDef[] = [
  ...["warehouse", "mode", "importance", "carrier", "all"].flatMap(segmentDefs),
  {
    name: "orders_7d_warehouse",
    entity: "warehouse_block",
    key: "warehouse_block",
    source: GOLD,
    timestamp: "as_of",
    value: "orders_7d_warehouse",
    dtype: "INTEGER",
    ttlMs: DAY_MS,
    description: "orders placed at the block in the 7 days before the order (its load)",
    owner: OWNER,
  },
  shipment("customer_care_calls", "INTEGER", "customer care calls about the shipment (CRM)"),
  shipment("customer_rating", "INTEGER", "customer satisfaction rating, 1–5 (CRM)"),
  shipment("cost_of_product", "INTEGER", "product cost in USD (pricing engine)"),
  shipment("prior_purchases", "INTEGER", "the customer's previous purchases (CRM)"),
  shipment("discount_offered", "INTEGER", "discount on the order in percent (pricing engine)"),
  shipment("weight_in_gms", "INTEGER", "parcel weight in grams (PIM)"),
  shipment("gender", "VARCHAR", "customer gender, F or M (CRM)"),
];

/** Registers {@link FULFILLMENT_FEATURE_DEFS}; a name already registered → ConflictError. */
export function registerFulfillmentFeatures(registry: FeatureRegistry): void {
  for (const def of FULFILLMENT_FEATURE_DEFS) registry.register(def);
}
