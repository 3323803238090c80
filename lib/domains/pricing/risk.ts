/**
 * `gold_pricing_risk`: one row per booking, label `incident_next_30d` (the customer has an incident in
 * [booked_at, booked_at + 30 days)); bookings whose label window runs past the end of the data are left
 * out (censored). Every feature is as of `booked_at`:
 * - customer driving behaviour over trips that **ended** strictly before the booking, in 30- and 90-day
 *   windows (trips, speed violations and harsh braking per trip, night and weekend share, average speed,
 *   km) — cumulative sums per customer differenced by ASOF joins with `>`;
 * - customer incident history: incidents and claim cost in the previous 365 days, days since the last one
 *   (incidents are known when they occur, strictly before the booking);
 * - vehicle: age in years, its trips in the last 30 days and incidents in the last 365 days;
 * - profile (age, licence years, prior incidents on sign-up, tenure, membership) and the trip's context
 *   (night, hour, weekend, rain in the booking hour).
 * @module
 */

/** Numeric features. */
export const RISK_NUMERIC_FEATURES = [
  "trips_30d",
  "trips_90d",
  "speed_violations_per_trip_30d",
  "speed_violations_per_trip_90d",
  "harsh_braking_30d",
  "harsh_braking_per_trip_90d",
  "night_driving_pct_30d",
  "weekend_driving_pct_30d",
  "avg_speed_30d",
  "km_30d",
  "incidents_365d",
  "claim_cost_365d",
  "days_since_last_incident",
  "vehicle_age_years",
  "vehicle_trips_30d",
  "vehicle_incidents_365d",
  "prior_incidents_3y",
  "age",
  "license_years",
  "tenure_days",
  "night_booking",
  "hour_of_day",
  "is_weekend",
  "rain",
] as const;
/** Categorical features. */
export const RISK_CATEGORICAL_FEATURES = ["membership", "vehicle_type"] as const;
/** Key columns. */
export const RISK_KEYS = ["booking_id", "customer_id", "vehicle_id", "booked_at"] as const;

