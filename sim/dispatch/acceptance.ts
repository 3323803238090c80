/**
 * The causal acceptance model of the dispatch simulator, as one pure function so that tests, the truth
 * table and documentation agree:
 *
 *   P(accept) = σ(β0 + propensity − 0.55·distance_km + 1.5·ln(price_per_km / ref(service)) + 0.7·home_district)
 *             × rain_factor × cod_factor × fatigue_factor
 *
 * - rain_factor = 0.6 for a bike offer while it rains (−40 %), else 1;
 * - cod_factor = 1 up to 2,000,000 VND, then falls linearly by 0.1 per extra million, floored at 0.2;
 * - fatigue_factor = 1 for the first 120 minutes online, then falls by 0.001 per minute, floored at 0.4.
 * @module
 */
import { VEHICLE_TYPES } from "../../lib/domains/dispatch/mod.ts";

/** Vehicle types (dictionary order of the `vehicle_type` column), as the dispatch rules name them. */
export const VEHICLES = VEHICLE_TYPES;
/** Vehicle index. */
export const BIKE = 0, CAR = 1, PREMIUM = 2;

/** Declared effect sizes. */
export const EFFECTS = {
  intercept: 0.3,
  distancePerKm: -0.55,
  logPricePerKm: 1.5,
  homeDistrict: 0.7,
  rainBikeFactor: 0.6,
  codThresholdVnd: 2_000_000,
  codSlopePerMillion: 0.1,
  codFloor: 0.2,
  fatigueFreeMinutes: 120,
  fatiguePerMinute: 0.001,
  fatigueFloor: 0.4,
} as const;

/** Reference price per km (VND/km) by service (bike, car, premium): the "fair" unit price. */
export const REF_PRICE_PER_KM: readonly number[] = [6_500, 13_000, 19_000];

/** Inputs of one offer to the acceptance model. */
export interface OfferFeatures {
  propensity: number;
  distanceKm: number;
  pricePerKm: number;
  /** Service of the order: 0 bike, 1 car, 2 premium (sets the reference price). */
  service: number;
  /** Vehicle of the driver: 0 bike, 1 car, 2 premium. */
  vehicle: number;
  homeDistrict: boolean;
  raining: boolean;
  codVnd: number;
  minutesOnline: number;
}

/** σ(x). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The logistic part before multiplicative frictions. */
export function baseProbability(f: OfferFeatures): number {
  return sigmoid(
    EFFECTS.intercept + f.propensity + EFFECTS.distancePerKm * f.distanceKm +
      EFFECTS.logPricePerKm * Math.log(f.pricePerKm / REF_PRICE_PER_KM[f.service]!) +
      (f.homeDistrict ? EFFECTS.homeDistrict : 0),
  );
}

/** Rain friction: 0.6 for bikes in rain. */
export function rainFactor(vehicle: number, raining: boolean): number {
  return raining && vehicle === BIKE ? EFFECTS.rainBikeFactor : 1;
}

/** COD friction: linear decrease above 2,000,000 VND. */
export function codFactor(codVnd: number): number {
  if (codVnd <= EFFECTS.codThresholdVnd) return 1;
  return Math.max(
    EFFECTS.codFloor,
    1 - EFFECTS.codSlopePerMillion * (codVnd - EFFECTS.codThresholdVnd) / 1e6,
  );
}

/** Fatigue friction from minutes online. */
export function fatigueFactor(minutesOnline: number): number {
  const over = Math.max(0, minutesOnline - EFFECTS.fatigueFreeMinutes);
  return Math.max(EFFECTS.fatigueFloor, 1 - EFFECTS.fatiguePerMinute * over);
}

/** The true P(accept) of an offer. */
export function acceptanceProbability(f: OfferFeatures): number {
  return baseProbability(f) * rainFactor(f.vehicle, f.raining) * codFactor(f.codVnd) *
    fatigueFactor(f.minutesOnline);
}
