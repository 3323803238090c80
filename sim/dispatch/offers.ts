/**
 * Stage 5 of the dispatch simulator: offers and acceptance. A sequential dispatcher offers each order to
 * its candidates within the offer radius (`candidates.ts`), nearest first, 2 s after the order and 1 s
 * after each response, until one accepts or all have declined or timed out (15 s). Acceptance follows the
 * causal model of `acceptance.ts` (the truth columns hold each factor); a declining driver times out with
 * probability 0.2 + 0.4·(1 − fatigue factor). An accepted order is cancelled by the driver with the
 * driver's cancellation propensity 1–10 minutes after accepting (the driver is free again then);
 * otherwise the driver drives to the pickup at 20 km/h and the trip at 22 km/h plus 4 minutes, and ends
 * at the drop-off.
 * @module
 */
import { exponential, type Rng } from "../../lib/random/mod.ts";
import { Float64Builder, HOUR_MS, Int32Builder, MINUTE_MS, StringBuilder } from "../common/mod.ts";
import { baseProbability, codFactor, fatigueFactor, type OfferFeatures, rainFactor } from "./acceptance.ts";
import type { CandidateSearch } from "./candidates.ts";
import type { Drivers } from "./entities.ts";
import type { Orders } from "./orders.ts";
import type { Weather } from "./weather.ts";

/** Offer responses (dictionary order of the `response` column). */
export const RESPONSES = ["accept", "decline", "timeout"] as const;
/** Order outcomes (dictionary order of the `status` column). */
export const ORDER_STATUS = ["completed", "unassigned", "cancelled_by_driver"] as const;
/** Seconds a driver has to answer an offer. */
export const OFFER_TIMEOUT_S = 15;

/** The offer log (one row per offer, in offer order) with its truth, and each order's outcome. */
export interface OfferLog {
  readonly n: number;
  readonly offerId: Int32Array;
  readonly orderId: Int32Array;
  readonly driverId: Int32Array;
  readonly seq: Int32Array;
  readonly offeredAt: Float64Array;
  readonly respondedAt: Float64Array;
  readonly distanceKm: Float64Array;
  readonly driverLat: Float64Array;
  readonly driverLon: Float64Array;
  /** Response codes (see {@link RESPONSES}). */
  readonly response: Int32Array;
  readonly accepted: Int32Array;
  readonly cancelledAt: Float64Array;
  /** Truth: P(accept) and its factors, minutes online at the offer. */
  readonly pAccept: Float64Array;
  readonly pBase: Float64Array;
  readonly rainFactor: Float64Array;
  readonly codFactor: Float64Array;
  readonly fatigueFactor: Float64Array;
  readonly minutesOnline: Float64Array;
  /** Per order: status code (see {@link ORDER_STATUS}) and the accepting driver (NaN: none). */
  readonly status: Int32Array;
  readonly assigned: Float64Array;
}

