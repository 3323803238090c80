/**
 * Small boundary checks shared by the engine. Each throws an {@link InputError} naming the field.
 * Use them once where data enters (fit, metric entry points), never inside hot loops.
 * @module
 */
import { InputError } from "./errors.ts";

/** Any numeric array the engine accepts. */
export type NumArray = ArrayLike<number>;

/** Throws unless `xs` is non-empty. */
export function requireNonEmpty(field: string, xs: { length: number }): void {
  if (xs.length === 0) throw new InputError(field, "must not be empty");
}

/** Throws unless `a` and `b` have the same length. */
export function requireSameLength(
  fieldA: string,
  a: { length: number },
  fieldB: string,
  b: { length: number },
): void {
  if (a.length !== b.length) {
    throw new InputError(fieldB, `length ${b.length} does not match "${fieldA}" length ${a.length}`);
  }
}

/**
 * A rejected value as an error message shows it: numbers as themselves, strings quoted and named as
 * strings (labels read from a CSV as text print like numbers otherwise: `is 1; expected a finite
 * number`), other non-numbers with their type.
 *
 * @example
 * ```ts
 * import { describeValue } from "./validate.ts";
 * describeValue(NaN); // "NaN"
 * describeValue("1"); // 'the string "1"'
 * describeValue(true); // "the boolean true"
 * ```
 */
export function describeValue(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (v === null || v === undefined) return String(v);
  return `the ${typeof v} ${String(v)}`;
}

/** Throws on the first NaN, ±Infinity or non-number (a string says so), naming its index. */
export function requireFinite(field: string, xs: NumArray): void {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (!Number.isFinite(v)) {
      throw new InputError(field, `value at index ${i} is ${describeValue(v)}; expected a finite number`);
    }
  }
}

/** Throws unless every value is exactly 0 or 1 (the numbers, not the strings "0" / "1"). */
export function requireBinary(field: string, xs: NumArray): void {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (v !== 0 && v !== 1) {
      throw new InputError(field, `value at index ${i} is ${describeValue(v)}; expected 0 or 1`);
    }
  }
}

/** Throws unless `value` is an integer in [min, max]. */
export function requireIntInRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(field, `must be an integer in [${min}, ${max}], got ${value}`);
  }
}

/** Throws unless `value` is a finite number in [min, max] (bounds inclusive). */
export function requireInRange(field: string, value: number, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new InputError(field, `must be a number in [${min}, ${max}], got ${value}`);
  }
}

/** Throws unless `value` is one of `allowed`. Returns it narrowed. */
export function requireOneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(field, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got "${value}"`);
  }
  return value as T;
}

/** Throws unless every value is a probability in [0, 1] (NaN is rejected), naming its index. */
export function requireProbabilities(field: string, xs: NumArray): void {
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new InputError(
        field,
        `value at index ${i} is ${describeValue(v)}; expected a probability in [0, 1]`,
      );
    }
  }
}

/**
 * Optional sample weights (nothing to check when `undefined`): the same length `n` as the field
 * `ofField` they weight, every value finite and ≥ 0, and not all zero. Throws InputError naming "weights".
 */
export function requireWeights(weights: NumArray | undefined, ofField: string, n: number): void {
  if (weights === undefined) return;
  requireSameLength(ofField, { length: n }, "weights", weights);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!Number.isFinite(w) || w < 0) {
      throw new InputError(
        "weights",
        `value at index ${i} is ${describeValue(w)}; expected a finite number >= 0`,
      );
    }
    sum += w;
  }
  if (!(sum > 0)) throw new InputError("weights", "must not all be zero");
}

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions) of two short strings. */
function editDistance(a: string, b: string): number {
  const d = Array.from(
    { length: a.length + 1 },
    (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i + j),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!, up = d[i - 1]!;
      row[j] = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
      }
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Throws on the first key of `options` not in `allowed`, listing the allowed keys, with a "did you
 * mean" for a near miss (`order` → `orders`). `prefix` names the enclosing object (`"columns"` makes
 * the field `columns.<key>`). Keys whose value is `undefined` count too: a typo is a typo.
 *
 * @example
 * ```ts
 * import { requireKnownKeys } from "./validate.ts";
 * requireKnownKeys({ orders: 10 }, ["orders", "seed"]); // ok
 * // requireKnownKeys({ order: 10 }, ["orders", "seed"]) throws:
 * //   Invalid "order": unknown option (did you mean "orders"?); allowed: orders, seed
 * ```
 */
export function requireKnownKeys(options: object, allowed: readonly string[], prefix = ""): void {
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    let best = "", bestDistance = Infinity;
    for (const a of allowed) {
      const d = editDistance(key.toLowerCase(), a.toLowerCase());
      if (d < bestDistance) [best, bestDistance] = [a, d];
    }
    const hint = bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? ` (did you mean "${best}"?)` : "";
    throw new InputError(
      prefix ? `${prefix}.${key}` : key,
      `unknown option${hint}; allowed: ${allowed.length > 0 ? allowed.join(", ") : "none"}`,
    );
  }
}
