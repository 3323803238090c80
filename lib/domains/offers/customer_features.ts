/**
 * Customer-level offers features as of one or many reference times, in DuckDB SQL over the silver tables.
 * The gold table uses them at one `asOf`; the feature snapshots (`snapshots.ts`) at a weekly grid, so the
 * registry's values equal the gold ones by construction (one SQL, two uses).
 *
 * Every value as of `as_of_ts` is computed from orders strictly before `as_of_ts`:
 * - RFM: `recency_days` (days since the last order), `frequency_90d` (orders in the 90 days before),
 *   `monetary_90d` (their total amount), `avg_basket_size` (mean items per order, all history);
 * - `promo_affinity` (share of order lines bought on promotion), `avg_discount_depth` (mean discount depth
 *   of those promo lines), `n_lines`;
 * - `category_entropy` = −Σ p_c ln p_c over the customer's order lines per category (0 = one category);
 * - per (customer, category): `category_lines`, `last_category_ts`, `days_since_category_purchase`,
 *   `category_affinity_score` = category lines / all the customer's lines.
 *
 * @example
 * ```ts
 * import { customerFeaturesSql } from "./customer_features.ts";
 * customerFeaturesSql("select TIMESTAMP '2025-10-01' as as_of_ts").includes("category_entropy"); // true
 * ```
 * @module
 */
import { relationSql } from "../../data/relation.ts";

const snaps = (asOfs: string) => `select distinct as_of_ts from ${relationSql(asOfs)}`;

/**
 * One row per (customer with an order before `as_of_ts`, `as_of_ts`) of `asOfs` (a table or SELECT with
 * a TIMESTAMP column `as_of_ts`): customer_id, as_of_ts, recency_days, frequency_90d, monetary_90d,
 * avg_basket_size, n_lines, promo_affinity, avg_discount_depth, category_entropy.
 */
export function customerFeaturesSql(asOfs: string): string {
  return `
    with snaps as (${snaps(asOfs)}),
    ord as (
      select s.as_of_ts, o.customer_id, o.order_ts, o.total_amount, o.num_items
      from silver_offers_orders o join snaps s on o.order_ts < s.as_of_ts
    ),
    lines as (
      select s.as_of_ts, l.customer_id, l.category, l.is_promo, l.line_discount_depth
      from silver_offers_order_lines l join snaps s on l.order_ts < s.as_of_ts
    ),
    co as (
      select customer_id, as_of_ts,
             date_diff('second', max(order_ts), as_of_ts) / 86400.0 as recency_days,
             count(*) filter (where order_ts >= as_of_ts - interval 90 day) as frequency_90d,
             coalesce(sum(total_amount) filter (where order_ts >= as_of_ts - interval 90 day), 0) as monetary_90d,
             avg(num_items) as avg_basket_size
      from ord group by customer_id, as_of_ts
    ),
    cl as (
      select customer_id, as_of_ts, count(*) as n_lines, avg(is_promo) as promo_affinity,
             coalesce(avg(line_discount_depth) filter (where is_promo = 1), 0) as avg_discount_depth
      from lines group by customer_id, as_of_ts
    ),
    cc as (select customer_id, as_of_ts, category, count(*) as n from lines group by customer_id, as_of_ts, category),
    ce as (
      select customer_id, as_of_ts, -sum((n / tot) * ln(n / tot)) as category_entropy
      from (select customer_id, as_of_ts, n, sum(n) over (partition by customer_id, as_of_ts) as tot from cc)
      group by customer_id, as_of_ts
    )
    select co.customer_id, co.as_of_ts, co.recency_days,
           co.frequency_90d::DOUBLE as frequency_90d, co.monetary_90d::DOUBLE as monetary_90d,
           co.avg_basket_size::DOUBLE as avg_basket_size, coalesce(cl.n_lines, 0)::DOUBLE as n_lines,
           coalesce(cl.promo_affinity, 0)::DOUBLE as promo_affinity,
           coalesce(cl.avg_discount_depth, 0)::DOUBLE as avg_discount_depth,
           coalesce(ce.category_entropy, 0)::DOUBLE as category_entropy
    from co left join cl using (customer_id, as_of_ts) left join ce using (customer_id, as_of_ts)`;
}

/**
 * One row per (customer, category with a line before `as_of_ts`, `as_of_ts`): customer_id, category,
 * as_of_ts, category_lines, last_category_ts, days_since_category_purchase, category_affinity_score.
 */
export function customerCategorySql(asOfs: string): string {
  return `
    with snaps as (${snaps(asOfs)}),
    cc as (
      select l.customer_id, l.category, s.as_of_ts, count(*) as category_lines, max(l.order_ts) as last_category_ts
      from silver_offers_order_lines l join snaps s on l.order_ts < s.as_of_ts
      group by l.customer_id, l.category, s.as_of_ts
    )
    select customer_id, category, as_of_ts, category_lines::DOUBLE as category_lines, last_category_ts,
           date_diff('second', last_category_ts, as_of_ts) / 86400.0 as days_since_category_purchase,
           (category_lines / sum(category_lines) over (partition by customer_id, as_of_ts))::DOUBLE
             as category_affinity_score
    from cc`;
}
