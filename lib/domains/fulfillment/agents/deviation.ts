/**
 * Checks a deviation once where it enters the agents ({@link validateDeviation}) and derives what the
 * rules key on: the segment (warehouse block × shipment mode × product importance, as the KPIs) and the
 * detection time in milliseconds.
 *
 * @example
 * ```ts ignore
 * const dev = validateDeviation(json); // throws InputError naming the field
 * segmentOf(dev.facts); // "B|Road|high"
 * ```
 * @module
 */
import { InputError } from "../../../errors.ts";
import { requireInRange, requireOneOf } from "../../../validate.ts";
import { severityOf } from "../severity.ts";
import {
  CUSTOMER_TIERS,
  type Deviation,
  type DeviationFacts,
  ORDER_STATUSES,
  PAYMENT_STATUSES,
  PRODUCT_IMPORTANCE,
  SHIPMENT_MODES,
} from "./types.ts";

/** The segment key of an order: `warehouse|mode|importance`. */
export function segmentOf(f: Pick<DeviationFacts, "warehouseBlock" | "mode" | "productImportance">): string {
  return `${f.warehouseBlock}|${f.mode}|${f.productImportance}`;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO 8601 timestamp with a zone; throws {@link InputError}. */
export function parseInstant(value: string, field: string): number {
  const ms = typeof value === "string" && ISO_WITH_ZONE.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(
      field,
      `must be an ISO 8601 timestamp with a time zone, got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

function nonEmpty(field: string, v: unknown): string {
  if (typeof v !== "string" || v.trim() === "") throw new InputError(field, "must be a non-empty string");
  return v;
}

function count(field: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    throw new InputError(field, `must be an integer >= 0, got ${v}`);
  }
}

/**
 * Returns `value` typed as a {@link Deviation} after checking every field; the severity must be the one
 * the thresholds give its probability (`severityOf`), and `none` is not a deviation.
 */
export function validateDeviation(value: unknown): Deviation {
  const d = value as Deviation;
  if (typeof d !== "object" || d === null) throw new InputError("deviation", "must be an object");
  nonEmpty("id", d.id);
  nonEmpty("orderId", d.orderId);
  parseInstant(d.detectedAt, "detectedAt");
  requireInRange("probability", d.probability, 0, 1);
  const expected = severityOf(d.probability, "probability");
  if (expected === "none") {
    throw new InputError(
      "probability",
      `${d.probability} is at or below the info threshold: not a deviation`,
    );
  }
  if (d.severity !== expected) {
    throw new InputError(
      "severity",
      `must be "${expected}" for probability ${d.probability}, got "${d.severity}"`,
    );
  }
  const f = d.facts;
  if (typeof f !== "object" || f === null) throw new InputError("facts", "must be an object");
  requireOneOf("facts.mode", f.mode, SHIPMENT_MODES);
  nonEmpty("facts.warehouseBlock", f.warehouseBlock);
  requireOneOf("facts.productImportance", f.productImportance, PRODUCT_IMPORTANCE);
  requireOneOf("facts.orderStatus", f.orderStatus, ORDER_STATUSES);
  requireOneOf("facts.paymentStatus", f.paymentStatus, PAYMENT_STATUSES);
  if (typeof f.cashOnDelivery !== "boolean") {
    throw new InputError("facts.cashOnDelivery", "must be a boolean");
  }
  if (f.customerTier !== undefined) requireOneOf("facts.customerTier", f.customerTier, CUSTOMER_TIERS);
  requireInRange("facts.costUsd", f.costUsd, 0, 1e9);
  requireInRange("facts.discountPct", f.discountPct, 0, 100);
  requireInRange("facts.weightGrams", f.weightGrams, 0, 1e9);
  count("facts.customerCareCalls", f.customerCareCalls);
  requireInRange("facts.customerRating", f.customerRating, 1, 5);
  if (f.segmentRisk30d !== undefined) requireInRange("facts.segmentRisk30d", f.segmentRisk30d, 0, 1);
  if (f.priorDeviations30d !== undefined) count("facts.priorDeviations30d", f.priorDeviations30d);
  return d;
}
