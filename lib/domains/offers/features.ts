/**
 * Offers features in DuckDB SQL: silver (typed, joined) and gold (point-in-time training rows).
 *
 * Bronze tables are `bronze_offers_<table>` (customers, products, orders, order_items, offers,
 * impressions, redemptions; timestamps as epoch ms). {@link buildSilver} casts and joins them;
 * {@link buildOffersGold} builds one row per offer assignment shown in `[asOf, asOf + rowDays)` with features
 * computed only from events strictly before `asOf` (RFM, promo affinity, category entropy, offer history,
 * customer × offer interactions) and labels observed after it (redeemed / purchased within `labelDays`).
 *
 * @example
 * ```ts ignore
 * const gold = await buildOffersGold(db, { asOf: "2025-11-01" });
 * const frame = await db.query(`select * from ${gold.table}`);
 * ```
 * @module
 */
import { type Db, ident } from "../../data/db.ts";
import { InputError } from "../../errors.ts";
import { msToTimestamp as ts, requireBronze } from "../bronze.ts";
import { describeGold, type GoldResult } from "../gold.ts";
import { customerCategorySql, customerFeaturesSql } from "./customer_features.ts";

export type { GoldResult };

/** Bronze tables the offers features read. */
export const OFFERS_BRONZE_TABLES = [
  "customers",
  "products",
  "orders",
  "order_items",
  "offers",
  "impressions",
  "redemptions",
] as const;

/** Numeric gold feature columns, in a fixed order. */
export const OFFERS_NUMERIC_FEATURES = [
  "recency_days",
  "frequency_90d",
  "monetary_90d",
  "promo_affinity",
  "avg_basket_size",
  "category_entropy",
  "avg_discount_depth",
  "tenure_days",
  "customer_impressions_before",
  "customer_redemption_rate_before",
  "discount_depth",
  "margin_impact",
  "base_price",
  "days_until_expiry",
  "offer_impressions_before",
  "offer_redemption_rate_before",
  "bought_product_before",
  "bought_category_before",
  "days_since_category_purchase",
  "category_affinity_score",
  "discount_depth_vs_usual",
] as const;

/** String (categorical) gold feature columns. */
export const OFFERS_CATEGORICAL_FEATURES = ["segment", "category", "discount_type", "channel"] as const;

/** Options for {@link buildOffersGold}. */
export interface OffersGoldOptions {
  /** Reference time: ISO date/time string or epoch ms. Features see only events strictly before it. */
  readonly asOf: string | number;
  /** Rows are assignments shown in [asOf, asOf + rowDays) (default 7). */
  readonly rowDays?: number;
  /** A row is labelled redeemed/purchased when it happens within this many days of the impression (default 7). */
  readonly labelDays?: number;
  /** Gold table name (default "gold_offers"). */
  readonly table?: string;
  /** Rebuild the silver tables from bronze first (default true). */
  readonly rebuildSilver?: boolean;
}

/** Converts an ISO string or epoch ms to an SQL TIMESTAMP literal; throws InputError when invalid. */
export function timestampLiteral(field: string, t: string | number): string {
  const ms = typeof t === "number" ? t : Date.parse(t);
  if (!Number.isFinite(ms)) {
    throw new InputError(field, `must be an ISO date/time or epoch ms, got ${JSON.stringify(t)}`);
  }
  return `TIMESTAMP '${new Date(ms).toISOString().replace("T", " ").replace("Z", "")}'`;
}

