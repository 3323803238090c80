/**
 * Dynamic radius expansion (spec 000 §2.1): search 1 km around the pickup; if fewer than 5 eligible
 * drivers are found, expand to 3 km, then to 5 km. The offer radius is the smallest of 1, 3, 5 km that
 * holds at least {@link MIN_CANDIDATES} eligible drivers, or 5 km when none does (then every eligible
 * driver within 5 km is a candidate, however few). A driver exactly on a radius is inside it.
 *
 * "Eligible" means after the hard filters of `eligibility.ts` (vehicle type, service level) and whatever
 * availability the caller applies (online, not on a trip): the count is of drivers who could take the
 * order.
 *
 * @example
 * ```ts
 * import { offerRadiusKm, offerRadiusRule } from "./offer_radius.ts";
 * offerRadiusKm([0.2, 0.5, 0.9, 1.0, 2.5, 4]); // 3 (only 4 within 1 km; 5 within 3 km)
 * offerRadiusKm([0.3, 0.4]); // 5 (never 5 drivers: the widest radius)
 * const r = offerRadiusRule([0.2, 0.5, 0.9, 1.0, 2.5, 4].map((km, i) => ({ driverId: i, distanceKm: km })));
 * r.radiusKm; // 3
 * r.removed.map((x) => x.driverId); // [5] (4 km away)
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { filterCandidates, fmt, type HasDriverId, type RuleResult } from "./rule.ts";

/** The radii tried, in order (km). */
export const OFFER_RADII_KM = [1, 3, 5] as const;
/** The widest radius (km): no driver farther than this is ever offered an order. */
export const MAX_OFFER_RADIUS_KM = 5;
/** Eligible drivers a radius must hold before the search stops expanding. */
export const MIN_CANDIDATES = 5;

/** The candidate field the radius rule reads. */
export interface RadiusCandidate extends HasDriverId {
  /** Great-circle distance from the driver to the pickup, km. */
  readonly distanceKm: number;
}

/**
 * The offer radius (km) for the eligible drivers at distances `distancesKm[0..count)` (any order): the
 * smallest of {@link OFFER_RADII_KM} holding at least {@link MIN_CANDIDATES} of them, else the widest.
 * Throws {@link InputError} on a negative or non-finite distance.
 */
export function offerRadiusKm(distancesKm: ArrayLike<number>, count: number = distancesKm.length): number {
  if (!Number.isInteger(count) || count < 0 || count > distancesKm.length) {
    throw new InputError("count", `must be an integer in [0, ${distancesKm.length}], got ${count}`);
  }
  const within = new Int32Array(OFFER_RADII_KM.length);
  for (let i = 0; i < count; i++) {
    const d = distancesKm[i]!;
    if (!(d >= 0 && d < Infinity)) {
      throw new InputError(`distancesKm[${i}]`, `must be a finite distance ≥ 0 km, got ${d}`);
    }
    for (let r = 0; r < OFFER_RADII_KM.length; r++) if (d <= OFFER_RADII_KM[r]!) within[r]!++;
  }
  for (let r = 0; r < OFFER_RADII_KM.length - 1; r++) {
    if (within[r]! >= MIN_CANDIDATES) return OFFER_RADII_KM[r]!;
  }
  return MAX_OFFER_RADIUS_KM;
}

/** The radius rule's outcome: the radius chosen and the rule's kept/removed lists. */
export interface RadiusResult<C> extends RuleResult<C> {
  readonly radiusKm: number;
}

/**
 * Rule `offer_radius`: chooses the radius for these eligible candidates ({@link offerRadiusKm}) and
 * removes those beyond it.
 */
export function offerRadiusRule<C extends RadiusCandidate>(candidates: readonly C[]): RadiusResult<C> {
  const distances = candidates.map((c, i) => {
    const d = c.distanceKm;
    if (typeof d !== "number" || !(d >= 0 && d < Infinity)) {
      throw new InputError(`candidates[${i}].distanceKm`, `must be a finite distance ≥ 0 km, got ${d}`);
    }
    return d;
  });
  const radiusKm = offerRadiusKm(distances);
  const inside = distances.filter((d) => d <= radiusKm).length;
  const why = radiusKm === MAX_OFFER_RADIUS_KM
    ? `beyond the widest radius, ${radiusKm} km`
    : `beyond the ${radiusKm} km radius (${inside} eligible drivers within it, ≥ ${MIN_CANDIDATES} needed)`;
  const result = filterCandidates(
    "offer_radius",
    candidates,
    (c) => c.distanceKm <= radiusKm ? null : `${fmt(c.distanceKm, 3)} km away, ${why}`,
  );
  return { ...result, radiusKm };
}
