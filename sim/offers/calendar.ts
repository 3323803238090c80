/**
 * The retail calendar: per-day multipliers for shopping frequency (weekly cycle, payday, holidays and the
 * black-friday scenario), promo share and offer uplift. Declared as small tables so the truth calendar
 * and the tests read the same numbers the generator uses.
 *
 * The offers clock starts on Monday 2025-06-30 rather than the shared SIM_EPOCH (January): retail
 * seasonality needs the summer barbecue season, Black Friday (2025-11-28) and the Christmas run-up
 * inside the default 180-day history.
 *
 * @example
 * ```ts
 * import { buildCalendar, OFFERS_START_MS } from "./calendar.ts";
 * const cal = buildCalendar(180, "normal");
 * cal.orderMultiplier.length; // 180
 * new Date(OFFERS_START_MS).toISOString().slice(0, 10); // "2025-06-30"
 * ```
 * @module
 */
import { DAY_MS, dayOfWeek } from "../common/mod.ts";

/** First simulated day (Monday 2025-06-30 00:00 UTC). */
export const OFFERS_START_MS = Date.UTC(2025, 5, 30);

/** Order-rate multiplier per weekday (Monday = 0): weekend peak, quiet Sunday. */
export const WEEKDAY_MULTIPLIER = [0.85, 0.85, 0.9, 0.95, 1.2, 1.6, 0.65] as const;
/** Multiplier on the last 3 and first 2 days of each month (payday). */
export const PAYDAY_MULTIPLIER = 1.3;
/** Multiplier in the summer barbecue season (July and August). */
export const SUMMER_MULTIPLIER = 1.1;
/** Multiplier in the Christmas run-up (December 15–23). */
export const CHRISTMAS_MULTIPLIER = 1.5;
/** Multiplier on December 24–26, when the stores are near-closed. */
export const CHRISTMAS_CLOSED_MULTIPLIER = 0.3;
/** Black-friday scenario, black week Monday 2025-11-24 … Sunday 2025-11-30: order rate, promo share and uplift boosts. */
export const BLACK_FRIDAY = {
  start: Date.UTC(2025, 10, 24),
  end: Date.UTC(2025, 11, 1),
  orders: 1.8,
  promoShare: 1.8,
  uplift: 1.6,
} as const;

/** Per-day multipliers (index = day since {@link OFFERS_START_MS}). */
export interface Calendar {
  readonly dayStartMs: Float64Array;
  readonly orderMultiplier: Float64Array;
  readonly promoMultiplier: Float64Array;
  readonly upliftMultiplier: Float64Array;
  /** 1 on black-week days when the scenario is "black_friday", else 0. */
  readonly blackFriday: Int32Array;
}

/** Builds the calendar for `days` days under a scenario ("normal" or "black_friday"). */
export function buildCalendar(days: number, scenario: string): Calendar {
  const dayStartMs = new Float64Array(days);
  const orderMultiplier = new Float64Array(days);
  const promoMultiplier = new Float64Array(days).fill(1);
  const upliftMultiplier = new Float64Array(days).fill(1);
  const blackFriday = new Int32Array(days);
  for (let d = 0; d < days; d++) {
    const ms = OFFERS_START_MS + d * DAY_MS;
    dayStartMs[d] = ms;
    const date = new Date(ms);
    const dom = date.getUTCDate(), month = date.getUTCMonth();
    const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), month + 1, 0)).getUTCDate();
    let m = WEEKDAY_MULTIPLIER[dayOfWeek(ms)]!;
    if (dom <= 2 || dom > daysInMonth - 3) m *= PAYDAY_MULTIPLIER;
    if (month === 6 || month === 7) m *= SUMMER_MULTIPLIER;
    if (month === 11 && dom >= 15 && dom <= 23) m *= CHRISTMAS_MULTIPLIER;
    if (month === 11 && dom >= 24 && dom <= 26) m *= CHRISTMAS_CLOSED_MULTIPLIER;
    if (scenario === "black_friday" && ms >= BLACK_FRIDAY.start && ms < BLACK_FRIDAY.end) {
      m *= BLACK_FRIDAY.orders;
      promoMultiplier[d] = BLACK_FRIDAY.promoShare;
      upliftMultiplier[d] = BLACK_FRIDAY.uplift;
      blackFriday[d] = 1;
    }
    orderMultiplier[d] = m;
  }
  return { dayStartMs, orderMultiplier, promoMultiplier, upliftMultiplier, blackFriday };
}
