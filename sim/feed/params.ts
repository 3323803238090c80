/**
 * The feed simulator's declared world: sizes per scale and the click model's coefficients.
 * @module
 */
import { InputError } from "../../lib/errors.ts";
import { type PerScale, type Scale, sizesWithOverrides } from "../common/mod.ts";

/** Entity counts for one run. */
export interface FeedSizes {
  readonly users: number;
  readonly items: number;
  readonly creators: number;
  readonly topics: number;
  /** Length of the simulated period in days. */
  readonly days: number;
  /** Mean impressions per user over the period. */
  readonly impressionsPerUser: number;
}

/** Sizes per scale; `seed` is the spec's design point scaled to one machine: 100k users, 1M items. */
export const FEED_SIZES: PerScale<FeedSizes> = {
  tiny: { users: 300, items: 1_000, creators: 100, topics: 12, days: 14, impressionsPerUser: 30 },
  default: { users: 5_000, items: 20_000, creators: 1_000, topics: 20, days: 30, impressionsPerUser: 40 },
  seed: { users: 100_000, items: 1_000_000, creators: 20_000, topics: 32, days: 30, impressionsPerUser: 20 },
};

/** The options `generate` takes besides seed, scale and scenario: a size override per {@link FeedSizes} key. */
export const FEED_OPTIONS: readonly (keyof FeedSizes)[] = Object.keys(FEED_SIZES.tiny) as (keyof FeedSizes)[];

/** Resolves sizes for a scale with optional overrides (positive integers; at least 2 topics and 7 days). */
export function resolveFeedSizes(scale: Scale, overrides: Partial<FeedSizes> = {}): FeedSizes {
  const out = sizesWithOverrides(scale, FEED_SIZES, overrides);
  if (out.topics < 2) throw new InputError("topics", `must be at least 2, got ${out.topics}`);
  if (out.days < 7) throw new InputError("days", `must be at least 7, got ${out.days}`);
  if (out.creators > out.items) {
    throw new InputError("creators", `must not exceed items (${out.items}), got ${out.creators}`);
  }
  return out;
}

/** Dimension of the latent user and item factors. */
export const LATENT_DIM = 8;

/**
 * The click model, on the log-odds scale, for user u shown item i at position p, age a hours:
 *
 *   affinity  = u·v + TOPIC·clamp(ln(topics · pref[u, topic(i)]), −3, 3)
 *   logit P(click) = BASE + affinity + FRESHNESS·exp(−a / DECAY_HOURS) + QUALITY·quality_i − POSITION·p
 *
 * Dwell time of a click: lognormal(ln(DWELL_MEDIAN) + DWELL_AFFINITY·affinity, 0.6) seconds.
 */
export const CLICK_MODEL = {
  base: -3.4,
  topic: 0.6,
  freshness: 1.2,
  decayHours: 48,
  quality: 0.3,
  position: 0.06,
  dwellMedianSeconds: 30,
  dwellAffinity: 0.3,
} as const;

/** Items are published from this many days before the period start. */
export const BACKLOG_DAYS = 30;
/** Impressions per session (positions 0 … 9). */
export const SESSION_LENGTH = 10;
/** Share of impressions whose topic comes from the user's preferences (the rest: uniform topic). */
export const PERSONALISED_SHARE = 0.5;
/** Share of impressions drawn from recent items (age ~ exponential with mean RECENT_MEAN_DAYS). */
export const RECENT_SHARE = 0.6;
export const RECENT_MEAN_DAYS = 2;
/** Scenario "cold_start_items": share of items published in the last COLD_WINDOW of the period, and their exposure there. */
export const COLD_START = { itemShare: 0.25, window: 0.2, exposure: 0.4 } as const;

/** Observed attribute vocabularies. */
export const COUNTRIES = ["de", "fr", "es", "it", "pl"] as const;
export const PLATFORMS = ["ios", "android", "web"] as const;
export const AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55+"] as const;
export const FORMATS = ["video", "article", "image"] as const;
