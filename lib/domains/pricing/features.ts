/**
 * Pricing features in DuckDB SQL: silver (typed, deduplicated) and two gold tables.
 *
 * `gold_pricing_risk` — one row per booking, label `incident_next_30d` (an incident of the customer in
 * [booked_at, booked_at + 30 days)); rows whose 30-day label window runs past the end of the data are
 * left out (censored). Features as of `booked_at`: 30-day rolling telemetry over trips that **ended**
 * strictly before the booking (trips, speed violations per trip, harsh braking, night-driving share,
 * km), incidents in the previous 365 days and days since the last one (strictly before), static profile.
 *
 * `gold_pricing_demand` — one row per bay and 15-minute bucket, label `requests`. Features use only
 * earlier buckets: lags 1, 4, 96 and 672 (a week), rolling means over the previous 4 and 96 buckets;
 * plus calendar, the hour's weather, and the pressure of scheduled events nearby (the events calendar is
 * published in advance, so it is known at prediction time).
 *
 * @example
 * ```ts ignore
 * const { risk, demand } = await buildPricingGold(db);
 * ```
 * @module
 */
import { type Db, ident } from "../../data/db.ts";
import { InputError, NotFoundError } from "../../errors.ts";

/** Bronze tables read (`bronze_pricing_<name>`). */
export const PRICING_BRONZE_TABLES = [
  "customers", "vehicles", "bays", "weather", "events", "holidays", "demand", "bookings", "incidents",
] as const;

/** Risk model: numeric features. */
export const RISK_NUMERIC_FEATURES = [
  "trips_30d",
  "speed_violations_per_trip_30d",
  "harsh_braking_30d",
  "night_driving_pct_30d",
  "km_30d",
  "incidents_365d",
  "days_since_last_incident",
  "prior_incidents_3y",
  "age",
  "license_years",
  "tenure_days",
  "night_booking",
  "hour_of_day",
] as const;
/** Risk model: categorical features. */
export const RISK_CATEGORICAL_FEATURES = ["membership", "vehicle_type"] as const;

/** Demand model: numeric features. */
export const DEMAND_NUMERIC_FEATURES = [
  "lag_1",
  "lag_4",
  "lag_96",
  "lag_672",
  "rolling_mean_4",
  "rolling_mean_96",
  "hour_of_day",
  "quarter_of_day",
  "day_of_week",
  "is_weekend",
  "is_holiday",
  "rain",
  "temperature_c",
  "event_pressure_after",
  "event_pressure_before",
  "capacity",
] as const;
/** Demand model: categorical features. */
export const DEMAND_CATEGORICAL_FEATURES = ["zone"] as const;

/** What a gold builder returns (same shape in every domain). */
export interface GoldResult {
  readonly table: string;
  /** All feature columns (numeric then categorical). */
  readonly features: readonly string[];
  readonly categorical: readonly string[];
  readonly label: string;
  /** Id and time columns (not features). */
  readonly keys: readonly string[];
  readonly rows: number;
}

const ts = (col: string) => `epoch_ms(CAST(${col} AS BIGINT))`;

