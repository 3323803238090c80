/**
 * The figures of the policy documents (`knowledge/*.md`) that the agents' rules apply, each beside the
 * clause that states it. `policy_test.ts` checks that every clause still says what its constant holds,
 * so code and documents cannot drift apart silently.
 * @module
 */
import { SEVERITY_THRESHOLDS } from "../severity.ts";
import type { CustomerTier } from "./types.ts";

/** SHIP-3.1 / SHIP-3.2: heaviest parcel accepted on air freight, grams (inclusive). */
export const AIR_WEIGHT_LIMIT_GRAMS = 5000;
/** SHIP-4.1: segment risk above which a critical processing order moves to the backup block. */
export const WAREHOUSE_TRANSFER_RISK: number = SEVERITY_THRESHOLDS.warning;
/** SHIP-4.2: the one backup block of each block. */
export const BACKUP_BLOCK: Readonly<Record<string, string>> = Object.freeze({
  A: "B",
  B: "A",
  C: "D",
  D: "C",
  F: "C",
});
/** SHIP-2.2: carrier status check deadline for warnings, hours. */
export const CARRIER_STATUS_CHECK_HOURS = 4;
/** SHIP-5.1: carrier acknowledgement deadline of a priority handling request, hours. */
export const CARRIER_ACK_HOURS = 2;
/** CUST-2.1 / CUST-2.2: delay notice deadline, hours. */
export const NOTICE_HOURS = Object.freeze({ critical: 2, warning: 24 });
/** CUST-2.5: care calls from which a callback replaces email alone. */
export const CALLBACK_MIN_CALLS = 4;
/** CUST-2.5: rating at or below which a callback replaces email alone. */
export const CALLBACK_MAX_RATING = 2;
/** CUST-3.2: goodwill share of the amount paid, per mille, by tier. */
export const GOODWILL_RATE_PERMILLE: Readonly<Record<CustomerTier, number>> = Object.freeze({
  standard: 50,
  silver: 100,
  gold: 150,
});
/** CUST-3.3: minimum goodwill credit, cents. */
export const GOODWILL_MIN_CENTS = 200;
/** CUST-3.3: maximum goodwill credit by tier, cents. */
export const GOODWILL_CAP_CENTS: Readonly<Record<CustomerTier, number>> = Object.freeze({
  standard: 2000,
  silver: 4000,
  gold: 6000,
});
/** CUST-3.4: discount (percent) above which the share is halved. */
export const HEAVY_DISCOUNT_PCT = 50;
/** PAY-2.2: amount due from which a critical COD order is offered prepayment, cents. */
export const COD_PREPAY_MIN_CENTS = 20000;
/** PAY-3.2: largest credit approved automatically, cents. */
export const AUTO_APPROVAL_CENTS = 2500;
/** ESC-2.3: window of earlier deviations of the same order, days. */
export const ORDER_REPEAT_WINDOW_DAYS = 30;
/** ESC-2.4: warning/critical deviations of a segment that open an incident. */
export const SEGMENT_CLUSTER_MIN = 5;
/** ESC-2.4: their window, hours. */
export const SEGMENT_WINDOW_HOURS = 24;
/** ESC-3.3: how long a segment incident stays open, hours. */
export const INCIDENT_OPEN_HOURS = 24;

/** Each figure as the clause words it (checked against the clause text by the tests). */
export const POLICY_FIGURES: readonly { readonly clause: string; readonly says: string }[] = [
  { clause: "SHIP-3.1", says: `${AIR_WEIGHT_LIMIT_GRAMS.toLocaleString("en-US")} g or less` },
  { clause: "SHIP-3.2", says: `over ${AIR_WEIGHT_LIMIT_GRAMS.toLocaleString("en-US")} g` },
  { clause: "SHIP-4.1", says: `above ${WAREHOUSE_TRANSFER_RISK}` },
  {
    clause: "SHIP-4.2",
    says: Object.entries(BACKUP_BLOCK).map(([from, to]) => `${from} to ${to}`).join(", ").replace(
      /, ([^,]*)$/,
      " and $1",
    ),
  },
  { clause: "SHIP-2.2", says: `within ${CARRIER_STATUS_CHECK_HOURS} hours` },
  { clause: "SHIP-5.1", says: `within ${CARRIER_ACK_HOURS} hours` },
  { clause: "CUST-2.1", says: `within ${NOTICE_HOURS.critical} hours` },
  { clause: "CUST-2.2", says: `within ${NOTICE_HOURS.warning} hours` },
  { clause: "CUST-2.5", says: `${CALLBACK_MIN_CALLS} times or more` },
  { clause: "CUST-2.5", says: `rated us ${CALLBACK_MAX_RATING} or lower` },
  {
    clause: "CUST-3.2",
    says: `${GOODWILL_RATE_PERMILLE.standard / 10} % for standard, ${
      GOODWILL_RATE_PERMILLE.silver / 10
    } % for silver and ${GOODWILL_RATE_PERMILLE.gold / 10} % for gold`,
  },
  {
    clause: "CUST-3.3",
    says: `at least ${usd(GOODWILL_MIN_CENTS)} USD and at most ${
      usd(GOODWILL_CAP_CENTS.standard)
    } USD for standard, ${usd(GOODWILL_CAP_CENTS.silver)} USD for silver and ${
      usd(GOODWILL_CAP_CENTS.gold)
    } USD for gold`,
  },
  { clause: "CUST-3.4", says: `above ${HEAVY_DISCOUNT_PCT} %` },
  { clause: "PAY-2.2", says: `${usd(COD_PREPAY_MIN_CENTS)} USD or more` },
  { clause: "PAY-3.2", says: `up to ${usd(AUTO_APPROVAL_CENTS)} USD` },
  { clause: "ESC-2.3", says: `previous ${ORDER_REPEAT_WINDOW_DAYS} days` },
  { clause: "ESC-2.4", says: `${SEGMENT_CLUSTER_MIN} or more` },
  { clause: "ESC-2.4", says: `within ${SEGMENT_WINDOW_HOURS} hours` },
  { clause: "ESC-3.3", says: `${INCIDENT_OPEN_HOURS} hours from its opening` },
  { clause: "ESC-2.1", says: `above ${SEVERITY_THRESHOLDS.critical}` },
];

/** Cents as a dollar amount with two decimals ("25.00"). */
export function usd(cents: number): string {
  return (cents / 100).toFixed(2);
}
