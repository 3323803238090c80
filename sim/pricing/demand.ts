/**
 * Per-bay demand in 15-minute buckets: the true Poisson rate of price requests (bay base × calendar ×
 * weather × events, see `mechanism.ts`) and a draw of the count. Rows are bucket-major, bay-minor
 * (row = bucket × nBays + bay), so the demand table is already in time order.
 * @module
 */
import { poisson, type Rng } from "../../lib/random/mod.ts";
import { HOUR_MS, MINUTE_MS } from "../common/mod.ts";
import type { Bays } from "./city.ts";
import { haversineKm } from "./city.ts";
import type { Events, Weather } from "./context.ts";
import { calendarFactor, eventFactor, PRICING_EFFECTS } from "./mechanism.ts";
import { BUCKETS_PER_DAY } from "./params.ts";

/** Demand rows and their truth. */
export interface Demand {
  readonly nRows: number;
  readonly bay: Int32Array;
  readonly bucketStart: Float64Array;
  readonly requests: Int32Array;
  readonly rate: Float64Array;
  readonly calendar: Float64Array;
  readonly event: Float64Array;
}

/** Distance (km) from every bay to every event's venue, bay-major. */
export function bayEventKm(bays: Bays, events: Events): Float64Array {
  const km = new Float64Array(bays.n * events.n);
  for (let b = 0; b < bays.n; b++) {
    for (let e = 0; e < events.n; e++) {
      km[b * events.n + e] = haversineKm(
        bays.lat[b]!,
        bays.lon[b]!,
        events.venueLat[e]!,
        events.venueLon[e]!,
      );
    }
  }
  return km;
}

/** Draws the requests of every bay and bucket over `nDays` from `start`. */
export function makeDemand(
  rng: Rng,
  bays: Bays,
  weather: Weather,
  holiday: Uint8Array,
  events: Events,
  nDays: number,
  start: number,
): Demand {
  const nBays = bays.n, nBuckets = nDays * BUCKETS_PER_DAY, nRows = nBays * nBuckets;
  const bay = new Int32Array(nRows), bucketStart = new Float64Array(nRows), requests = new Int32Array(nRows);
  const rate = new Float64Array(nRows), calendar = new Float64Array(nRows), event = new Float64Array(nRows);
  const km = bayEventKm(bays, events);
  const before = PRICING_EFFECTS.eventBeforeHours * HOUR_MS,
    after = PRICING_EFFECTS.eventAfterHours * HOUR_MS;
  const mult = new Float64Array(nBays);
  let row = 0;
  for (let q = 0; q < nBuckets; q++) {
    const t = start + q * 15 * MINUTE_MS;
    const day = Math.floor(q / BUCKETS_PER_DAY), hour = Math.floor((q % BUCKETS_PER_DAY) / 4), dow = day % 7;
    const cal = calendarFactor(hour, dow, weather.rain[day * 24 + hour] === 1, holiday[day] === 1);
    mult.fill(1);
    for (let e = 0; e < events.n; e++) {
      if (t < events.startAt[e]! - before || t >= events.endAt[e]! + after) continue;
      for (let b = 0; b < nBays; b++) {
        mult[b] = mult[b]! *
          eventFactor(
            km[b * events.n + e]!,
            events.attendance[e]!,
            events.startAt[e]! - t,
            t - events.endAt[e]!,
          );
      }
    }
    for (let b = 0; b < nBays; b++) {
      const r = bays.baseRate[b]! * cal * mult[b]!;
      bay[row] = b;
      bucketStart[row] = t;
      requests[row] = poisson(rng, r);
      rate[row] = r;
      calendar[row] = cal;
      event[row] = mult[b]!;
      row++;
    }
  }
  return { nRows, bay, bucketStart, requests, rate, calendar, event };
}
