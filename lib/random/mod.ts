/**
 * Seeded randomness: the {@link Rng} and its samplers. No `Math.random()` anywhere else in the project.
 * @module
 */
export { Rng } from "./rng.ts";
export {
  beta,
  Categorical,
  categorical,
  exponential,
  gamma,
  logFactorial,
  lognormal,
  normal,
  poisson,
  Zipf,
} from "./distributions.ts";
