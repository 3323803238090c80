/**
 * The pricing simulator's causal mechanisms as pure functions, shared by the simulator, its truth tables
 * and its tests.
 *
 * Demand (requests per bay per 15-minute bucket) is Poisson with rate
 *   λ = base(bay) × hourly(hour, weekend or holiday) × weekday(dow) × 1.25 if raining × 1.2 if holiday
 *       × event(bay, time)
 * where an event multiplies demand at bays within 2 km by 1 + 2·(attendance / 20,000)·exp(−km / 0.8)
 * in the 3 hours after it ends (half that in the hour before it starts).
 *
 * A trip's incident probability is σ(−5.3 + 0.9·[age < 25] + 0.35·min(prior incidents, 3) + 1.0·night
 * + 0.25·speed violations + 0.15·harsh braking + 0.4·rain).
 * @module
 */

/** Declared effect sizes. */
export const PRICING_EFFECTS = {
  rainDemand: 1.25,
  holidayDemand: 1.2,
  eventPeak: 2.0,
  eventAttendanceRef: 20_000,
  eventDecayKm: 0.8,
  eventRadiusKm: 2,
  eventAfterHours: 3,
  incidentIntercept: -5.3,
  incidentYoung: 0.9,
  incidentPerPrior: 0.35,
  incidentNight: 1.0,
  incidentPerSpeeding: 0.25,
  incidentPerHarsh: 0.15,
  incidentRain: 0.4,
} as const;

/** Relative demand by hour on working days (commute peaks) and on weekends/holidays (midday peak). */
export const HOURLY_WEEKDAY = [
  0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.8, 1.6, 2.0, 1.4, 1.0, 1.0, 1.2, 1.1, 1.0, 1.1, 1.4, 1.9, 2.1, 1.6, 1.2, 0.9, 0.6, 0.3,
];
export const HOURLY_WEEKEND = [
  0.3, 0.25, 0.2, 0.12, 0.1, 0.12, 0.2, 0.4, 0.7, 1.0, 1.3, 1.5, 1.6, 1.6, 1.5, 1.4, 1.4, 1.5, 1.5, 1.4, 1.2, 1.0, 0.8, 0.5,
];
/** Relative demand by day of week (Monday = 0). */
export const WEEKDAY_FACTOR = [0.95, 0.95, 1.0, 1.05, 1.15, 1.1, 0.9];

/** Calendar × weather part of the demand rate (no bay base, no event). */
export function calendarFactor(hour: number, dow: number, raining: boolean, holiday: boolean): number {
  const weekendLike = holiday || dow >= 5;
  const hourly = (weekendLike ? HOURLY_WEEKEND : HOURLY_WEEKDAY)[hour]!;
  return hourly * WEEKDAY_FACTOR[dow]! * (raining ? PRICING_EFFECTS.rainDemand : 1) *
    (holiday ? PRICING_EFFECTS.holidayDemand : 1);
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
  if (msToStart > 0 && msToStart <= 3_600_000) return 1 + peak / 2;
  return 1;
}

/** Inputs of the trip incident model. */
export interface TripRisk {
  age: number;
  priorIncidents: number;
  night: boolean;
  speedViolations: number;
  harshBraking: number;
  raining: boolean;
}

/** True probability that a trip ends in an incident. */
export function tripIncidentProbability(r: TripRisk): number {
  const e = PRICING_EFFECTS;
  const z = e.incidentIntercept + (r.age < 25 ? e.incidentYoung : 0) + e.incidentPerPrior * Math.min(r.priorIncidents, 3) +
    (r.night ? e.incidentNight : 0) + e.incidentPerSpeeding * r.speedViolations + e.incidentPerHarsh * r.harshBraking +
    (r.raining ? e.incidentRain : 0);
  return 1 / (1 + Math.exp(-z));
}