/** Silver statements, in order. */
export const PRICING_SILVER_SQL: readonly string[] = [
  `create or replace table silver_pricing_customers as
   select CAST(customer_id AS INTEGER) as customer_id, CAST(age AS INTEGER) as age,
          CAST(license_years AS INTEGER) as license_years, CAST(prior_incidents_3y AS INTEGER) as prior_incidents_3y,
          ${ts("signup_at")} as signup_at, membership
   from bronze_pricing_customers qualify row_number() over (partition by customer_id order by signup_at) = 1`,
  `create or replace table silver_pricing_vehicles as
   select CAST(vehicle_id AS INTEGER) as vehicle_id, vehicle_type, CAST(home_bay_id AS INTEGER) as home_bay_id,
          base_price_per_min, CAST(model_year AS INTEGER) as model_year
   from bronze_pricing_vehicles qualify row_number() over (partition by vehicle_id order by model_year) = 1`,
  `create or replace table silver_pricing_bays as
   select CAST(bay_id AS INTEGER) as bay_id, zone, lat, lon, CAST(capacity AS INTEGER) as capacity
   from bronze_pricing_bays qualify row_number() over (partition by bay_id order by capacity) = 1`,
  `create or replace table silver_pricing_weather as
   select ${ts("hour_start")} as hour_start, CAST(rain AS INTEGER) as rain, rain_mm, temperature_c
   from bronze_pricing_weather qualify row_number() over (partition by hour_start order by rain desc) = 1`,
  `create or replace table silver_pricing_events as
   select CAST(event_id AS INTEGER) as event_id, category, venue_lat, venue_lon, ${ts("start_at")} as start_at,
          ${ts("end_at")} as end_at, CAST(expected_attendance AS INTEGER) as expected_attendance
   from bronze_pricing_events qualify row_number() over (partition by event_id order by start_at) = 1`,
  `create or replace table silver_pricing_holidays as
   select distinct CAST(${ts("day")} AS DATE) as day from bronze_pricing_holidays`,
  `create or replace table silver_pricing_demand as
   select CAST(bay_id AS INTEGER) as bay_id, ${ts("bucket_start")} as bucket_start, CAST(requests AS INTEGER) as requests
   from bronze_pricing_demand qualify row_number() over (partition by bay_id, bucket_start order by requests desc) = 1`,
  `create or replace table silver_pricing_bookings as
   select CAST(booking_id AS INTEGER) as booking_id, CAST(customer_id AS INTEGER) as customer_id,
          CAST(vehicle_id AS INTEGER) as vehicle_id, CAST(bay_id AS INTEGER) as bay_id,
          ${ts("booked_at")} as booked_at, ${ts("ended_at")} as ended_at, distance_km, avg_speed_kmh,
          CAST(speed_violations AS INTEGER) as speed_violations, CAST(harsh_braking AS INTEGER) as harsh_braking,
          CAST(night_trip AS INTEGER) as night_trip
   from bronze_pricing_bookings qualify row_number() over (partition by booking_id order by booked_at) = 1`,
  `create or replace table silver_pricing_incidents as
   select CAST(incident_id AS INTEGER) as incident_id, CAST(customer_id AS INTEGER) as customer_id,
          CAST(booking_id AS INTEGER) as booking_id, ${ts("occurred_at")} as occurred_at, incident_type, cost_eur
   from bronze_pricing_incidents qualify row_number() over (partition by incident_id order by occurred_at) = 1`,
];

