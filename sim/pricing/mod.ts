/**
 * Pricing simulator (car sharing): per-bay 15-minute demand with daily/weekly seasonality, weather,
 * events and holidays; price quotes with a monotone price → booking effect; bookings with telemetry;
 * incidents with known risk drivers; the true incident-in-30-days probability of every booking.
 * @module
 */
export { pricingSimulator } from "./simulator.ts";
export {
  BUCKETS_PER_DAY,
  EVENT_CATEGORIES,
  INCIDENT_TYPES,
  MEMBERSHIP,
  PRICING_BOX,
  PRICING_SCENARIOS,
  PRICING_SIZES,
  type PricingOptions,
  type PricingSizes,
  SIM_YEAR,
  VEHICLE_BASE_PRICE,
  VEHICLE_TYPES,
} from "./params.ts";
export {
  acceptanceLogit,
  acceptanceProbability,
  bayAttributeFactor,
  calendarFactor,
  eventFactor,
  HOURLY_WEEKDAY,
  HOURLY_WEEKEND,
  isRushHour,
  PRICING_EFFECTS,
  type QuoteContext,
  surgeFactor,
  tripIncidentProbability,
  type TripRisk,
  WEEKDAY_FACTOR,
  ZONE_BASE,
  ZONES,
} from "./mechanism.ts";
export { haversineKm } from "./city.ts";
export { incidentWithinProbability, LABEL_WINDOW_MS } from "./truth.ts";
export { PRICING_GRAPH } from "./graph.ts";