/** Builds the silver offers tables (typed timestamps, order lines joined with orders and products). */
export async function buildOffersSilver(db: Db): Promise<void> {
  await requireBronze(db, "offers", OFFERS_BRONZE_TABLES);
  await db.exec(`
    create or replace table silver_offers_customers as
      select customer_id, segment, home_store_id, ${ts("join_date")} as join_ts, loyalty_tier, email_consent
      from bronze_offers_customers;
    create or replace table silver_offers_orders as
      select order_id, customer_id, store_id, ${ts("order_timestamp")} as order_ts, total_amount, num_items
      from bronze_offers_orders;
    create or replace table silver_offers_order_lines as
      select i.order_item_id, i.order_id, o.customer_id, o.order_ts, i.product_id, p.category, i.quantity,
             i.unit_price, i.is_promo, i.discount_amount,
             case when i.unit_price * i.quantity > 0 then i.discount_amount / (i.unit_price * i.quantity) else 0 end as line_discount_depth
      from bronze_offers_order_items i
      join silver_offers_orders o using (order_id)
      join bronze_offers_products p using (product_id);
    create or replace table silver_offers_offers as
      select f.offer_id, f.product_id, p.category, p.base_price, p.margin, f.discount_type, f.discount_value,
             case f.discount_type when 'percentage' then f.discount_value / 100
                                  when 'fixed_amount' then least(1.0, f.discount_value / p.base_price)
                                  else 0.5 end as discount_depth,
             ${ts("f.start_date")} as start_ts, ${ts("f.end_date")} + interval 1 day as end_ts,
             f.store_scope, f.segment_scope, f.max_redemptions
      from bronze_offers_offers f join bronze_offers_products p using (product_id);
    create or replace table silver_offers_impressions as
      select impression_id, customer_id, offer_id, ${ts("shown_timestamp")} as shown_ts, channel, treatment
      from bronze_offers_impressions;
    create or replace table silver_offers_redemptions as
      select redemption_id, customer_id, offer_id, order_id, ${ts("redeemed_timestamp")} as redeemed_ts
      from bronze_offers_redemptions;
  `);
}

/**
 * Builds the point-in-time gold table for assignments shown in [asOf, asOf + rowDays).
 * Label `redeemed`: a redemption of that offer by that customer within `labelDays` of the impression.
 * Also `purchased` (bought the offer's product within `labelDays`, with or without the offer) and
 * `treatment` (1 shown, 0 holdout) for uplift learners.
 */
