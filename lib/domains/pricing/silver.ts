/**
 * Pricing silver tables (`silver_pricing_*`): the bronze tables typed (epoch ms → TIMESTAMP, ids →
 * INTEGER) and deduplicated by their key (the first row of a key wins).
 * @module
 */
import type { Db } from "../../data/db.ts";
import { msToTimestamp as ts, requireBronze } from "../bronze.ts";

/** Bronze tables read (`bronze_pricing_<name>`). */
export const PRICING_BRONZE_TABLES = [
  "customers",
  "vehicles",
  "bays",
  "weather",
  "events",
  "holidays",
  "demand",
  "quotes",
  "bookings",
  "incidents",
] as const;

const int = (col: string) => `CAST(${col} AS INTEGER) as ${col}`;

/** Silver statements, in order. */
export const PRICING_SILVER_SQL: readonly string[] = [
  `create or replace table silver_pricing_customers as
   select ${int("customer_id")}, ${int("age")}, ${int("license_years")}, ${int("prior_incidents_3y")},
          ${ts("signup_at")} as signup_at, membership
   from bronze_pricing_customers qualify row_number() over (partition by customer_id order by signup_at) = 1`,
  `create or replace table silver_pricing_vehicles as
   select ${int("vehicle_id")}, vehicle_type, ${int("home_bay_id")}, base_price_per_min, ${int("model_year")}
   from bronze_pricing_vehicles qualify row_number() over (partition by vehicle_id order by model_year) = 1`,
  `create or replace table silver_pricing_bays as
   select ${int("bay_id")}, zone, lat, lon, ${int("capacity")}, poi_density, transit_score
   from bronze_pricing_bays qualify row_number() over (partition by bay_id order by capacity) = 1`,
  `create or replace table silver_pricing_weather as
   select ${ts("hour_start")} as hour_start, ${int("rain")}, rain_mm, temperature_c
   from bronze_pricing_weather qualify row_number() over (partition by hour_start order by rain desc) = 1`,
  `create or replace table silver_pricing_events as
   select ${int("event_id")}, category, venue_lat, venue_lon, ${ts("start_at")} as start_at,
          ${ts("end_at")} as end_at, ${int("expected_attendance")}
   from bronze_pricing_events qualify row_number() over (partition by event_id order by start_at) = 1`,
  `create or replace table silver_pricing_holidays as
   select distinct CAST(${ts("day")} AS DATE) as day from bronze_pricing_holidays`,
  `create or replace table silver_pricing_demand as
   select ${int("bay_id")}, time_bucket(INTERVAL 15 MINUTE, ${ts("bucket_start")}) as bucket_start, ${
    int("requests")
  },
          ${int("bookings")}
   from bronze_pricing_demand
   qualify row_number() over (partition by bay_id, time_bucket(INTERVAL 15 MINUTE, ${ts("bucket_start")})
                              order by requests desc) = 1`,
  `create or replace table silver_pricing_quotes as
   select ${int("quote_id")}, ${int("customer_id")}, ${int("vehicle_id")}, ${int("bay_id")},
          ${ts("quoted_at")} as quoted_at, surge_factor, price_per_min, ${int("accepted")}
   from bronze_pricing_quotes qualify row_number() over (partition by quote_id order by quoted_at) = 1`,
  `create or replace table silver_pricing_bookings as
   select ${int("booking_id")}, ${int("quote_id")}, ${int("customer_id")}, ${int("vehicle_id")}, ${
    int("bay_id")
  },
          ${ts("booked_at")} as booked_at, ${
    ts("ended_at")
  } as ended_at, price_per_min, distance_km, avg_speed_kmh,
          ${int("speed_violations")}, ${int("harsh_braking")}, ${int("night_trip")}
   from bronze_pricing_bookings qualify row_number() over (partition by booking_id order by booked_at) = 1`,
  `create or replace table silver_pricing_incidents as
   select ${int("incident_id")}, ${int("customer_id")}, ${int("vehicle_id")}, ${int("booking_id")},
          ${ts("occurred_at")} as occurred_at, incident_type, cost_eur
   from bronze_pricing_incidents qualify row_number() over (partition by incident_id order by occurred_at) = 1`,
];

/** Throws NotFoundError naming the first missing `bronze_pricing_*` table. */
export async function requirePricingBronze(db: Db): Promise<void> {
  await requireBronze(db, "pricing", PRICING_BRONZE_TABLES);
}

/** Builds the pricing silver tables from bronze. */
export async function buildPricingSilver(db: Db): Promise<void> {
  await requirePricingBronze(db);
  for (const sql of PRICING_SILVER_SQL) await db.exec(sql);
}
