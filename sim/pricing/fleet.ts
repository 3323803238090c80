/**
 * Customers (age, licence, prior incidents, membership, a latent driving style that drives telemetry and
 * past incidents, night preference, activity) and vehicles (type, home bay, base price, model year).
 * @module
 */
import { Categorical, exponential, lognormal, normal, poisson, type Rng } from "../../lib/random/mod.ts";
import { DAY_MS } from "../common/mod.ts";
import { VEHICLE_BASE_PRICE } from "./params.ts";

/** Customers as columns; `speedingPerHour`, `harshPerHour`, `nightPreference` are latent (truth). */
export interface Customers {
  readonly n: number;
  readonly age: Int32Array;
  readonly licenseYears: Int32Array;
  readonly priorIncidents: Int32Array;
  readonly signupAt: Float64Array;
  readonly membership: Int32Array;
  readonly speedingPerHour: Float64Array;
  readonly harshPerHour: Float64Array;
  readonly nightPreference: Float64Array;
  /** Picks the customer behind a daytime request (weights activity × (1 − night preference)). */
  readonly dayPick: Categorical;
  /** Picks the customer behind a night request (weights activity × night preference). */
  readonly nightPick: Categorical;
}

/**
 * Draws `n` customers. Young drivers (< 25) have a riskier style; style raises speeding, harsh braking and
 * prior incidents (so prior incidents are a proxy of style, a confounder the trip telemetry blocks).
 */
export function makeCustomers(rng: Rng, n: number, start: number): Customers {
  const age = new Int32Array(n), licenseYears = new Int32Array(n), priorIncidents = new Int32Array(n);
  const signupAt = new Float64Array(n), membership = new Int32Array(n);
  const speedingPerHour = new Float64Array(n),
    harshPerHour = new Float64Array(n),
    nightPreference = new Float64Array(n);
  const activity = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const a = Math.min(80, Math.max(18, Math.round(18 + exponential(rng, 1 / 14))));
    age[c] = a;
    licenseYears[c] = Math.max(0, Math.min(a - 17, Math.round((a - 18) * rng.float())));
    const young = a < 25;
    const style = normal(rng, young ? 0.5 : 0, 0.6);
    speedingPerHour[c] = Math.exp(style - 0.7);
    harshPerHour[c] = Math.exp(0.8 * style - 0.2);
    nightPreference[c] = Math.min(0.9, Math.max(0.01, (young ? 0.2 : 0.08) + 0.1 * normal(rng)));
    priorIncidents[c] = poisson(rng, 0.15 * Math.exp(0.8 * style));
    signupAt[c] = start - (1 + rng.int(1500)) * DAY_MS;
    membership[c] = rng.bernoulli(0.3) ? 1 : 0;
    activity[c] = lognormal(rng, 0, 0.9);
  }
  return {
    n,
    age,
    licenseYears,
    priorIncidents,
    signupAt,
    membership,
    speedingPerHour,
    harshPerHour,
    nightPreference,
    dayPick: new Categorical(Float64Array.from(activity, (w, c) => w * (1 - nightPreference[c]!))),
    nightPick: new Categorical(Float64Array.from(activity, (w, c) => w * nightPreference[c]!)),
  };
}

/** Vehicles as columns, plus the vehicles parked at each bay (CSR: `bayStart[b]..bayStart[b+1]`). */
export interface Vehicles {
  readonly n: number;
  readonly type: Int32Array;
  readonly homeBay: Int32Array;
  readonly basePricePerMin: Float64Array;
  readonly modelYear: Int32Array;
  readonly bayStart: Int32Array;
  readonly bayVehicles: Int32Array;
}

/** Draws `n` vehicles (half economy, then 70/30 standard/premium) at random home bays. */
export function makeVehicles(rng: Rng, n: number, nBays: number): Vehicles {
  const type = new Int32Array(n), homeBay = new Int32Array(n), basePricePerMin = new Float64Array(n);
  const modelYear = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const t = rng.bernoulli(0.5) ? 0 : rng.bernoulli(0.7) ? 1 : 2;
    type[v] = t;
    homeBay[v] = rng.int(nBays);
    basePricePerMin[v] = Math.round((VEHICLE_BASE_PRICE[t]! + rng.int(6) / 100) * 100) / 100;
    modelYear[v] = 2016 + rng.int(9);
  }
  const bayStart = new Int32Array(nBays + 1);
  for (let v = 0; v < n; v++) bayStart[homeBay[v]! + 1] = bayStart[homeBay[v]! + 1]! + 1;
  for (let b = 0; b < nBays; b++) bayStart[b + 1] = bayStart[b + 1]! + bayStart[b]!;
  const fill = bayStart.slice(0, nBays), bayVehicles = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const b = homeBay[v]!;
    bayVehicles[fill[b]!] = v;
    fill[b] = fill[b]! + 1;
  }
  return { n, type, homeBay, basePricePerMin, modelYear, bayStart, bayVehicles };
}
