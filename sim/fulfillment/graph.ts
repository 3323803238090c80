/**
 * The fulfillment simulator's causal graph (see `mechanism.ts` for the formula, `params.ts` for the
 * distributions).
 * @module
 */
import type { CausalGraph } from "../common/mod.ts";
import { EFFECTS } from "./mechanism.ts";
import { CALLS_COPULA, CARRIERS, DISRUPTION, REFUND } from "./params.ts";

const carrierEffects = CARRIERS.filter((c) => c.logOdds !== 0).map((c) => `${c.name} +${c.logOdds}`).join(
  ", ",
);

/** Causes of a shipment's lateness and of what the warehouse systems record. */
export const FULFILLMENT_GRAPH: CausalGraph = {
  nodes: [
    { id: "promo_regime", label: "Promotional order (latent)", kind: "confounder" },
    { id: "discount_offered", label: "Discount offered (%)", kind: "cause" },
    { id: "weight_in_gms", label: "Weight (g)", kind: "cause" },
    { id: "mode_of_shipment", label: "Mode of shipment", kind: "cause" },
    { id: "carrier_name", label: "Carrier", kind: "cause" },
    { id: "warehouse_block", label: "Warehouse block", kind: "cause" },
    { id: "congestion", label: "Warehouse congestion (latent, daily AR(1))", kind: "confounder" },
    { id: "product_importance", label: "Product importance", kind: "cause" },
    { id: "prior_purchases", label: "Prior purchases", kind: "cause" },
    { id: "cost_of_product", label: "Cost of the product (USD)", kind: "cause" },
    { id: "carrier_disruption", label: "Carrier disruption (scenario)", kind: "context" },
    { id: "customer_care_calls", label: "Customer care calls", kind: "noise" },
    { id: "customer_rating", label: "Customer rating", kind: "noise" },
    { id: "gender", label: "Gender", kind: "noise" },
    { id: "late", label: "Late (Reached.on.Time_Y.N = 1)", kind: "outcome" },
    { id: "payment_status", label: "Payment status (refunds)", kind: "mediator" },
  ],
  edges: [
    { from: "promo_regime", to: "discount_offered", effect: "1–65 % instead of 1–10 %" },
    { from: "promo_regime", to: "weight_in_gms", effect: "promotional orders are lighter" },
    {
      from: "discount_offered",
      to: "late",
      effect: `+${EFFECTS.discountPerPoint} log-odds per point`,
      size: EFFECTS.discountPerPoint,
    },
    {
      from: "weight_in_gms",
      to: "late",
      effect: `${EFFECTS.weightPerKg} log-odds per kg`,
      size: EFFECTS.weightPerKg,
    },
    {
      from: "weight_in_gms",
      to: "late",
      effect: `+${EFFECTS.midWeightBand} log-odds in [2 kg, 4 kg)`,
      size: EFFECTS.midWeightBand,
    },
    {
      from: "mode_of_shipment",
      to: "late",
      effect: `Flight ${EFFECTS.flight}, Road +${EFFECTS.road} log-odds vs Ship`,
    },
    { from: "mode_of_shipment", to: "carrier_name", effect: "two carriers per mode, 60/40" },
    { from: "carrier_name", to: "late", effect: `${carrierEffects} log-odds vs the mode's main carrier` },
    {
      from: "warehouse_block",
      to: "late",
      effect: `block F +${EFFECTS.warehouseF} log-odds`,
      size: EFFECTS.warehouseF,
    },
    { from: "warehouse_block", to: "congestion", effect: "one congestion process per block" },
    {
      from: "congestion",
      to: "late",
      effect: `+${EFFECTS.congestion} × congestion log-odds`,
      size: EFFECTS.congestion,
    },
    {
      from: "product_importance",
      to: "late",
      effect: `high ${EFFECTS.importanceHigh}, medium ${EFFECTS.importanceMedium} log-odds vs low`,
    },
    {
      from: "prior_purchases",
      to: "late",
      effect: `${EFFECTS.priorPurchase} log-odds per purchase`,
      size: EFFECTS.priorPurchase,
    },
    {
      from: "cost_of_product",
      to: "late",
      effect: `${EFFECTS.costPer100Usd} log-odds per 100 USD`,
      size: EFFECTS.costPer100Usd,
    },
    {
      from: "carrier_disruption",
      to: "late",
      effect:
        `+${EFFECTS.disruption} log-odds for ${DISRUPTION.carrier} hand-overs in the ${DISRUPTION.days}-day window`,
      size: EFFECTS.disruption,
    },
    {
      from: "cost_of_product",
      to: "customer_care_calls",
      effect: `copula weight +${CALLS_COPULA.cost}`,
      size: CALLS_COPULA.cost,
    },
    {
      from: "weight_in_gms",
      to: "customer_care_calls",
      effect: `copula weight ${CALLS_COPULA.weight}`,
      size: CALLS_COPULA.weight,
    },
    {
      from: "discount_offered",
      to: "customer_care_calls",
      effect: `copula weight ${CALLS_COPULA.discount}`,
      size: CALLS_COPULA.discount,
    },
    {
      from: "late",
      to: "payment_status",
      effect: `refunded ${REFUND.late * 100} % if late vs ${
        REFUND.onTime * 100
      } % on time (post-outcome: never a feature)`,
    },
  ],
};