/** Gold statements (need silver). */
export const RISK_GOLD_SQL: readonly string[] = [
  `create or replace temp table _pricing_trips_cum as
   select customer_id, t,
          sum(n) over w as cum_trips, sum(sv) over w as cum_speed, sum(hb) over w as cum_harsh,
          sum(nt) over w as cum_night, sum(wk) over w as cum_weekend, sum(spd) over w as cum_avg_speed,
          sum(km) over w as cum_km
   from (select customer_id, ended_at as t, count(*) as n, sum(speed_violations) as sv, sum(harsh_braking) as hb,
                sum(night_trip) as nt, sum((isodow(booked_at) >= 6)::INTEGER) as wk, sum(avg_speed_kmh) as spd,
                sum(distance_km) as km
         from silver_pricing_bookings group by all)
   window w as (partition by customer_id order by t rows unbounded preceding)`,
  `create or replace temp table _pricing_incidents_cum as
   select customer_id, t,
          sum(n) over w as cum_incidents, sum(cost) over w as cum_cost
   from (select customer_id, occurred_at as t, count(*) as n, sum(cost_eur) as cost
         from silver_pricing_incidents group by all)
   window w as (partition by customer_id order by t rows unbounded preceding)`,
  `create or replace temp table _pricing_vehicle_trips_cum as
   select vehicle_id, t, sum(n) over (partition by vehicle_id order by t rows unbounded preceding) as cum_trips
   from (select vehicle_id, ended_at as t, count(*) as n from silver_pricing_bookings group by all)`,
  `create or replace temp table _pricing_vehicle_incidents_cum as
   select vehicle_id, t, sum(n) over (partition by vehicle_id order by t rows unbounded preceding) as cum_incidents
   from (select vehicle_id, occurred_at as t, count(*) as n from silver_pricing_incidents group by all)`,
  `create or replace table gold_pricing_risk as
   with b as (
     select k.booking_id, k.customer_id, k.vehicle_id, k.booked_at,
            k.booked_at - INTERVAL 30 DAY as w30, k.booked_at - INTERVAL 90 DAY as w90,
            k.booked_at - INTERVAL 365 DAY as w365, k.booked_at + INTERVAL 30 DAY as label_end,
            c.age, c.license_years, c.prior_incidents_3y, c.membership, c.signup_at, v.vehicle_type, v.model_year
     from silver_pricing_bookings k
     join silver_pricing_customers c using (customer_id)
     join silver_pricing_vehicles v using (vehicle_id)
     where k.booked_at + INTERVAL 30 DAY <= (select max(hour_start) + INTERVAL 1 HOUR from silver_pricing_weather)
   ), j as (
     select b.*,
            coalesce(n.cum_trips, 0) - coalesce(o30.cum_trips, 0) as trips30,
            coalesce(n.cum_trips, 0) - coalesce(o90.cum_trips, 0) as trips90,
            coalesce(n.cum_speed, 0) - coalesce(o30.cum_speed, 0) as speed30,
            coalesce(n.cum_speed, 0) - coalesce(o90.cum_speed, 0) as speed90,
            coalesce(n.cum_harsh, 0) - coalesce(o30.cum_harsh, 0) as harsh30,
            coalesce(n.cum_harsh, 0) - coalesce(o90.cum_harsh, 0) as harsh90,
            coalesce(n.cum_night, 0) - coalesce(o30.cum_night, 0) as night30,
            coalesce(n.cum_weekend, 0) - coalesce(o30.cum_weekend, 0) as weekend30,
            coalesce(n.cum_avg_speed, 0) - coalesce(o30.cum_avg_speed, 0) as speedsum30,
            coalesce(n.cum_km, 0) - coalesce(o30.cum_km, 0) as km30,
            coalesce(ni.cum_incidents, 0) - coalesce(oi.cum_incidents, 0) as incidents365,
            coalesce(ni.cum_cost, 0) - coalesce(oi.cum_cost, 0) as cost365,
            ni.t as last_incident_at,
            coalesce(fi.cum_incidents, 0) - coalesce(ni.cum_incidents, 0) as incidents_next_30d,
            coalesce(vn.cum_trips, 0) - coalesce(vo.cum_trips, 0) as vehicle_trips30,
            coalesce(vin.cum_incidents, 0) - coalesce(vio.cum_incidents, 0) as vehicle_incidents365,
            w.rain
     from b
     asof left join _pricing_trips_cum n on b.customer_id = n.customer_id and b.booked_at > n.t
     asof left join _pricing_trips_cum o30 on b.customer_id = o30.customer_id and b.w30 > o30.t
     asof left join _pricing_trips_cum o90 on b.customer_id = o90.customer_id and b.w90 > o90.t
     asof left join _pricing_incidents_cum ni on b.customer_id = ni.customer_id and b.booked_at > ni.t
     asof left join _pricing_incidents_cum oi on b.customer_id = oi.customer_id and b.w365 > oi.t
     -- the label: incidents in [booked_at, booked_at + 30 d) = cum(t < booked_at + 30 d) − cum(t < booked_at)
     asof left join _pricing_incidents_cum fi on b.customer_id = fi.customer_id and b.label_end > fi.t
     asof left join _pricing_vehicle_trips_cum vn on b.vehicle_id = vn.vehicle_id and b.booked_at > vn.t
     asof left join _pricing_vehicle_trips_cum vo on b.vehicle_id = vo.vehicle_id and b.w30 > vo.t
     asof left join _pricing_vehicle_incidents_cum vin on b.vehicle_id = vin.vehicle_id and b.booked_at > vin.t
     asof left join _pricing_vehicle_incidents_cum vio on b.vehicle_id = vio.vehicle_id and b.w365 > vio.t
     left join silver_pricing_weather w on w.hour_start = date_trunc('hour', b.booked_at)
   )
   select booking_id, customer_id, vehicle_id, booked_at,
          trips30 as trips_30d,
          trips90 as trips_90d,
          speed30 / nullif(trips30, 0) as speed_violations_per_trip_30d,
          speed90 / nullif(trips90, 0) as speed_violations_per_trip_90d,
          harsh30 as harsh_braking_30d,
          harsh90 / nullif(trips90, 0) as harsh_braking_per_trip_90d,
          night30 / nullif(trips30, 0) as night_driving_pct_30d,
          weekend30 / nullif(trips30, 0) as weekend_driving_pct_30d,
          speedsum30 / nullif(trips30, 0) as avg_speed_30d,
          km30 as km_30d,
          incidents365 as incidents_365d,
          cost365 as claim_cost_365d,
          epoch_ms(booked_at - last_incident_at) / 86400000.0 as days_since_last_incident,
          CAST(year(booked_at) - model_year AS INTEGER) as vehicle_age_years,
          vehicle_trips30 as vehicle_trips_30d,
          vehicle_incidents365 as vehicle_incidents_365d,
          prior_incidents_3y, age, license_years,
          epoch_ms(booked_at - signup_at) / 86400000.0 as tenure_days,
          (hour(booked_at) >= 22 or hour(booked_at) < 5)::INTEGER as night_booking,
          CAST(hour(booked_at) AS INTEGER) as hour_of_day,
          (isodow(booked_at) >= 6)::INTEGER as is_weekend,
          coalesce(rain, 0) as rain,
          membership, vehicle_type,
          (incidents_next_30d > 0)::INTEGER as incident_next_30d
   from j
   order by booked_at, booking_id`,
];
