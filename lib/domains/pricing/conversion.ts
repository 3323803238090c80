/**
 * `gold_pricing_conversion`: one row per price quote, label `accepted` (the quote was booked). It is the
 * training table of the price → booking model; `price_ratio` and `price_per_min` carry the causal price
 * effect, which is monotone (higher price, fewer bookings), so a GBDT should fit them with the constraints
 * in {@link CONVERSION_MONOTONE_CONSTRAINTS}. `surge_factor` is deliberately unconstrained: at a fixed
 * price ratio a higher surge signals rain or an event, which raise willingness to book.
 *
 * Features as of `quoted_at`: the quote's prices; the customer's quotes and booking rate over the 30 days
 * strictly before; the bay's requests in the previous bucket and the same bucket a day earlier (the
 * quote's own bucket is still running); calendar, the hour's weather and scheduled events nearby.
 * @module
 */

/** Numeric features. */
export const CONVERSION_NUMERIC_FEATURES = [
  "price_per_min",
  "base_price_per_min",
  "price_ratio",
  "surge_factor",
  "customer_quotes_30d",
  "customer_booking_rate_30d",
  "bay_requests_lag_1",
  "bay_requests_lag_96",
  "hour_of_day",
  "day_of_week",
  "is_weekend",
  "is_holiday",
  "rain",
  "temperature_c",
  "event_within_2km",
  "event_pressure_after",
  "event_pressure_before",
] as const;
/** Categorical features. */
export const CONVERSION_CATEGORICAL_FEATURES = ["membership", "vehicle_type", "zone"] as const;
/** Key columns. */
export const CONVERSION_KEYS = ["quote_id", "customer_id", "vehicle_id", "bay_id", "quoted_at"] as const;

/** Monotone constraints for tree models on this table: −1 = prediction must not rise with the feature. */
export const CONVERSION_MONOTONE_CONSTRAINTS: Readonly<Record<string, -1 | 1>> = {
  price_ratio: -1,
  price_per_min: -1,
};

/** Gold statements (need silver and `EVENT_BUCKETS_SQL`). */
export const CONVERSION_GOLD_SQL: readonly string[] = [
  `create or replace temp table _pricing_quotes_cum as
   select customer_id, t, sum(n) over w as cum_quotes, sum(a) over w as cum_accepts
   from (select customer_id, quoted_at as t, count(*) as n, sum(accepted) as a from silver_pricing_quotes group by all)
   window w as (partition by customer_id order by t rows unbounded preceding)`,
  `create or replace table gold_pricing_conversion as
   with q as (
     select q.quote_id, q.customer_id, q.vehicle_id, q.bay_id, q.quoted_at, q.price_per_min, q.surge_factor,
            q.accepted, v.base_price_per_min, v.vehicle_type, c.membership, b.zone,
            time_bucket(INTERVAL 15 MINUTE, q.quoted_at) as bucket, q.quoted_at - INTERVAL 30 DAY as w30
     from silver_pricing_quotes q
     join silver_pricing_vehicles v using (vehicle_id)
     join silver_pricing_customers c using (customer_id)
     join silver_pricing_bays b on b.bay_id = q.bay_id
   )
   select q.quote_id, q.customer_id, q.vehicle_id, q.bay_id, q.quoted_at,
          q.price_per_min, q.base_price_per_min, q.price_per_min / q.base_price_per_min as price_ratio, q.surge_factor,
          coalesce(n.cum_quotes, 0) - coalesce(o.cum_quotes, 0) as customer_quotes_30d,
          (coalesce(n.cum_accepts, 0) - coalesce(o.cum_accepts, 0)) /
            nullif(coalesce(n.cum_quotes, 0) - coalesce(o.cum_quotes, 0), 0) as customer_booking_rate_30d,
          d1.requests as bay_requests_lag_1, d96.requests as bay_requests_lag_96,
          CAST(hour(q.quoted_at) AS INTEGER) as hour_of_day,
          CAST(isodow(q.quoted_at) - 1 AS INTEGER) as day_of_week,
          (isodow(q.quoted_at) >= 6)::INTEGER as is_weekend,
          (h.day is not null)::INTEGER as is_holiday,
          coalesce(w.rain, 0) as rain, w.temperature_c,
          coalesce(p.event_within_2km, 0) as event_within_2km,
          coalesce(p.event_pressure_after, 0) as event_pressure_after,
          coalesce(p.event_pressure_before, 0) as event_pressure_before,
          q.membership, q.vehicle_type, q.zone, q.accepted
   from q
   asof left join _pricing_quotes_cum n on q.customer_id = n.customer_id and q.quoted_at > n.t
   asof left join _pricing_quotes_cum o on q.customer_id = o.customer_id and q.w30 > o.t
   left join silver_pricing_demand d1 on d1.bay_id = q.bay_id and d1.bucket_start = q.bucket - INTERVAL 15 MINUTE
   left join silver_pricing_demand d96 on d96.bay_id = q.bay_id and d96.bucket_start = q.bucket - INTERVAL 1 DAY
   left join silver_pricing_holidays h on h.day = CAST(q.quoted_at AS DATE)
   left join silver_pricing_weather w on w.hour_start = date_trunc('hour', q.quoted_at)
   left join _pricing_event_buckets p on p.bay_id = q.bay_id and p.bucket_start = q.bucket
   order by q.quoted_at, q.quote_id`,
];
