/**
 * Simulation scales. Every simulator maps a {@link Scale} to concrete sizes:
 * `tiny` for unit tests (well under 2 s), `default` for notebooks and the demo (a few seconds),
 * `seed` for the sizes the product specs ask for.
 *
 * @example
 * ```ts
 * import { parseScale, sizeFor } from "./scale.ts";
 * const scale = parseScale("tiny");
 * sizeFor(scale, { tiny: 100, default: 5_000, seed: 50_000 }); // 100
 * ```
 * @module
 */
import { InputError } from "../../lib/errors.ts";

/** The three simulation scales. */
export type Scale = "tiny" | "default" | "seed";

/** All valid scales, in increasing size. */
export const SCALES: readonly Scale[] = ["tiny", "default", "seed"] as const;

/** Parses a scale name; anything else is an {@link InputError} listing the valid names. */
export function parseScale(s: string, field = "scale"): Scale {
  if ((SCALES as readonly string[]).includes(s)) return s as Scale;
  throw new InputError(field, `must be one of ${SCALES.map((x) => `"${x}"`).join(", ")}, got "${s}"`);
}

/** One value per scale (a size, or a record of sizes). */
export type PerScale<T> = Readonly<Record<Scale, T>>;

/** Picks the value for `scale` from a per-scale table. */
export function sizeFor<T>(scale: Scale, table: PerScale<T>): T {
  return table[parseScale(scale)];
}

/**
 * Throws unless `value` is a positive integer (a row count, a number of entities).
 * Simulators call it on every size they accept from callers.
 */
export function requirePositiveSize(field: string, value: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new InputError(field, `must be a positive integer, got ${value}`);
  }
}
