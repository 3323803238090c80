/**
 * Fulfillment features in DuckDB SQL (spec 002).
 *
 * Silver:
 * - `silver_fulfillment_shipments`: the Kaggle table typed, renamed to snake_case once here
 *   (`ID` → `id`, `Cost_of_the_Product` → `cost_of_product`, `Reached.on.Time_Y.N` → `late`, …),
 *   deduplicated by id;
 * - `silver_fulfillment_orders`: the enriched orders typed (epoch ms → TIMESTAMP), deduplicated by
 *   `order_id`, with the label `late` from the Kaggle table and `label_known_at`, the moment the label
 *   became observable: the delivery when on time, the promised date when late (a parcel not delivered by
 *   its promise is known to be late from then on); NULL while an on-time parcel is still in transit.
 *
 * Gold (`gold_fulfillment_shipments`): one row per order, as of its `order_date`, with the ten model
 * features of the spec, the carrier, and point-in-time aggregates that only use outcomes whose
 * `label_known_at` is strictly before the row's as-of time:
 * - `segment_risk_30d_<segment>` = late / known among outcomes that became known in
 *   [as_of − 30 d, as_of), per warehouse block, shipping mode, product importance, carrier and overall
 *   (NULL when none became known), and `segment_known_30d_<segment>` = that number of outcomes;
 * - `orders_7d_warehouse` = orders placed at the same block in [as_of − 7 d, as_of) (its load).
 * Windows are computed with cumulative sums and ASOF joins (`as_of > t`), so ties at the as-of time and
 * anything later never enter a row. `payment_status` and `order_status` are snapshot fields downstream of
 * the outcome and are not features.
 *
 * @example
 * ```ts ignore
 * const gold = await buildFulfillmentGold(db);
 * const frame = await db.query(`select * from ${gold.table}`);
 * ```
 * @module
 */
import type { Db } from "../../data/db.ts";
import { msToTimestamp as ts, requireBronze } from "../bronze.ts";
import { describeGold, type GoldResult } from "../gold.ts";

export type { GoldResult };

/** Bronze tables the fulfillment features read (`bronze_fulfillment_<name>`). */
export const FULFILLMENT_BRONZE_TABLES = ["shipments", "orders"] as const;

/** Segments of the rolling risk: name → silver column (null = all orders). */
export const RISK_SEGMENTS: readonly { readonly name: string; readonly column: string | null }[] = [
  { name: "warehouse", column: "warehouse_block" },
  { name: "mode", column: "mode_of_shipment" },
  { name: "importance", column: "product_importance" },
  { name: "carrier", column: "carrier_name" },
  { name: "all", column: null },
];

/** Length of the rolling segment-risk window, in days. */
export const RISK_WINDOW_DAYS = 30;
/** Length of the warehouse-load window, in days. */
export const VOLUME_WINDOW_DAYS = 7;

/** The spec's numeric model inputs (snake_case). */
const BASE_NUMERIC = [
  "customer_care_calls",
  "customer_rating",
  "cost_of_product",
  "prior_purchases",
  "discount_offered",
  "weight_in_gms",
] as const;

/** Numeric gold features, in a fixed order. */
export const FULFILLMENT_NUMERIC_FEATURES: readonly string[] = [
  ...BASE_NUMERIC,
  ...RISK_SEGMENTS.map((s) => `segment_risk_30d_${s.name}`),
  ...RISK_SEGMENTS.map((s) => `segment_known_30d_${s.name}`),
  "orders_7d_warehouse",
];

/** Categorical (string) gold features. */
export const FULFILLMENT_CATEGORICAL_FEATURES = [
  "warehouse_block",
  "mode_of_shipment",
  "product_importance",
  "gender",
  "carrier_name",
] as const;

/** Id and time columns of the gold table (not features). */
export const FULFILLMENT_KEYS = ["order_id", "as_of", "label_known_at"] as const;

/** Silver statements, in order. */
export const FULFILLMENT_SILVER_SQL: readonly string[] = [
  `create or replace table silver_fulfillment_shipments as
   select CAST("ID" AS INTEGER) as id, "Warehouse_block" as warehouse_block, "Mode_of_Shipment" as mode_of_shipment,
          CAST("Customer_care_calls" AS INTEGER) as customer_care_calls, CAST("Customer_rating" AS INTEGER) as customer_rating,
          CAST("Cost_of_the_Product" AS INTEGER) as cost_of_product, CAST("Prior_purchases" AS INTEGER) as prior_purchases,
          "Product_importance" as product_importance, "Gender" as gender,
          CAST("Discount_offered" AS INTEGER) as discount_offered, CAST("Weight_in_gms" AS INTEGER) as weight_in_gms,
          CAST("Reached.on.Time_Y.N" AS INTEGER) as late
   from bronze_fulfillment_shipments
   qualify row_number() over (partition by "ID" order by "Reached.on.Time_Y.N" desc) = 1`,
  `create or replace table silver_fulfillment_orders as
   with o as (
     select * from bronze_fulfillment_orders
     qualify row_number() over (partition by order_id order by order_date, delivery_date nulls last) = 1
   )
   select CAST(o.order_id AS INTEGER) as order_id, CAST(o.customer_id AS INTEGER) as customer_id,
          ${ts("o.order_date")} as order_date, ${ts("o.promised_delivery_date")} as promised_delivery_date,
          ${ts("o.ship_date")} as ship_date, ${ts("o.delivery_date")} as delivery_date,
          o.warehouse_block, o.mode_of_shipment, o.carrier_name, o.tracking_id,
          CAST(o.customer_care_calls AS INTEGER) as customer_care_calls,
          CAST(o.customer_rating AS INTEGER) as customer_rating, CAST(o.prior_purchases AS INTEGER) as prior_purchases,
          o.gender, o.product_importance, CAST(o.cost_of_product AS INTEGER) as cost_of_product,
          CAST(o.discount_offered AS INTEGER) as discount_offered, CAST(o.weight_in_gms AS INTEGER) as weight_in_gms,
          o.payment_status, o.order_status, s.late,
          case when s.late = 1 then ${ts("o.promised_delivery_date")}
               when s.late = 0 then ${ts("o.delivery_date")} end as label_known_at
   from o left join silver_fulfillment_shipments s on s.id = o.order_id`,
];

