/**
 * The fulfillment simulator's declared world (spec 002): sizes per scale, the Kaggle "E-Commerce Shipping
 * Data" categories and their marginal shares, the carriers of each shipping mode, the delivery promises,
 * and the carrier-disruption scenario. Every number the tests check is declared here once; the delay
 * mechanism's coefficients live in `mechanism.ts`.
 *
 * Marginals follow the public Kaggle set (10,999 rows): warehouse blocks A/B/C/D 1/6 each and F 1/3 (the
 * Kaggle file has no block E), Ship 67.8 % / Flight 16.2 % / Road 16.0 %, importance low 48.2 % /
 * medium 43.2 % / high 8.6 %, gender F 50.4 %, care calls 2–7 (mode 4), rating 1–5 uniform, prior
 * purchases 2–10 (mode 3, no 9), cost 96–310 USD (mean 210), discount 1–65 % (median 7, mean ≈ 13),
 * weight 1,001–7,846 g (bimodal: 1–2 kg and 4–6 kg; mean ≈ 3.6 kg), 59.7 % late.
 * @module
 */
import { InputError } from "../../lib/errors.ts";
import { type PerScale, type Scale, sizesWithOverrides } from "../common/mod.ts";

/** Sizes of one run. */
export interface FulfillmentSizes {
  /** Number of shipments (rows of the Kaggle table and of the enriched orders table). */
  readonly shipments: number;
  /** Days of order history; the snapshot is taken at the end of the last day. */
  readonly days: number;
}

/** Sizes per scale: `default` and `seed` are the Kaggle set's 10,999 rows (spread over 180 days). */
export const FULFILLMENT_SIZES: PerScale<FulfillmentSizes> = {
  tiny: { shipments: 2_000, days: 90 },
  default: { shipments: 10_999, days: 180 },
  seed: { shipments: 10_999, days: 180 },
};

/** The options `generate` takes besides seed, scale and scenario: a size override per {@link FulfillmentSizes} key. */
export const FULFILLMENT_OPTIONS: readonly (keyof FulfillmentSizes)[] = Object.keys(
  FULFILLMENT_SIZES.tiny,
) as (keyof FulfillmentSizes)[];

/** Resolves the sizes for a scale with optional overrides, each checked to be a positive integer. */
export function resolveSizes(scale: Scale, overrides: Partial<FulfillmentSizes> = {}): FulfillmentSizes {
  const out = sizesWithOverrides(scale, FULFILLMENT_SIZES, overrides);
  if (out.shipments > 5_000_000) {
    throw new InputError("shipments", `must be at most 5,000,000, got ${out.shipments}`);
  }
  return out;
}

/** Scenarios, default first. */
export const FULFILLMENT_SCENARIOS = ["normal", "carrier_disruption"] as const;

/** Warehouse blocks (the Kaggle file has A, B, C, D and F; F handles a third of the volume). */
export const WAREHOUSES = ["A", "B", "C", "D", "F"] as const;
export const WAREHOUSE_SHARE = [1 / 6, 1 / 6, 1 / 6, 1 / 6, 1 / 3] as const;
/** Index of the busy block F. */
export const WAREHOUSE_F = 4;

/** Shipping modes (Ship is the baseline of the mechanism). */
export const MODES = ["Ship", "Flight", "Road"] as const;
export const MODE_SHARE = [0.678, 0.162, 0.160] as const;
export const SHIP = 0, FLIGHT = 1, ROAD = 2;
/** Promised delivery, in days after the order, per mode (Ship, Flight, Road). */
export const PROMISE_DAYS = [7, 3, 5] as const;

/** Product importance as spelled in the Kaggle file. */
export const IMPORTANCE = ["low", "medium", "high"] as const;
export const IMPORTANCE_SHARE = [0.4816, 0.4322, 0.0862] as const;
export const LOW = 0, MEDIUM = 1, HIGH = 2;

/** Gender as spelled in the Kaggle file. */
export const GENDERS = ["F", "M"] as const;
export const GENDER_SHARE = [0.5041, 0.4959] as const;

/** Customer care calls 2..7 with the Kaggle counts. */
export const CALLS_VALUES = [2, 3, 4, 5, 6, 7] as const;
export const CALLS_COUNTS = [638, 3217, 3557, 2328, 1013, 246] as const;

