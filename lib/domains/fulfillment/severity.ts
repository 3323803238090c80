/**
 * Deviation severity of a predicted delay probability (spec 002 §5.4): above 0.7 critical (auto-trigger
 * an agent), above 0.5 warning (flag for review), above 0.3 info (monitor), else none. One definition,
 * usable in TypeScript and in SQL.
 *
 * @example
 * ```ts
 * import { severityOf } from "./severity.ts";
 * severityOf(0.72); // "critical"
 * severityOf(0.5); // "info" (thresholds are strict)
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";

/** Severity levels, most severe first. */
export const SEVERITIES = ["critical", "warning", "info", "none"] as const;
/** A severity level. */
export type Severity = typeof SEVERITIES[number];

/** Strict lower bounds of each level. */
export const SEVERITY_THRESHOLDS = { critical: 0.7, warning: 0.5, info: 0.3 } as const;

/** The severity of one delay probability; throws {@link InputError} unless it is a number in [0, 1]. */
export function severityOf(delayProbability: number, field = "delay_probability"): Severity {
  if (typeof delayProbability !== "number" || !(delayProbability >= 0 && delayProbability <= 1)) {
    throw new InputError(field, `must be a probability in [0, 1], got ${delayProbability}`);
  }
  if (delayProbability > SEVERITY_THRESHOLDS.critical) return "critical";
  if (delayProbability > SEVERITY_THRESHOLDS.warning) return "warning";
  if (delayProbability > SEVERITY_THRESHOLDS.info) return "info";
  return "none";
}

/** The same rule as an SQL `case` expression over the column (or expression) `p`. */
export function severitySql(p: string): string {
  const t = SEVERITY_THRESHOLDS;
  return `case when ${p} > ${t.critical} then 'critical' when ${p} > ${t.warning} then 'warning' ` +
    `when ${p} > ${t.info} then 'info' else 'none' end`;
}
