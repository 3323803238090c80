/**
 * Stage 1 of the dispatch simulator: hourly weather. Rain is a two-state Markov chain per hour; afternoons
 * (14–19 h) start rain more often (monsoon showers); the `rain_day` scenario rains most hours. A rainy
 * hour's intensity is 0.1 mm plus an exponential amount (mean 6 mm) rounded to 0.1 mm.
 * @module
 */
import { exponential, type Rng } from "../../lib/random/mod.ts";
import { HOUR_MS } from "../common/mod.ts";

/** Hourly weather over the simulated days (hour h starts at `hourStart[h]`). */
export interface Weather {
  readonly nHours: number;
  /** 1 while it rains. */
  readonly rain: Int32Array;
  readonly rainMm: Float64Array;
  readonly hourStart: Float64Array;
}

/** Draws the hourly weather of `nDays` days from `start`. */
export function simulateWeather(rng: Rng, nDays: number, scenario: string, start: number): Weather {
  const nHours = nDays * 24;
  const rain = new Int32Array(nHours),
    rainMm = new Float64Array(nHours),
    hourStart = new Float64Array(nHours);
  let state = 0;
  for (let h = 0; h < nHours; h++) {
    const hod = h % 24;
    const afternoon = hod >= 14 && hod <= 19;
    const pStart = scenario === "rain_day" ? 0.5 : afternoon ? 0.12 : 0.04;
    const pStop = scenario === "rain_day" ? 0.12 : 0.35;
    state = state ? (rng.bernoulli(pStop) ? 0 : 1) : (rng.bernoulli(pStart) ? 1 : 0);
    rain[h] = state;
    rainMm[h] = state ? Math.round(exponential(rng, 1 / 6) * 10) / 10 + 0.1 : 0;
    hourStart[h] = start + h * HOUR_MS;
  }
  return { nHours, rain, rainMm, hourStart };
}
