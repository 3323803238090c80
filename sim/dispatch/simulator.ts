/**
 * The dispatch simulator: drivers in Ho Chi Minh City, orders with COD amounts and hourly rain, and the
 * offer log of a sequential dispatcher. For each order the nearest eligible drivers (online, free,
 * vehicle-compatible; radius 1 → 3 → 5 km until ≥ 5 are found) are offered the order one after another,
 * nearest first, until one accepts or `maxOffersPerOrder` have declined or timed out. Acceptance follows
 * the causal model in `acceptance.ts`; the truth table holds the true P(accept) of every offer.
 *
 * Tables: `drivers`, `sessions`, `weather`, `orders`, `offers` (0.3 % duplicated log lines, as real
 * logs have), `pings`. Truth: `offer_truth`, `driver_truth`. Timestamps are epoch ms (Float64).
 *
 * @example
 * ```ts
 * import { dispatchSimulator } from "./simulator.ts";
 * const out = dispatchSimulator.generate({ seed: 1, scale: "tiny", orders: 200 });
 * out.tables.offers!.nRows > 0; // true
 * ```
 * @module
 */
import { makeFrame } from "../../lib/data/mod.ts";
import { Categorical, exponential, lognormal, normal, Rng } from "../../lib/random/mod.ts";
import {
  checkGenerateOptions,
  codesColumn,
  DAY_MS,
  Float64Builder,
  type GenerateOptions,
  HOUR_MS,
  idColumn,
  Int32Builder,
  MINUTE_MS,
  type PerScale,
  requirePositiveSize,
  SIM_EPOCH_MS,
  type SimOutput,
  type Simulator,
  sizesWithOverrides,
  StringBuilder,
} from "../common/mod.ts";
import {
  baseProbability,
  BIKE,
  CAR,
  codFactor,
  fatigueFactor,
  type OfferFeatures,
  PREMIUM,
  rainFactor,
  sigmoid,
  VEHICLES,
} from "./acceptance.ts";
import { CELL_MIN_KM, clampLat, clampLon, districtOf, DISTRICTS, DriverGrid, haversineKm } from "./city.ts";
import { DISPATCH_GRAPH } from "./graph.ts";

/** Size overrides (each defaults to the scale's size). */
export interface DispatchOptions {
  drivers?: number;
  orders?: number;
  days?: number;
  /** Most offers made for one order before it is left unassigned (default 10). */
  maxOffersPerOrder?: number;
}

/** The option keys of {@link DispatchOptions} (checked by `generate`: any other key is refused). */
export const DISPATCH_OPTIONS: readonly (keyof DispatchOptions)[] = [
  "drivers",
  "orders",
  "days",
  "maxOffersPerOrder",
];

/** Sizes per scale. Seed: 50k drivers and enough orders for > 500k offer rows. */
export const DISPATCH_SIZES: PerScale<{ drivers: number; orders: number; days: number }> = {
  tiny: { drivers: 400, orders: 3_000, days: 2 },
  default: { drivers: 5_000, orders: 40_000, days: 7 },
  seed: { drivers: 50_000, orders: 250_000, days: 14 },
};

/** Scenario names: "normal", "rain_day" (rain most hours), "cold_start" (30 % new drivers, no history). */
export const DISPATCH_SCENARIOS = ["normal", "rain_day", "cold_start"] as const;

