/**
 * Ridge-regression hyper-parameters: type, default, allowed range and meaning of each, checked once at
 * the start of `fitRidge` ({@link validateRidgeParams}).
 *
 * The objective is scikit-learn's `Ridge(alpha)`: `min_{w,b} Σ_i s_i (y_i − b − w·x_i)² + α‖w‖²`, the
 * intercept `b` not penalised and `s_i` the sample weights (not normalised: α is relative to the sum of
 * squares, as in sklearn). With `standardize` (the default) `x` is the encoder's standardised design,
 * so the penalty treats features alike; to compare with sklearn on raw features, set it false.
 *
 * @example
 * ```ts
 * import { resolveRidgeParams, validateRidgeParams } from "./ridge_params.ts";
 * validateRidgeParams(resolveRidgeParams({ alpha: 0.5 }), 3); // throws InputError on bad values
 * ```
 * @module
 */
import { type CommonLinearParams, resolveWith, validateCommon } from "./_param_checks.ts";

/** Every ridge-regression hyper-parameter (all resolved; see {@link DEFAULT_RIDGE_PARAMS}). */
export interface RidgeParams extends CommonLinearParams {
  /** L2 penalty α (sklearn's `alpha`), finite and ≥ 0 (0 = least squares: needs a full-rank design; an exactly singular one is an InputError). */
  alpha: number;
  /** Fit an unpenalised intercept. */
  fitIntercept: boolean;
  /** Conjugate-gradient iterations allowed (the "cg" solver; Cholesky is exact), integer in [1, 100000]. */
  maxIter: number;
  /** "cg" stops when max |residual of the normal equations| ≤ tol · max(1, max |Xᵀ S y|); in (0, 1). */
  tol: number;
  /**
   * `"cholesky"` (exact normal equations; memory m², time m³ in the m encoded columns), `"cg"`
   * (matrix-free conjugate gradients), or `"auto"`: Cholesky up to `NEWTON_MAX_COLUMNS` (1500) encoded
   * columns, else CG. Both reach the same solution.
   */
  solver: "auto" | "cholesky" | "cg";
  /** Standardise numeric features (after mean imputation, weighted) before fitting; one-hot columns never. */
  standardize: boolean;
  /** Indices of categorical features (merged with `Matrix.categorical`): one-hot encoded. */
  categoricalFeatures: number[] | undefined;
  /** Most distinct training values a one-hot encoded feature may have, integer in [1, 1,000,000]. */
  maxCategories: number;
}

/** Defaults: sklearn's `alpha = 1`, intercept on, standardisation on. */
export const DEFAULT_RIDGE_PARAMS: Readonly<RidgeParams> = Object.freeze({
  alpha: 1,
  fitIntercept: true,
  maxIter: 1000,
  tol: 1e-10,
  solver: "auto",
  standardize: true,
  categoricalFeatures: undefined,
  maxCategories: 1000,
});

/** Fills defaults for unspecified parameters. */
export function resolveRidgeParams(partial: Partial<RidgeParams> = {}): RidgeParams {
  return resolveWith(DEFAULT_RIDGE_PARAMS, partial);
}

/** Checks every parameter; throws InputError naming the first bad one. */
export function validateRidgeParams(p: RidgeParams, nFeatures: number): void {
  validateCommon("ridge regression", p, DEFAULT_RIDGE_PARAMS, ["auto", "cholesky", "cg"], nFeatures);
}
