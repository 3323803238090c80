/**
 * The business rules applied after ranking (spec 000 §4.2 and stage 3), each a rigid filter on the
 * ranked list:
 *
 * - **fraud speed** (`fraud_speed`): the driver's latest GPS speed is above {@link FRAUD_SPEED_KMH}
 *   (80 km/h: no scooter or car in city traffic does that; a spoofed location does). No recent ping
 *   (speed null) is not evidence of fraud: kept.
 * - **hoarding** (`recent_cancel`): the driver cancelled an accepted order within the last
 *   {@link RECENT_CANCEL_MS} (5 minutes, inclusive) before the order.
 * - **cancellation ban** (`cancel_rate_ban`): the driver's cancellation rate today is above
 *   {@link CANCEL_RATE_BAN} (10 %), where the rate is cancelled ÷ accepted over today's accepted orders
 *   (0 with none). The spec sets no minimum volume, so one cancel out of one accept bans for the day.
 *
 * The ranked order of the survivors is kept.
 *
 * @example
 * ```ts
 * import { businessRules } from "./rules.ts";
 * const at = Date.UTC(2025, 0, 6, 12);
 * const ranked = [
 *   { driverId: "D1", speedKmh: 95, lastCancelledAt: null, acceptsToday: 4, cancelsToday: 0 },
 *   { driverId: "D2", speedKmh: 20, lastCancelledAt: at - 120_000, acceptsToday: 4, cancelsToday: 1 },
 *   { driverId: "D3", speedKmh: 25, lastCancelledAt: null, acceptsToday: 9, cancelsToday: 1 },
 *   { driverId: "D4", speedKmh: null, lastCancelledAt: null, acceptsToday: 0, cancelsToday: 0 },
 * ];
 * const r = businessRules({ at }, ranked);
 * r.kept.map((c) => c.driverId); // ["D4"]
 * r.removed.map((x) => x.rule); // ["fraud_speed", "recent_cancel", "cancel_rate_ban"]
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { filterCandidates, fmt, type HasDriverId, type RuleResult } from "./rule.ts";

/** Speeds above this (km/h) flag a driver as a likely GPS spoofer. */
export const FRAUD_SPEED_KMH = 80;
/** A cancellation this recent (ms, inclusive) before the order keeps the driver out (anti-hoarding). */
export const RECENT_CANCEL_MS = 5 * 60_000;
/** A cancellation rate today above this bans the driver for the rest of the day. */
export const CANCEL_RATE_BAN = 0.1;

/** The order field the business rules read. */
export interface BusinessOrder {
  /** When the order is dispatched (epoch ms). */
  readonly at: number;
}

/** The candidate fields the business rules read (the driver's online state). */
export interface BusinessCandidate extends HasDriverId {
  /** Latest GPS speed (km/h), null when there is no recent ping. */
  readonly speedKmh: number | null;
  /** When the driver last cancelled an accepted order (epoch ms), null if never. */
  readonly lastCancelledAt: number | null;
  /** Orders the driver accepted today. */
  readonly acceptsToday: number;
  /** How many of today's accepted orders the driver cancelled (≤ `acceptsToday`). */
  readonly cancelsToday: number;
}

/** True when a speed is above the fraud threshold. */
export function isFraudSpeed(speedKmh: number): boolean {
  return speedKmh > FRAUD_SPEED_KMH;
}

/** True when a cancellation at `cancelledAt` lies within the {@link RECENT_CANCEL_MS} before `at`. */
export function cancelledRecently(cancelledAt: number, at: number): boolean {
  return at - cancelledAt <= RECENT_CANCEL_MS;
}

/** Today's cancellation rate: cancelled ÷ accepted (0 when nothing was accepted). */
export function cancelRate(acceptsToday: number, cancelsToday: number): number {
  return acceptsToday === 0 ? 0 : cancelsToday / acceptsToday;
}

/** True when today's cancellation rate is above {@link CANCEL_RATE_BAN}. */
export function isBannedForCancellations(acceptsToday: number, cancelsToday: number): boolean {
  return cancelRate(acceptsToday, cancelsToday) > CANCEL_RATE_BAN;
}

function checkAt(order: BusinessOrder): number {
  const at = order.at;
  if (typeof at !== "number" || !Number.isFinite(at)) {
    throw new InputError("at", `must be a finite epoch-ms time, got ${at}`);
  }
  return at;
}

/** Rule `fraud_speed`: removes drivers moving faster than {@link FRAUD_SPEED_KMH}. */
export function fraudSpeedRule<C extends BusinessCandidate>(candidates: readonly C[]): RuleResult<C> {
  return filterCandidates("fraud_speed", candidates, (c, i) => {
    const v = c.speedKmh;
    if (v === null) return null;
    if (typeof v !== "number" || !(v >= 0 && v < Infinity)) {
      throw new InputError(`candidates[${i}].speedKmh`, `must be a finite speed ≥ 0 km/h or null, got ${v}`);
    }
    return isFraudSpeed(v) ? `moving at ${fmt(v, 2)} km/h, above ${FRAUD_SPEED_KMH} km/h` : null;
  });
}

/** Rule `recent_cancel`: removes drivers who cancelled an order in the last 5 minutes. */
export function recentCancelRule<C extends BusinessCandidate>(
  order: BusinessOrder,
  candidates: readonly C[],
): RuleResult<C> {
  const at = checkAt(order);
  return filterCandidates("recent_cancel", candidates, (c, i) => {
    const t = c.lastCancelledAt;
    if (t === null) return null;
    if (typeof t !== "number" || !Number.isFinite(t) || t > at) {
      throw new InputError(
        `candidates[${i}].lastCancelledAt`,
        `must be a finite epoch-ms time at or before the order (${at}) or null, got ${t}`,
      );
    }
    return cancelledRecently(t, at)
      ? `cancelled an order ${fmt((at - t) / 60_000, 1)} min ago (within ${RECENT_CANCEL_MS / 60_000} min)`
      : null;
  });
}

/** Rule `cancel_rate_ban`: removes drivers whose cancellation rate today is above 10 %. */
export function cancelRateBanRule<C extends BusinessCandidate>(candidates: readonly C[]): RuleResult<C> {
  return filterCandidates("cancel_rate_ban", candidates, (c, i) => {
    const a = c.acceptsToday, k = c.cancelsToday;
    if (!Number.isInteger(a) || a < 0) {
      throw new InputError(`candidates[${i}].acceptsToday`, `must be an integer ≥ 0, got ${a}`);
    }
    if (!Number.isInteger(k) || k < 0 || k > a) {
      throw new InputError(
        `candidates[${i}].cancelsToday`,
        `must be an integer in [0, acceptsToday = ${a}], got ${k}`,
      );
    }
    return isBannedForCancellations(a, k)
      ? `cancelled ${k} of ${a} orders today (${fmt(100 * cancelRate(a, k), 1)} % > ${
        100 * CANCEL_RATE_BAN
      } %)`
      : null;
  });
}