const RESPONSES = ["accept", "decline", "timeout"] as const;
const ORDER_STATUS = ["completed", "unassigned", "cancelled_by_driver"] as const;
const SERVICES = ["bike", "car", "premium"] as const;
const SERVICE_LEVELS = ["standard", "premium"] as const;
const PAYMENT = ["prepaid", "cod"] as const;
const OFFER_TIMEOUT_S = 15;
/** Hourly order profile (lunch and dinner peaks). */
const HOURLY_DEMAND = [
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

function generate(opts: GenerateOptions & DispatchOptions): SimOutput {
  const { seed, scale, scenario } = checkGenerateOptions(
    "dispatch",
    DISPATCH_SCENARIOS,
    DISPATCH_OPTIONS,
    opts,
  );
  const { drivers: nDrivers, orders: nOrders, days: nDays } = sizesWithOverrides(scale, DISPATCH_SIZES, opts);
  const maxOffers = opts.maxOffersPerOrder ?? 10;
  requirePositiveSize("maxOffersPerOrder", maxOffers);
  const rng = new Rng(seed);
  const start = SIM_EPOCH_MS, end = start + nDays * DAY_MS;

  // ---- weather: hourly two-state Markov chain; afternoons rain more (monsoon showers)
  const nHours = nDays * 24;
  const rain = new Int32Array(nHours),
    rainMm = new Float64Array(nHours),
    hourStart = new Float64Array(nHours);
  {
    const w = rng.fork(1);
    let state = 0;
    for (let h = 0; h < nHours; h++) {
      const hod = h % 24;
      const afternoon = hod >= 14 && hod <= 19;
      const pStart = scenario === "rain_day" ? 0.5 : afternoon ? 0.12 : 0.04;
      const pStop = scenario === "rain_day" ? 0.12 : 0.35;
      state = state ? (w.bernoulli(pStop) ? 0 : 1) : (w.bernoulli(pStart) ? 1 : 0);
      rain[h] = state;
      rainMm[h] = state ? Math.round(exponential(w, 1 / 6) * 10) / 10 + 0.1 : 0;
      hourStart[h] = start + h * HOUR_MS;
    }
  }

  // ---- drivers
  const dr = rng.fork(2);
  const vehicle = new Int32Array(nDrivers), home = new Int32Array(nDrivers);
  const homeLat = new Float64Array(nDrivers), homeLon = new Float64Array(nDrivers);
  const propensity = new Float64Array(nDrivers), cancelProp = new Float64Array(nDrivers);
  const isNew = new Int32Array(nDrivers), isFraud = new Int32Array(nDrivers);
  const joinedAt = new Float64Array(nDrivers);
  const histOffers = new Int32Array(nDrivers),
    histAccepts = new Int32Array(nDrivers),
    histCancels = new Int32Array(nDrivers);
  const vehicleDist = new Categorical([0.6, 0.3, 0.1]);
  const districtDist = new Categorical(DISTRICTS.map((d) => d.weight));
  const newShare = scenario === "cold_start" ? 0.3 : 0.03;
  for (let d = 0; d < nDrivers; d++) {
    vehicle[d] = vehicleDist.sample(dr);
    const k = districtDist.sample(dr);
    home[d] = k;
    homeLat[d] = clampLat(DISTRICTS[k]!.lat + normal(dr, 0, 0.01));
    homeLon[d] = clampLon(DISTRICTS[k]!.lon + normal(dr, 0, 0.01));
    isNew[d] = dr.bernoulli(newShare) ? 1 : 0;
    propensity[d] = isNew[d] ? normal(dr, 0.2, 0.8) : normal(dr, 0, 0.6);
    cancelProp[d] = dr.bernoulli(0.05) ? 0.12 : 0.01 + 0.02 * dr.float();
    isFraud[d] = dr.bernoulli(0.015) ? 1 : 0;
    joinedAt[d] = isNew[d] ? start - dr.float() * DAY_MS : start - (30 + dr.int(700)) * DAY_MS;
    if (!isNew[d]) {
      // A 7-day snapshot before the simulation, consistent with the driver's propensity.
      const n = Math.round(lognormal(dr, Math.log(30), 0.6));
      const p = sigmoid(propensity[d]! - 0.2);
      let a = 0, c = 0;
      for (let i = 0; i < n; i++) if (dr.float() < p) a++;
      for (let i = 0; i < a; i++) if (dr.float() < cancelProp[d]!) c++;
      histOffers[d] = n;
      histAccepts[d] = a;
      histCancels[d] = c;
    }
  }

  // ---- sessions: one per driver-day with probability 0.75; start 5–17h, 3–10 h long
  const sDriver = new Int32Builder(nDrivers * nDays), sStart = new Float64Builder(nDrivers * nDays);
  const sEnd = new Float64Builder(nDrivers * nDays);
  {
    const s = rng.fork(3);
    for (let day = 0; day < nDays; day++) {
      for (let d = 0; d < nDrivers; d++) {
        if (!s.bernoulli(0.75)) continue;
        const st = start + day * DAY_MS + Math.floor((5 + 12 * s.float()) * 60) * MINUTE_MS;
        const en = st + Math.floor((3 + 7 * s.float()) * 60) * MINUTE_MS;
        sDriver.push(d);
        sStart.push(st);
        sEnd.push(en);
      }
    }
  }
  // ---- orders: times from the hourly profile, pickups around district centres, COD amounts
  const or = rng.fork(4);
  const orderAt = new Float64Array(nOrders);
  {
    const hourDist = new Categorical(HOURLY_DEMAND);
    for (let i = 0; i < nOrders; i++) {
      orderAt[i] = start + or.int(nDays) * DAY_MS + (hourDist.sample(or) + or.float()) * HOUR_MS;
    }
    orderAt.sort();
    for (let i = 0; i < nOrders; i++) orderAt[i] = Math.floor(orderAt[i]!);
  }
  const pLat = new Float64Array(nOrders),
    pLon = new Float64Array(nOrders),
    pDistrict = new Int32Array(nOrders);
  const dLat = new Float64Array(nOrders),
    dLon = new Float64Array(nOrders),
    tripKm = new Float64Array(nOrders);
  const service = new Int32Array(nOrders), fare = new Float64Array(nOrders), ppk = new Float64Array(nOrders);
  const cod = new Float64Array(nOrders),
    payment = new Int32Array(nOrders),
    orderRain = new Int32Array(nOrders);
  const serviceDist = new Categorical([0.6, 0.3, 0.1]);
  const farePerKm = [4_500, 9_500, 14_000], fareBase = [12_000, 25_000, 35_000];
  for (let i = 0; i < nOrders; i++) {
    const k = districtDist.sample(or);
    const lat = clampLat(DISTRICTS[k]!.lat + normal(or, 0, 0.012));
    const lon = clampLon(DISTRICTS[k]!.lon + normal(or, 0, 0.012));
    pLat[i] = lat;
    pLon[i] = lon;
    pDistrict[i] = districtOf(lat, lon);
    const km = Math.min(25, lognormal(or, Math.log(4), 0.6));
    const angle = or.float() * 2 * Math.PI;
    dLat[i] = clampLat(lat + (km / 111) * Math.sin(angle) / 1.3);
    dLon[i] = clampLon(lon + (km / 109) * Math.cos(angle) / 1.3);
    tripKm[i] = Math.max(0.5, Math.round(haversineKm(lat, lon, dLat[i]!, dLon[i]!) * 1.3 * 100) / 100);
    const sv = serviceDist.sample(or);
    service[i] = sv;
    const h = Math.floor((orderAt[i]! - start) / HOUR_MS);
    orderRain[i] = rain[h]!;
    const surge = rain[h] ? 1.3 : 1;
    fare[i] =
      Math.round((fareBase[sv]! + farePerKm[sv]! * tripKm[i]!) * surge * lognormal(or, 0, 0.15) / 1000) *
      1000;
    ppk[i] = Math.round(fare[i]! / tripKm[i]!);
    const isCod = or.bernoulli(sv === BIKE ? 0.55 : 0.2);
    payment[i] = isCod ? 1 : 0;
    cod[i] = isCod
      ? Math.min(15_000_000, Math.round(lognormal(or, Math.log(600_000), 1.0) / 1000) * 1000)
      : 0;
  }

  // ---- dispatch loop. Online drivers live in one grid per vehicle type; session starts and ends are
  // replayed in time order before each order so that a search scans online drivers only.
  const grids = [new DriverGrid(nDrivers), new DriverGrid(nDrivers), new DriverGrid(nDrivers)];
  const curLat = Float64Array.from(homeLat), curLon = Float64Array.from(homeLon);
  const onlineSince = new Float64Array(nDrivers).fill(NaN);
  const nSess = sDriver.length;
  const evTime = new Float64Array(2 * nSess),
    evDriver = new Int32Array(2 * nSess),
    evStart = new Int32Array(2 * nSess);
  {
    const sd = sDriver.finish(), ss = sStart.finish(), se = sEnd.finish();
    for (let j = 0; j < nSess; j++) {
      evTime[2 * j] = ss[j]!;
      evDriver[2 * j] = sd[j]!;
      evStart[2 * j] = 1;
      evTime[2 * j + 1] = se[j]!;
      evDriver[2 * j + 1] = sd[j]!;
    }
  }
  const evOrder = sessionEventOrder(evTime, evStart, start);
  let ev = 0;
  const busyUntil = new Float64Array(nDrivers);
  const lastOfferAt = new Float64Array(nDrivers).fill(-Infinity);
  const cap = Math.ceil(nOrders * 3);
  const oId = new Int32Builder(cap), oOrder = new Int32Builder(cap), oDriver = new Int32Builder(cap);
  const oSeq = new Int32Builder(cap), oAt = new Float64Builder(cap), oRespAt = new Float64Builder(cap);
  const oDist = new Float64Builder(cap), oLat = new Float64Builder(cap), oLon = new Float64Builder(cap);
  const oResp = new StringBuilder(RESPONSES, cap),
    oAcc = new Int32Builder(cap),
    oCancelAt = new Float64Builder(cap);
  const tP = new Float64Builder(cap), tBase = new Float64Builder(cap), tRain = new Float64Builder(cap);
  const tCod = new Float64Builder(cap), tFat = new Float64Builder(cap), tMin = new Float64Builder(cap);
  const status = new Int32Array(nOrders).fill(1), assigned = new Float64Array(nOrders).fill(NaN);
  const candD = new Int32Array(nDrivers), candDist = new Float64Array(nDrivers);
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
  const dx = rng.fork(5);
  let nextOfferId = 0;
  // Nearest-K search: candidates kept sorted by distance (ties by driver id) in candD/candDist[0..nCand).
  let nCand = 0, cLat = 0, cLon = 0, cT = 0, cCos = 1;
  const K = maxOffers, R_MAX = 5;
  const visit = (d: number) => {
    if (busyUntil[d]! > cT || lastOfferAt[d]! > cT - 60_000) return;
    const dy = curLat[d]! - cLat, dxx = (curLon[d]! - cLon) * cCos;
    const approx2 = (dy * dy + dxx * dxx) * 12_300; // (km)², 1° ≈ 110.9 km: cheap pre-filter
    if (approx2 > R_MAX * R_MAX * 1.01) return;
    if (nCand === K && approx2 > candDist[K - 1]! * candDist[K - 1]! * 1.01) return;
    const km = haversineKm(cLat, cLon, curLat[d]!, curLon[d]!);
    if (km > R_MAX) return;
    let j: number;
    if (nCand === K) {
      if (km > candDist[K - 1]! || (km === candDist[K - 1]! && d > candD[K - 1]!)) return;
      j = K - 1;
    } else j = nCand++;
    while (j > 0 && (candDist[j - 1]! > km || (candDist[j - 1] === km && candD[j - 1]! > d))) {
      candDist[j] = candDist[j - 1]!;
      candD[j] = candD[j - 1]!;
      j--;
    }
    candDist[j] = km;
    candD[j] = d;
  };
  const compatible = [[BIKE], [CAR, PREMIUM], [PREMIUM]];
  for (let i = 0; i < nOrders; i++) {
    const t0 = orderAt[i]!, lat = pLat[i]!, lon = pLon[i]!, sv = service[i]!;
    for (; ev < evOrder.length && evTime[evOrder[ev]!]! <= t0; ev++) {
      const e = evOrder[ev]!, d = evDriver[e]!;
      if (evStart[e]) {
        onlineSince[d] = evTime[e]!;
        grids[vehicle[d]!]!.place(d, curLat[d]!, curLon[d]!);
      } else {
        onlineSince[d] = NaN;
        grids[vehicle[d]!]!.remove(d);
      }
    }
    cLat = lat;
    cLon = lon;
    cT = t0;
    cCos = Math.cos(lat * Math.PI / 180);
    nCand = 0;
    for (let ring = 0; ring <= Math.ceil(R_MAX / CELL_MIN_KM) + 1; ring++) {
      for (const v of compatible[sv]!) grids[v]!.scanRing(lat, lon, ring, visit);
      if (nCand === K && candDist[K - 1]! <= ring * CELL_MIN_KM) break;
    }
    // Radius expansion 1 → 3 → 5 km: the smallest radius holding ≥ 5 eligible drivers (or all within 5 km).
    let radius = R_MAX;
    if (nCand >= 5) {
      for (const r of [1, 3]) {
        if (candDist[4]! <= r) {
          radius = r;
          break;
        }
      }
    }
    let k = 0;
    while (k < nCand && candDist[k]! <= radius) k++;
    let t = t0 + 2_000;
    for (let a = 0; a < k; a++) {
      const d = candD[a]!, km = candDist[a]!;
      const h = Math.min(nHours - 1, Math.floor((t - start) / HOUR_MS));
      const minutes = Math.floor((t - onlineSince[d]!) / MINUTE_MS);
      f.propensity = propensity[d]!;
      f.distanceKm = km;
      f.pricePerKm = ppk[i]!;
      f.service = sv;
      f.vehicle = vehicle[d]!;
      f.homeDistrict = home[d] === pDistrict[i];
      f.raining = rain[h] === 1;
      f.codVnd = cod[i]!;
      f.minutesOnline = minutes;
      const pb = baseProbability(f), rf = rainFactor(f.vehicle, f.raining), cf = codFactor(f.codVnd);
      const ff = fatigueFactor(minutes);
      const p = pb * rf * cf * ff;
      const accepted = dx.float() < p;
      let respAt: number, resp: number;
      if (accepted) {
        resp = 0;
        respAt = t + Math.round((2 + Math.min(12, exponential(dx, 1 / 4))) * 1000);
      } else if (dx.float() < 0.2 + 0.4 * (1 - ff)) {
        resp = 2;
        respAt = t + OFFER_TIMEOUT_S * 1000;
      } else {
        resp = 1;
        respAt = t + Math.round((1 + Math.min(13, exponential(dx, 1 / 5))) * 1000);
      }
      oId.push(nextOfferId++);
      oOrder.push(i);
      oDriver.push(d);
      oSeq.push(a + 1);
      oAt.push(t);
      oRespAt.push(respAt);
      oDist.push(Math.round(km * 1000) / 1000);
      oLat.push(curLat[d]!);
      oLon.push(curLon[d]!);
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
        if (dx.float() < cancelProp[d]!) {
          const cAt = respAt + Math.round((1 + 9 * dx.float()) * MINUTE_MS);
          oCancelAt.push(cAt);
          status[i] = 2;
          busyUntil[d] = cAt;
        } else {
          oCancelAt.push(NaN);
          status[i] = 0;
          const minutesBusy = (km / 20 + tripKm[i]! / 22) * 60 + 4;
          busyUntil[d] = respAt + minutesBusy * MINUTE_MS;
          curLat[d] = dLat[i]!;
          curLon[d] = dLon[i]!;
          if (grids[vehicle[d]!]!.has(d)) grids[vehicle[d]!]!.place(d, curLat[d]!, curLon[d]!);
        }
        break;
      }
      oCancelAt.push(NaN);
      t = respAt + 1_000;
    }
  }

  // ---- offers table with a few duplicated log lines (silver must deduplicate by offer_id)
  const nOffers = oId.length;
  const dupRng = rng.fork(6);
  const rowsIdx: number[] = [];
  for (let r = 0; r < nOffers; r++) {
    rowsIdx.push(r);
    if (dupRng.float() < 0.003) rowsIdx.push(r);
  }
  const take = <T extends Float64Array | Int32Array>(src: T): T => {
    const out = new (src.constructor as { new (n: number): T })(rowsIdx.length);
    for (let j = 0; j < rowsIdx.length; j++) out[j] = src[rowsIdx[j]!]!;
    return out;
  };
  const respCol = oResp.finish();

  // ---- pings: 4 recent speed pings per driver at the end of the simulation; fraudsters show > 80 km/h
  const pr = rng.fork(7);
  const pingN = nDrivers * 4;
  const pgDriver = new Int32Array(pingN), pgAt = new Float64Array(pingN), pgLat = new Float64Array(pingN);
  const pgLon = new Float64Array(pingN), pgSpeed = new Float64Array(pingN);
  for (let d = 0; d < nDrivers; d++) {
    for (let j = 0; j < 4; j++) {
      const r = d * 4 + j;
      pgDriver[r] = d;
      pgAt[r] = end - (4 - j) * 30_000 - pr.int(10_000);
      pgLat[r] = clampLat(curLat[d]! + normal(pr, 0, 0.0005));
      pgLon[r] = clampLon(curLon[d]! + normal(pr, 0, 0.0005));
      const normalSpeed = Math.min(70, Math.max(0, normal(pr, vehicle[d] === BIKE ? 22 : 26, 9)));
      pgSpeed[r] = Math.round((isFraud[d] && j >= 2 ? 90 + 110 * pr.float() : normalSpeed) * 10) / 10;
    }
  }

  const driverIds = idColumn(nDrivers);
  const levels = Int32Array.from(vehicle, (v) => (v === PREMIUM ? 1 : 0));
  const districtNames = DISTRICTS.map((d) => d.name);
  const tables = {
    drivers: makeFrame({
      driver_id: driverIds,
      vehicle_type: codesColumn(vehicle, VEHICLES),
      service_level: codesColumn(levels, SERVICE_LEVELS),
      home_district: codesColumn(home, districtNames),
      home_lat: homeLat,
      home_lon: homeLon,
      joined_at: joinedAt,
      hist_as_of: new Float64Array(nDrivers).fill(start),
      hist_offers_7d: histOffers,
      hist_accepts_7d: histAccepts,
      hist_cancels_7d: histCancels,
    }),
    sessions: makeFrame({
      driver_id: sDriver.finish(),
      session_start: sStart.finish(),
      session_end: sEnd.finish(),
    }),
    weather: makeFrame({ hour_start: hourStart, rain, rain_mm: rainMm }),
    orders: makeFrame({
      order_id: idColumn(nOrders),
      created_at: orderAt,
      service_type: codesColumn(service, SERVICES),
      pickup_lat: pLat,
      pickup_lon: pLon,
      pickup_district: codesColumn(pDistrict, districtNames),
      dropoff_lat: dLat,
      dropoff_lon: dLon,
      trip_km: tripKm,
      fare_vnd: fare,
      price_per_km: ppk,
      payment_method: codesColumn(payment, PAYMENT),
      cod_amount_vnd: cod,
      rain: orderRain,
      status: codesColumn(status, ORDER_STATUS),
      assigned_driver_id: assigned,
    }),
    offers: makeFrame({
      offer_id: take(oId.finish()),
      order_id: take(oOrder.finish()),
      driver_id: take(oDriver.finish()),
      offer_seq: take(oSeq.finish()),
      offered_at: take(oAt.finish()),
      responded_at: take(oRespAt.finish()),
      distance_to_pickup_km: take(oDist.finish()),
      driver_lat: take(oLat.finish()),
      driver_lon: take(oLon.finish()),
      response: codesColumn(take(respCol.codes), RESPONSES),
      accepted: take(oAcc.finish()),
      cancelled_at: take(oCancelAt.finish()),
    }),
    pings: makeFrame({ driver_id: pgDriver, pinged_at: pgAt, lat: pgLat, lon: pgLon, speed_kmh: pgSpeed }),
  };
  const truth = {
    offer_truth: makeFrame({
      offer_id: idColumn(nOffers),
      p_accept: tP.finish(),
      p_base: tBase.finish(),
      rain_factor: tRain.finish(),
      cod_factor: tCod.finish(),
      fatigue_factor: tFat.finish(),
      minutes_online: tMin.finish(),
    }),
    driver_truth: makeFrame({
      driver_id: driverIds,
      propensity,
      cancel_propensity: cancelProp,
      is_new: isNew,
      is_fraud: isFraud,
    }),
  };
  return {
    tables,
    truth,
    meta: {
      simulator: "dispatch",
      scenario,
      seed,
      scale,
      sizes: { drivers: nDrivers, orders: nOrders, days: nDays, offers: nOffers, offer_rows: rowsIdx.length },
      startMs: start,
      endMs: end,
      timestampColumns: {
        drivers: ["joined_at", "hist_as_of"],
        sessions: ["session_start", "session_end"],
        weather: ["hour_start"],
        orders: ["created_at"],
        offers: ["offered_at", "responded_at", "cancelled_at"],
        pings: ["pinged_at"],
      },
      notes: [
        "P(accept) = σ(0.3 + propensity − 0.55·km + 1.5·ln(ppk/ref) + 0.7·home) × rain(0.6 bike) × COD × fatigue",
        "offers holds ~0.3 % duplicated log lines; deduplicate by offer_id",
      ],
    },
  };
}

