/**
 * Simulated time: every simulator's clock starts at {@link SIM_EPOCH_MS} (Monday 2025-01-06 00:00 UTC)
 * and timestamps are epoch milliseconds stored as Float64 (the Frame convention); silver tables cast them
 * to TIMESTAMP with `epoch_ms(CAST(x AS BIGINT))`.
 * @module
 */

/** Milliseconds per minute, hour, day. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Start of simulated time: Monday 2025-01-06T00:00:00Z. */
export const SIM_EPOCH_MS = Date.UTC(2025, 0, 6);

/** Hour of day (0–23) of an epoch-ms timestamp in UTC (simulated local time). */
export function hourOfDay(ms: number): number {
  return Math.floor((ms % DAY_MS) / HOUR_MS);
}

/** Day of week (0 = Monday … 6 = Sunday) of an epoch-ms timestamp. */
export function dayOfWeek(ms: number): number {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  return (Math.floor(ms / DAY_MS) + 3) % 7;
}
