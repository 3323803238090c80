/**
 * From requests to quotes, bookings and incidents. Every request in a bucket is a price quote to one
 * customer (night requests go preferably to night-prone customers) for a vehicle parked at the bay; the
 * customer books with the acceptance probability of `mechanism.ts`; a booking is a trip whose telemetry
 * comes from the customer's driving style and which ends in an incident with the trip probability.
 * @module
 */
import { lognormal, normal, poisson, type Rng } from "../../lib/random/mod.ts";
import { DAY_MS, Float64Builder, HOUR_MS, Int32Builder, MINUTE_MS, StringBuilder } from "../common/mod.ts";
import type { Weather } from "./context.ts";
import type { Demand } from "./demand.ts";
import type { Customers, Vehicles } from "./fleet.ts";
import {
  acceptanceProbability,
  isRushHour,
  PRICING_EFFECTS,
  surgeFactor,
  tripIncidentProbability,
} from "./mechanism.ts";
import { BUCKETS_PER_DAY, INCIDENT_TYPES, SIM_YEAR } from "./params.ts";

/** Quotes, bookings and incidents as finished columns, with their truth. */
export interface Trips {
  readonly quotes: {
    quoteId: Int32Array;
    customerId: Int32Array;
    vehicleId: Int32Array;
    bayId: Int32Array;
    quotedAt: Float64Array;
    surgeFactor: Float64Array;
    pricePerMin: Float64Array;
    accepted: Int32Array;
    /** Truth: P(book). */
    pAccept: Float64Array;
  };
  readonly bookings: {
    bookingId: Int32Array;
    quoteId: Int32Array;
    customerId: Int32Array;
    vehicleId: Int32Array;
    bayId: Int32Array;
    bookedAt: Float64Array;
    endedAt: Float64Array;
    pricePerMin: Float64Array;
    distanceKm: Float64Array;
    avgSpeedKmh: Float64Array;
    speedViolations: Int32Array;
    harshBraking: Int32Array;
    nightTrip: Int32Array;
    /** Truth: P(incident on this trip). */
    pIncident: Float64Array;
  };
  /** Incidents in time order. */
  readonly incidents: {
    customerId: Int32Array;
    vehicleId: Int32Array;
    bookingId: Int32Array;
    occurredAt: Float64Array;
    type: Int32Array;
    costEur: Float64Array;
  };
  /** Accepted quotes per demand row. */
  readonly bookingsPerRow: Int32Array;
}

