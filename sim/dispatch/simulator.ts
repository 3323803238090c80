/**
 * The dispatch simulator: drivers in Ho Chi Minh City, orders with COD amounts and hourly rain, and the
 * offer log of a sequential dispatcher. For each order the nearest eligible drivers (online, free,
 * vehicle and service level eligible; radius 1 → 3 → 5 km until ≥ 5 are found) are offered the order one after another,
 * nearest first, until one accepts or `maxOffersPerOrder` have declined or timed out. Acceptance follows
 * the causal model in `acceptance.ts`; the truth table holds the true P(accept) of every offer.
 *
 * Tables: `drivers`, `sessions`, `weather`, `orders`, `offers` (0.3 % duplicated log lines, as real
 * logs have), `pings`. Truth: `offer_truth`, `driver_truth`. Timestamps are epoch ms (Float64).
 *
 * Stages, one file each, each with its own random stream: `weather.ts` (hourly rain) → `entities.ts`
 * (drivers, sessions) → `orders.ts` → `candidates.ts` (retrieval with the eligibility and offer-radius
 * rules of `lib/domains/dispatch`) → `offers.ts` (the sequential dispatcher and acceptance) → `pings.ts`
 * → `output.ts` (bronze and truth tables).
 *
 * @example
 * ```ts
 * import { dispatchSimulator } from "./simulator.ts";
 * const out = dispatchSimulator.generate({ seed: 1, scale: "tiny", orders: 200 });
 * out.tables.offers!.nRows > 0; // true
 * ```
 * @module
 */
import { Rng } from "../../lib/random/mod.ts";
import {
  checkGenerateOptions,
  DAY_MS,
  type GenerateOptions,
  type PerScale,
  requirePositiveSize,
  SIM_EPOCH_MS,
  type SimOutput,
  type Simulator,
  sizesWithOverrides,
} from "../common/mod.ts";
import { createCandidateSearch } from "./candidates.ts";
import { drawDrivers, drawSessions } from "./entities.ts";
import { DISPATCH_GRAPH } from "./graph.ts";
import { simulateOffers } from "./offers.ts";
import { drawOrders } from "./orders.ts";
import { assembleOutput } from "./output.ts";
import { simulatePings } from "./pings.ts";
import { simulateWeather } from "./weather.ts";

/** Size overrides (each defaults to the scale's size). */
export interface DispatchOptions {
  drivers?: number;
  orders?: number;
  days?: number;
  /** Most offers made for one order before it is left unassigned (default 10). */
  maxOffersPerOrder?: number;
}

/** The option keys of {@link DispatchOptions} (checked by `generate`: any other key is refused). */
export const DISPATCH_OPTIONS: readonly (keyof DispatchOptions)[] = [
  "drivers",
  "orders",
  "days",
  "maxOffersPerOrder",
];

/** Sizes per scale. Seed: 50k drivers and enough orders for > 500k offer rows. */
export const DISPATCH_SIZES: PerScale<{ drivers: number; orders: number; days: number }> = {
  tiny: { drivers: 400, orders: 3_000, days: 2 },
  default: { drivers: 5_000, orders: 40_000, days: 7 },
  seed: { drivers: 50_000, orders: 250_000, days: 14 },
};

/** Scenario names: "normal", "rain_day" (rain most hours), "cold_start" (30 % new drivers, no history). */
export const DISPATCH_SCENARIOS = ["normal", "rain_day", "cold_start"] as const;

function generate(opts: GenerateOptions & DispatchOptions): SimOutput {
  const { seed, scale, scenario } = checkGenerateOptions(
    "dispatch",
    DISPATCH_SCENARIOS,
    DISPATCH_OPTIONS,
    opts,
  );
  const { drivers: nDrivers, orders: nOrders, days: nDays } = sizesWithOverrides(scale, DISPATCH_SIZES, opts);
  const maxOffers = opts.maxOffersPerOrder ?? 10;
  requirePositiveSize("maxOffersPerOrder", maxOffers);
  const rng = new Rng(seed);
  const start = SIM_EPOCH_MS, end = start + nDays * DAY_MS;
  // One random stream per stage (fork numbers fixed: a stage drawing more leaves the others unchanged).
  const weather = simulateWeather(rng.fork(1), nDays, scenario, start);
  const drivers = drawDrivers(rng.fork(2), nDrivers, scenario, start);
  const sessions = drawSessions(rng.fork(3), nDrivers, nDays, start);
  const orders = drawOrders(rng.fork(4), nOrders, nDays, start, weather);
  const search = createCandidateSearch(drivers, sessions, start, maxOffers);
  const offers = simulateOffers(rng.fork(5), drivers, orders, weather, search, start);
  const pings = simulatePings(rng.fork(7), drivers, search.lat, search.lon, end);
  return assembleOutput(
    { seed, scale, scenario, start, end, nDays, weather, drivers, sessions, orders, offers, pings },
    rng.fork(6),
  );
}

/** The dispatch simulator. */
export const dispatchSimulator: Simulator<DispatchOptions> = {
  name: "dispatch",
  scenarios: DISPATCH_SCENARIOS,
  options: DISPATCH_OPTIONS,
  graph: DISPATCH_GRAPH,
  generate,
};
