/**
 * Pricing simulator (car sharing): per-bay 15-minute demand with daily/weekly seasonality, weather,
 * events and holidays; bookings with telemetry; incidents with known risk drivers.
 * @module
 */
export { PRICING_BOX, PRICING_SCENARIOS, PRICING_SIZES, type PricingOptions, pricingSimulator } from "./simulator.ts";
export {
  calendarFactor,
  eventFactor,
  HOURLY_WEEKDAY,
  HOURLY_WEEKEND,
  PRICING_EFFECTS,
  tripIncidentProbability,
  type TripRisk,
  WEEKDAY_FACTOR,
} from "./mechanism.ts";
export { PRICING_GRAPH } from "./graph.ts";
