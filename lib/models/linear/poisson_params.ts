/**
 * Poisson-regression (log-link GLM) hyper-parameters: type, default, allowed range and meaning of each,
 * checked once at the start of `fitPoisson` ({@link validatePoissonParams}).
 *
 * The objective is scikit-learn's `PoissonRegressor(alpha)`:
 * `min_{w,b} (1 / 2Σs) Σ_i s_i d(y_i, e^{b + w·x_i}) + (α/2)‖w‖²` with `d` the Poisson deviance — the
 * weighted MEAN half deviance (weights normalised), so α does not grow with the number of rows, unlike
 * ridge's; the intercept is not penalised.
 *
 * @example
 * ```ts
 * import { resolvePoissonParams, validatePoissonParams } from "./poisson_params.ts";
 * validatePoissonParams(resolvePoissonParams({ alpha: 0.01 }), 3); // throws InputError on bad values
 * ```
 * @module
 */
import { type CommonLinearParams, resolveWith, validateCommon } from "./_param_checks.ts";

/** Every Poisson-regression hyper-parameter (all resolved; see {@link DEFAULT_POISSON_PARAMS}). */
export interface PoissonParams extends CommonLinearParams {
  /** L2 penalty α (sklearn's `alpha`), finite and ≥ 0. */
  alpha: number;
  /** Fit an unpenalised intercept. */
  fitIntercept: boolean;
  /** Maximum Newton iterations (L-BFGS gets 20× as many), integer in [1, 100000]. */
  maxIter: number;
  /** Stop when max |gradient| ≤ tol · max(1, weighted mean of y); in (0, 1). */
  tol: number;
  /**
   * `"newton"` (exact Hessian, Cholesky), `"lbfgs"` (memory O(10·m)), or `"auto"`: Newton up to
   * `NEWTON_MAX_COLUMNS` (1500) encoded columns, else L-BFGS. Both stop at the same optimum.
   */
  solver: "auto" | "newton" | "lbfgs";
  /** Standardise numeric features (after mean imputation, weighted) before fitting; one-hot columns never. */
  standardize: boolean;
  /** Indices of categorical features (merged with `Matrix.categorical`): one-hot encoded. */
  categoricalFeatures: number[] | undefined;
  /** Most distinct training values a one-hot encoded feature may have, integer in [1, 1,000,000]. */
  maxCategories: number;
}

/** Defaults: sklearn's `alpha = 1`, intercept on, standardisation on. */
export const DEFAULT_POISSON_PARAMS: Readonly<PoissonParams> = Object.freeze({
  alpha: 1,
  fitIntercept: true,
  maxIter: 100,
  tol: 1e-10,
  solver: "auto",
  standardize: true,
  categoricalFeatures: undefined,
  maxCategories: 1000,
});

/** Fills defaults for unspecified parameters. */
export function resolvePoissonParams(partial: Partial<PoissonParams> = {}): PoissonParams {
  return resolveWith(DEFAULT_POISSON_PARAMS, partial);
}

/** Checks every parameter; throws InputError naming the first bad one. */
export function validatePoissonParams(p: PoissonParams, nFeatures: number): void {
  validateCommon("Poisson regression", p, DEFAULT_POISSON_PARAMS, ["auto", "newton", "lbfgs"], nFeatures);
}