/** Simulates every quote of every demand row, in row order. */
export function makeTrips(
  rng: Rng,
  demand: Demand,
  weather: Weather,
  holiday: Uint8Array,
  customers: Customers,
  vehicles: Vehicles,
  start: number,
): Trips {
  const e = PRICING_EFFECTS;
  let total = 0;
  for (let r = 0; r < demand.nRows; r++) total += demand.requests[r]!;
  const cap = Math.max(1024, total);
  const qCust = new Int32Builder(cap), qVeh = new Int32Builder(cap), qBay = new Int32Builder(cap);
  const qAt = new Float64Builder(cap), qSurge = new Float64Builder(cap), qPrice = new Float64Builder(cap);
  const qAcc = new Int32Builder(cap), qP = new Float64Builder(cap);
  const bcap = Math.ceil(cap * 0.75);
  const bQuote = new Int32Builder(bcap), bAt = new Float64Builder(bcap), bEnd = new Float64Builder(bcap);
  const bKm = new Float64Builder(bcap), bAvg = new Float64Builder(bcap), bSv = new Int32Builder(bcap);
  const bHb = new Int32Builder(bcap), bNight = new Int32Builder(bcap);
  const bP = new Float64Builder(bcap);
  const iBook = new Int32Builder(), iAt = new Float64Builder(), iType = new StringBuilder(INCIDENT_TYPES);
  const iCost = new Float64Builder();
  const bookingsPerRow = new Int32Array(demand.nRows);
  const nNoBay = vehicles.n;
  for (let row = 0; row < demand.nRows; row++) {
    const n = demand.requests[row]!;
    if (n === 0) continue;
    const bay = demand.bay[row]!, t0 = demand.bucketStart[row]!;
    const q = Math.round((t0 - start) / (15 * MINUTE_MS));
    const day = Math.floor(q / BUCKETS_PER_DAY), hour = Math.floor((q % BUCKETS_PER_DAY) / 4);
    const raining = weather.rain[day * 24 + hour] === 1, isHoliday = holiday[day] === 1;
    const eventActive = demand.event[row]! > 1;
    const surge = surgeFactor(isRushHour(hour, day % 7, isHoliday), raining, eventActive);
    const v0 = vehicles.bayStart[bay]!, nHere = vehicles.bayStart[bay + 1]! - v0;
    for (let k = 0; k < n; k++) {
      const t = Math.floor(t0 + rng.float() * 15 * MINUTE_MS);
      const h = Math.floor((t % DAY_MS) / HOUR_MS);
      const night = h >= 22 || h < 5;
      const c = (night ? customers.nightPick : customers.dayPick).sample(rng);
      const v = nHere > 0 ? vehicles.bayVehicles[v0 + rng.int(nHere)]! : rng.int(nNoBay);
      const jitter = Math.exp(rng.uniform(-e.priceJitter, e.priceJitter));
      const price = Math.round(vehicles.basePricePerMin[v]! * surge * jitter * 1000) / 1000;
      const pAcc = acceptanceProbability({
        priceRatio: price / vehicles.basePricePerMin[v]!,
        plusMember: customers.membership[c] === 1,
        raining,
        eventActive,
      });
      const accepted = rng.float() < pAcc;
      const quoteId = qCust.length;
      qCust.push(c);
      qVeh.push(v);
      qBay.push(bay);
      qAt.push(t);
      qSurge.push(Math.round(surge * 1000) / 1000);
      qPrice.push(price);
      qAcc.push(accepted ? 1 : 0);
      qP.push(pAcc);
      if (!accepted) continue;
      bookingsPerRow[row] = bookingsPerRow[row]! + 1;
      const dur = Math.max(10, Math.min(600, Math.round(lognormal(rng, Math.log(45), 0.6))));
      const hours = dur / 60;
      const sv = poisson(rng, customers.speedingPerHour[c]! * hours),
        hb = poisson(rng, customers.harshPerHour[c]! * hours);
      const p = tripIncidentProbability({
        age: customers.age[c]!,
        priorIncidents: customers.priorIncidents[c]!,
        night,
        speedViolations: sv,
        harshBraking: hb,
        raining,
        vehicleAge: SIM_YEAR - vehicles.modelYear[v]!,
      });
      const bookingId = bQuote.length;
      bQuote.push(quoteId);
      bAt.push(t);
      bEnd.push(t + dur * MINUTE_MS);
      const avgSpeed = Math.max(
        5,
        Math.round((25 + 8 * normal(rng) + 4 * Math.log(customers.speedingPerHour[c]! + 1)) * 10) / 10,
      );
      bAvg.push(avgSpeed);
      bKm.push(Math.round(avgSpeed * hours * 10) / 10);
      bSv.push(sv);
      bHb.push(hb);
      bNight.push(night ? 1 : 0);
      bP.push(p);
      if (rng.float() < p) {
        iBook.push(bookingId);
        iAt.push(t + Math.floor(rng.float() * dur * MINUTE_MS));
        const ty = rng.float() < 0.5 ? 0 : rng.float() < 0.7 ? 1 : 2;
        iType.push(ty);
        iCost.push(Math.round([150, 900, 4_000][ty]! * lognormal(rng, 0, 0.5)));
      }
    }
  }
  const quoteCust = qCust.finish(),
    quoteVeh = qVeh.finish(),
    quoteBay = qBay.finish(),
    quotePrice = qPrice.finish();
  const bookingQuote = bQuote.finish();
  const pick = (src: Int32Array | Float64Array) => {
    const out = new (src.constructor as { new (n: number): Int32Array | Float64Array })(bookingQuote.length);
    for (let i = 0; i < bookingQuote.length; i++) out[i] = src[bookingQuote[i]!]!;
    return out;
  };
  const bookingCust = pick(quoteCust) as Int32Array, bookingVeh = pick(quoteVeh) as Int32Array;

  // incidents are reported in time order
  const at = iAt.finish(), book = iBook.finish(), types = iType.finish().codes, cost = iCost.finish();
  const order = Int32Array.from({ length: at.length }, (_, i) => i).sort((a, b) => at[a]! - at[b]! || a - b);
  const sorted = <T extends Int32Array | Float64Array>(src: T): T => {
    const out = new (src.constructor as { new (n: number): T })(src.length);
    for (let i = 0; i < src.length; i++) out[i] = src[order[i]!]!;
    return out;
  };
  const incBook = sorted(book);
  return {
    quotes: {
      quoteId: Int32Array.from({ length: quoteCust.length }, (_, i) => i),
      customerId: quoteCust,
      vehicleId: quoteVeh,
      bayId: quoteBay,
      quotedAt: qAt.finish(),
      surgeFactor: qSurge.finish(),
      pricePerMin: quotePrice,
      accepted: qAcc.finish(),
      pAccept: qP.finish(),
    },
    bookings: {
      bookingId: Int32Array.from({ length: bookingQuote.length }, (_, i) => i),
      quoteId: bookingQuote,
      customerId: bookingCust,
      vehicleId: bookingVeh,
      bayId: pick(quoteBay) as Int32Array,
      bookedAt: bAt.finish(),
      endedAt: bEnd.finish(),
      pricePerMin: pick(quotePrice) as Float64Array,
      distanceKm: bKm.finish(),
      avgSpeedKmh: bAvg.finish(),
      speedViolations: bSv.finish(),
      harshBraking: bHb.finish(),
      nightTrip: bNight.finish(),
      pIncident: bP.finish(),
    },
    incidents: {
      customerId: Int32Array.from(incBook, (b) => bookingCust[b]!),
      vehicleId: Int32Array.from(incBook, (b) => bookingVeh[b]!),
      bookingId: incBook,
      occurredAt: sorted(at),
      type: sorted(types),
      costEur: sorted(cost),
    },
    bookingsPerRow,
  };
}
