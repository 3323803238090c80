/**
 * Boundary checks shared by the fold makers (internal).
 * @module
 */
import { InputError } from "../errors.ts";
import { Rng } from "../random/mod.ts";

/** Options every k-fold variant takes. */
export interface ShuffleOptions {
  /** Number of folds, an integer ≥ 2 (and at most the number of rows, classes' rows or groups). */
  readonly k: number;
  /**
   * Shuffle (seeded) before dealing the rows or groups to folds; default true. Without it the
   * assignment follows row order (see each function).
   */
  readonly shuffle?: boolean;
  /** Seed of the shuffle, an integer in [0, 2^32); default 0. Ignored without `shuffle`. */
  readonly seed?: number;
}

/** Checks `k` against the number of units (`what`: "rows", "groups") it splits. */
export function checkK(k: number, units: number, what: string): void {
  if (!Number.isInteger(k) || k < 2) throw new InputError("k", `must be an integer >= 2, got ${k}`);
  if (k > units) {
    throw new InputError("k", `is ${k} but there are only ${units} ${what}; every fold needs at least one`);
  }
}

/** `0 … n−1`, shuffled by a seeded {@link Rng} unless `shuffle` is false. */
export function unitOrder(n: number, options: ShuffleOptions): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (options.shuffle === false) return order;
  const seed = options.seed ?? 0;
  return new Rng(seed).shuffle(order);
}

/** Throws unless `shuffle` is a boolean or absent. */
export function checkShuffle(options: ShuffleOptions): void {
  if (options.shuffle !== undefined && typeof options.shuffle !== "boolean") {
    throw new InputError("shuffle", `must be true or false, got ${options.shuffle}`);
  }
  if (options.shuffle !== false && options.seed !== undefined) new Rng(options.seed); // validates the seed
}