export async function buildOffersGold(db: Db, options: OffersGoldOptions): Promise<GoldResult> {
  const t = timestampLiteral("asOf", options.asOf);
  const rowDays = options.rowDays ?? 7, labelDays = options.labelDays ?? 7;
  if (!Number.isInteger(rowDays) || rowDays < 1) {
    throw new InputError("rowDays", `must be a positive integer, got ${rowDays}`);
  }
  if (!Number.isInteger(labelDays) || labelDays < 1) {
    throw new InputError("labelDays", `must be a positive integer, got ${labelDays}`);
  }
  const table = options.table ?? "gold_offers";
  if (!/^[a-z][a-z0-9_]*$/.test(table)) {
    throw new InputError("table", `must match /^[a-z][a-z0-9_]*$/, got "${table}"`);
  }
  if (options.rebuildSilver !== false) await buildOffersSilver(db);
  const end = `(${t} + interval ${rowDays} day)`;
  // Customer and customer × category features as of t: the same SQL the feature snapshots use.
  await db.exec(`create or replace temp table _offers_as_of as select ${t} as as_of_ts`);
  await db.exec(`create or replace temp table _offers_cust as ${customerFeaturesSql("_offers_as_of")}`);
  await db.exec(`create or replace temp table _offers_cust_cat as ${customerCategorySql("_offers_as_of")}`);
  await db.exec(`
    create or replace table ${ident(table)} as
    with rows as (
      select i.impression_id, i.customer_id, i.offer_id, i.shown_ts, i.channel, i.treatment,
             f.product_id, f.category, f.discount_type, f.discount_depth, f.base_price, f.margin, f.end_ts
      from silver_offers_impressions i join silver_offers_offers f using (offer_id)
      where i.shown_ts >= ${t} and i.shown_ts < ${end}
    ),
    lines as (select customer_id, product_id from silver_offers_order_lines where order_ts < ${t}),
    imp_before as (
      select customer_id, offer_id, count(*) as n from silver_offers_impressions
      where shown_ts < ${t} and treatment = 1 group by customer_id, offer_id
    ),
    red_before as (
      select customer_id, offer_id, count(*) as n from silver_offers_redemptions
      where redeemed_ts < ${t} group by customer_id, offer_id
    ),
    cust_hist as (
      select customer_id, sum(i.n) as imps, sum(coalesce(r.n, 0)) as reds
      from imp_before i left join red_before r using (customer_id, offer_id) group by customer_id
    ),
    offer_hist as (
      select offer_id, sum(i.n) as imps, sum(coalesce(r.n, 0)) as reds
      from imp_before i left join red_before r using (customer_id, offer_id) group by offer_id
    ),
    bought as (
      select distinct l.customer_id, l.product_id
      from lines l semi join rows r on l.customer_id = r.customer_id and l.product_id = r.product_id
    ),
    outcome_red as (
      select r.impression_id from rows r join silver_offers_redemptions x
        on x.customer_id = r.customer_id and x.offer_id = r.offer_id
       and x.redeemed_ts >= r.shown_ts and x.redeemed_ts < r.shown_ts + interval ${labelDays} day
      group by r.impression_id
    ),
    outcome_buy as (
      select r.impression_id from rows r join silver_offers_order_lines x
        on x.customer_id = r.customer_id and x.product_id = r.product_id
       and x.order_ts >= r.shown_ts and x.order_ts < r.shown_ts + interval ${labelDays} day
      group by r.impression_id
    )
    select r.impression_id, r.customer_id, r.offer_id, r.product_id, r.shown_ts, r.treatment,
           cf.recency_days,
           coalesce(cf.frequency_90d, 0)::DOUBLE as frequency_90d,
           coalesce(cf.monetary_90d, 0)::DOUBLE as monetary_90d,
           coalesce(cf.promo_affinity, 0)::DOUBLE as promo_affinity,
           coalesce(cf.avg_basket_size, 0)::DOUBLE as avg_basket_size,
           coalesce(cf.category_entropy, 0)::DOUBLE as category_entropy,
           coalesce(cf.avg_discount_depth, 0)::DOUBLE as avg_discount_depth,
           date_diff('second', c.join_ts, ${t}) / 86400.0 as tenure_days,
           coalesce(ch.imps, 0)::DOUBLE as customer_impressions_before,
           ((coalesce(ch.reds, 0) + 0.05) / (coalesce(ch.imps, 0) + 1))::DOUBLE as customer_redemption_rate_before,
           r.discount_depth::DOUBLE as discount_depth,
           (r.base_price * r.margin * r.discount_depth)::DOUBLE as margin_impact,
           r.base_price::DOUBLE as base_price,
           date_diff('second', ${t}, r.end_ts) / 86400.0 as days_until_expiry,
           coalesce(oh.imps, 0)::DOUBLE as offer_impressions_before,
           ((coalesce(oh.reds, 0) + 0.5) / (coalesce(oh.imps, 0) + 10))::DOUBLE as offer_redemption_rate_before,
           (b.product_id is not null)::INTEGER as bought_product_before,
           (cc.category_lines is not null)::INTEGER as bought_category_before,
           cc.days_since_category_purchase,
           coalesce(cc.category_affinity_score, 0)::DOUBLE as category_affinity_score,
           (r.discount_depth - coalesce(cf.avg_discount_depth, 0))::DOUBLE as discount_depth_vs_usual,
           c.segment, r.category, r.discount_type, r.channel,
           (red.impression_id is not null)::INTEGER as redeemed,
           (buy.impression_id is not null)::INTEGER as purchased
    from rows r
    join silver_offers_customers c using (customer_id)
    left join _offers_cust cf using (customer_id)
    left join cust_hist ch using (customer_id)
    left join offer_hist oh using (offer_id)
    left join _offers_cust_cat cc on cc.customer_id = r.customer_id and cc.category = r.category
    left join bought b on b.customer_id = r.customer_id and b.product_id = r.product_id
    left join outcome_red red on red.impression_id = r.impression_id
    left join outcome_buy buy on buy.impression_id = r.impression_id
    order by r.impression_id;
    drop table _offers_as_of; drop table _offers_cust; drop table _offers_cust_cat;
  `);
  return await describeGold(db, {
    table,
    numeric: OFFERS_NUMERIC_FEATURES,
    categorical: OFFERS_CATEGORICAL_FEATURES,
    label: "redeemed",
    // besides ids and times: the treatment and the uplift outcome
    keys: ["impression_id", "customer_id", "offer_id", "product_id", "shown_ts", "treatment", "purchased"],
  });
}

/** Alias following the per-domain convention: `buildGold(db, options)`. */
export const buildGold = buildOffersGold;
