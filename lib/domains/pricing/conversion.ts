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

/**
 * Gold statements (need silver and `EVENT_BUCKETS_SQL`). The per-quote history and bay lags are computed
 * on narrow projections first (quote id + keys), then joined back by `quote_id`: joining the wide quote
 * rows directly made DuckDB carry every column through two ASOF joins and two 8M-row hash joins (about
 * half the CPU time at seed scale).
 *
 * - `customer_quotes_30d` counts the customer's quotes with time in [quoted_at − 30 d, quoted_at): a RANGE
 *   window whose frame ends 1 µs before the row (TIMESTAMP resolution), so quotes at the same instant —
 *   the row itself included — are not counted;
 * - the bay's requests in the previous bucket and the same bucket a day earlier are looked up by time
 *   (`bucket_start`), so gaps in the demand table give NULL, not a neighbouring bucket.
 */
export const CONVERSION_GOLD_SQL: readonly string[] = [
  `create or replace temp table _pricing_quote_history as
   select quote_id,
          count(*) over w as customer_quotes_30d,
          sum(accepted) over w as accepts_30d
   from silver_pricing_quotes
   window w as (partition by customer_id order by quoted_at
                range between INTERVAL 30 DAY preceding and INTERVAL 1 MICROSECOND preceding)`,
  `create or replace temp table _pricing_quote_lags as
   with k as (select quote_id, bay_id, time_bucket(INTERVAL 15 MINUTE, quoted_at) as bucket from silver_pricing_quotes)
   select k.quote_id, d1.requests as bay_requests_lag_1, d96.requests as bay_requests_lag_96
   from k
   left join silver_pricing_demand d1 on d1.bay_id = k.bay_id and d1.bucket_start = k.bucket - INTERVAL 15 MINUTE
   left join silver_pricing_demand d96 on d96.bay_id = k.bay_id and d96.bucket_start = k.bucket - INTERVAL 1 DAY`,
  `create or replace table gold_pricing_conversion as
   with q as (
     select q.quote_id, q.customer_id, q.vehicle_id, q.bay_id, q.quoted_at, q.price_per_min, q.surge_factor,
            q.accepted, v.base_price_per_min, v.vehicle_type, c.membership, b.zone,
            time_bucket(INTERVAL 15 MINUTE, q.quoted_at) as bucket
     from silver_pricing_quotes q
     join silver_pricing_vehicles v using (vehicle_id)
     join silver_pricing_customers c using (customer_id)
     join silver_pricing_bays b on b.bay_id = q.bay_id
   )
   select q.quote_id, q.customer_id, q.vehicle_id, q.bay_id, q.quoted_at,
          q.price_per_min, q.base_price_per_min, q.price_per_min / q.base_price_per_min as price_ratio, q.surge_factor,
          coalesce(hq.customer_quotes_30d, 0) as customer_quotes_30d,
          coalesce(hq.accepts_30d, 0) / nullif(coalesce(hq.customer_quotes_30d, 0), 0) as customer_booking_rate_30d,
          l.bay_requests_lag_1, l.bay_requests_lag_96,
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
   join _pricing_quote_history hq using (quote_id)
   join _pricing_quote_lags l using (quote_id)
   left join silver_pricing_holidays h on h.day = CAST(q.quoted_at AS DATE)
   left join silver_pricing_weather w on w.hour_start = date_trunc('hour', q.quoted_at)
   left join _pricing_event_buckets p on p.bay_id = q.bay_id and p.bucket_start = q.bucket
   order by q.quoted_at, q.quote_id`,
];
