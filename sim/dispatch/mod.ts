/**
 * Dispatch simulator: drivers, orders, rain, and the offer log of a sequential dispatcher with a causal
 * acceptance model (rain × bike, COD friction, fatigue, distance, price per km, district affinity).
 * @module
 */
export { DISPATCH_SCENARIOS, DISPATCH_SIZES, type DispatchOptions, dispatchSimulator } from "./simulator.ts";
export {
  acceptanceProbability,
  baseProbability,
  codFactor,
  EFFECTS,
  fatigueFactor,
  type OfferFeatures,
  rainFactor,
  REF_PRICE_PER_KM,
  VEHICLES,
} from "./acceptance.ts";
export { CITY_BOX, districtOf, DISTRICTS, DriverGrid, haversineKm } from "./city.ts";
export { DISPATCH_GRAPH } from "./graph.ts";
