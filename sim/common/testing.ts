/**
 * Helpers for the simulators' effect-recovery tests: small logistic and least-squares fits and the
 * assertion that a fitted coefficient recovers a planted effect within its standard error.
 * @module
 */
export { type Fit, fitLogit, fitOls, type LogitOptions } from "./_fit_logit.ts";
export { assertRecovered } from "./_assert_recovered.ts";
