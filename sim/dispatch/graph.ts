/**
 * The dispatch simulator's causal graph (see `acceptance.ts` for the formula).
 * @module
 */
import type { CausalGraph } from "../common/mod.ts";
import { EFFECTS } from "./acceptance.ts";

/** Causes of an offer's acceptance and of what the dispatcher observes. */
export const DISPATCH_GRAPH: CausalGraph = {
  nodes: [
    { id: "rain", label: "Rain (hourly)", kind: "cause" },
    { id: "vehicle_type", label: "Vehicle type", kind: "context" },
    { id: "cod_amount_vnd", label: "COD amount (VND)", kind: "cause" },
    { id: "minutes_online", label: "Minutes online (fatigue)", kind: "cause" },
    { id: "distance_to_pickup_km", label: "Distance to pickup", kind: "cause" },
    { id: "price_per_km", label: "Price per km", kind: "treatment" },
    { id: "home_district", label: "Pickup in home district", kind: "cause" },
    { id: "propensity", label: "Driver propensity (latent)", kind: "confounder" },
    { id: "acceptance_rate_7d", label: "Acceptance rate 7d", kind: "mediator" },
    { id: "accepted", label: "Offer accepted", kind: "outcome" },
  ],
  edges: [
    { from: "rain", to: "accepted", effect: "×0.6 if rain & bike", size: EFFECTS.rainBikeFactor },
    { from: "vehicle_type", to: "accepted", effect: "modulates rain effect (bikes only)" },
    { from: "rain", to: "price_per_km", effect: "+30 % surge while raining", size: 1.3 },
    {
      from: "cod_amount_vnd",
      to: "accepted",
      effect: "×(1 − 0.1 per M VND above 2M), floor 0.2",
      size: -0.1,
    },
    {
      from: "minutes_online",
      to: "accepted",
      effect: "×(1 − 0.001 per min above 120), floor 0.4",
      size: -0.001,
    },
    {
      from: "distance_to_pickup_km",
      to: "accepted",
      effect: "−0.55 log-odds per km",
      size: EFFECTS.distancePerKm,
    },
    {
      from: "price_per_km",
      to: "accepted",
      effect: "+1.5 log-odds per ln(price/ref)",
      size: EFFECTS.logPricePerKm,
    },
    { from: "home_district", to: "accepted", effect: "+0.7 log-odds", size: EFFECTS.homeDistrict },
    { from: "propensity", to: "accepted", effect: "+propensity log-odds", size: 1 },
    { from: "propensity", to: "acceptance_rate_7d", effect: "past behaviour reflects propensity" },
  ],
};
