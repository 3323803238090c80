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

/** Customer probes: 0 = at the booking, 1 = 30 days before, 2 = 90 days before, 3 = 365 days before,
 * 4 = 30 days after (the label window's end). Vehicle probes use 0, 1 and 3. */
const at = (probe: number, col: string) => `coalesce(max(${col}) filter (where probe = ${probe}), 0)`;

/**
 * Gold statements (need silver). Each entity (customer, vehicle) gets one timeline of cumulative sums
 * over trip ends and incidents; every booking probes it at several times with a single ASOF join (strictly
 * before each probe time), and a window's value is the difference of two probes. This keeps the join
 * narrow: one ASOF join per entity instead of one per window and quantity.
 */
export const RISK_GOLD_SQL: readonly string[] = [
  // one timeline per customer: trip ends and incidents, cumulative sums carried forward
  `create or replace temp table _pricing_customer_cum as
   select customer_id, t,
          sum(n) over w as trips, sum(sv) over w as speed, sum(hb) over w as harsh, sum(nt) over w as night,
          sum(wk) over w as weekend, sum(spd) over w as speedsum, sum(km) over w as km,
          sum(inc) over w as incidents, sum(cost) over w as cost,
          max(last_inc) over w as last_incident_at
   from (select customer_id, t, sum(n) as n, sum(sv) as sv, sum(hb) as hb, sum(nt) as nt, sum(wk) as wk,
                sum(spd) as spd, sum(km) as km, sum(inc) as inc, sum(cost) as cost, max(last_inc) as last_inc
         from (select customer_id, ended_at as t, 1 as n, speed_violations as sv, harsh_braking as hb,
                      night_trip as nt, (isodow(booked_at) >= 6)::INTEGER as wk, avg_speed_kmh as spd,
                      distance_km as km, 0 as inc, 0.0 as cost, NULL::TIMESTAMP as last_inc
               from silver_pricing_bookings
               union all
               select customer_id, occurred_at, 0, 0, 0, 0, 0, 0.0, 0.0, 1, cost_eur, occurred_at
               from silver_pricing_incidents)
         group by customer_id, t)
   window w as (partition by customer_id order by t rows unbounded preceding)`,
  `create or replace temp table _pricing_vehicle_cum as
   select vehicle_id, t, sum(n) over w as trips, sum(inc) over w as incidents
   from (select vehicle_id, t, sum(n) as n, sum(inc) as inc
         from (select vehicle_id, ended_at as t, 1 as n, 0 as inc from silver_pricing_bookings
               union all select vehicle_id, occurred_at, 0, 1 from silver_pricing_incidents)
         group by vehicle_id, t)
   window w as (partition by vehicle_id order by t rows unbounded preceding)`,
  `create or replace temp table _pricing_risk_base as
   select k.booking_id, k.customer_id, k.vehicle_id, k.booked_at
   from silver_pricing_bookings k
   where k.booked_at + INTERVAL 30 DAY <= (select max(hour_start) + INTERVAL 1 HOUR from silver_pricing_weather)`,
  // probe each booking's timelines at several times with one ASOF join per timeline
  `create or replace temp table _pricing_customer_probes as
   select p.booking_id, p.probe, c.trips, c.speed, c.harsh, c.night, c.weekend, c.speedsum, c.km, c.incidents,
          c.cost, c.last_incident_at
   from (select booking_id, customer_id, probe, booked_at + shift as probe_at from _pricing_risk_base,
           (values (0, INTERVAL 0 DAY), (1, -INTERVAL 30 DAY), (2, -INTERVAL 90 DAY), (3, -INTERVAL 365 DAY),
                   (4, INTERVAL 30 DAY)) v(probe, shift)) p
   asof left join _pricing_customer_cum c on p.customer_id = c.customer_id and p.probe_at > c.t`,
  `create or replace temp table _pricing_vehicle_probes as
   select p.booking_id, p.probe, c.trips, c.incidents
   from (select booking_id, vehicle_id, probe, booked_at + shift as probe_at from _pricing_risk_base,
           (values (0, INTERVAL 0 DAY), (1, -INTERVAL 30 DAY), (3, -INTERVAL 365 DAY)) v(probe, shift)) p
   asof left join _pricing_vehicle_cum c on p.vehicle_id = c.vehicle_id and p.probe_at > c.t`,
  `create or replace temp table _pricing_customer_windows as
   select booking_id,
          ${at(0, "trips")} - ${at(1, "trips")} as trips30, ${at(0, "trips")} - ${at(2, "trips")} as trips90,
          ${at(0, "speed")} - ${at(1, "speed")} as speed30, ${at(0, "speed")} - ${at(2, "speed")} as speed90,
          ${at(0, "harsh")} - ${at(1, "harsh")} as harsh30, ${at(0, "harsh")} - ${at(2, "harsh")} as harsh90,
          ${at(0, "night")} - ${at(1, "night")} as night30, ${at(0, "weekend")} - ${
    at(1, "weekend")
  } as weekend30,
          ${at(0, "speedsum")} - ${at(1, "speedsum")} as speedsum30, ${at(0, "km")} - ${at(1, "km")} as km30,
          ${at(0, "incidents")} - ${at(3, "incidents")} as incidents365, ${at(0, "cost")} - ${
    at(3, "cost")
  } as cost365,
          ${at(4, "incidents")} - ${at(0, "incidents")} as incidents_next_30d,
          max(last_incident_at) filter (where probe = 0) as last_incident_at
   from _pricing_customer_probes group by booking_id`,
  `create or replace temp table _pricing_vehicle_windows as
   select booking_id, ${at(0, "trips")} - ${at(1, "trips")} as vehicle_trips30,
          ${at(0, "incidents")} - ${at(3, "incidents")} as vehicle_incidents365
   from _pricing_vehicle_probes group by booking_id`,
  `create or replace table gold_pricing_risk as
   select b.booking_id, b.customer_id, b.vehicle_id, b.booked_at,
          cw.trips30 as trips_30d,
          cw.trips90 as trips_90d,
          cw.speed30 / nullif(cw.trips30, 0) as speed_violations_per_trip_30d,
          cw.speed90 / nullif(cw.trips90, 0) as speed_violations_per_trip_90d,
          cw.harsh30 as harsh_braking_30d,
          cw.harsh90 / nullif(cw.trips90, 0) as harsh_braking_per_trip_90d,
          cw.night30 / nullif(cw.trips30, 0) as night_driving_pct_30d,
          cw.weekend30 / nullif(cw.trips30, 0) as weekend_driving_pct_30d,
          cw.speedsum30 / nullif(cw.trips30, 0) as avg_speed_30d,
          cw.km30 as km_30d,
          cw.incidents365 as incidents_365d,
          cw.cost365 as claim_cost_365d,
          epoch_ms(b.booked_at - cw.last_incident_at) / 86400000.0 as days_since_last_incident,
          CAST(year(b.booked_at) - v.model_year AS INTEGER) as vehicle_age_years,
          vw.vehicle_trips30 as vehicle_trips_30d,
          vw.vehicle_incidents365 as vehicle_incidents_365d,
          c.prior_incidents_3y, c.age, c.license_years,
          epoch_ms(b.booked_at - c.signup_at) / 86400000.0 as tenure_days,
          (hour(b.booked_at) >= 22 or hour(b.booked_at) < 5)::INTEGER as night_booking,
          CAST(hour(b.booked_at) AS INTEGER) as hour_of_day,
          (isodow(b.booked_at) >= 6)::INTEGER as is_weekend,
          coalesce(w.rain, 0) as rain,
          c.membership, v.vehicle_type,
          (cw.incidents_next_30d > 0)::INTEGER as incident_next_30d
   from _pricing_risk_base b
   join _pricing_customer_windows cw using (booking_id)
   join _pricing_vehicle_windows vw using (booking_id)
   join silver_pricing_customers c on c.customer_id = b.customer_id
   join silver_pricing_vehicles v on v.vehicle_id = b.vehicle_id
   left join silver_pricing_weather w on w.hour_start = date_trunc('hour', b.booked_at)
   order by b.booked_at, b.booking_id`,
];
