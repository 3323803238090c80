/**
 * Demand surge (spec 001): a multiplier on the price per minute between {@link SURGE_MIN} (1.0×, normal)
 * and {@link SURGE_MAX} (3.0×, extreme demand).
 *
 * - {@link surgeFactor} is the **historical surge policy** the pricing simulator quoted with (and the
 *   rule a data scientist compares a learned surge against): ×1.2 in weekday rush hours (7–10 h and
 *   16–20 h, Monday–Friday, not on holidays), ×1.1 while it rains, ×1.4 while an event lifts demand at
 *   the bay; at most 1.2 · 1.1 · 1.4 = 1.848, inside the spec's range.
 * - {@link demandSurge} turns a demand forecast into a surge for the precomputed grid (bay × 15-minute
 *   bucket): predicted ÷ typical demand, clamped to [1, 3]. The spec gives the range, not the mapping;
 *   this is the workbench's (demand at or below normal costs nothing extra; three times normal or more
 *   costs the cap).
 *
 * The spec's inference flow also names a "demand_adjustment (0.8 – 1.2x)"; its model section and API
 * response use the 1.0–3.0 surge, which is what the price formula (`price.ts`) takes.
 *
 * @example
 * ```ts
 * import { demandSurge, isRushHour, surgeFactor } from "./surge.ts";
 * surgeFactor(isRushHour(8, 0, false), true, false); // 1.32 (Monday 8 h in the rain: 1.2 × 1.1)
 * demandSurge(9, 4); // 2.25
 * demandSurge(20, 4); // 3 (clamped)
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";

/** Lowest surge (no surge). */
export const SURGE_MIN = 1;
/** Highest surge. */
export const SURGE_MAX = 3;

/** The historical surge policy's multipliers. */
export const SURGE_POLICY = { rush: 1.2, rain: 1.1, event: 1.4 } as const;

/** Weekday rush hours as [start, end) hours of the day. */
export const RUSH_HOURS: readonly (readonly [number, number])[] = [[7, 10], [16, 20]];

/** Weekday rush hours: 7–10 h and 16–20 h on Monday–Friday (`dow` 0 = Monday), not on holidays. */
export function isRushHour(hour: number, dow: number, holiday: boolean): boolean {
  if (holiday || dow >= 5) return false;
  for (const [from, to] of RUSH_HOURS) if (hour >= from && hour < to) return true;
  return false;
}

/** The historical surge policy: ×1.2 in rush hours, ×1.1 in rain, ×1.4 during an event; within [1, 3]. */
export function surgeFactor(rush: boolean, raining: boolean, eventActive: boolean): number {
  const p = SURGE_POLICY;
  return (rush ? p.rush : 1) * (raining ? p.rain : 1) * (eventActive ? p.event : 1);
}

/** Clamps a surge into [{@link SURGE_MIN}, {@link SURGE_MAX}]; throws {@link InputError} on NaN. */
export function clampSurge(surge: number, field = "surge"): number {
  if (typeof surge !== "number" || Number.isNaN(surge)) {
    throw new InputError(field, `must be a number, got ${surge}`);
  }
  return Math.min(SURGE_MAX, Math.max(SURGE_MIN, surge));
}

/**
 * The surge for a forecast: `predicted ÷ typical` clamped to [1, 3], where `typical` is the bay's normal
 * demand for that bucket (e.g. its mean over the training weeks). Throws {@link InputError} naming the
 * field for a negative or non-finite forecast or a non-positive typical demand.
 */
export function demandSurge(predicted: number, typical: number): number {
  if (typeof predicted !== "number" || !(predicted >= 0 && predicted < Infinity)) {
    throw new InputError("predicted", `must be a finite demand ≥ 0, got ${predicted}`);
  }
  if (typeof typical !== "number" || !(typical > 0 && typical < Infinity)) {
    throw new InputError("typical", `must be a finite demand > 0, got ${typical}`);
  }
  return clampSurge(predicted / typical);
}
