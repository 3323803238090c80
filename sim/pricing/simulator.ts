/**
 * The pricing simulator (car sharing): customers, vehicles, parking bays, hourly weather, public events,
 * holidays, per-bay demand in 15-minute buckets, price quotes and their acceptance, bookings with trip
 * telemetry, and incidents. Mechanisms in `mechanism.ts`, causal graph in `graph.ts`.
 *
 * Observed tables: `customers`, `vehicles`, `bays`, `weather`, `events`, `holidays`, `demand` (requests and
 * bookings per bay and bucket), `quotes`, `bookings`, `incidents`. Truth: `demand_truth` (Poisson rate and
 * its calendar and event factors per bucket), `quote_truth` (P(book)), `booking_truth` (P(incident) of the
 * trip and P(incident in the next 30 days), the risk label's probability), `customer_truth` (latent style).
 * Timestamps are epoch ms.
 *
 * @example
 * ```ts
 * import { pricingSimulator } from "./simulator.ts";
 * const out = pricingSimulator.generate({ seed: 1, scale: "tiny", days: 3 });
 * out.tables.demand!.nRows; // bays × days × 96
 * ```
 * @module
 */
import { makeFrame } from "../../lib/data/mod.ts";
import { Rng } from "../../lib/random/mod.ts";
import {
  checkGenerateOptions,
  codesColumn,
  DAY_MS,
  type GenerateOptions,
  SIM_EPOCH_MS,
  type SimOutput,
  type Simulator,
  sizesWithOverrides,
} from "../common/mod.ts";
import { makeBays } from "./city.ts";
import { makeEvents, makeHolidays, makeWeather } from "./context.ts";
import { makeDemand } from "./demand.ts";
import { makeCustomers, makeVehicles } from "./fleet.ts";
import { PRICING_GRAPH } from "./graph.ts";
import { ZONES } from "./mechanism.ts";
import {
  EVENT_CATEGORIES,
  INCIDENT_TYPES,
  MEMBERSHIP,
  PRICING_OPTIONS,
  PRICING_SCENARIOS,
  PRICING_SIZES,
  type PricingOptions,
  VEHICLE_TYPES,
} from "./params.ts";
import { makeTrips } from "./trips.ts";
import { incidentWithinProbability } from "./truth.ts";