/** Gold statements for the risk table. */
export const RISK_GOLD_SQL: readonly string[] = [
  `create or replace temp table _pricing_trips_cum as
   select customer_id, t,
          sum(n) over w as cum_trips, sum(sv) over w as cum_speed, sum(hb) over w as cum_harsh,
          sum(nt) over w as cum_night, sum(km) over w as cum_km
   from (select customer_id, ended_at as t, count(*) as n, sum(speed_violations) as sv, sum(harsh_braking) as hb,
                sum(night_trip) as nt, sum(distance_km) as km
         from silver_pricing_bookings group by all)
   window w as (partition by customer_id order by t rows unbounded preceding)`,
  `create or replace temp table _pricing_incidents_cum as
   select customer_id, t, sum(n) over (partition by customer_id order by t rows unbounded preceding) as cum_incidents
   from (select customer_id, occurred_at as t, count(*) as n from silver_pricing_incidents group by all)`,
  `create or replace table gold_pricing_risk as
   with b as (
     select k.booking_id, k.customer_id, k.booked_at, k.booked_at - INTERVAL 30 DAY as w30,
            k.booked_at - INTERVAL 365 DAY as w365, c.age, c.license_years, c.prior_incidents_3y, c.membership,
            c.signup_at, v.vehicle_type
     from silver_pricing_bookings k
     join silver_pricing_customers c using (customer_id)
     join silver_pricing_vehicles v using (vehicle_id)
   ), j as (
     select b.*,
            coalesce(n.cum_trips, 0) - coalesce(o.cum_trips, 0) as trips,
            coalesce(n.cum_speed, 0) - coalesce(o.cum_speed, 0) as speed,
            coalesce(n.cum_harsh, 0) - coalesce(o.cum_harsh, 0) as harsh,
            coalesce(n.cum_night, 0) - coalesce(o.cum_night, 0) as night,
            coalesce(n.cum_km, 0) - coalesce(o.cum_km, 0) as km,
            coalesce(ni.cum_incidents, 0) - coalesce(oi.cum_incidents, 0) as incidents_365d,
            ni.t as last_incident_at
     from b
     asof left join _pricing_trips_cum n on b.customer_id = n.customer_id and b.booked_at > n.t
     asof left join _pricing_trips_cum o on b.customer_id = o.customer_id and b.w30 > o.t
     asof left join _pricing_incidents_cum ni on b.customer_id = ni.customer_id and b.booked_at > ni.t
     asof left join _pricing_incidents_cum oi on b.customer_id = oi.customer_id and b.w365 > oi.t
   ), labelled as (
     -- label: incidents in [booked_at, booked_at + 30 d) = cum(t < booked_at + 30 d) − cum(t < booked_at)
     select j.*, (coalesce(f.cum_incidents, 0) - coalesce(ni2.cum_incidents, 0) > 0)::INTEGER as incident_next_30d
     from j
     asof left join _pricing_incidents_cum f
       on j.customer_id = f.customer_id and j.booked_at + INTERVAL 30 DAY > f.t
     asof left join _pricing_incidents_cum ni2 on j.customer_id = ni2.customer_id and j.booked_at > ni2.t
     where j.booked_at + INTERVAL 30 DAY <= (select max(hour_start) + INTERVAL 1 HOUR from silver_pricing_weather)
   )
   select booking_id, customer_id, booked_at,
          trips as trips_30d,
          speed / nullif(trips, 0) as speed_violations_per_trip_30d,
          harsh as harsh_braking_30d,
          night / nullif(trips, 0) as night_driving_pct_30d,
          km as km_30d,
          incidents_365d,
          epoch_ms(booked_at - last_incident_at) / 86400000.0 as days_since_last_incident,
          prior_incidents_3y, age, license_years,
          epoch_ms(booked_at - signup_at) / 86400000.0 as tenure_days,
          (hour(booked_at) >= 22 or hour(booked_at) < 5)::INTEGER as night_booking,
          CAST(hour(booked_at) AS INTEGER) as hour_of_day,
          membership, vehicle_type, incident_next_30d
   from labelled
   order by booked_at, booking_id`,
];

