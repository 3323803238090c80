/**
 * The pricing city: parking bays (zone, position, capacity, points of interest nearby, transit access and
 * a latent popularity) and great-circle distance.
 * @module
 */
import { lognormal, normal, type Rng } from "../../lib/random/mod.ts";
import { bayAttributeFactor, ZONES } from "./mechanism.ts";
import { PRICING_BOX } from "./params.ts";

/** Great-circle distance in km (shared with the other simulated cities). */
export { haversineKm } from "../common/mod.ts";

/** Parking bays as columns. `baseRate` is the latent requests per bucket before calendar and events. */
export interface Bays {
  readonly n: number;
  readonly zone: Int32Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly capacity: Int32Array;
  readonly poiDensity: Float64Array;
  readonly transitScore: Float64Array;
  readonly baseRate: Float64Array;
}

/** Draws `n` bays; bay 0 is always in the CBD. */
export function makeBays(rng: Rng, n: number): Bays {
  const box = PRICING_BOX;
  const zone = new Int32Array(n),
    lat = new Float64Array(n),
    lon = new Float64Array(n),
    capacity = new Int32Array(n);
  const poiDensity = new Float64Array(n), transitScore = new Float64Array(n), baseRate = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const z = b === 0 ? 0 : rng.int(ZONES.length);
    zone[b] = z;
    // CBD bays cluster in the centre
    const spread = z === 0 ? 0.15 : 0.45;
    lat[b] = (box.minLat + box.maxLat) / 2 + (rng.float() - 0.5) * (box.maxLat - box.minLat) * spread * 2;
    lon[b] = (box.minLon + box.maxLon) / 2 + (rng.float() - 0.5) * (box.maxLon - box.minLon) * spread * 2;
    capacity[b] = 4 + rng.int(16);
    poiDensity[b] = Math.round(40 * Math.exp(0.5 * normal(rng) + (z === 0 ? 0.4 : 0)) * 10) / 10;
    transitScore[b] = Math.round(Math.min(1, Math.max(0, (z === 0 ? 0.7 : 0.4) + 0.25 * normal(rng))) * 100) /
      100;
    baseRate[b] = bayAttributeFactor(z, poiDensity[b]!, transitScore[b]!) *
      lognormal(rng, Math.log(0.3), 0.25);
  }
  return { n, zone, lat, lon, capacity, poiDensity, transitScore, baseRate };
}
