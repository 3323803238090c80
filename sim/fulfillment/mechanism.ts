/**
 * The delay mechanism of the fulfillment simulator, as one pure function so that the simulator, the truth
 * table, the causal graph and the tests agree:
 *
 *   logit P(late) = β0 + 0.10·discount_% − 0.25·weight_kg + 1.2·[2 kg ≤ weight < 4 kg]
 *                 − 0.30·[Flight] + 0.15·[Road] + carrier_log_odds + 0.25·[block F]
 *                 − 0.50·[importance high] − 0.15·[importance medium]
 *                 − 0.08·prior_purchases − 0.30·cost_USD/100
 *                 + 1.0·congestion(block, order day) + 1.6·[carrier disrupted at ship time]
 *
 * Customer care calls, customer rating and gender have no effect (declared 0): calls are correlated with
 * lateness only through cost and weight. `late` = 1 means the delivery came after the promised date,
 * which is the Kaggle coding of `Reached.on.Time_Y.N` (1 = not on time).
 * @module
 */
import { CARRIERS, FLIGHT, HIGH, MEDIUM, ROAD, WAREHOUSE_F } from "./params.ts";

/** Declared effect sizes on the log-odds of lateness. */
export const EFFECTS = {
  /** Calibrated so that the Kaggle-like population is ≈ 59.7 % late. */
  intercept: 1.25,
  discountPerPoint: 0.10,
  weightPerKg: -0.25,
  /** Mid-weight parcels need manual sorting. */
  midWeightBand: 1.2,
  midWeightMinG: 2000,
  midWeightMaxG: 4000,
  flight: -0.30,
  road: 0.15,
  warehouseF: 0.25,
  importanceHigh: -0.50,
  importanceMedium: -0.15,
  priorPurchase: -0.08,
  costPer100Usd: -0.30,
  congestion: 1.0,
  disruption: 1.6,
  customerCareCall: 0,
  customerRating: 0,
  genderMale: 0,
} as const;

/** Inputs of one shipment to the delay mechanism (codes index the dictionaries in `params.ts`). */
export interface ShipmentInputs {
  warehouse: number;
  mode: number;
  /** Index into {@link CARRIERS}. */
  carrier: number;
  importance: number;
  discount: number;
  weightG: number;
  priorPurchases: number;
  cost: number;
  /** Latent congestion of the block on the order day. */
  congestion: number;
  /** Whether the carrier was disrupted when the parcel was handed over. */
  disrupted: boolean;
}

/** σ(x). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** True when the weight lies in the manual-sorting band [2 kg, 4 kg). */
export function isMidWeight(weightG: number): boolean {
  return weightG >= EFFECTS.midWeightMinG && weightG < EFFECTS.midWeightMaxG;
}

/** The log-odds of lateness without the disruption term. */
export function baseLogit(f: ShipmentInputs): number {
  return EFFECTS.intercept +
    EFFECTS.discountPerPoint * f.discount +
    EFFECTS.weightPerKg * (f.weightG / 1000) +
    (isMidWeight(f.weightG) ? EFFECTS.midWeightBand : 0) +
    (f.mode === FLIGHT ? EFFECTS.flight : f.mode === ROAD ? EFFECTS.road : 0) +
    CARRIERS[f.carrier]!.logOdds +
    (f.warehouse === WAREHOUSE_F ? EFFECTS.warehouseF : 0) +
    (f.importance === HIGH
      ? EFFECTS.importanceHigh
      : f.importance === MEDIUM
      ? EFFECTS.importanceMedium
      : 0) +
    EFFECTS.priorPurchase * f.priorPurchases +
    EFFECTS.costPer100Usd * (f.cost / 100) +
    EFFECTS.congestion * f.congestion;
}

/** The full log-odds of lateness. */
export function delayLogit(f: ShipmentInputs): number {
  return baseLogit(f) + (f.disrupted ? EFFECTS.disruption : 0);
}

/** The true P(late) of a shipment. */
export function delayProbability(f: ShipmentInputs): number {
  return sigmoid(delayLogit(f));
}
