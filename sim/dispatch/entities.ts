/**
 * Stage 2 of the dispatch simulator: the drivers and their online sessions.
 *
 * A driver has a vehicle (60 % bike, 30 % car, 10 % premium), a home district (drawn by order demand) and
 * a home position near its centre, a latent acceptance propensity (new drivers: N(0.2, 0.8), others
 * N(0, 0.6)), a cancellation propensity (5 % of drivers 0.12, above the 10 % ban of the business rules;
 * the rest 1–3 %), a 1.5 % chance of being a GPS fraudster, and, unless new, a 7-day history before the
 * simulation consistent with its propensity. Sessions: each driver is online on a day with probability
 * 0.75, from a start between 5 and 17 h for 3–10 hours (whole minutes).
 * @module
 */
import type { ServiceLevel } from "../../lib/domains/dispatch/mod.ts";
import { Categorical, lognormal, normal, type Rng } from "../../lib/random/mod.ts";
import { DAY_MS, Float64Builder, Int32Builder, MINUTE_MS } from "../common/mod.ts";
import { sigmoid, VEHICLES } from "./acceptance.ts";
import { clampLat, clampLon, DISTRICTS } from "./city.ts";

/** A driver's service level by vehicle code: premium vehicles are premium drivers, the rest standard. */
export const SERVICE_LEVEL_OF_VEHICLE: readonly ServiceLevel[] = VEHICLES.map((v) =>
  v === "premium" ? "premium" : "standard"
);

/** Per-driver columns, indexed by driver id. */
export interface Drivers {
  readonly n: number;
  /** Vehicle code (see `VEHICLES`). */
  readonly vehicle: Int32Array;
  /** Home district index (see `DISTRICTS`). */
  readonly home: Int32Array;
  readonly homeLat: Float64Array;
  readonly homeLon: Float64Array;
  /** Latent acceptance log-odds shift. */
  readonly propensity: Float64Array;
  /** P(cancel | accepted). */
  readonly cancelProp: Float64Array;
  readonly isNew: Int32Array;
  readonly isFraud: Int32Array;
  readonly joinedAt: Float64Array;
  readonly histOffers: Int32Array;
  readonly histAccepts: Int32Array;
  readonly histCancels: Int32Array;
}

/** Online sessions, one row each (driver-days in day order, then driver order). */
export interface Sessions {
  readonly driver: Int32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
}

/** Relative order demand of each district (drivers live where orders are). */
export function districtDistribution(): Categorical {
  return new Categorical(DISTRICTS.map((d) => d.weight));
}

/** Draws `n` drivers for a simulation starting at `start`. */
export function drawDrivers(rng: Rng, n: number, scenario: string, start: number): Drivers {
  const vehicle = new Int32Array(n), home = new Int32Array(n);
  const homeLat = new Float64Array(n), homeLon = new Float64Array(n);
  const propensity = new Float64Array(n), cancelProp = new Float64Array(n);
  const isNew = new Int32Array(n), isFraud = new Int32Array(n);
  const joinedAt = new Float64Array(n);
  const histOffers = new Int32Array(n), histAccepts = new Int32Array(n), histCancels = new Int32Array(n);
  const vehicleDist = new Categorical([0.6, 0.3, 0.1]);
  const districtDist = districtDistribution();
  const newShare = scenario === "cold_start" ? 0.3 : 0.03;
  for (let d = 0; d < n; d++) {
    vehicle[d] = vehicleDist.sample(rng);
    const k = districtDist.sample(rng);
    home[d] = k;
    homeLat[d] = clampLat(DISTRICTS[k]!.lat + normal(rng, 0, 0.01));
    homeLon[d] = clampLon(DISTRICTS[k]!.lon + normal(rng, 0, 0.01));
    isNew[d] = rng.bernoulli(newShare) ? 1 : 0;
    propensity[d] = isNew[d] ? normal(rng, 0.2, 0.8) : normal(rng, 0, 0.6);
    cancelProp[d] = rng.bernoulli(0.05) ? 0.12 : 0.01 + 0.02 * rng.float();
    isFraud[d] = rng.bernoulli(0.015) ? 1 : 0;
    joinedAt[d] = isNew[d] ? start - rng.float() * DAY_MS : start - (30 + rng.int(700)) * DAY_MS;
    if (!isNew[d]) {
      // A 7-day snapshot before the simulation, consistent with the driver's propensity.
      const m = Math.round(lognormal(rng, Math.log(30), 0.6));
      const p = sigmoid(propensity[d]! - 0.2);
      let a = 0, c = 0;
      for (let i = 0; i < m; i++) if (rng.float() < p) a++;
      for (let i = 0; i < a; i++) if (rng.float() < cancelProp[d]!) c++;
      histOffers[d] = m;
      histAccepts[d] = a;
      histCancels[d] = c;
    }
  }
  return {
    n,
    vehicle,
    home,
    homeLat,
    homeLon,
    propensity,
    cancelProp,
    isNew,
    isFraud,
    joinedAt,
    histOffers,
    histAccepts,
    histCancels,
  };
}

/** Draws the online sessions of `nDrivers` drivers over `nDays` days from `start`. */
export function drawSessions(rng: Rng, nDrivers: number, nDays: number, start: number): Sessions {
  const driver = new Int32Builder(nDrivers * nDays), sStart = new Float64Builder(nDrivers * nDays);
  const sEnd = new Float64Builder(nDrivers * nDays);
  for (let day = 0; day < nDays; day++) {
    for (let d = 0; d < nDrivers; d++) {
      if (!rng.bernoulli(0.75)) continue;
      const st = start + day * DAY_MS + Math.floor((5 + 12 * rng.float()) * 60) * MINUTE_MS;
      const en = st + Math.floor((3 + 7 * rng.float()) * 60) * MINUTE_MS;
      driver.push(d);
      sStart.push(st);
      sEnd.push(en);
    }
  }
  return { driver: driver.finish(), start: sStart.finish(), end: sEnd.finish() };
}
