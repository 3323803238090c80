/**
 * The pricing simulator's causal graph (formulas in `mechanism.ts`).
 * @module
 */
import type { CausalGraph } from "../common/mod.ts";
import { PRICING_EFFECTS as E } from "./mechanism.ts";

/** Causes of bay demand and of trip incidents. */
export const PRICING_GRAPH: CausalGraph = {
  nodes: [
    { id: "hour_of_day", label: "Hour of day", kind: "cause" },
    { id: "day_of_week", label: "Day of week", kind: "cause" },
    { id: "holiday", label: "Holiday", kind: "cause" },
    { id: "rain", label: "Rain", kind: "cause" },
    { id: "event", label: "Nearby event", kind: "cause" },
    { id: "bay_base", label: "Bay popularity (latent)", kind: "confounder" },
    { id: "requests", label: "Requests per 15 min", kind: "outcome" },
    { id: "age", label: "Driver age < 25", kind: "cause" },
    { id: "prior_incidents", label: "Prior incidents", kind: "cause" },
    { id: "night", label: "Night trip", kind: "cause" },
    { id: "speed_violations", label: "Speed violations", kind: "mediator" },
    { id: "harsh_braking", label: "Harsh braking", kind: "mediator" },
    { id: "style", label: "Driving style (latent)", kind: "confounder" },
    { id: "incident", label: "Incident", kind: "outcome" },
  ],
  edges: [
    { from: "hour_of_day", to: "requests", effect: "daily profile (commute or midday peak)" },
    { from: "day_of_week", to: "requests", effect: "weekly profile, Fri ×1.15" },
    { from: "holiday", to: "requests", effect: "×1.2 and weekend profile", size: E.holidayDemand },
    { from: "rain", to: "requests", effect: "×1.25", size: E.rainDemand },
    { from: "event", to: "requests", effect: "×(1 + 2·att/20k·e^(−km/0.8)) for 3 h after end", size: E.eventPeak },
    { from: "bay_base", to: "requests", effect: "× base rate" },
    { from: "age", to: "incident", effect: "+0.9 log-odds if < 25", size: E.incidentYoung },
    { from: "prior_incidents", to: "incident", effect: "+0.35 log-odds each (≤ 3)", size: E.incidentPerPrior },
    { from: "night", to: "incident", effect: "+1.0 log-odds", size: E.incidentNight },
    { from: "rain", to: "incident", effect: "+0.4 log-odds", size: E.incidentRain },
    { from: "speed_violations", to: "incident", effect: "+0.25 log-odds each", size: E.incidentPerSpeeding },
    { from: "harsh_braking", to: "incident", effect: "+0.15 log-odds each", size: E.incidentPerHarsh },
    { from: "style", to: "speed_violations", effect: "Poisson rate per hour" },
    { from: "style", to: "harsh_braking", effect: "Poisson rate per hour" },
    { from: "age", to: "style", effect: "young drivers speed more" },
  ],
};
