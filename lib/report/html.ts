/**
 * HTML text helpers: escaping and number formatting for reports and notebook tables.
 *
 * @example
 * ```ts
 * import { escapeHtml, formatNumber } from "./html.ts";
 * escapeHtml("<b>"); // "&lt;b&gt;"
 * formatNumber(1234.56789); // "1,234.5679"
 * ```
 * @module
 */

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const formatters = new Map<number, Intl.NumberFormat>();

/**
 * Formats a number for display: integers with thousands separators, others with at most `digits`
 * fraction digits; very large or very small magnitudes in exponent notation; NaN/±Infinity as text.
 */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  const abs = Math.abs(value);
  if (!Number.isInteger(value) && abs !== 0 && (abs >= 1e9 || abs < 10 ** -digits)) {
    return value.toExponential(Math.max(1, digits - 1));
  }
  if (Number.isInteger(value) && abs >= 1e15) return value.toExponential(3);
  let f = formatters.get(digits);
  if (f === undefined) {
    f = new Intl.NumberFormat("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    formatters.set(digits, f);
  }
  return f.format(value);
}

/** Formats any cell value as escaped HTML text (numbers formatted, null/undefined empty, objects as JSON). */
export function formatCell(value: unknown, digits = 4): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return escapeHtml(formatNumber(value, digits));
  if (typeof value === "string") return escapeHtml(value);
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value instanceof Date) return escapeHtml(value.toISOString());
  return escapeHtml(JSON.stringify(value) ?? String(value));
}
