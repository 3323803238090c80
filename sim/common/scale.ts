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

/**
 * The sizes for `scale` from a per-scale table of named sizes, each replaced by the caller's override
 * where one is given (not undefined), and each checked with {@link requirePositiveSize}. Keys that the
 * table does not have are ignored (simulator options also carry seed, scale, scenario and the like).
 */
export function sizesWithOverrides<T extends { readonly [K in keyof T]: number }>(
  scale: Scale,
  table: PerScale<T>,
  overrides: { readonly [K in keyof T]?: number | undefined } = {},
): T {
  const base = sizeFor(scale, table);
  const out = { ...base };
  for (const key of Object.keys(base) as (keyof T & string)[]) {
    const value = overrides[key] ?? base[key];
    requirePositiveSize(key, value);
    out[key] = value as T[keyof T & string];
  }
  return out;
}