/** Prior purchases with the Kaggle counts (there is no 9 in the file). */
export const PRIOR_VALUES = [2, 3, 4, 5, 6, 7, 8, 10] as const;
export const PRIOR_COUNTS = [2599, 3955, 2155, 1287, 561, 136, 128, 178] as const;

/** Cost of the product (USD): normal(210, 48) rounded, clipped to [96, 310]. */
export const COST = { mean: 210, sd: 48, min: 96, max: 310 } as const;

/**
 * Discounts: most orders get 1–10 %, a promotional regime (share 0.27) gets 1–65 %. Promotional orders are
 * lighter (see {@link WEIGHT_BANDS}), so discount and weight are correlated as in the Kaggle file.
 */
export const DISCOUNT = { promoShare: 0.27, regularMax: 10, promoMax: 65 } as const;

/** Weight bands in grams [min, max) and their shares for regular and promotional orders. */
export const WEIGHT_BANDS = [
  { min: 1001, max: 2000, regular: 0.28, promo: 0.55 },
  { min: 2000, max: 4000, regular: 0.03, promo: 0.35 },
  { min: 4000, max: 6000, regular: 0.62, promo: 0.10 },
  { min: 6000, max: 7847, regular: 0.07, promo: 0 },
] as const;

/**
 * Care calls are drawn through a Gaussian copula: latent z = 0.35·z(cost) − 0.30·z(weight) − 0.25·z(discount)
 * + noise, mapped to the Kaggle call counts (Kaggle: corr(calls, cost) = 0.32, corr(calls, weight) = −0.28,
 * corr(calls, discount) = −0.13).
 */
export const CALLS_COPULA = {
  cost: 0.35,
  weight: -0.30,
  discount: -0.25,
  weightMean: 3634,
  weightSd: 1635,
  discountMean: 13.4,
  discountSd: 16.2,
} as const;

/** A carrier: its shipping mode, its share within that mode, and its reliability (log-odds of lateness). */
export interface Carrier {
  readonly name: string;
  readonly mode: number;
  readonly share: number;
  /** Additive log-odds of lateness relative to the mode's main carrier. */
  readonly logOdds: number;
  /** Prefix of its tracking ids. */
  readonly code: string;
}

/** Two carriers per mode; the first of each mode is the baseline (log-odds 0). */
export const CARRIERS: readonly Carrier[] = [
  { name: "OceanLink", mode: SHIP, share: 0.6, logOdds: 0, code: "OCL" },
  { name: "BlueWave Freight", mode: SHIP, share: 0.4, logOdds: 0.35, code: "BWF" },
  { name: "AeroExpress", mode: FLIGHT, share: 0.6, logOdds: 0, code: "AEX" },
  { name: "SkyCargo", mode: FLIGHT, share: 0.4, logOdds: 0.25, code: "SKC" },
  { name: "RoadRunner Logistics", mode: ROAD, share: 0.6, logOdds: 0, code: "RRL" },
  { name: "Highway Haulers", mode: ROAD, share: 0.4, logOdds: 0.4, code: "HWH" },
];

/** Handling time from order to ship: lognormal with median 18 h, σ 0.5, capped at 48 h. */
export const HANDLING = { medianHours: 18, sigma: 0.5, maxHours: 48 } as const;

/** Late deliveries arrive 0.25 d + Exponential(mean 2 d) after the promise. */
export const LATENESS = { minDays: 0.25, meanExtraDays: 2 } as const;

/**
 * Warehouse congestion: a latent daily AR(1) per block, c_d = ρ·c_{d−1} + N(0, σ²), started from its
 * stationary law; it adds `EFFECTS.congestion · c` to the log-odds of every order placed that day.
 */
export const CONGESTION = { rho: 0.9, sigma: 0.15 } as const;

/**
 * The carrier-disruption scenario: the named carrier's shipments handed over (ship_date) in
 * [startFraction·days, startFraction·days + days) days get `EFFECTS.disruption` extra log-odds.
 */
export const DISRUPTION = { carrier: "OceanLink", startFraction: 0.5, days: 14 } as const;

/** Payment and order status dictionaries of the enriched schema. */
export const PAYMENT_STATUS = ["paid", "pending", "refunded"] as const;
export const ORDER_STATUS = ["processing", "shipped", "delivered", "delayed"] as const;

/** Refund probabilities: a late order is refunded more often (payment_status is downstream of lateness). */
export const REFUND = {
  late: 0.08,
  onTime: 0.01,
  pendingIfProcessing: 0.6,
  pendingIfInTransit: 0.05,
} as const;
