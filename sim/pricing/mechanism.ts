/**
 * The pricing simulator's causal mechanisms as pure functions, shared by the simulator, its truth tables
 * and its tests.
 *
 * **Demand** (price requests per bay per 15-minute bucket) is Poisson with rate
 *   λ = base(bay) × hourly(hour, weekend or holiday) × weekday(dow) × 1.25 if raining × 1.2 if holiday
 *       × event(bay, time)
 * with base(bay) = zone base × (poi_density / 40)^0.6 × (1 + 0.4·transit_score) × lognormal noise, and an
 * event multiplying demand at bays within 2 km by 1 + 2·(attendance / 20,000)·exp(−km / 0.8) in the 3 hours
 * after it ends (half that in the hour before it starts).
 *
 * **Price → acceptance**: every request is shown a price per minute = vehicle base price × surge × an
 * experiment jitter e^U, U ~ Uniform(−0.2, 0.2). The surge policy is 1.2 in weekday rush hours, ×1.1 in
 * rain, ×1.4 while an event uplift is active at the bay. The customer books with probability
 *   σ(1.0 − 2.0·ln(price / base price) + 0.4·plus member + 0.5·rain + 0.6·event active),
 * strictly decreasing in price (the monotone constraint a GBDT may use). Rain and events raise both the
 * price and the willingness to pay (confounders of a naive price–acceptance fit).
 *
 * **Incidents**: a trip ends in an incident with probability σ(−5.7 + 0.9·[age < 25]
 * + 0.35·min(prior incidents, 3) + 1.0·night + 0.25·speed violations + 0.15·harsh braking + 0.4·rain
 * + 0.08·vehicle age in years), at a uniform time within the trip.
 *
 * The surge policy and the rush hours are pricing rules: they live in `lib/domains/pricing/surge.ts`
 * (re-exported here), where the API applies the same ones.
 * @module
 */
import { isRushHour, SURGE_POLICY, surgeFactor } from "../../lib/domains/pricing/mod.ts";

export { isRushHour, surgeFactor };

/** Declared effect sizes. */
export const PRICING_EFFECTS = {
  rainDemand: 1.25,
  holidayDemand: 1.2,
  eventPeak: 2.0,
  eventAttendanceRef: 20_000,
  eventDecayKm: 0.8,
  eventRadiusKm: 2,
  eventAfterHours: 3,
  eventBeforeHours: 1,
  poiRef: 40,
  poiElasticity: 0.6,
  transitDemand: 0.4,
  surgeRush: SURGE_POLICY.rush,
  surgeRain: SURGE_POLICY.rain,
  surgeEvent: SURGE_POLICY.event,
  priceJitter: 0.2,
  acceptIntercept: 1.0,
  priceElasticity: -2.0,
  acceptPlus: 0.4,
  acceptRain: 0.5,
  acceptEvent: 0.6,
  incidentIntercept: -5.7,
  incidentYoung: 0.9,
  incidentPerPrior: 0.35,
  incidentPriorCap: 3,
  incidentNight: 1.0,
  incidentPerSpeeding: 0.25,
  incidentPerHarsh: 0.15,
  incidentRain: 0.4,
  incidentPerVehicleYear: 0.08,
} as const;

/** Relative demand by hour on working days (commute peaks) and on weekends/holidays (midday peak). */
export const HOURLY_WEEKDAY = [
  0.15,
  0.1,
  0.08,
  0.08,
  0.12,
  0.3,
  0.8,
  1.6,
  2.0,
  1.4,
  1.0,
  1.0,
  1.2,
  1.1,
  1.0,
  1.1,
  1.4,
  1.9,
  2.1,
  1.6,
  1.2,
  0.9,
  0.6,
  0.3,
];
export const HOURLY_WEEKEND = [
  0.3,
  0.25,
  0.2,
  0.12,
  0.1,
  0.12,
  0.2,
  0.4,
  0.7,
  1.0,
  1.3,
  1.5,
  1.6,
  1.6,
  1.5,
  1.4,
  1.4,
  1.5,
  1.5,
  1.4,
  1.2,
  1.0,
  0.8,
  0.5,
];
/** Relative demand by day of week (Monday = 0). */
export const WEEKDAY_FACTOR = [0.95, 0.95, 1.0, 1.05, 1.15, 1.1, 0.9];
/** Zone names (dictionary order of `bays.zone`) and their base demand multipliers. */
export const ZONES = ["cbd", "residential", "airport", "university", "retail"] as const;
export const ZONE_BASE = [1.6, 0.8, 1.3, 1.0, 1.1] as const;

