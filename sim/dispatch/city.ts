/**
 * The simulated city: Ho Chi Minh City's box (10.70–10.90 N, 106.60–106.80 E), its districts as points,
 * great-circle distance, and a uniform grid of cells that tracks moving drivers for nearest-driver search.
 * @module
 */
import { RAD } from "../common/mod.ts";

/** Great-circle distance in km (shared with the other simulated cities). */
export { haversineKm } from "../common/mod.ts";

/** Latitude/longitude bounds of the simulated city. */
export const CITY_BOX = { minLat: 10.70, maxLat: 10.90, minLon: 106.60, maxLon: 106.80 } as const;

/** District names and approximate centres; `weight` is the relative order demand. */
export const DISTRICTS: readonly { name: string; lat: number; lon: number; weight: number }[] = [
  { name: "District 1", lat: 10.776, lon: 106.700, weight: 10 },
  { name: "District 3", lat: 10.784, lon: 106.684, weight: 7 },
  { name: "District 4", lat: 10.758, lon: 106.704, weight: 4 },
  { name: "District 5", lat: 10.755, lon: 106.667, weight: 5 },
  { name: "District 6", lat: 10.748, lon: 106.635, weight: 3 },
  { name: "District 7", lat: 10.733, lon: 106.722, weight: 6 },
  { name: "District 8", lat: 10.724, lon: 106.628, weight: 3 },
  { name: "District 10", lat: 10.773, lon: 106.668, weight: 5 },
  { name: "District 11", lat: 10.763, lon: 106.643, weight: 3 },
  { name: "Binh Thanh", lat: 10.811, lon: 106.709, weight: 7 },
  { name: "Go Vap", lat: 10.839, lon: 106.665, weight: 5 },
  { name: "Phu Nhuan", lat: 10.800, lon: 106.680, weight: 5 },
  { name: "Tan Binh", lat: 10.802, lon: 106.652, weight: 6 },
  { name: "Tan Phu", lat: 10.791, lon: 106.628, weight: 4 },
  { name: "Binh Tan", lat: 10.765, lon: 106.608, weight: 3 },
  { name: "Thu Duc", lat: 10.850, lon: 106.760, weight: 5 },
];

/** Index of the district whose centre is nearest (equirectangular, fine at city scale). */
export function districtOf(lat: number, lon: number): number {
  let best = 0, bestD = Infinity;
  const cos = Math.cos(lat * RAD);
  for (let i = 0; i < DISTRICTS.length; i++) {
    const d = DISTRICTS[i]!;
    const dy = d.lat - lat, dx = (d.lon - lon) * cos;
    const dd = dx * dx + dy * dy;
    if (dd < bestD) {
      bestD = dd;
      best = i;
    }
  }
  return best;
}

/** Clamps a latitude into the city box. */
export function clampLat(lat: number): number {
  return Math.min(CITY_BOX.maxLat, Math.max(CITY_BOX.minLat, lat));
}

/** Clamps a longitude into the city box. */
export function clampLon(lon: number): number {
  return Math.min(CITY_BOX.maxLon, Math.max(CITY_BOX.minLon, lon));
}

/** Grid cell size in degrees (~0.5 km). */
export const CELL_DEG = 0.0045;
/** A lower bound on a cell's side in km (0.0045° of longitude at 10.9° N). */
export const CELL_MIN_KM = 0.49;
const N_LAT = Math.ceil((CITY_BOX.maxLat - CITY_BOX.minLat) / CELL_DEG) + 1;
const N_LON = Math.ceil((CITY_BOX.maxLon - CITY_BOX.minLon) / CELL_DEG) + 1;

/**
 * Uniform grid of doubly linked lists: O(1) move of a driver, scan of the cells around a point ring by
 * ring. Cells are ~0.5 km: after scanning rings 0..k, every unseen driver is at least k·0.49 km away.
 */
export class DriverGrid {
  readonly #head: Int32Array;
  readonly #next: Int32Array;
  readonly #prev: Int32Array;
  readonly #cell: Int32Array;

  constructor(nDrivers: number) {
    this.#head = new Int32Array(N_LAT * N_LON).fill(-1);
    this.#next = new Int32Array(nDrivers).fill(-1);
    this.#prev = new Int32Array(nDrivers).fill(-1);
    this.#cell = new Int32Array(nDrivers).fill(-1);
  }

  static cellRow(lat: number): number {
    return Math.min(N_LAT - 1, Math.max(0, Math.floor((lat - CITY_BOX.minLat) / CELL_DEG)));
  }
  static cellCol(lon: number): number {
    return Math.min(N_LON - 1, Math.max(0, Math.floor((lon - CITY_BOX.minLon) / CELL_DEG)));
  }

  /** Places (or moves) driver `d` at a position. */
  place(d: number, lat: number, lon: number): void {
    const c = DriverGrid.cellRow(lat) * N_LON + DriverGrid.cellCol(lon);
    const old = this.#cell[d]!;
    if (old === c) return;
    if (old >= 0) {
      const p = this.#prev[d]!, n = this.#next[d]!;
      if (p >= 0) this.#next[p] = n;
      else this.#head[old] = n;
      if (n >= 0) this.#prev[n] = p;
    }
    const h = this.#head[c]!;
    this.#next[d] = h;
    this.#prev[d] = -1;
    if (h >= 0) this.#prev[h] = d;
    this.#head[c] = d;
    this.#cell[d] = c;
  }

  /** Removes driver `d` from the grid (no-op when absent). */
  remove(d: number): void {
    const old = this.#cell[d]!;
    if (old < 0) return;
    const p = this.#prev[d]!, n = this.#next[d]!;
    if (p >= 0) this.#next[p] = n;
    else this.#head[old] = n;
    if (n >= 0) this.#prev[n] = p;
    this.#cell[d] = -1;
    this.#next[d] = -1;
    this.#prev[d] = -1;
  }

  /** True when driver `d` is in the grid. */
  has(d: number): boolean {
    return this.#cell[d]! >= 0;
  }

  /** Calls `visit(d)` for every driver in the cells at Chebyshev ring `k` around the cell of (lat, lon). */
  scanRing(lat: number, lon: number, k: number, visit: (d: number) => void): void {
    const r0 = DriverGrid.cellRow(lat), c0 = DriverGrid.cellCol(lon);
    for (let r = r0 - k; r <= r0 + k; r++) {
      if (r < 0 || r >= N_LAT) continue;
      const edgeRow = r === r0 - k || r === r0 + k;
      for (let c = c0 - k; c <= c0 + k; c += edgeRow || k === 0 ? 1 : 2 * k) {
        if (c < 0 || c >= N_LON) continue;
        for (let d = this.#head[r * N_LON + c]!; d >= 0; d = this.#next[d]!) visit(d);
      }
    }
  }

  /** Calls `visit(d)` for every driver in the cells within `rings` of the cell holding (lat, lon). */
  scan(lat: number, lon: number, rings: number, visit: (d: number) => void): void {
    const r0 = DriverGrid.cellRow(lat), c0 = DriverGrid.cellCol(lon);
    for (let r = Math.max(0, r0 - rings); r <= Math.min(N_LAT - 1, r0 + rings); r++) {
      for (let c = Math.max(0, c0 - rings); c <= Math.min(N_LON - 1, c0 + rings); c++) {
        for (let d = this.#head[r * N_LON + c]!; d >= 0; d = this.#next[d]!) visit(d);
      }
    }
  }
}
