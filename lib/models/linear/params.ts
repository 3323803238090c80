/**
 * Logistic-regression hyper-parameters: type, default, allowed range and meaning of each, checked once
 * at the start of `fitLogistic` ({@link validateLogisticParams}).
 *
 * The objective is scikit-learn's `LogisticRegression(penalty="l2", C=C)`:
 * `min_{w,b} ½‖w‖² + C · Σ_i s_i · logloss(y_i, σ(b + w·x_i))`, with the intercept `b` not penalised
 * and `s_i` the sample weights.
 *
 * @example
 * ```ts
 * import { resolveLogisticParams, validateLogisticParams } from "./params.ts";
 * const p = resolveLogisticParams({ C: 0.5 });
 * validateLogisticParams(p, 3); // throws InputError: Cannot fit logistic regression: "C" must be > 0 … on bad values
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";

/** Every logistic-regression hyper-parameter (all resolved; see {@link DEFAULT_LOGISTIC_PARAMS}). */
export interface LogisticParams {
  /** Inverse L2 regularisation strength (sklearn's `C`), finite and > 0. Larger = weaker penalty. */
  C: number;
  /** Fit an unpenalised intercept. */
  fitIntercept: boolean;
  /** Maximum Newton iterations (L-BFGS gets 20× as many), integer in [1, 10000]. */
  maxIter: number;
  /**
   * `"newton"` (exact Hessian, Cholesky; memory m², time m³ in the m encoded columns), `"lbfgs"`
   * (memory O(10·m)), or `"auto"`: Newton up to {@link NEWTON_MAX_COLUMNS} encoded columns, else L-BFGS.
   * Both stop at the same optimum.
   */
  solver: "auto" | "newton" | "lbfgs";
  /** Stop when max |gradient| ≤ tol · max(1, Σ weights); in (0, 1). */
  tol: number;
  /**
   * Standardise numeric features to zero mean and unit variance (after mean imputation, weighted; a
   * constant feature keeps scale 1) before fitting, so the penalty treats features alike. The
   * statistics are stored in the model. One-hot columns are never scaled.
   */
  standardize: boolean;
  /** Indices of categorical features (merged with `Matrix.categorical`): one-hot encoded, codes are integers ≥ 0. */
  categoricalFeatures: number[] | undefined;
  /**
   * Most distinct training values a one-hot encoded feature may have (each becomes a column), integer in
   * [1, 1,000,000]. It applies to listed features and to string columns alike (a Matrix built from a
   * table marks every string column categorical, so an id column would otherwise silently become
   * thousands of columns and a very slow fit). A feature over the limit is an InputError naming it:
   * drop or bucket the column, or raise this limit deliberately.
   */
  maxCategories: number;
}

/** Defaults: sklearn's `C = 1`, intercept on, standardisation on. */
export const DEFAULT_LOGISTIC_PARAMS: Readonly<LogisticParams> = Object.freeze({
  C: 1,
  fitIntercept: true,
  maxIter: 100,
  solver: "auto",
  tol: 1e-10,
  standardize: true,
  categoricalFeatures: undefined,
  maxCategories: 1000,
});

/** Widest design (encoded columns) for which `solver: "auto"` picks Newton. */
export const NEWTON_MAX_COLUMNS = 1500;

/** Fills defaults for unspecified parameters. */
export function resolveLogisticParams(partial: Partial<LogisticParams> = {}): LogisticParams {
  const out: LogisticParams = { ...DEFAULT_LOGISTIC_PARAMS };
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

function paramError(field: string, problem: string): InputError {
  const err = new InputError(field, problem);
  err.message = `Cannot fit logistic regression: "${field}" ${problem}`;
  return err;
}

/** Checks every parameter; throws InputError naming the first bad one. */
export function validateLogisticParams(p: LogisticParams, nFeatures: number): void {
  const known = new Set(Object.keys(DEFAULT_LOGISTIC_PARAMS));
  for (const k of Object.keys(p)) {
    if (!known.has(k)) throw paramError(k, `is not a logistic-regression parameter`);
  }
  if (typeof p.C !== "number" || !Number.isFinite(p.C) || !(p.C > 0)) {
    throw paramError("C", `must be a finite number > 0, got ${p.C}`);
  }
  if (typeof p.fitIntercept !== "boolean") {
    throw paramError("fitIntercept", `must be true or false, got ${p.fitIntercept}`);
  }
  if (!Number.isInteger(p.maxIter) || p.maxIter < 1 || p.maxIter > 10000) {
    throw paramError("maxIter", `must be an integer in [1, 10000], got ${p.maxIter}`);
  }
  if (!["auto", "newton", "lbfgs"].includes(p.solver)) {
    throw paramError("solver", `must be "auto", "newton" or "lbfgs", got ${JSON.stringify(p.solver)}`);
  }
  if (typeof p.tol !== "number" || !(p.tol > 0 && p.tol < 1)) {
    throw paramError("tol", `must be a number in (0, 1), got ${p.tol}`);
  }
  if (typeof p.standardize !== "boolean") {
    throw paramError("standardize", `must be true or false, got ${p.standardize}`);
  }
  if (!Number.isInteger(p.maxCategories) || p.maxCategories < 1 || p.maxCategories > 1_000_000) {
    throw paramError("maxCategories", `must be an integer in [1, 1000000], got ${p.maxCategories}`);
  }
  if (p.categoricalFeatures !== undefined) {
    if (!Array.isArray(p.categoricalFeatures)) {
      throw paramError("categoricalFeatures", "must be an array of feature indices");
    }
    for (const f of p.categoricalFeatures) {
      if (!Number.isInteger(f) || f < 0 || f >= nFeatures) {
        throw paramError(
          "categoricalFeatures",
          `must hold feature indices in [0, ${nFeatures - 1}], got ${f}`,
        );
      }
    }
  }
}