/** Calendar × weather part of the demand rate (no bay base, no event). */
export function calendarFactor(hour: number, dow: number, raining: boolean, holiday: boolean): number {
  const weekendLike = holiday || dow >= 5;
  const hourly = (weekendLike ? HOURLY_WEEKEND : HOURLY_WEEKDAY)[hour]!;
  return hourly * WEEKDAY_FACTOR[dow]! * (raining ? PRICING_EFFECTS.rainDemand : 1) *
    (holiday ? PRICING_EFFECTS.holidayDemand : 1);
}

/** A bay's structural demand multiplier from its observed attributes (before the latent noise). */
export function bayAttributeFactor(zone: number, poiDensity: number, transitScore: number): number {
  const e = PRICING_EFFECTS;
  return ZONE_BASE[zone]! * (poiDensity / e.poiRef) ** e.poiElasticity * (1 + e.transitDemand * transitScore);
}

/**
 * Event uplift at a bay `km` away, for a bucket starting `msFromEnd` after the event's end
 * (negative: before the end) and `msToStart` before its start.
 */
export function eventFactor(km: number, attendance: number, msToStart: number, msFromEnd: number): number {
  const e = PRICING_EFFECTS;
  if (km > e.eventRadiusKm) return 1;
  const peak = e.eventPeak * (attendance / e.eventAttendanceRef) * Math.exp(-km / e.eventDecayKm);
  if (msFromEnd >= 0 && msFromEnd < e.eventAfterHours * 3_600_000) return 1 + peak;
  if (msToStart > 0 && msToStart <= e.eventBeforeHours * 3_600_000) return 1 + peak / 2;
  return 1;
}

/** Inputs of the booking (price acceptance) model. */
export interface QuoteContext {
  /** Quoted price per minute ÷ the vehicle's base price per minute (> 0). */
  priceRatio: number;
  plusMember: boolean;
  raining: boolean;
  eventActive: boolean;
}

/** Log-odds of booking at a quote. */
export function acceptanceLogit(q: QuoteContext): number {
  const e = PRICING_EFFECTS;
  return e.acceptIntercept + e.priceElasticity * Math.log(q.priceRatio) + (q.plusMember ? e.acceptPlus : 0) +
    (q.raining ? e.acceptRain : 0) + (q.eventActive ? e.acceptEvent : 0);
}

/** True probability that a quote is booked; strictly decreasing in `priceRatio`. */
export function acceptanceProbability(q: QuoteContext): number {
  return 1 / (1 + Math.exp(-acceptanceLogit(q)));
}

/** Inputs of the trip incident model. */
export interface TripRisk {
  age: number;
  priorIncidents: number;
  night: boolean;
  speedViolations: number;
  harshBraking: number;
  raining: boolean;
  /** Vehicle age in whole years (booking year − model year). */
  vehicleAge: number;
}

/** True probability that a trip ends in an incident. */
export function tripIncidentProbability(r: TripRisk): number {
  const e = PRICING_EFFECTS;
  const z = e.incidentIntercept + (r.age < 25 ? e.incidentYoung : 0) +
    e.incidentPerPrior * Math.min(r.priorIncidents, e.incidentPriorCap) + (r.night ? e.incidentNight : 0) +
    e.incidentPerSpeeding * r.speedViolations + e.incidentPerHarsh * r.harshBraking +
    (r.raining ? e.incidentRain : 0) +
    e.incidentPerVehicleYear * r.vehicleAge;
  return 1 / (1 + Math.exp(-z));
}
