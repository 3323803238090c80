/**
 * The pricing simulator's sizes per scale, scenarios, options and column dictionaries.
 *
 * `seed` uses the spec's fleet ("500K active users, 10K vehicles, 2K parking bays"); with ~0.4 price
 * requests per bay and 15-minute bucket that is ~80k quotes a day, in line with the spec's ~100K risk and
 * 50K demand predictions per day. Six weeks: a week of demand-lag warm-up and 30 days of risk-label window
 * leave 12 days of labelled bookings (~1M risk rows), 8M demand rows and ~4M quotes.
 * @module
 */
import type { PerScale } from "../common/mod.ts";

/** Size overrides (each a positive integer). */
export interface PricingOptions {
  customers?: number;
  bays?: number;
  vehicles?: number;
  days?: number;
}

/** The keys of {@link PricingOptions} (checked by `generate`: any other key is refused). */
export const PRICING_OPTIONS = ["customers", "bays", "vehicles", "days"] as const satisfies readonly (
  keyof PricingOptions
)[];

/** Entity counts and simulated days. */
export interface PricingSizes {
  readonly customers: number;
  readonly bays: number;
  readonly vehicles: number;
  readonly days: number;
}

/** Sizes per scale. */
export const PRICING_SIZES: PerScale<PricingSizes> = {
  tiny: { customers: 1_000, bays: 8, vehicles: 60, days: 45 },
  default: { customers: 8_000, bays: 40, vehicles: 600, days: 60 },
  seed: { customers: 500_000, bays: 2_000, vehicles: 10_000, days: 42 },
};

/**
 * Scenarios: `normal`; `event_night` (on top of the normal calendar, a 20–50k-attendance event from 19:00
 * to 22:00 every evening at one of the venues); `holiday` (a five-day holiday run plus 5 % holiday days
 * instead of ~1 in 30).
 */
export const PRICING_SCENARIOS = ["normal", "event_night", "holiday"] as const;

/** The city box (Dublin-like): latitude 53.30–53.40, longitude −6.35 to −6.20. */
export const PRICING_BOX = { minLat: 53.30, maxLat: 53.40, minLon: -6.35, maxLon: -6.20 } as const;

/** Column dictionaries. */
export const VEHICLE_TYPES = ["economy", "standard", "premium"] as const;
export const VEHICLE_BASE_PRICE = [0.25, 0.32, 0.45] as const;
export const MEMBERSHIP = ["basic", "plus"] as const;
export const EVENT_CATEGORIES = ["concert", "sports", "festival", "conference"] as const;
export const INCIDENT_TYPES = ["scratch", "damage", "collision"] as const;
/** Simulated calendar year (vehicle age = this − model year). */
export const SIM_YEAR = 2025;
/** Number of 15-minute buckets per day. */
export const BUCKETS_PER_DAY = 96;