/** Runs the dispatcher over every order in time order. */
export function simulateOffers(
  rng: Rng,
  drivers: Drivers,
  orders: Orders,
  weather: Weather,
  search: CandidateSearch,
  start: number,
): OfferLog {
  const nOrders = orders.n, nHours = weather.nHours, rain = weather.rain;
  const cap = Math.ceil(nOrders * 3);
  const oId = new Int32Builder(cap), oOrder = new Int32Builder(cap), oDriver = new Int32Builder(cap);
  const oSeq = new Int32Builder(cap), oAt = new Float64Builder(cap), oRespAt = new Float64Builder(cap);
  const oDist = new Float64Builder(cap), oLat = new Float64Builder(cap), oLon = new Float64Builder(cap);
  const oResp = new StringBuilder(RESPONSES, cap), oAcc = new Int32Builder(cap);
  const oCancelAt = new Float64Builder(cap);
  const tP = new Float64Builder(cap), tBase = new Float64Builder(cap), tRain = new Float64Builder(cap);
  const tCod = new Float64Builder(cap), tFat = new Float64Builder(cap), tMin = new Float64Builder(cap);
  const status = new Int32Array(nOrders).fill(1), assigned = new Float64Array(nOrders).fill(NaN);
  const f: OfferFeatures = {
    propensity: 0,
    distanceKm: 0,
    pricePerKm: 0,
    service: 0,
    vehicle: 0,
    homeDistrict: false,
    raining: false,
    codVnd: 0,
    minutesOnline: 0,
  };
  const { propensity, home, vehicle, cancelProp } = drivers;
  const { onlineSince, busyUntil, lastOfferAt, candidates, distances } = search;
  let nextOfferId = 0;
  for (let i = 0; i < nOrders; i++) {
    const t0 = orders.createdAt[i]!, sv = orders.service[i]!;
    search.advanceTo(t0);
    const k = search.search(orders.pickupLat[i]!, orders.pickupLon[i]!, sv, t0);
    let t = t0 + 2_000;
    for (let a = 0; a < k; a++) {
      const d = candidates[a]!, km = distances[a]!;
      const h = Math.min(nHours - 1, Math.floor((t - start) / HOUR_MS));
      const minutes = Math.floor((t - onlineSince[d]!) / MINUTE_MS);
      f.propensity = propensity[d]!;
      f.distanceKm = km;
      f.pricePerKm = orders.pricePerKm[i]!;
      f.service = sv;
      f.vehicle = vehicle[d]!;
      f.homeDistrict = home[d] === orders.pickupDistrict[i];
      f.raining = rain[h] === 1;
      f.codVnd = orders.codVnd[i]!;
      f.minutesOnline = minutes;
      const pb = baseProbability(f), rf = rainFactor(f.vehicle, f.raining), cf = codFactor(f.codVnd);
      const ff = fatigueFactor(minutes);
      const p = pb * rf * cf * ff;
      const accepted = rng.float() < p;
      let respAt: number, resp: number;
      if (accepted) {
        resp = 0;
        respAt = t + Math.round((2 + Math.min(12, exponential(rng, 1 / 4))) * 1000);
      } else if (rng.float() < 0.2 + 0.4 * (1 - ff)) {
        resp = 2;
        respAt = t + OFFER_TIMEOUT_S * 1000;
      } else {
        resp = 1;
        respAt = t + Math.round((1 + Math.min(13, exponential(rng, 1 / 5))) * 1000);
      }
      oId.push(nextOfferId++);
      oOrder.push(i);
      oDriver.push(d);
      oSeq.push(a + 1);
      oAt.push(t);
      oRespAt.push(respAt);
      oDist.push(Math.round(km * 1000) / 1000);
      oLat.push(search.lat[d]!);
      oLon.push(search.lon[d]!);
      oResp.push(resp);
      oAcc.push(accepted ? 1 : 0);
      tP.push(p);
      tBase.push(pb);
      tRain.push(rf);
      tCod.push(cf);
      tFat.push(ff);
      tMin.push(minutes);
      lastOfferAt[d] = t;
      if (accepted) {
        assigned[i] = d;
        if (rng.float() < cancelProp[d]!) {
          const cAt = respAt + Math.round((1 + 9 * rng.float()) * MINUTE_MS);
          oCancelAt.push(cAt);
          status[i] = 2;
          busyUntil[d] = cAt;
        } else {
          oCancelAt.push(NaN);
          status[i] = 0;
          const minutesBusy = (km / 20 + orders.tripKm[i]! / 22) * 60 + 4;
          busyUntil[d] = respAt + minutesBusy * MINUTE_MS;
          search.moveTo(d, orders.dropoffLat[i]!, orders.dropoffLon[i]!);
        }
        break;
      }
      oCancelAt.push(NaN);
      t = respAt + 1_000;
    }
  }
  return {
    n: oId.length,
    offerId: oId.finish(),
    orderId: oOrder.finish(),
    driverId: oDriver.finish(),
    seq: oSeq.finish(),
    offeredAt: oAt.finish(),
    respondedAt: oRespAt.finish(),
    distanceKm: oDist.finish(),
    driverLat: oLat.finish(),
    driverLon: oLon.finish(),
    response: oResp.finish().codes,
    accepted: oAcc.finish(),
    cancelledAt: oCancelAt.finish(),
    pAccept: tP.finish(),
    pBase: tBase.finish(),
    rainFactor: tRain.finish(),
    codFactor: tCod.finish(),
    fatigueFactor: tFat.finish(),
    minutesOnline: tMin.finish(),
    status,
    assigned,
  };
}