/** Gold statements for the demand table. */
export const DEMAND_GOLD_SQL: readonly string[] = [
  // bay × event pairs within 2 km, weighted by attendance and distance (the declared event kernel)
  `create or replace temp table _pricing_bay_events as
   select b.bay_id, e.start_at, e.end_at,
          e.expected_attendance / 20000.0 * exp(-d.km / 0.8) as weight
   from silver_pricing_bays b cross join silver_pricing_events e,
        lateral (select 2 * 6371.0088 * asin(least(1, sqrt(
            pow(sin(radians(e.venue_lat - b.lat) / 2), 2) +
            cos(radians(b.lat)) * cos(radians(e.venue_lat)) * pow(sin(radians(e.venue_lon - b.lon) / 2), 2)))) as km) d
   where d.km <= 2`,
  `create or replace temp table _pricing_event_pressure as
   select bay_id, bucket_start, sum(after_w) as event_pressure_after, sum(before_w) as event_pressure_before
   from (
     select bay_id, unnest(generate_series(end_at, end_at + INTERVAL 165 MINUTE, INTERVAL 15 MINUTE)) as bucket_start,
            weight as after_w, 0.0 as before_w
     from _pricing_bay_events
     union all
     select bay_id, unnest(generate_series(start_at - INTERVAL 60 MINUTE, start_at - INTERVAL 15 MINUTE, INTERVAL 15 MINUTE)),
            0.0, weight
     from _pricing_bay_events
   ) group by all`,
  `create or replace table gold_pricing_demand as
   with lags as (
     select bay_id, bucket_start, requests,
            sum(requests) over (partition by bay_id order by bucket_start
              range between INTERVAL 15 MINUTE preceding and INTERVAL 15 MINUTE preceding) as lag_1,
            sum(requests) over (partition by bay_id order by bucket_start
              range between INTERVAL 60 MINUTE preceding and INTERVAL 60 MINUTE preceding) as lag_4,
            sum(requests) over (partition by bay_id order by bucket_start
              range between INTERVAL 1 DAY preceding and INTERVAL 1 DAY preceding) as lag_96,
            sum(requests) over (partition by bay_id order by bucket_start
              range between INTERVAL 7 DAY preceding and INTERVAL 7 DAY preceding) as lag_672,
            avg(requests) over (partition by bay_id order by bucket_start
              range between INTERVAL 60 MINUTE preceding and INTERVAL 15 MINUTE preceding) as rolling_mean_4,
            avg(requests) over (partition by bay_id order by bucket_start
              range between INTERVAL 1 DAY preceding and INTERVAL 15 MINUTE preceding) as rolling_mean_96
     from silver_pricing_demand
   )
   select l.bay_id, l.bucket_start, l.lag_1, l.lag_4, l.lag_96, l.lag_672, l.rolling_mean_4, l.rolling_mean_96,
          CAST(hour(l.bucket_start) AS INTEGER) as hour_of_day,
          CAST(hour(l.bucket_start) * 4 + minute(l.bucket_start) // 15 AS INTEGER) as quarter_of_day,
          CAST(isodow(l.bucket_start) - 1 AS INTEGER) as day_of_week,
          (isodow(l.bucket_start) >= 6)::INTEGER as is_weekend,
          (h.day is not null)::INTEGER as is_holiday,
          coalesce(w.rain, 0) as rain, w.temperature_c,
          coalesce(p.event_pressure_after, 0) as event_pressure_after,
          coalesce(p.event_pressure_before, 0) as event_pressure_before,
          b.capacity, b.zone, l.requests
   from lags l
   join silver_pricing_bays b using (bay_id)
   left join silver_pricing_holidays h on h.day = CAST(l.bucket_start AS DATE)
   left join silver_pricing_weather w on w.hour_start = date_trunc('hour', l.bucket_start)
   left join _pricing_event_pressure p on p.bay_id = l.bay_id and p.bucket_start = l.bucket_start
   order by l.bucket_start, l.bay_id`,
];

async function requireBronze(db: Db): Promise<void> {
  for (const t of PRICING_BRONZE_TABLES) {
    if (!(await db.hasTable(`bronze_pricing_${t}`))) {
      throw new NotFoundError(`bronze_pricing_${t}`, "write the pricing simulator's output with writeBronze first");
    }
  }
}

/** Builds the pricing silver tables. */
export async function buildPricingSilver(db: Db): Promise<void> {
  await requireBronze(db);
  for (const sql of PRICING_SILVER_SQL) await db.exec(sql);
}

async function describe(db: Db, table: string, numeric: readonly string[], categorical: readonly string[], label: string, keys: string[]): Promise<GoldResult> {
  return {
    table,
    features: [...numeric, ...categorical],
    categorical: [...categorical],
    label,
    keys,
    rows: await db.scalar(`select count(*) from ${ident(table)}`),
  };
}

/** Builds silver and both gold tables. */
export async function buildPricingGold(db: Db): Promise<{ risk: GoldResult; demand: GoldResult }> {
  await buildPricingSilver(db);
  for (const sql of RISK_GOLD_SQL) await db.exec(sql);
  for (const sql of DEMAND_GOLD_SQL) await db.exec(sql);
  return {
    risk: await describe(db, "gold_pricing_risk", RISK_NUMERIC_FEATURES, RISK_CATEGORICAL_FEATURES, "incident_next_30d", [
      "booking_id", "customer_id", "booked_at",
    ]),
    demand: await describe(db, "gold_pricing_demand", DEMAND_NUMERIC_FEATURES, DEMAND_CATEGORICAL_FEATURES, "requests", [
      "bay_id", "bucket_start",
    ]),
  };
}

/** The per-domain convention: `buildGold(db, model)` builds silver + gold and returns one model's table. */
export async function buildGold(db: Db, model: "risk" | "demand" = "risk"): Promise<GoldResult> {
  if (model !== "risk" && model !== "demand") throw new InputError("model", `must be "risk" or "demand", got "${model}"`);
  return (await buildPricingGold(db))[model];
}
