/**
 * Stage 3 of the dispatch simulator: the orders. Times follow an hourly profile with lunch and dinner
 * peaks (sorted, whole milliseconds); pickups lie around district centres (drawn by district demand),
 * drop-offs a lognormal 4 km (at most 25 km) away; the service is 60 % bike, 30 % car, 10 % premium. The
 * fare is base + per-km by service, ×1.3 while it rains, × lognormal noise, rounded to 1,000 VND. Payment
 * is cash on delivery for 55 % of bike orders and 20 % of the others, the COD amount lognormal around
 * 600,000 VND (at most 15M).
 * @module
 */
import { Categorical, lognormal, normal, type Rng } from "../../lib/random/mod.ts";
import { DAY_MS, HOUR_MS } from "../common/mod.ts";
import { BIKE } from "./acceptance.ts";
import { clampLat, clampLon, districtOf, DISTRICTS, haversineKm } from "./city.ts";
import { districtDistribution } from "./entities.ts";
import type { Weather } from "./weather.ts";

/** Hourly order profile (lunch and dinner peaks). */
export const HOURLY_DEMAND: readonly number[] = [
  1,
  0.6,
  0.4,
  0.3,
  0.4,
  1,
  2,
  3.5,
  4,
  3.5,
  4,
  6,
  7,
  5,
  3.5,
  3.5,
  4,
  6,
  8,
  7,
  5,
  3.5,
  2.5,
  1.5,
];

/** Fare per km and base fare (VND) by service (bike, car, premium). */
const FARE_PER_KM = [4_500, 9_500, 14_000], FARE_BASE = [12_000, 25_000, 35_000];

/** Per-order columns, indexed by order id (orders sorted by creation time). */
export interface Orders {
  readonly n: number;
  readonly createdAt: Float64Array;
  readonly pickupLat: Float64Array;
  readonly pickupLon: Float64Array;
  /** District index of the pickup (nearest centre). */
  readonly pickupDistrict: Int32Array;
  readonly dropoffLat: Float64Array;
  readonly dropoffLon: Float64Array;
  readonly tripKm: Float64Array;
  /** Service code (see `SERVICE_TYPES`). */
  readonly service: Int32Array;
  readonly fare: Float64Array;
  readonly pricePerKm: Float64Array;
  readonly codVnd: Float64Array;
  /** 1 for cash on delivery. */
  readonly payment: Int32Array;
  /** 1 when it rained in the order's hour. */
  readonly rain: Int32Array;
}

/** Draws `n` orders over `nDays` days from `start` under the given weather. */
export function drawOrders(rng: Rng, n: number, nDays: number, start: number, weather: Weather): Orders {
  const createdAt = new Float64Array(n);
  const hourDist = new Categorical(HOURLY_DEMAND);
  for (let i = 0; i < n; i++) {
    createdAt[i] = start + rng.int(nDays) * DAY_MS + (hourDist.sample(rng) + rng.float()) * HOUR_MS;
  }
  createdAt.sort();
  for (let i = 0; i < n; i++) createdAt[i] = Math.floor(createdAt[i]!);
  const pLat = new Float64Array(n), pLon = new Float64Array(n), pDistrict = new Int32Array(n);
  const dLat = new Float64Array(n), dLon = new Float64Array(n), tripKm = new Float64Array(n);
  const service = new Int32Array(n), fare = new Float64Array(n), ppk = new Float64Array(n);
  const cod = new Float64Array(n), payment = new Int32Array(n), orderRain = new Int32Array(n);
  const serviceDist = new Categorical([0.6, 0.3, 0.1]);
  const districtDist = districtDistribution();
  const rain = weather.rain;
  for (let i = 0; i < n; i++) {
    const k = districtDist.sample(rng);
    const lat = clampLat(DISTRICTS[k]!.lat + normal(rng, 0, 0.012));
    const lon = clampLon(DISTRICTS[k]!.lon + normal(rng, 0, 0.012));
    pLat[i] = lat;
    pLon[i] = lon;
    pDistrict[i] = districtOf(lat, lon);
    const km = Math.min(25, lognormal(rng, Math.log(4), 0.6));
    const angle = rng.float() * 2 * Math.PI;
    dLat[i] = clampLat(lat + (km / 111) * Math.sin(angle) / 1.3);
    dLon[i] = clampLon(lon + (km / 109) * Math.cos(angle) / 1.3);
    tripKm[i] = Math.max(0.5, Math.round(haversineKm(lat, lon, dLat[i]!, dLon[i]!) * 1.3 * 100) / 100);
    const sv = serviceDist.sample(rng);
    service[i] = sv;
    const h = Math.floor((createdAt[i]! - start) / HOUR_MS);
    orderRain[i] = rain[h]!;
    const surge = rain[h] ? 1.3 : 1;
    fare[i] =
      Math.round((FARE_BASE[sv]! + FARE_PER_KM[sv]! * tripKm[i]!) * surge * lognormal(rng, 0, 0.15) / 1000) *
      1000;
    ppk[i] = Math.round(fare[i]! / tripKm[i]!);
    const isCod = rng.bernoulli(sv === BIKE ? 0.55 : 0.2);
    payment[i] = isCod ? 1 : 0;
    cod[i] = isCod
      ? Math.min(15_000_000, Math.round(lognormal(rng, Math.log(600_000), 1.0) / 1000) * 1000)
      : 0;
  }
  return {
    n,
    createdAt,
    pickupLat: pLat,
    pickupLon: pLon,
    pickupDistrict: pDistrict,
    dropoffLat: dLat,
    dropoffLon: dLon,
    tripKm,
    service,
    fare,
    pricePerKm: ppk,
    codVnd: cod,
    payment,
    rain: orderRain,
  };
}
