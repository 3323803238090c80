/**
 * The naive twin of the dispatch gold SQL: the same features with one ASOF join per lookup (seven of
 * them, chained), written for clarity. `features_test.ts` checks the fast event-stream version in
 * `features.ts` against it row for row. Not used outside tests: chained ASOF joins hold every
 * intermediate in memory (about 1.5 GB at 550k offers).
 * @module
 */

/** Builds `reference_gold_dispatch_offers` from the silver tables (run after `buildDispatchSilver`). */
export const REFERENCE_DISPATCH_GOLD_SQL: readonly string[] = [
  // answered offers per driver, cumulative by the time the answer was known
  `create or replace temp table _ref_dispatch_answers as
   select driver_id, t,
          sum(n) over (partition by driver_id order by t rows unbounded preceding) as cum_offers,
          sum(a) over (partition by driver_id order by t rows unbounded preceding) as cum_accepts
   from (select driver_id, responded_at as t, count(*) as n, sum(accepted) as a
         from silver_dispatch_offers group by all)`,
  `create or replace temp table _ref_dispatch_cancels as
   select driver_id, t, sum(n) over (partition by driver_id order by t rows unbounded preceding) as cum_cancels
   from (select driver_id, cancelled_at as t, count(*) as n from silver_dispatch_offers
         where cancelled_at is not null group by all)`,
  `create or replace temp table _ref_dispatch_district_accepts as
   select driver_id, district, t,
          sum(n) over (partition by driver_id, district order by t rows unbounded preceding) as cum_district
   from (select f.driver_id, o.pickup_district as district, f.responded_at as t, count(*) as n
         from silver_dispatch_offers f join silver_dispatch_orders o using (order_id)
         where f.accepted = 1 group by all)`,
  `create or replace table reference_gold_dispatch_offers as
   with base as (
     select f.offer_id, f.order_id, f.driver_id, f.offered_at, f.offer_seq, f.distance_to_pickup_km,
            o.price_per_km, o.trip_km, o.cod_amount_vnd, o.service_type, o.pickup_district,
            d.vehicle_type, d.home_district, d.joined_at, d.hist_as_of,
            d.hist_offers_7d, d.hist_accepts_7d, d.hist_cancels_7d, f.accepted,
            f.offered_at - INTERVAL 7 DAY as window_start
     from silver_dispatch_offers f
     join silver_dispatch_orders o using (order_id)
     join silver_dispatch_drivers d using (driver_id)
   ), joined as (
     select b.*,
            coalesce(now_a.cum_offers, 0) - coalesce(ago_a.cum_offers, 0) as win_offers,
            coalesce(now_a.cum_accepts, 0) - coalesce(ago_a.cum_accepts, 0) as win_accepts,
            coalesce(now_c.cum_cancels, 0) - coalesce(ago_c.cum_cancels, 0) as win_cancels,
            now_c.t as last_cancel_at,
            coalesce(now_a.cum_accepts, 0) as past_accepts,
            coalesce(dist.cum_district, 0) as past_district_accepts,
            s.session_start, w.rain,
            -- share of the 7-day window that lies before the log starts, covered by the snapshot
            greatest(0.0, least(1.0, epoch_ms(b.hist_as_of - b.window_start) / 604800000.0)) as pre_share
     from base b
     asof left join _ref_dispatch_answers now_a on b.driver_id = now_a.driver_id and b.offered_at > now_a.t
     asof left join _ref_dispatch_answers ago_a on b.driver_id = ago_a.driver_id and b.window_start > ago_a.t
     asof left join _ref_dispatch_cancels now_c on b.driver_id = now_c.driver_id and b.offered_at > now_c.t
     asof left join _ref_dispatch_cancels ago_c on b.driver_id = ago_c.driver_id and b.window_start > ago_c.t
     asof left join _ref_dispatch_district_accepts dist
       on b.driver_id = dist.driver_id and b.pickup_district = dist.district and b.offered_at > dist.t
     asof left join silver_dispatch_sessions s on b.driver_id = s.driver_id and b.offered_at >= s.session_start
     asof left join silver_dispatch_weather w on b.offered_at >= w.hour_start
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
];
