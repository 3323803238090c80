/**
 * Strict text → number parsers for logs: a plain decimal number, or an ISO 8601 date / datetime.
 * `Number()` and `Date.parse()` are too lenient for input files: `Number("0x10")` is 16, and V8's
 * `Date.parse` reads `March 7`, `7/3` or `1 2` as dates in the machine's time zone, and rolls
 * `2023-02-29` over to March 1st. These accept only the forms below and return NaN for anything else.
 *
 * @example
 * ```ts
 * import { parseDecimal, parseIsoTimestamp } from "./timestamp.ts";
 * parseDecimal("1.5e3"); // 1500
 * parseIsoTimestamp("2024-03-07"); // Date.UTC(2024, 2, 7)
 * parseIsoTimestamp("7/3"); // NaN
 * ```
 * @module
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number (`12`, `-1.5`, `.5`, `1e9`; surrounding spaces allowed), else NaN. */
export function parseDecimal(text: string): number {
  const s = text.trim();
  return DECIMAL.test(s) ? Number(s) : NaN;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Epoch milliseconds of an ISO 8601 calendar date `YYYY-MM-DD` or datetime
 * `YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh[:mm]]` (a space may stand for the `T`, as RFC 3339 allows).
 * A date, and a datetime without an offset, are read as UTC (never the machine's time zone).
 * Out-of-range fields (month 13, February 30th, hour 24) give NaN, as does any other text.
 */
export function parseIsoTimestamp(text: string): number {
  const m = ISO.exec(text.trim());
  if (!m) return NaN;
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = m;
  const y = Number(ys), mo = Number(mos), d = Number(ds);
  const h = hs === undefined ? 0 : Number(hs), mi = mis === undefined ? 0 : Number(mis);
  const s = ss === undefined ? 0 : Number(ss);
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || s > 59) return NaN;
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2)), om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return NaN;
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const ms = frac === undefined ? 0 : Number(`0.${frac}`) * 1000;
  // Date.UTC maps years 0–99 to 1900–1999: set the full year explicitly.
  const t = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  t.setUTCFullYear(y);
  return t.getTime() + ms - offsetMinutes * 60_000;
}