function generate(opts: GenerateOptions & PricingOptions): SimOutput {
  const { seed, scale, scenario } = checkGenerateOptions("pricing", PRICING_SCENARIOS, PRICING_OPTIONS, opts);
  const { customers: nCustomers, bays: nBays, vehicles: nVehicles, days: nDays } = sizesWithOverrides(
    scale,
    PRICING_SIZES,
    opts,
  );
  const rng = new Rng(seed);
  const start = SIM_EPOCH_MS, end = start + nDays * DAY_MS;

  // each part draws from its own stream, so a scenario changes only what it declares
  const bays = makeBays(rng.fork(1), nBays);
  const holiday = makeHolidays(rng.fork(2), nDays, scenario);
  const weather = makeWeather(rng.fork(3), nDays, start);
  const events = makeEvents(rng.fork(4), rng.fork(9), nDays, start, scenario);
  const demand = makeDemand(rng.fork(5), bays, weather, holiday, events, nDays, start);
  const customers = makeCustomers(rng.fork(6), nCustomers, start);
  const vehicles = makeVehicles(rng.fork(7), nVehicles, nBays);
  const trips = makeTrips(rng.fork(8), demand, weather, holiday, customers, vehicles, start);
  const { quotes: q, bookings: b, incidents: inc } = trips;
  const p30 = incidentWithinProbability(b.customerId, b.bookedAt, b.endedAt, b.pIncident);

  const ids = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  const holidayDays: number[] = [];
  for (let d = 0; d < nDays; d++) if (holiday[d]) holidayDays.push(start + d * DAY_MS);
  const tables = {
    customers: makeFrame({
      customer_id: ids(nCustomers),
      age: customers.age,
      license_years: customers.licenseYears,
      prior_incidents_3y: customers.priorIncidents,
      signup_at: customers.signupAt,
      membership: codesColumn(customers.membership, MEMBERSHIP),
    }),
    vehicles: makeFrame({
      vehicle_id: ids(nVehicles),
      vehicle_type: codesColumn(vehicles.type, VEHICLE_TYPES),
      home_bay_id: vehicles.homeBay,
      base_price_per_min: vehicles.basePricePerMin,
      model_year: vehicles.modelYear,
    }),
    bays: makeFrame({
      bay_id: ids(nBays),
      zone: codesColumn(bays.zone, ZONES),
      lat: bays.lat,
      lon: bays.lon,
      capacity: bays.capacity,
      poi_density: bays.poiDensity,
      transit_score: bays.transitScore,
    }),
    weather: makeFrame({
      hour_start: weather.hourStart,
      rain: weather.rain,
      rain_mm: weather.rainMm,
      temperature_c: weather.temperatureC,
    }),
    events: makeFrame({
      event_id: ids(events.n),
      category: codesColumn(events.category, EVENT_CATEGORIES),
      venue_lat: events.venueLat,
      venue_lon: events.venueLon,
      start_at: events.startAt,
      end_at: events.endAt,
      expected_attendance: events.attendance,
    }),
    holidays: makeFrame({ day: Float64Array.from(holidayDays) }),
    demand: makeFrame({
      bay_id: demand.bay,
      bucket_start: demand.bucketStart,
      requests: demand.requests,
      bookings: trips.bookingsPerRow,
    }),
    quotes: makeFrame({
      quote_id: q.quoteId,
      customer_id: q.customerId,
      vehicle_id: q.vehicleId,
      bay_id: q.bayId,
      quoted_at: q.quotedAt,
      surge_factor: q.surgeFactor,
      price_per_min: q.pricePerMin,
      accepted: q.accepted,
    }),
    bookings: makeFrame({
      booking_id: b.bookingId,
      quote_id: b.quoteId,
      customer_id: b.customerId,
      vehicle_id: b.vehicleId,
      bay_id: b.bayId,
      booked_at: b.bookedAt,
      ended_at: b.endedAt,
      price_per_min: b.pricePerMin,
      distance_km: b.distanceKm,
      avg_speed_kmh: b.avgSpeedKmh,
      speed_violations: b.speedViolations,
      harsh_braking: b.harshBraking,
      night_trip: b.nightTrip,
    }),
    incidents: makeFrame({
      incident_id: ids(inc.bookingId.length),
      customer_id: inc.customerId,
      vehicle_id: inc.vehicleId,
      booking_id: inc.bookingId,
      occurred_at: inc.occurredAt,
      incident_type: codesColumn(inc.type, INCIDENT_TYPES),
      cost_eur: inc.costEur,
    }),
  };
  const truth = {
    demand_truth: makeFrame({
      bay_id: demand.bay,
      bucket_start: demand.bucketStart,
      rate: demand.rate,
      calendar_factor: demand.calendar,
      event_factor: demand.event,
    }),
    quote_truth: makeFrame({ quote_id: q.quoteId, p_accept: q.pAccept }),
    booking_truth: makeFrame({ booking_id: b.bookingId, p_incident: b.pIncident, p_incident_30d: p30 }),
    customer_truth: makeFrame({
      customer_id: ids(nCustomers),
      speeding_per_hour: customers.speedingPerHour,
      harsh_per_hour: customers.harshPerHour,
      night_preference: customers.nightPreference,
    }),
    bay_truth: makeFrame({ bay_id: ids(nBays), base_rate: bays.baseRate }),
  };
  return {
    tables,
    truth,
    meta: {
      simulator: "pricing",
      scenario,
      seed,
      scale,
      sizes: {
        customers: nCustomers,
        bays: nBays,
        vehicles: nVehicles,
        days: nDays,
        demand_rows: demand.nRows,
        quotes: q.quoteId.length,
        bookings: b.bookingId.length,
        incidents: inc.bookingId.length,
        events: events.n,
      },
      startMs: start,
      endMs: end,
      timestampColumns: {
        customers: ["signup_at"],
        weather: ["hour_start"],
        events: ["start_at", "end_at"],
        holidays: ["day"],
        demand: ["bucket_start"],
        quotes: ["quoted_at"],
        bookings: ["booked_at", "ended_at"],
        incidents: ["occurred_at"],
      },
      notes: [
        "requests ~ Poisson(base(zone, poi, transit) × hourly × weekday × 1.25 rain × 1.2 holiday × event)",
        "P(book | quote) = σ(1.0 − 2.0·ln(price/base) + 0.4 plus + 0.5 rain + 0.6 event); price = base × surge × e^U(−0.2,0.2)",
        "P(incident | trip) = σ(−5.7 + 0.9 young + 0.35 min(prior,3) + 1.0 night + 0.25 speeding + 0.15 harsh + 0.4 rain + 0.08 vehicle age)",
      ],
    },
  };
}

/** The pricing simulator. */
export const pricingSimulator: Simulator<PricingOptions> = {
  name: "pricing",
  scenarios: PRICING_SCENARIOS,
  options: PRICING_OPTIONS,
  graph: PRICING_GRAPH,
  generate,
};
