/**
 * Dispatch features in DuckDB SQL.
 *
 * Silver (`silver_dispatch_*`): bronze tables typed (epoch ms → TIMESTAMP, ids → INTEGER), offers
 * deduplicated by `offer_id` (the log repeats some lines).
 *
 * Gold (`gold_dispatch_offers`): one row per offer, label `accepted`, every feature as of `offered_at`:
 * - a driver's history counts an offer's outcome only once it is known, i.e. its `responded_at` is
 *   strictly before the offer being scored (by the event-stream lookups below), so an earlier offer still awaiting an
 *   answer does not leak;
 * - `acceptance_rate_7d` = accepts / offers answered in the 7 days before the offer, where the pre-period
 *   snapshot on `drivers` (`hist_*_7d` as of `hist_as_of`) fills the part of the window before the log
 *   starts, pro rata; NULL for drivers with no history (cold start);
 * - `district_affinity` = (past accepted pickups in this district + 5·[home district]) / (past accepts + 5);
 * - `minutes_online` from the latest session start at or before the offer; `rain` from the hour's weather.
 *
 * @example
 * ```ts ignore
 * const gold = await buildDispatchGold(db);
 * const frame = await db.query(`select * from ${gold.table}`);
 * ```
 * @module
 */
import type { Db } from "../../data/db.ts";
import { msToTimestamp as ts, requireBronze } from "../bronze.ts";
import { describeGold, type GoldResult } from "../gold.ts";

export type { GoldResult };

/** Bronze tables the dispatch features read (`bronze_dispatch_<name>`). */
export const DISPATCH_BRONZE_TABLES = ["drivers", "sessions", "weather", "orders", "offers"] as const;

/** Numeric gold features, in a fixed order. */
export const DISPATCH_NUMERIC_FEATURES = [
  "distance_to_pickup_km",
  "price_per_km",
  "trip_km",
  "cod_amount_vnd",
  "acceptance_rate_7d",
  "offers_7d",
  "cancels_7d",
  "minutes_since_last_cancel",
  "district_affinity",
  "is_home_district",
  "minutes_online",
  "rain",
  "rain_x_bike",
  "hour_of_day",
  "tenure_days",
] as const;

/** Categorical (string) gold features. */
export const DISPATCH_CATEGORICAL_FEATURES = ["vehicle_type", "service_type"] as const;

/** Silver statements, in order. */
export const DISPATCH_SILVER_SQL: readonly string[] = [
  `create or replace table silver_dispatch_drivers as
   select CAST(driver_id AS INTEGER) as driver_id, vehicle_type, service_level, home_district, home_lat, home_lon,
          ${ts("joined_at")} as joined_at, ${ts("hist_as_of")} as hist_as_of,
          CAST(hist_offers_7d AS INTEGER) as hist_offers_7d, CAST(hist_accepts_7d AS INTEGER) as hist_accepts_7d,
          CAST(hist_cancels_7d AS INTEGER) as hist_cancels_7d
   from bronze_dispatch_drivers
   qualify row_number() over (partition by driver_id order by joined_at) = 1`,
  `create or replace table silver_dispatch_sessions as
   select distinct CAST(driver_id AS INTEGER) as driver_id, ${ts("session_start")} as session_start,
          ${ts("session_end")} as session_end
   from bronze_dispatch_sessions`,
  `create or replace table silver_dispatch_weather as
   select ${ts("hour_start")} as hour_start, CAST(rain AS INTEGER) as rain, rain_mm
   from bronze_dispatch_weather
   qualify row_number() over (partition by hour_start order by rain desc) = 1`,
  `create or replace table silver_dispatch_orders as
   select CAST(order_id AS INTEGER) as order_id, ${ts("created_at")} as created_at, service_type,
          pickup_lat, pickup_lon, pickup_district, dropoff_lat, dropoff_lon, trip_km, fare_vnd, price_per_km,
          payment_method, coalesce(cod_amount_vnd, 0) as cod_amount_vnd, CAST(rain AS INTEGER) as rain, status,
          CAST(assigned_driver_id AS INTEGER) as assigned_driver_id
   from bronze_dispatch_orders
   qualify row_number() over (partition by order_id order by created_at) = 1`,
  `create or replace table silver_dispatch_offers as
   select CAST(offer_id AS INTEGER) as offer_id, CAST(order_id AS INTEGER) as order_id,
          CAST(driver_id AS INTEGER) as driver_id, CAST(offer_seq AS INTEGER) as offer_seq,
          ${ts("offered_at")} as offered_at, ${ts("responded_at")} as responded_at,
          distance_to_pickup_km, driver_lat, driver_lon, response, CAST(accepted AS INTEGER) as accepted,
          ${ts("cancelled_at")} as cancelled_at
   from bronze_dispatch_offers
   qualify row_number() over (partition by offer_id order by offered_at, responded_at) = 1`,
];

