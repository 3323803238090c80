/**
 * The final price per minute (spec 001, "Integration with Pricing Flow"):
 *
 *   final_price = base_price × risk_multiplier × demand_surge × vehicle_type_factor
 *
 * - **risk multiplier** (0.8–1.5×) from the customer-risk score (P(incident in the next 30 days)) by the
 *   spec's bands: low (< 0.3) 0.8–1.0×, medium (0.3–0.7) 1.0–1.2×, high (> 0.7) 1.2–1.5×. Within a band
 *   the multiplier rises linearly from the band's low to its high end, so the map is continuous and
 *   increasing: 0 → 0.8, 0.3 → 1.0, 0.7 → 1.2, 1 → 1.5 (the spec's example, score 0.73 → "1.2", is the
 *   high band's floor; here 1.23). A score of exactly 0.3 or 0.7 is medium.
 * - **demand surge** (1.0–3.0×) from the precomputed grid (`surge.ts`); a value outside [1, 3] is
 *   refused, not clamped: the clamp belongs where the surge is made (`demandSurge`, `clampSurge`).
 * - **vehicle type factor**: premium vehicles have higher base rates. The factors are the fleet's rates
 *   per minute relative to economy (0.25, 0.32, 0.45 EUR/min): 1, 1.28, 1.8; `base_price` is the economy
 *   rate unless the caller's database says otherwise.
 *
 * {@link priceBreakdown} returns every factor with the reason for its value (the "why this price?" of the
 * API and the final-price composition table of the pricing report). Bad input is an {@link InputError}
 * naming the field.
 *
 * @example
 * ```ts
 * import { priceBreakdown } from "./price.ts";
 * const p = priceBreakdown({ basePrice: 0.25, riskScore: 0.5, demandSurge: 1.5, vehicleType: "premium" });
 * p.riskMultiplier; // 1.1 (medium band, halfway)
 * p.finalPrice; // 0.25 × 1.1 × 1.5 × 1.8 = 0.7425
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { SURGE_MAX, SURGE_MIN } from "./surge.ts";

/** Risk bands, lowest first. */
export const RISK_BANDS = ["low", "medium", "high"] as const;
/** A risk band. */
export type RiskBand = typeof RISK_BANDS[number];

/** Each band's score range and multiplier range (the spec's table). */
export const RISK_BAND_TABLE: readonly {
  readonly band: RiskBand;
  /** Scores from `scoreFrom` to `scoreTo` (low: [0, 0.3), medium: [0.3, 0.7], high: (0.7, 1]). */
  readonly scoreFrom: number;
  readonly scoreTo: number;
  readonly multiplierFrom: number;
  readonly multiplierTo: number;
}[] = [
  { band: "low", scoreFrom: 0, scoreTo: 0.3, multiplierFrom: 0.8, multiplierTo: 1.0 },
  { band: "medium", scoreFrom: 0.3, scoreTo: 0.7, multiplierFrom: 1.0, multiplierTo: 1.2 },
  { band: "high", scoreFrom: 0.7, scoreTo: 1, multiplierFrom: 1.2, multiplierTo: 1.5 },
];
/** Lowest and highest risk multiplier. */
export const RISK_MULTIPLIER_MIN = 0.8, RISK_MULTIPLIER_MAX = 1.5;

/** Vehicle types of the car-sharing fleet. */
export const PRICING_VEHICLE_TYPES = ["economy", "standard", "premium"] as const;
/** A fleet vehicle type. */
export type PricingVehicleType = typeof PRICING_VEHICLE_TYPES[number];
/** The fleet's base rates (EUR per minute) by vehicle type. */
export const VEHICLE_RATE_PER_MIN: Readonly<Record<PricingVehicleType, number>> = {
  economy: 0.25,
  standard: 0.32,
  premium: 0.45,
};
/** Default base price per minute (the economy rate). */
export const BASE_PRICE_PER_MIN = VEHICLE_RATE_PER_MIN.economy;
/** Vehicle type factor: the type's rate ÷ the economy rate. */
export const VEHICLE_TYPE_FACTOR: Readonly<Record<PricingVehicleType, number>> = {
  economy: 1,
  standard: VEHICLE_RATE_PER_MIN.standard / VEHICLE_RATE_PER_MIN.economy,
  premium: VEHICLE_RATE_PER_MIN.premium / VEHICLE_RATE_PER_MIN.economy,
};

