/**
 * Last stage of the dispatch simulator: the bronze tables, the truth tables and the run's metadata, from
 * the stages' columns. The offers log gets ~0.3 % duplicated lines, as real logs have (silver must
 * deduplicate by `offer_id`).
 * @module
 */
import { SERVICE_LEVELS, SERVICE_TYPES } from "../../lib/domains/dispatch/mod.ts";
import { makeFrame } from "../../lib/data/mod.ts";
import type { Rng } from "../../lib/random/mod.ts";
import { codesColumn, idColumn, type Scale, type SimOutput } from "../common/mod.ts";
import { VEHICLES } from "./acceptance.ts";
import { DISTRICTS } from "./city.ts";
import { type Drivers, SERVICE_LEVEL_OF_VEHICLE, type Sessions } from "./entities.ts";
import { type OfferLog, ORDER_STATUS, RESPONSES } from "./offers.ts";
import type { Orders } from "./orders.ts";
import type { Pings } from "./pings.ts";
import type { Weather } from "./weather.ts";

/** Payment methods (dictionary order of `payment_method`). */
export const PAYMENT = ["prepaid", "cod"] as const;
/** Share of offer log lines written twice. */
export const DUPLICATE_SHARE = 0.003;

/** Everything the stages produced, for {@link assembleOutput}. */
export interface DispatchRun {
  readonly seed: number;
  readonly scale: Scale;
  readonly scenario: string;
  readonly start: number;
  readonly end: number;
  readonly nDays: number;
  readonly weather: Weather;
  readonly drivers: Drivers;
  readonly sessions: Sessions;
  readonly orders: Orders;
  readonly offers: OfferLog;
  readonly pings: Pings;
}

/** Offer row indices of the log as written: each offer once, ~0.3 % of them twice in a row. */
export function duplicateLogLines(rng: Rng, nOffers: number): number[] {
  const rows: number[] = [];
  for (let r = 0; r < nOffers; r++) {
    rows.push(r);
    if (rng.float() < DUPLICATE_SHARE) rows.push(r);
  }
  return rows;
}

/** Builds the simulator's output; `dupRng` draws the duplicated log lines. */
export function assembleOutput(run: DispatchRun, dupRng: Rng): SimOutput {
  const { drivers, sessions, weather, orders, offers, pings } = run;
  const nDrivers = drivers.n, nOrders = orders.n, nOffers = offers.n;
  const rowsIdx = duplicateLogLines(dupRng, nOffers);
  const take = <T extends Float64Array | Int32Array>(src: T): T => {
    const out = new (src.constructor as { new (n: number): T })(rowsIdx.length);
    for (let j = 0; j < rowsIdx.length; j++) out[j] = src[rowsIdx[j]!]!;
    return out;
  };
  const driverIds = idColumn(nDrivers);
  const levels = Int32Array.from(
    drivers.vehicle,
    (v) => SERVICE_LEVELS.indexOf(SERVICE_LEVEL_OF_VEHICLE[v]!),
  );
  const districtNames = DISTRICTS.map((d) => d.name);
  const tables = {
    drivers: makeFrame({
      driver_id: driverIds,
      vehicle_type: codesColumn(drivers.vehicle, VEHICLES),
      service_level: codesColumn(levels, SERVICE_LEVELS),
      home_district: codesColumn(drivers.home, districtNames),
      home_lat: drivers.homeLat,
      home_lon: drivers.homeLon,
      joined_at: drivers.joinedAt,
      hist_as_of: new Float64Array(nDrivers).fill(run.start),
      hist_offers_7d: drivers.histOffers,
      hist_accepts_7d: drivers.histAccepts,
      hist_cancels_7d: drivers.histCancels,
    }),
    sessions: makeFrame({
      driver_id: sessions.driver,
      session_start: sessions.start,
      session_end: sessions.end,
    }),
    weather: makeFrame({ hour_start: weather.hourStart, rain: weather.rain, rain_mm: weather.rainMm }),
    orders: makeFrame({
      order_id: idColumn(nOrders),
      created_at: orders.createdAt,
      service_type: codesColumn(orders.service, SERVICE_TYPES),
      pickup_lat: orders.pickupLat,
      pickup_lon: orders.pickupLon,
      pickup_district: codesColumn(orders.pickupDistrict, districtNames),
      dropoff_lat: orders.dropoffLat,
      dropoff_lon: orders.dropoffLon,
      trip_km: orders.tripKm,
      fare_vnd: orders.fare,
      price_per_km: orders.pricePerKm,
      payment_method: codesColumn(orders.payment, PAYMENT),
      cod_amount_vnd: orders.codVnd,
      rain: orders.rain,
      status: codesColumn(offers.status, ORDER_STATUS),
      assigned_driver_id: offers.assigned,
    }),
    offers: makeFrame({
      offer_id: take(offers.offerId),
      order_id: take(offers.orderId),
      driver_id: take(offers.driverId),
      offer_seq: take(offers.seq),
      offered_at: take(offers.offeredAt),
      responded_at: take(offers.respondedAt),
      distance_to_pickup_km: take(offers.distanceKm),
      driver_lat: take(offers.driverLat),
      driver_lon: take(offers.driverLon),
      response: codesColumn(take(offers.response), RESPONSES),
      accepted: take(offers.accepted),
      cancelled_at: take(offers.cancelledAt),
    }),
    pings: makeFrame({
      driver_id: pings.driver,
      pinged_at: pings.at,
      lat: pings.lat,
      lon: pings.lon,
      speed_kmh: pings.speedKmh,
    }),
  };
  const truth = {
    offer_truth: makeFrame({
      offer_id: idColumn(nOffers),
      p_accept: offers.pAccept,
      p_base: offers.pBase,
      rain_factor: offers.rainFactor,
      cod_factor: offers.codFactor,
      fatigue_factor: offers.fatigueFactor,
      minutes_online: offers.minutesOnline,
    }),
    driver_truth: makeFrame({
      driver_id: driverIds,
      propensity: drivers.propensity,
      cancel_propensity: drivers.cancelProp,
      is_new: drivers.isNew,
      is_fraud: drivers.isFraud,
    }),
  };
  return {
    tables,
    truth,
    meta: {
      simulator: "dispatch",
      scenario: run.scenario,
      seed: run.seed,
      scale: run.scale,
      sizes: {
        drivers: nDrivers,
        orders: nOrders,
        days: run.nDays,
        offers: nOffers,
        offer_rows: rowsIdx.length,
      },
      startMs: run.start,
      endMs: run.end,
      timestampColumns: {
        drivers: ["joined_at", "hist_as_of"],
        sessions: ["session_start", "session_end"],
        weather: ["hour_start"],
        orders: ["created_at"],
        offers: ["offered_at", "responded_at", "cancelled_at"],
        pings: ["pinged_at"],
      },
      notes: [
        "P(accept) = σ(0.3 + propensity − 0.55·km + 1.5·ln(ppk/ref) + 0.7·home) × rain(0.6 bike) × COD × fatigue",
        "offers holds ~0.3 % duplicated log lines; deduplicate by offer_id",
      ],
    },
  };
}
