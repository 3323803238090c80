/**
 * The pricing simulator's exogenous context: holidays, hourly weather and the public events calendar.
 * Each draws from its own random stream so that a scenario changes only what it declares (the
 * `event_night` events come from a separate stream, so the normal events stay the same).
 * @module
 */
import { exponential, normal, poisson, type Rng } from "../../lib/random/mod.ts";
import { DAY_MS, HOUR_MS } from "../common/mod.ts";
import { EVENT_CATEGORIES, PRICING_BOX } from "./params.ts";

/** Holiday flag per day (1 = holiday). */
export function makeHolidays(rng: Rng, nDays: number, scenario: string): Uint8Array {
  const holiday = new Uint8Array(nDays);
  if (scenario === "holiday") {
    const from = Math.min(nDays - 1, 7 + rng.int(Math.max(1, nDays - 14)));
    for (let d = from; d < Math.min(nDays, from + 5); d++) holiday[d] = 1;
    for (let d = 0; d < nDays; d++) if (rng.bernoulli(0.05)) holiday[d] = 1;
  } else {
    for (let d = 0; d < nDays; d++) if (rng.bernoulli(1 / 30)) holiday[d] = 1;
  }
  return holiday;
}

/** Hourly weather. */
export interface Weather {
  readonly hourStart: Float64Array;
  readonly rain: Int32Array;
  readonly rainMm: Float64Array;
  readonly temperatureC: Float64Array;
}

/** Rain as a two-state hourly Markov chain (P(start) 0.07, P(stop) 0.25); temperature with a daily cycle. */
export function makeWeather(rng: Rng, nDays: number, start: number): Weather {
  const nHours = nDays * 24;
  const rain = new Int32Array(nHours),
    rainMm = new Float64Array(nHours),
    temperatureC = new Float64Array(nHours);
  const hourStart = new Float64Array(nHours);
  let s = 0;
  for (let h = 0; h < nHours; h++) {
    s = s ? (rng.bernoulli(0.25) ? 0 : 1) : (rng.bernoulli(0.07) ? 1 : 0);
    rain[h] = s;
    rainMm[h] = s ? Math.round(exponential(rng, 1 / 2) * 10) / 10 + 0.1 : 0;
    temperatureC[h] =
      Math.round((10 + 4 * Math.sin(((h % 24) - 9) / 24 * 2 * Math.PI) + normal(rng, 0, 1.5)) * 10) / 10;
    hourStart[h] = start + h * HOUR_MS;
  }
  return { hourStart, rain, rainMm, temperatureC };
}

/** The public events calendar (published in advance). */
export interface Events {
  readonly n: number;
  readonly venueLat: Float64Array;
  readonly venueLon: Float64Array;
  readonly startAt: Float64Array;
  readonly endAt: Float64Array;
  readonly attendance: Int32Array;
  readonly category: Int32Array;
}

/**
 * Five venues; ~0.4 daytime events a day (12:00–20:00 starts, 2–4 h, 2k + Exp(8k) attendance); in
 * `event_night`, one more every evening 19:00–22:00 with 20–50k attendance (concert or sports).
 */
export function makeEvents(rng: Rng, nightRng: Rng, nDays: number, start: number, scenario: string): Events {
  const box = PRICING_BOX;
  const venues = Array.from({ length: 5 }, () => ({
    lat: box.minLat + 0.02 + rng.float() * (box.maxLat - box.minLat - 0.04),
    lon: box.minLon + 0.03 + rng.float() * (box.maxLon - box.minLon - 0.06),
  }));
  const venue: number[] = [], st: number[] = [], en: number[] = [], att: number[] = [], cat: number[] = [];
  for (let d = 0; d < nDays; d++) {
    const n = poisson(rng, 0.4);
    for (let k = 0; k < n; k++) {
      venue.push(rng.int(venues.length));
      const s = start + d * DAY_MS + (12 + rng.int(9)) * HOUR_MS;
      st.push(s);
      en.push(s + (2 + rng.int(3)) * HOUR_MS);
      att.push(Math.round(2_000 + exponential(rng, 1 / 8_000)));
      cat.push(rng.int(EVENT_CATEGORIES.length));
    }
    if (scenario === "event_night") {
      venue.push(nightRng.int(venues.length));
      const s = start + d * DAY_MS + 19 * HOUR_MS;
      st.push(s);
      en.push(s + 3 * HOUR_MS);
      att.push(Math.round(20_000 + nightRng.float() * 30_000));
      cat.push(nightRng.int(2));
    }
  }
  return {
    n: st.length,
    venueLat: Float64Array.from(venue, (v) => venues[v]!.lat),
    venueLon: Float64Array.from(venue, (v) => venues[v]!.lon),
    startAt: Float64Array.from(st),
    endAt: Float64Array.from(en),
    attendance: Int32Array.from(att),
    category: Int32Array.from(cat),
  };
}