function checkScore(score: number, field: string): number {
  if (typeof score !== "number" || !(score >= 0 && score <= 1)) {
    throw new InputError(field, `must be a probability in [0, 1], got ${score}`);
  }
  return score;
}

/** The band of a risk score: low below 0.3, high above 0.7, medium between (both ends included). */
export function riskBand(riskScore: number, field = "riskScore"): RiskBand {
  const s = checkScore(riskScore, field);
  return s < 0.3 ? "low" : s > 0.7 ? "high" : "medium";
}

/** The risk multiplier of a score: linear within its band, from the band's low to its high multiplier. */
export function riskMultiplier(riskScore: number, field = "riskScore"): number {
  const band = RISK_BAND_TABLE[RISK_BANDS.indexOf(riskBand(riskScore, field))]!;
  const t = (riskScore - band.scoreFrom) / (band.scoreTo - band.scoreFrom);
  return band.multiplierFrom + t * (band.multiplierTo - band.multiplierFrom);
}

/** Inputs of the price formula. */
export interface PriceInput {
  /** Base price per minute (> 0), e.g. {@link BASE_PRICE_PER_MIN}. */
  readonly basePrice: number;
  /** Customer risk score, P(incident in the next 30 days), in [0, 1]. */
  readonly riskScore: number;
  /** Demand surge of the bay and bucket, in [1, 3]. */
  readonly demandSurge: number;
  readonly vehicleType: PricingVehicleType;
}

/** One factor of the price, with the reason for its value. */
export interface PriceFactor {
  readonly name: "base_price" | "risk_multiplier" | "demand_surge" | "vehicle_type_factor";
  readonly value: number;
  readonly why: string;
}

/** The price and every factor that made it. */
export interface PriceBreakdown {
  readonly basePrice: number;
  readonly riskScore: number;
  readonly riskBand: RiskBand;
  readonly riskMultiplier: number;
  readonly demandSurge: number;
  readonly vehicleType: PricingVehicleType;
  readonly vehicleFactor: number;
  /** basePrice × riskMultiplier × demandSurge × vehicleFactor (unrounded). */
  readonly finalPrice: number;
  /** The four factors in formula order. */
  readonly factors: readonly PriceFactor[];
}

/** Computes the final price and its breakdown; throws {@link InputError} naming the first bad field. */
export function priceBreakdown(input: PriceInput): PriceBreakdown {
  if (input === null || typeof input !== "object") throw new InputError("input", "must be an object");
  const { basePrice, riskScore, demandSurge, vehicleType } = input;
  if (typeof basePrice !== "number" || !(basePrice > 0 && basePrice < Infinity)) {
    throw new InputError("basePrice", `must be a finite price > 0, got ${basePrice}`);
  }
  const band = riskBand(riskScore);
  const risk = riskMultiplier(riskScore);
  if (typeof demandSurge !== "number" || !(demandSurge >= SURGE_MIN && demandSurge <= SURGE_MAX)) {
    throw new InputError("demandSurge", `must be in [${SURGE_MIN}, ${SURGE_MAX}], got ${demandSurge}`);
  }
  if (!(PRICING_VEHICLE_TYPES as readonly unknown[]).includes(vehicleType)) {
    throw new InputError(
      "vehicleType",
      `must be one of ${PRICING_VEHICLE_TYPES.map((v) => `"${v}"`).join(", ")}, got ${vehicleType}`,
    );
  }
  const vehicleFactor = VEHICLE_TYPE_FACTOR[vehicleType];
  const finalPrice = basePrice * risk * demandSurge * vehicleFactor;
  const r = (x: number) => String(Number(x.toFixed(4)));
  return {
    basePrice,
    riskScore,
    riskBand: band,
    riskMultiplier: risk,
    demandSurge,
    vehicleType,
    vehicleFactor,
    finalPrice,
    factors: [
      { name: "base_price", value: basePrice, why: "base price per minute" },
      { name: "risk_multiplier", value: risk, why: `risk score ${r(riskScore)}: ${band} band` },
      {
        name: "demand_surge",
        value: demandSurge,
        why: demandSurge === SURGE_MIN ? "normal demand" : `demand surge ${r(demandSurge)}×`,
      },
      { name: "vehicle_type_factor", value: vehicleFactor, why: `${vehicleType} vehicle` },
    ],
  };
}
