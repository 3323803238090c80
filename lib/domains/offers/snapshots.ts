/**
 * Offers feature sources for the registry: time-stamped tables from which point-in-time retrieval
 * (`getHistoricalFeatures`) and the online store (`materializeOnline`) read.
 *
 * - `gold_offers_customer_snapshots`: the customer features of `customer_features.ts` (RFM, promo affinity,
 *   category entropy) at a grid of reference times `as_of_ts` (default: every 7 days at midnight over the
 *   order history), each from orders strictly before `as_of_ts`;
 * - `gold_offers_customer_category_snapshots`: the customer × category interactions on the same grid, with
 *   the composite key `customer_category` = `"<customer_id>:<category>"`;
 * - `gold_offers_customer_offer_events`: customer × offer interactions as an event stream, one row per
 *   (customer, offer, time) at which a shown impression or a redemption happened, with the running counts
 *   `customer_offer_impressions` / `customer_offer_redemptions` including that moment; key
 *   `customer_offer` = `"<customer_id>:<offer_id>"`.
 *
 * @example
 * ```ts ignore
 * await buildOffersSilver(db);
 * await buildOffersFeatureSnapshots(db, { everyDays: 7 });
 * ```
 * @module
 */
import type { Db } from "../../data/db.ts";
import { InputError, NotFoundError } from "../../errors.ts";
import { customerCategorySql, customerFeaturesSql } from "./customer_features.ts";
import { timestampLiteral } from "./features.ts";

/** Tables written by {@link buildOffersFeatureSnapshots}. */
export const OFFERS_SNAPSHOT_TABLES = {
  customer: "gold_offers_customer_snapshots",
  customerCategory: "gold_offers_customer_category_snapshots",
  customerOffer: "gold_offers_customer_offer_events",
} as const;

/** Options for {@link buildOffersFeatureSnapshots}. */
export interface OffersSnapshotOptions {
  /** First reference time (ISO or epoch ms); default: the day after the first order. */
  readonly from?: string | number;
  /** Last reference time (inclusive); default: the day after the last order. */
  readonly to?: string | number;
  /** Days between reference times (positive integer, default 7). */
  readonly everyDays?: number;
}

/** What {@link buildOffersFeatureSnapshots} wrote: row counts per table and the number of reference times. */
export interface OffersSnapshotResult {
  readonly snapshots: number;
  readonly rows: Readonly<Record<keyof typeof OFFERS_SNAPSHOT_TABLES, number>>;
}

/** Builds the three source tables from the silver offers tables (run `buildOffersSilver` first). */
export async function buildOffersFeatureSnapshots(
  db: Db,
  options: OffersSnapshotOptions = {},
): Promise<OffersSnapshotResult> {
  const every = options.everyDays ?? 7;
  if (!Number.isInteger(every) || every < 1) {
    throw new InputError("everyDays", `must be a positive integer, got ${every}`);
  }
  for (
    const t of [
      "silver_offers_orders",
      "silver_offers_order_lines",
      "silver_offers_impressions",
      "silver_offers_redemptions",
    ]
  ) {
    if (!(await db.hasTable(t))) throw new NotFoundError(`table ${t}`, "run buildOffersSilver first");
  }
  const from = options.from !== undefined
    ? timestampLiteral("from", options.from)
    : `(select date_trunc('day', min(order_ts)) + interval 1 day from silver_offers_orders)`;
  const to = options.to !== undefined
    ? timestampLiteral("to", options.to)
    : `(select date_trunc('day', max(order_ts)) + interval 1 day from silver_offers_orders)`;
  await db.exec(`
    create or replace temp table _offers_snapshot_times as
      select unnest(generate_series(${from}, ${to}, interval ${every} day)) as as_of_ts`);
  const snapshots = await db.scalar(`select count(*) from _offers_snapshot_times`);
  if (!(snapshots > 0)) throw new InputError("from", "must not be after `to`");
  const T = OFFERS_SNAPSHOT_TABLES;
  // One reference time per statement: joining every line with every snapshot at once multiplies the
  // 2M order lines by the number of snapshots (26 at seed scale: 3.3 GB); one at a time keeps one copy.
  const times = await db.query(
    `select epoch_ms(as_of_ts)::DOUBLE as t from _offers_snapshot_times order by 1`,
  );
  const ms = times.columns.t as Float64Array;
  for (let k = 0; k < ms.length; k++) {
    const one = `select epoch_ms(${ms[k]}::BIGINT) as as_of_ts`;
    const [cust, cat] = k === 0
      ? [`create or replace table ${T.customer} as`, `create or replace table ${T.customerCategory} as`]
      : [`insert into ${T.customer}`, `insert into ${T.customerCategory}`];
    await db.exec(`${cust} ${customerFeaturesSql(one)}`);
    await db.exec(`${cat} select customer_id::VARCHAR || ':' || category as customer_category, *
                   from (${customerCategorySql(one)})`);
  }
  await db.exec(`
    create or replace table ${T.customerOffer} as
    select customer_id::VARCHAR || ':' || offer_id::VARCHAR as customer_offer, customer_id, offer_id, ts,
           sum(imp) over w as customer_offer_impressions, sum(red) over w as customer_offer_redemptions
    from (
      select customer_id, offer_id, ts, sum(imp)::DOUBLE as imp, sum(red)::DOUBLE as red
      from (select customer_id, offer_id, shown_ts as ts, 1 as imp, 0 as red from silver_offers_impressions
            where treatment = 1
            union all
            select customer_id, offer_id, redeemed_ts, 0, 1 from silver_offers_redemptions)
      group by customer_id, offer_id, ts
    )
    window w as (partition by customer_id, offer_id order by ts rows between unbounded preceding and current row)`);
  await db.exec(`drop table _offers_snapshot_times`);
  const count = (t: string) => db.scalar(`select count(*) from ${t}`);
  return {
    snapshots,
    rows: {
      customer: await count(T.customer),
      customerCategory: await count(T.customerCategory),
      customerOffer: await count(T.customerOffer),
    },
  };
}
