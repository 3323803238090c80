/**
 * Checks shared by the ridge and Poisson parameter validators (internal), in the error style of
 * `params.ts`: `Cannot fit <model>: "<field>" <problem>`.
 * @module
 */
import { InputError } from "../../errors.ts";

/** The parameters every regularised linear model has besides its solver. */
export interface CommonLinearParams {
  alpha: number;
  fitIntercept: boolean;
  maxIter: number;
  tol: number;
  standardize: boolean;
  categoricalFeatures: number[] | undefined;
  maxCategories: number;
}

/** InputError for `field` with the model's prefix. */
export function paramError(model: string, field: string, problem: string): InputError {
  const err = new InputError(field, problem);
  err.message = `Cannot fit ${model}: "${field}" ${problem}`;
  return err;
}

/** Fills defaults for unspecified (or undefined) parameters. */
export function resolveWith<P extends object>(defaults: Readonly<P>, partial: Partial<P>): P {
  const out = { ...defaults } as P;
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Checks the common parameters, unknown keys and `solver` against `solvers`. */
export function validateCommon(
  model: string,
  p: CommonLinearParams & { solver: string },
  defaults: object,
  solvers: readonly string[],
  nFeatures: number,
): void {
  const known = new Set(Object.keys(defaults));
  for (const k of Object.keys(p)) {
    if (!known.has(k)) {
      throw paramError(model, k, `is not a ${model} parameter; expected one of ${[...known].join(", ")}`);
    }
  }
  if (typeof p.alpha !== "number" || !Number.isFinite(p.alpha) || !(p.alpha >= 0)) {
    throw paramError(model, "alpha", `must be a finite number >= 0, got ${p.alpha}`);
  }
  if (typeof p.fitIntercept !== "boolean") {
    throw paramError(model, "fitIntercept", `must be true or false, got ${p.fitIntercept}`);
  }
  if (!Number.isInteger(p.maxIter) || p.maxIter < 1 || p.maxIter > 100000) {
    throw paramError(model, "maxIter", `must be an integer in [1, 100000], got ${p.maxIter}`);
  }
  if (!solvers.includes(p.solver)) {
    throw paramError(
      model,
      "solver",
      `must be ${solvers.map((s) => `"${s}"`).join(", ")}, got ${JSON.stringify(p.solver)}`,
    );
  }
  if (typeof p.tol !== "number" || !(p.tol > 0 && p.tol < 1)) {
    throw paramError(model, "tol", `must be a number in (0, 1), got ${p.tol}`);
  }
  if (typeof p.standardize !== "boolean") {
    throw paramError(model, "standardize", `must be true or false, got ${p.standardize}`);
  }
  if (!Number.isInteger(p.maxCategories) || p.maxCategories < 1 || p.maxCategories > 1_000_000) {
    throw paramError(model, "maxCategories", `must be an integer in [1, 1000000], got ${p.maxCategories}`);
  }
  if (p.categoricalFeatures !== undefined) {
    if (!Array.isArray(p.categoricalFeatures)) {
      throw paramError(model, "categoricalFeatures", "must be an array of feature indices");
    }
    for (const f of p.categoricalFeatures) {
      if (!Number.isInteger(f) || f < 0 || f >= nFeatures) {
        throw paramError(
          model,
          "categoricalFeatures",
          `must hold feature indices in [0, ${nFeatures - 1}], got ${f}`,
        );
      }
    }
  }
}
