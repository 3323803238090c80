/**
 * Time in the fulfillment world: when orders are placed, how congested each warehouse block is day by day,
 * when parcels are handed to the carrier, when they arrive, and what the systems show at the snapshot.
 * @module
 */
import { lognormal, normal, type Rng } from "../../lib/random/mod.ts";
import { DAY_MS, HOUR_MS } from "../common/mod.ts";
import { CONGESTION, HANDLING, LATENESS, ORDER_STATUS } from "./params.ts";

/** n order times, uniform over [startMs, startMs + days), sorted, whole milliseconds. */
export function drawOrderTimes(rng: Rng, n: number, startMs: number, days: number): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = startMs + Math.floor(rng.float() * days * DAY_MS);
  return t.sort();
}

/**
 * Congestion per block and day: `c[block * days + day]`, a stationary AR(1) per block
 * (c_0 ~ N(0, σ²/(1 − ρ²)), c_d = ρ·c_{d−1} + N(0, σ²)).
 */
export function drawCongestion(rng: Rng, blocks: number, days: number): Float64Array {
  const c = new Float64Array(blocks * days);
  const stationarySd = CONGESTION.sigma / Math.sqrt(1 - CONGESTION.rho ** 2);
  for (let b = 0; b < blocks; b++) {
    let x = normal(rng, 0, stationarySd);
    for (let d = 0; d < days; d++) {
      if (d > 0) x = CONGESTION.rho * x + normal(rng, 0, CONGESTION.sigma);
      c[b * days + d] = x;
    }
  }
  return c;
}

/** Handling time (order → hand-over to the carrier) in ms: lognormal, capped. */
export function drawHandlingMs(rng: Rng): number {
  const hours = Math.min(HANDLING.maxHours, lognormal(rng, Math.log(HANDLING.medianHours), HANDLING.sigma));
  return Math.floor(hours * HOUR_MS);
}

/**
 * Delivery time given the outcome and one uniform u: a late parcel arrives 0.25 d + Exp(mean 2 d) after
 * the promise; an on-time one between 40 % and 100 % of the way from hand-over to the promise.
 */
export function deliveryMs(late: boolean, u: number, shipMs: number, promisedMs: number): number {
  if (late) {
    return promisedMs + Math.floor((LATENESS.minDays - Math.log(1 - u) * LATENESS.meanExtraDays) * DAY_MS) +
      1;
  }
  return shipMs + Math.floor((0.4 + 0.6 * u) * (promisedMs - shipMs));
}

/**
 * Order status at the snapshot (code into ORDER_STATUS): delivered when the parcel has arrived, delayed
 * when it has not and the promise has passed, shipped when it has left the warehouse, else processing.
 */
export function statusAt(
  snapshotMs: number,
  shipMs: number,
  promisedMs: number,
  deliveredMs: number,
): number {
  if (deliveredMs <= snapshotMs) return ORDER_STATUS.indexOf("delivered");
  if (promisedMs < snapshotMs) return ORDER_STATUS.indexOf("delayed");
  if (shipMs <= snapshotMs) return ORDER_STATUS.indexOf("shipped");
  return ORDER_STATUS.indexOf("processing");
}
