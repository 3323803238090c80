/**
 * The offers simulator's declared world: sizes per scale, the 20 categories, the four customer segments
 * with their behaviour, and the coefficients of the redemption model. Every number the tests check is
 * declared here once.
 * @module
 */
import { InputError } from "../../lib/errors.ts";
import { type PerScale, type Scale, sizesWithOverrides } from "../common/mod.ts";

/** Entity counts for one run. */
export interface OffersSizes {
  readonly customers: number;
  readonly products: number;
  readonly offers: number;
  readonly stores: number;
  /** Length of the simulated history in days (the spec's "6 months" = 180). */
  readonly days: number;
  /** Mean offer assignments (shown + holdout) per customer over the whole history. */
  readonly impressionsPerCustomer: number;
}

/** Sizes per scale: `seed` is the spec's 50k customers / 10k products / 200 offers / ~2M order items / 500k impressions. */
export const OFFERS_SIZES: PerScale<OffersSizes> = {
  tiny: { customers: 600, products: 400, offers: 30, stores: 5, days: 180, impressionsPerCustomer: 10 },
  default: {
    customers: 5_000,
    products: 2_000,
    offers: 100,
    stores: 10,
    days: 180,
    impressionsPerCustomer: 10,
  },
  seed: {
    customers: 50_000,
    products: 10_000,
    offers: 200,
    stores: 20,
    days: 180,
    impressionsPerCustomer: 10,
  },
};

/** The options `generate` takes besides seed, scale and scenario: a size override per {@link OffersSizes} key. */
export const OFFERS_OPTIONS: readonly (keyof OffersSizes)[] = Object.keys(
  OFFERS_SIZES.tiny,
) as (keyof OffersSizes)[];

/** Resolves the sizes for a scale with optional overrides, each checked to be a positive integer. */
export function resolveSizes(scale: Scale, overrides: Partial<OffersSizes> = {}): OffersSizes {
  const out = sizesWithOverrides(scale, OFFERS_SIZES, overrides);
  if (out.days < 28) {
    throw new InputError("days", `must be at least 28 (offers run 14–42 days), got ${out.days}`);
  }
  return out;
}

/** The 20 product categories. */
export const CATEGORIES = [
  "dairy",
  "produce",
  "bakery",
  "meat",
  "seafood",
  "frozen",
  "beverages",
  "alcohol",
  "snacks",
  "pantry",
  "canned",
  "household",
  "personal_care",
  "baby",
  "pet",
  "deli",
  "confectionery",
  "cleaning",
  "bulk_goods",
  "horeca_supplies",
] as const;

/** The four segments, in code order. */
export const SEGMENTS = ["budget", "premium", "family", "horeca"] as const;
/** A segment name. */
export type Segment = typeof SEGMENTS[number];

/** Declared behaviour of one segment. */
export interface SegmentProfile {
  /** Share of customers. */
  readonly share: number;
  /** Mean orders per customer over 180 days (before seasonality). */
  readonly ordersPer180Days: number;
  /** Mean distinct lines per basket. */
  readonly basketLines: number;
  /** Mean extra units per line (quantity = 1 + Poisson(this)). */
  readonly extraUnits: number;
  /** Mean latent promo sensitivity s ∈ (0, 1) (Beta with concentration 8). */
  readonly promoSensitivity: number;
  /** Categories this segment over-buys (×4 prior weight). */
  readonly favouriteCategories: readonly (typeof CATEGORIES[number])[];
}

/** Segment profiles: budget 40 %, premium 20 %, family 30 %, horeca 10 % (the spec's split). */
export const SEGMENT_PROFILES: Readonly<Record<Segment, SegmentProfile>> = {
  budget: {
    share: 0.4,
    ordersPer180Days: 6,
    basketLines: 3,
    extraUnits: 0.4,
    promoSensitivity: 0.6,
    favouriteCategories: ["pantry", "canned", "snacks", "frozen"],
  },
  premium: {
    share: 0.2,
    ordersPer180Days: 10,
    basketLines: 5,
    extraUnits: 0.3,
    promoSensitivity: 0.1,
    favouriteCategories: ["seafood", "alcohol", "deli", "produce"],
  },
  family: {
    share: 0.3,
    ordersPer180Days: 7.5,
    basketLines: 4.5,
    extraUnits: 0.6,
    promoSensitivity: 0.35,
    favouriteCategories: ["dairy", "bakery", "baby", "snacks"],
  },
  horeca: {
    share: 0.1,
    ordersPer180Days: 8,
    basketLines: 9,
    extraUnits: 5,
    promoSensitivity: 0.2,
    favouriteCategories: ["bulk_goods", "horeca_supplies", "meat", "beverages"],
  },
};

/** Share of a customer's order lines bought on promotion = this × promo sensitivity (× scenario boost). */
export const PROMO_SHARE_PER_SENSITIVITY = 0.5;

/** Share of item picks that are the customer's favourite product of the category (brand loyalty). */
export const LOYAL_PICK_SHARE = 0.3;

/** Share of offer assignments held out at random (logged with treatment = 0, never shown). */
export const HOLDOUT_SHARE = 0.1;

/** Share of assignments targeted by the legacy policy (weighted by category affinity) rather than at random. */
export const TARGETED_SHARE = 0.6;

/** Channels of an impression and their additive log-odds effect on redemption when shown. */
export const CHANNELS = ["email", "app", "in_store"] as const;
export const CHANNEL_SHARE = [0.4, 0.45, 0.15] as const;
export const CHANNEL_UPLIFT = [0, 0.15, 0.3] as const;

/** Discount types of offers, their shares, and how each maps to a discount depth in [0, 1]. */
export const DISCOUNT_TYPES = ["percentage", "fixed_amount", "bogo"] as const;
export const DISCOUNT_TYPE_SHARE = [0.6, 0.25, 0.15] as const;

/**
 * The redemption model, on the log-odds scale, for customer c shown offer o on day d:
 *
 *   logit P(buy | not shown) = BASE + AFFINITY·ln(20·affinity[c, category]) + LOYAL·[o's product is c's favourite]
 *                              + FREQUENCY·ln(orderRate_c / mean) + ln(dayMultiplier_d)
 *   logit P(buy | shown)     = logit P(buy | not shown) + UPLIFT·s_c·depth_o·scenarioBoost_d + channel
 *
 * The true uplift is the difference of the two probabilities and is written to `truth.uplift`.
 */
export const REDEMPTION = {
  base: -4.3,
  affinity: 0.8,
  loyal: 0.9,
  frequency: 0.5,
  uplift: 7,
  /** Redemption delay after the impression: exponential with this mean, capped at the 7-day window. */
  meanDelayDays: 1.5,
  windowDays: 7,
} as const;
