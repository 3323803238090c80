/**
 * Great-circle distance for the simulated cities (dispatch's Ho Chi Minh City, pricing's parking bays).
 *
 * @example
 * ```ts
 * import { haversineKm } from "./geo.ts";
 * haversineKm(0, 0, 0, 1); // ≈ 111.195 (one degree of the equator)
 * ```
 * @module
 */

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;
/** Radians per degree. */
export const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in km between two latitude/longitude points in degrees. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD, dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