/** `select` of the outcomes that became known, per value of one segment, cumulated over time. */
function outcomesSql(segment: { name: string; column: string | null }): string {
  const value = segment.column ?? "'all'";
  return `select '${segment.name}' as kind, ${value} as value, label_known_at as t, count(*) as n, sum(late) as l
          from silver_fulfillment_orders where label_known_at is not null group by all`;
}

/** The two ASOF joins (now, window start) and the two feature expressions of one segment. */
function riskTerms(
  segment: { name: string; column: string | null },
  i: number,
): { joins: string; select: string } {
  const now = `r${i}n`, ago = `r${i}a`;
  const sub = `(select * from _fulfillment_outcomes where kind = '${segment.name}')`;
  const eq = (alias: string) => segment.column ? `b.${segment.column} = ${alias}.value and ` : "";
  const known = `(coalesce(${now}.cum_known, 0) - coalesce(${ago}.cum_known, 0))`;
  const late = `(coalesce(${now}.cum_late, 0) - coalesce(${ago}.cum_late, 0))`;
  return {
    joins: `asof left join ${sub} ${now} on ${eq(now)}b.as_of > ${now}.t
     asof left join ${sub} ${ago} on ${eq(ago)}b.risk_from > ${ago}.t`,
    select: `CAST(${late} AS DOUBLE) / nullif(${known}, 0) as segment_risk_30d_${segment.name},
          CAST(${known} AS INTEGER) as segment_known_30d_${segment.name}`,
  };
}

const terms = RISK_SEGMENTS.map(riskTerms);

/** Gold statements, in order (need the silver tables). */
export const FULFILLMENT_GOLD_SQL: readonly string[] = [
  `create or replace temp table _fulfillment_outcomes as
   select kind, value, t,
          sum(n) over (partition by kind, value order by t rows unbounded preceding) as cum_known,
          sum(l) over (partition by kind, value order by t rows unbounded preceding) as cum_late
   from (${RISK_SEGMENTS.map(outcomesSql).join("\n         union all ")})`,
  `create or replace temp table _fulfillment_placed as
   select warehouse_block, t, sum(n) over (partition by warehouse_block order by t rows unbounded preceding) as cum_orders
   from (select warehouse_block, order_date as t, count(*) as n from silver_fulfillment_orders group by all)`,
  `create or replace table gold_fulfillment_shipments as
   with base as (
     select *, order_date as as_of, order_date - INTERVAL ${RISK_WINDOW_DAYS} DAY as risk_from,
            order_date - INTERVAL ${VOLUME_WINDOW_DAYS} DAY as volume_from
     from silver_fulfillment_orders
   )
   select b.order_id, b.as_of, b.label_known_at,
          ${BASE_NUMERIC.map((c) => `b.${c}`).join(", ")},
          ${terms.map((t) => t.select).join(",\n          ")},
          CAST(coalesce(pn.cum_orders, 0) - coalesce(pa.cum_orders, 0) AS INTEGER) as orders_7d_warehouse,
          ${FULFILLMENT_CATEGORICAL_FEATURES.map((c) => `b.${c}`).join(", ")},
          b.late
   from base b
     ${terms.map((t) => t.joins).join("\n     ")}
     asof left join _fulfillment_placed pn on b.warehouse_block = pn.warehouse_block and b.as_of > pn.t
     asof left join _fulfillment_placed pa on b.warehouse_block = pa.warehouse_block and b.volume_from > pa.t
   order by b.as_of, b.order_id`,
];

/** Builds the fulfillment silver tables from bronze. */
export async function buildFulfillmentSilver(db: Db): Promise<void> {
  await requireBronze(db, "fulfillment", FULFILLMENT_BRONZE_TABLES);
  for (const sql of FULFILLMENT_SILVER_SQL) await db.exec(sql);
}

/** Builds silver, then `gold_fulfillment_shipments`; returns its description. */
export async function buildFulfillmentGold(db: Db): Promise<GoldResult> {
  await buildFulfillmentSilver(db);
  for (const sql of FULFILLMENT_GOLD_SQL) await db.exec(sql);
  return await describeGold(db, {
    table: "gold_fulfillment_shipments",
    numeric: FULFILLMENT_NUMERIC_FEATURES,
    categorical: FULFILLMENT_CATEGORICAL_FEATURES,
    label: "late",
    keys: FULFILLMENT_KEYS,
  });
}

/** Alias following the per-domain convention: `buildGold(db)`. */
export const buildGold = buildFulfillmentGold;