/**
 * Order of session events: by time, ends before starts at the same time, then by index. Session times are
 * whole minutes after `start`, so each event packs into one exact integer key (minute·2 + isStart)·2^22 +
 * index and a native numeric sort does the work (a comparator sort of 1M events costs ~0.1–0.2 s);
 * anything else falls back to the comparator.
 */
function sessionEventOrder(evTime: Float64Array, evStart: Int32Array, start: number): Int32Array {
  const n = evTime.length, SHIFT = 4_194_304; // 2^22
  const keys = new Float64Array(n);
  let packable = n <= SHIFT;
  for (let j = 0; j < n && packable; j++) {
    const minute = (evTime[j]! - start) / MINUTE_MS;
    const key = (minute * 2 + evStart[j]!) * SHIFT + j;
    packable = Number.isInteger(minute) && minute >= 0 && key <= Number.MAX_SAFE_INTEGER;
    keys[j] = key;
  }
  if (!packable) {
    return Int32Array.from({ length: n }, (_, j) => j).sort((a, b) =>
      evTime[a]! - evTime[b]! || evStart[a]! - evStart[b]! || a - b
    );
  }
  keys.sort();
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = keys[j]! % SHIFT;
  return order;
}

/** The dispatch simulator. */
export const dispatchSimulator: Simulator<DispatchOptions> = {
  name: "dispatch",
  scenarios: DISPATCH_SCENARIOS,
  options: DISPATCH_OPTIONS,
  graph: DISPATCH_GRAPH,
  generate,
};
