/**
 * Stage 6 of the dispatch simulator: GPS pings. Four speed pings per driver in the last two minutes of the
 * simulation, around the driver's final position; honest drivers move at N(22, 9) km/h on a bike and
 * N(26, 9) otherwise, clamped to [0, 70]; a fraudster's last two pings show 90–200 km/h (a spoofed
 * location jumping), above the 80 km/h of the `fraud_speed` rule.
 * @module
 */
import { normal, type Rng } from "../../lib/random/mod.ts";
import { BIKE } from "./acceptance.ts";
import { clampLat, clampLon } from "./city.ts";
import type { Drivers } from "./entities.ts";

/** Ping columns: four rows per driver, in driver order. */
export interface Pings {
  readonly driver: Int32Array;
  readonly at: Float64Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly speedKmh: Float64Array;
}

/** Draws the pings before `end` from each driver's final position (`lat`, `lon`). */
export function simulatePings(
  rng: Rng,
  drivers: Drivers,
  lat: Float64Array,
  lon: Float64Array,
  end: number,
): Pings {
  const n = drivers.n * 4;
  const driver = new Int32Array(n), at = new Float64Array(n), pLat = new Float64Array(n);
  const pLon = new Float64Array(n), speed = new Float64Array(n);
  for (let d = 0; d < drivers.n; d++) {
    for (let j = 0; j < 4; j++) {
      const r = d * 4 + j;
      driver[r] = d;
      at[r] = end - (4 - j) * 30_000 - rng.int(10_000);
      pLat[r] = clampLat(lat[d]! + normal(rng, 0, 0.0005));
      pLon[r] = clampLon(lon[d]! + normal(rng, 0, 0.0005));
      const normalSpeed = Math.min(70, Math.max(0, normal(rng, drivers.vehicle[d] === BIKE ? 22 : 26, 9)));
      speed[r] = Math.round((drivers.isFraud[d] && j >= 2 ? 90 + 110 * rng.float() : normalSpeed) * 10) / 10;
    }
  }
  return { driver, at, lat: pLat, lon: pLon, speedKmh: speed };
}
