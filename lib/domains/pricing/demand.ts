/**
 * `gold_pricing_demand`: one row per bay and 15-minute bucket, label `requests` (price requests, the
 * spec's "vehicle requests per bay"). Demand features use only earlier buckets of the same bay (range
 * frames that end 15 minutes before the row): lags 1, 4, 96 (a day) and 672 (a week: "same hour last
 * week"), rolling means over the previous hour, day and week, and `demand_trend_7d` (last week's mean
 * minus the week before's). Context known at prediction time: calendar, holidays, the hour's weather (a
 * perfect forecast), scheduled events nearby (see `events.ts`) and the bay's attributes.
 * @module
 */

/** Numeric features. */
export const DEMAND_NUMERIC_FEATURES = [
  "lag_1",
  "lag_4",
  "lag_96",
  "lag_672",
  "rolling_mean_4",
  "rolling_mean_96",
  "rolling_mean_672",
  "demand_trend_7d",
  "bookings_lag_1",
  "hour_of_day",
  "quarter_of_day",
  "day_of_week",
  "is_weekend",
  "is_holiday",
  "rain",
  "rain_mm",
  "temperature_c",
  "event_within_2km",
  "event_attendance_nearby",
  "event_pressure_after",
  "event_pressure_before",
  "capacity",
  "poi_density",
  "transit_score",
] as const;
/** Categorical features. */
export const DEMAND_CATEGORICAL_FEATURES = ["zone", "event_category"] as const;
/** Key columns. */
export const DEMAND_KEYS = ["bay_id", "bucket_start"] as const;

const frame = (from: string, to: string) =>
  `over (partition by bay_id order by bucket_start range between ${from} preceding and ${to} preceding)`;

/** Gold statements (need silver and `EVENT_BUCKETS_SQL`). */
export const DEMAND_GOLD_SQL: readonly string[] = [
  `create or replace table gold_pricing_demand as
   with lags as (
     select bay_id, bucket_start, requests,
            sum(requests) ${frame("INTERVAL 15 MINUTE", "INTERVAL 15 MINUTE")} as lag_1,
            sum(requests) ${frame("INTERVAL 60 MINUTE", "INTERVAL 60 MINUTE")} as lag_4,
            sum(requests) ${frame("INTERVAL 1 DAY", "INTERVAL 1 DAY")} as lag_96,
            sum(requests) ${frame("INTERVAL 7 DAY", "INTERVAL 7 DAY")} as lag_672,
            avg(requests) ${frame("INTERVAL 60 MINUTE", "INTERVAL 15 MINUTE")} as rolling_mean_4,
            avg(requests) ${frame("INTERVAL 1 DAY", "INTERVAL 15 MINUTE")} as rolling_mean_96,
            avg(requests) ${frame("INTERVAL 7 DAY", "INTERVAL 15 MINUTE")} as rolling_mean_672,
            avg(requests) ${frame("INTERVAL 14 DAY", "INTERVAL 7 DAY + INTERVAL 15 MINUTE")} as mean_prev_week,
            sum(bookings) ${frame("INTERVAL 15 MINUTE", "INTERVAL 15 MINUTE")} as bookings_lag_1
     from silver_pricing_demand
   )
   select l.bay_id, l.bucket_start, l.lag_1, l.lag_4, l.lag_96, l.lag_672, l.rolling_mean_4, l.rolling_mean_96,
          l.rolling_mean_672, l.rolling_mean_672 - l.mean_prev_week as demand_trend_7d, l.bookings_lag_1,
          CAST(hour(l.bucket_start) AS INTEGER) as hour_of_day,
          CAST(hour(l.bucket_start) * 4 + minute(l.bucket_start) // 15 AS INTEGER) as quarter_of_day,
          CAST(isodow(l.bucket_start) - 1 AS INTEGER) as day_of_week,
          (isodow(l.bucket_start) >= 6)::INTEGER as is_weekend,
          (h.day is not null)::INTEGER as is_holiday,
          coalesce(w.rain, 0) as rain, coalesce(w.rain_mm, 0) as rain_mm, w.temperature_c,
          coalesce(p.event_within_2km, 0) as event_within_2km,
          coalesce(p.event_attendance_nearby, 0) as event_attendance_nearby,
          coalesce(p.event_pressure_after, 0) as event_pressure_after,
          coalesce(p.event_pressure_before, 0) as event_pressure_before,
          b.capacity, b.poi_density, b.transit_score, b.zone, coalesce(p.event_category, 'none') as event_category,
          l.requests
   from lags l
   join silver_pricing_bays b using (bay_id)
   left join silver_pricing_holidays h on h.day = CAST(l.bucket_start AS DATE)
   left join silver_pricing_weather w on w.hour_start = date_trunc('hour', l.bucket_start)
   left join _pricing_event_buckets p on p.bay_id = l.bay_id and p.bucket_start = l.bucket_start
   order by l.bucket_start, l.bay_id`,
];