/**
 * Gold statements, in order (need the silver tables).
 *
 * The driver-history lookups are answered by one sorted event stream per driver instead of one ASOF join
 * per lookup: answers (at `responded_at`), cancels (at `cancelled_at`), session starts, and two lookup rows
 * per offer (at `offered_at` and at `offered_at − 7 days`). Running sums over the stream, read at the
 * lookup rows, give "everything strictly before" (at equal times lookups sort after session starts and
 * before answers and cancels). One sort instead of seven chained ASOF joins: the same values
 * (`_reference_gold.ts` is the ASOF twin, compared in the tests) in about a fifth of the memory.
 */
export const DISPATCH_GOLD_SQL: readonly string[] = [
  `create or replace temp table _dispatch_driver_lookups as
   with stream as (
     select driver_id, responded_at as t, 1 as ord, 1 as n, accepted as a, 0 as c,
            NULL::TIMESTAMP as cancel_t, NULL::TIMESTAMP as session_t, NULL::INTEGER as offer_id, NULL::BOOLEAN as is_now
     from silver_dispatch_offers
     union all
     select driver_id, cancelled_at, 1, 0, 0, 1, cancelled_at, NULL, NULL, NULL
     from silver_dispatch_offers where cancelled_at is not null
     union all
     select driver_id, session_start, -1, 0, 0, 0, NULL, session_start, NULL, NULL from silver_dispatch_sessions
     union all
     select driver_id, offered_at, 0, 0, 0, 0, NULL, NULL, offer_id, true from silver_dispatch_offers
     union all
     select driver_id, offered_at - INTERVAL 7 DAY, 0, 0, 0, 0, NULL, NULL, offer_id, false from silver_dispatch_offers
   ), running as (
     select offer_id, is_now,
            sum(n) over w as cum_offers, sum(a) over w as cum_accepts, sum(c) over w as cum_cancels,
            max(cancel_t) over w as last_cancel_at, max(session_t) over w as session_start
     from stream
     window w as (partition by driver_id order by t, ord rows unbounded preceding)
     qualify offer_id is not null
   )
   select offer_id,
          coalesce(max(cum_offers) filter (where is_now), 0) - coalesce(max(cum_offers) filter (where not is_now), 0)
            as win_offers,
          coalesce(max(cum_accepts) filter (where is_now), 0) - coalesce(max(cum_accepts) filter (where not is_now), 0)
            as win_accepts,
          coalesce(max(cum_cancels) filter (where is_now), 0) - coalesce(max(cum_cancels) filter (where not is_now), 0)
            as win_cancels,
          coalesce(max(cum_accepts) filter (where is_now), 0) as past_accepts,
          max(last_cancel_at) filter (where is_now) as last_cancel_at,
          max(session_start) filter (where is_now) as session_start
   from running group by offer_id`,
  // accepted pickups per (driver, district) strictly before each offer, the same way
  `create or replace temp table _dispatch_district_lookups as
   with stream as (
     select f.driver_id, o.pickup_district as district, f.responded_at as t, 1 as ord, 1 as n, NULL::INTEGER as offer_id
     from silver_dispatch_offers f join silver_dispatch_orders o using (order_id) where f.accepted = 1
     union all
     select f.driver_id, o.pickup_district, f.offered_at, 0, 0, f.offer_id
     from silver_dispatch_offers f join silver_dispatch_orders o using (order_id)
   )
   select offer_id,
          sum(n) over (partition by driver_id, district order by t, ord rows unbounded preceding) as past_district_accepts
   from stream qualify offer_id is not null`,
  `create or replace table gold_dispatch_offers as
   with joined as (
     select f.offer_id, f.order_id, f.driver_id, f.offered_at, f.offer_seq, f.distance_to_pickup_km,
            o.price_per_km, o.trip_km, o.cod_amount_vnd, o.service_type, o.pickup_district,
            d.vehicle_type, d.home_district, d.joined_at,
            d.hist_offers_7d, d.hist_accepts_7d, d.hist_cancels_7d, f.accepted,
            l.win_offers, l.win_accepts, l.win_cancels, l.past_accepts, l.last_cancel_at, l.session_start,
            coalesce(dl.past_district_accepts, 0) as past_district_accepts, w.rain,
            -- share of the 7-day window that lies before the log starts, covered by the snapshot
            greatest(0.0, least(1.0, epoch_ms(d.hist_as_of - (f.offered_at - INTERVAL 7 DAY)) / 604800000.0))
              as pre_share
     from silver_dispatch_offers f
     join silver_dispatch_orders o using (order_id)
     join silver_dispatch_drivers d using (driver_id)
     join _dispatch_driver_lookups l using (offer_id)
     left join _dispatch_district_lookups dl using (offer_id)
     asof left join silver_dispatch_weather w on f.offered_at >= w.hour_start
   )
   select offer_id, order_id, driver_id, offered_at, offer_seq,
          distance_to_pickup_km, price_per_km, trip_km, cod_amount_vnd,
          (win_accepts + pre_share * hist_accepts_7d) / nullif(win_offers + pre_share * hist_offers_7d, 0)
            as acceptance_rate_7d,
          win_offers + pre_share * hist_offers_7d as offers_7d,
          win_cancels + pre_share * hist_cancels_7d as cancels_7d,
          epoch_ms(offered_at - last_cancel_at) / 60000.0 as minutes_since_last_cancel,
          (past_district_accepts + 5.0 * (pickup_district = home_district)::INTEGER) / (past_accepts + 5.0)
            as district_affinity,
          (pickup_district = home_district)::INTEGER as is_home_district,
          epoch_ms(offered_at - session_start) / 60000.0 as minutes_online,
          coalesce(rain, 0) as rain,
          coalesce(rain, 0) * (vehicle_type = 'bike')::INTEGER as rain_x_bike,
          CAST(hour(offered_at) AS INTEGER) as hour_of_day,
          epoch_ms(offered_at - joined_at) / 86400000.0 as tenure_days,
          vehicle_type, service_type, accepted
   from joined
   order by offered_at, offer_id`,
  `drop table _dispatch_driver_lookups`,
  `drop table _dispatch_district_lookups`,
];

/** Builds the dispatch silver tables from bronze. */
export async function buildDispatchSilver(db: Db): Promise<void> {
  await requireBronze(db, "dispatch", DISPATCH_BRONZE_TABLES);
  for (const sql of DISPATCH_SILVER_SQL) await db.exec(sql);
}

/** Builds silver, then `gold_dispatch_offers`; returns its description. */
export async function buildDispatchGold(db: Db): Promise<GoldResult> {
  await buildDispatchSilver(db);
  for (const sql of DISPATCH_GOLD_SQL) await db.exec(sql);
  return await describeGold(db, {
    table: "gold_dispatch_offers",
    numeric: DISPATCH_NUMERIC_FEATURES,
    categorical: DISPATCH_CATEGORICAL_FEATURES,
    label: "accepted",
    keys: ["offer_id", "order_id", "driver_id", "offered_at", "offer_seq"],
  });
}

/** Alias following the per-domain convention: `buildGold(db)`. */
export const buildGold = buildDispatchGold;
