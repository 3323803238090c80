/**
 * Stage 4 of the dispatch simulator: candidate retrieval, the rules of `lib/domains/dispatch` applied to
 * the simulated city. Online drivers live in one {@link DriverGrid} per vehicle type; session starts and
 * ends are replayed in time order before each order, so a search scans online drivers only. For an order
 * the search keeps the `maxCandidates` nearest available drivers (not on a trip, not offered anything in
 * the last minute) whose vehicle and service level are eligible for the order's service
 * (`vehicleCompatible`, `serviceLevelAllows`) within the widest radius, nearest first (ties by driver
 * id), and cuts them to the offer radius (`offerRadiusKm`: 1 → 3 → 5 km until ≥ 5).
 *
 * Cutting the `maxCandidates` nearest to the radius equals cutting all eligible drivers and then taking
 * the nearest `maxCandidates`: with at least 5 kept the 5th nearest decides the radius either way, and
 * with fewer than 5 (maxCandidates < 5) the nearest ones lie within any radius that holds 5.
 * @module
 */
import {
  MAX_OFFER_RADIUS_KM,
  offerRadiusKm,
  SERVICE_TYPES,
  serviceLevelAllows,
  vehicleCompatible,
} from "../../lib/domains/dispatch/mod.ts";
import { MINUTE_MS } from "../common/mod.ts";
import { VEHICLES } from "./acceptance.ts";
import { CELL_MIN_KM, DriverGrid, haversineKm } from "./city.ts";
import { type Drivers, SERVICE_LEVEL_OF_VEHICLE, type Sessions } from "./entities.ts";

/** A driver offered something less than this long ago (ms) is not offered again yet. */
export const REOFFER_GAP_MS = 60_000;

/** Vehicle codes eligible for each service code (vehicle type and service level rules). */
export const ELIGIBLE_VEHICLES: readonly (readonly number[])[] = SERVICE_TYPES.map((s) =>
  VEHICLES.flatMap((v, code) =>
    vehicleCompatible(s, v) && serviceLevelAllows(s, SERVICE_LEVEL_OF_VEHICLE[code]!) ? [code] : []
  )
);

/** The dispatcher's view of the drivers: positions, online state and the nearest-candidate search. */
export interface CandidateSearch {
  /** Current positions (home until a completed trip moves the driver to its drop-off). */
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** When the driver's current session started (NaN while offline). */
  readonly onlineSince: Float64Array;
  /** End of the driver's current trip (or cancellation), epoch ms. */
  readonly busyUntil: Float64Array;
  /** When the driver was last offered an order, epoch ms. */
  readonly lastOfferAt: Float64Array;
  /** Drivers of the last search, nearest first: the first {@link count} are valid. */
  readonly candidates: Int32Array;
  /** Their distances to the pickup, km. */
  readonly distances: Float64Array;
  /** Candidates found by the last search (within the widest radius, at most `maxCandidates`). */
  readonly count: number;
  /** Offer radius of the last search, km. */
  readonly radiusKm: number;
  /** Replays session starts and ends up to time `t` (inclusive). */
  advanceTo(t: number): void;
  /**
   * Finds the candidates for an order at (lat, lon) for service code `service` at time `t`; returns how
   * many of them lie within the offer radius (the first ones of {@link candidates}).
   */
  search(lat: number, lon: number, service: number, t: number): number;
  /** Moves driver `d` (its grid cell too while it is online). */
  moveTo(d: number, lat: number, lon: number): void;
}

/** Builds the search over `drivers` and their `sessions`, keeping at most `maxCandidates` per order. */
export function createCandidateSearch(
  drivers: Drivers,
  sessions: Sessions,
  start: number,
  maxCandidates: number,
): CandidateSearch {
  const nDrivers = drivers.n, vehicle = drivers.vehicle;
  const grids = VEHICLES.map(() => new DriverGrid(nDrivers));
  const curLat = Float64Array.from(drivers.homeLat), curLon = Float64Array.from(drivers.homeLon);
  const onlineSince = new Float64Array(nDrivers).fill(NaN);
  const busyUntil = new Float64Array(nDrivers);
  const lastOfferAt = new Float64Array(nDrivers).fill(-Infinity);
  const nSess = sessions.driver.length;
  const evTime = new Float64Array(2 * nSess), evDriver = new Int32Array(2 * nSess);
  const evStart = new Int32Array(2 * nSess);
  for (let j = 0; j < nSess; j++) {
    evTime[2 * j] = sessions.start[j]!;
    evDriver[2 * j] = sessions.driver[j]!;
    evStart[2 * j] = 1;
    evTime[2 * j + 1] = sessions.end[j]!;
    evDriver[2 * j + 1] = sessions.driver[j]!;
  }
  const evOrder = sessionEventOrder(evTime, evStart, start);
  let ev = 0;
  const candD = new Int32Array(nDrivers), candDist = new Float64Array(nDrivers);
  // Nearest-K search: candidates kept sorted by distance (ties by driver id) in candD/candDist[0..nCand).
  let nCand = 0, cLat = 0, cLon = 0, cT = 0, cCos = 1, radiusKm: number = MAX_OFFER_RADIUS_KM;
  const K = maxCandidates, R_MAX = MAX_OFFER_RADIUS_KM;
  const visit = (d: number) => {
    if (busyUntil[d]! > cT || lastOfferAt[d]! > cT - REOFFER_GAP_MS) return;
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
  const maxRing = Math.ceil(R_MAX / CELL_MIN_KM) + 1;
  return {
    lat: curLat,
    lon: curLon,
    onlineSince,
    busyUntil,
    lastOfferAt,
    candidates: candD,
    distances: candDist,
    get count() {
      return nCand;
    },
    get radiusKm() {
      return radiusKm;
    },
    advanceTo(t: number): void {
      for (; ev < evOrder.length && evTime[evOrder[ev]!]! <= t; ev++) {
        const e = evOrder[ev]!, d = evDriver[e]!;
        if (evStart[e]) {
          onlineSince[d] = evTime[e]!;
          grids[vehicle[d]!]!.place(d, curLat[d]!, curLon[d]!);
        } else {
          onlineSince[d] = NaN;
          grids[vehicle[d]!]!.remove(d);
        }
      }
    },
    search(lat: number, lon: number, service: number, t: number): number {
      cLat = lat;
      cLon = lon;
      cT = t;
      cCos = Math.cos(lat * Math.PI / 180);
      nCand = 0;
      const eligible = ELIGIBLE_VEHICLES[service]!;
      for (let ring = 0; ring <= maxRing; ring++) {
        for (const v of eligible) grids[v]!.scanRing(lat, lon, ring, visit);
        if (nCand === K && candDist[K - 1]! <= ring * CELL_MIN_KM) break;
      }
      radiusKm = offerRadiusKm(candDist, nCand);
      let k = 0;
      while (k < nCand && candDist[k]! <= radiusKm) k++;
      return k;
    },
    moveTo(d: number, lat: number, lon: number): void {
      curLat[d] = lat;
      curLon[d] = lon;
      if (grids[vehicle[d]!]!.has(d)) grids[vehicle[d]!]!.place(d, lat, lon);
    },
  };
}

/**
 * Order of session events: by time, ends before starts at the same time, then by index. Session times are
 * whole minutes after `start`, so each event packs into one exact integer key (minute·2 + isStart)·2^22 +
 * index and a native numeric sort does the work (a comparator sort of 1M events costs ~0.1–0.2 s);
 * anything else falls back to the comparator.
 */
export function sessionEventOrder(evTime: Float64Array, evStart: Int32Array, start: number): Int32Array {
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
