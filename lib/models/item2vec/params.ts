/**
 * item2vec hyper-parameters (skip-gram with negative sampling over baskets or sessions): type, default,
 * allowed range and meaning of each, checked once at the start of `fitItem2Vec`.
 *
 * @example
 * ```ts
 * import { resolveItem2VecParams, validateItem2VecParams } from "./params.ts";
 * validateItem2VecParams(resolveItem2VecParams({ dim: 16, context: "window", window: 3 }));
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";

/** Every item2vec hyper-parameter (all resolved; see {@link DEFAULT_ITEM2VEC_PARAMS}). */
export interface Item2VecParams {
  /** Embedding width, integer in [1, 1024]. */
  dim: number;
  /**
   * Which items are each item's context: `"basket"` = every other item of the same basket (item2vec's
   * set view; order ignored), `"window"` = items within a random window of 1..`window` positions on
   * either side in the session (word2vec's dynamic window).
   */
  context: "basket" | "window";
  /** Maximum window half-width for `context: "window"`, integer in [1, 100]. */
  window: number;
  /** Negative samples per positive pair, integer in [1, 100]. */
  negatives: number;
  /** Exponent of the unigram counts for the negative-sampling distribution, in [0, 1]. */
  negativePower: number;
  /** Passes over the sessions, integer in [1, 1000]. */
  epochs: number;
  /** Initial SGD step, in (0, 1]; decays linearly to 1e-4 of itself over training. */
  learningRate: number;
  /** Items seen fewer times get no vector (dropped from sessions), integer ≥ 1. */
  minCount: number;
  /**
   * Frequent-item down-sampling threshold `t` (Mikolov et al.): an occurrence of an item with frequency
   * `f` is kept with probability `min(1, sqrt(t/f) + t/f)`; 0 disables it. In [0, 1].
   */
  subsample: number;
}

/** Defaults: 32 dims, basket context, 5 negatives (power 0.75), 5 epochs, step 0.025, no subsampling. */
export const DEFAULT_ITEM2VEC_PARAMS: Readonly<Item2VecParams> = Object.freeze({
  dim: 32,
  context: "basket",
  window: 5,
  negatives: 5,
  negativePower: 0.75,
  epochs: 5,
  learningRate: 0.025,
  minCount: 1,
  subsample: 0,
});

/** Fills defaults for unspecified parameters. */
export function resolveItem2VecParams(partial: Partial<Item2VecParams> = {}): Item2VecParams {
  const out: Item2VecParams = { ...DEFAULT_ITEM2VEC_PARAMS };
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

function paramError(field: string, problem: string): InputError {
  const err = new InputError(field, problem);
  err.message = `Cannot fit item2vec: "${field}" ${problem}`;
  return err;
}

function checkInt(field: string, v: unknown, min: number, max: number): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw paramError(field, `must be an integer in [${min}, ${max}], got ${v}`);
  }
}

function checkNum(field: string, v: unknown, min: number, max: number, minOpen = false): void {
  if (typeof v !== "number" || !Number.isFinite(v) || (minOpen ? v <= min : v < min) || v > max) {
    throw paramError(field, `must be a number in ${minOpen ? "(" : "["}${min}, ${max}], got ${v}`);
  }
}

/** Checks every parameter; throws InputError naming the first bad one. */
export function validateItem2VecParams(p: Item2VecParams): void {
  const known = new Set(Object.keys(DEFAULT_ITEM2VEC_PARAMS));
  for (const k of Object.keys(p)) if (!known.has(k)) throw paramError(k, "is not an item2vec parameter");
  checkInt("dim", p.dim, 1, 1024);
  if (p.context !== "basket" && p.context !== "window") {
    throw paramError("context", `must be "basket" or "window", got "${p.context}"`);
  }
  checkInt("window", p.window, 1, 100);
  checkInt("negatives", p.negatives, 1, 100);
  checkNum("negativePower", p.negativePower, 0, 1);
  checkInt("epochs", p.epochs, 1, 1000);
  checkNum("learningRate", p.learningRate, 0, 1, true);
  checkInt("minCount", p.minCount, 1, 2 ** 31 - 1);
  checkNum("subsample", p.subsample, 0, 1);
}
