/**
 * Entity features fed to a tower: one row per entity (user or item) in the ID space, categorical
 * columns as integer codes and numeric columns as a row-major Float32 block.
 *
 * - A categorical code of −1 means missing and maps to an extra embedding row (`cardinality`).
 * - NaN or ±Infinity in a numeric feature is an error (InputError naming the feature and the row);
 *   impute before training — a silent NaN would poison the whole embedding.
 *
 * @example
 * ```ts
 * import { makeEntityFeatures } from "./features.ts";
 * const f = makeEntityFeatures(3, { categorical: [{ name: "topic", cardinality: 2, codes: [0, 1, -1] }] });
 * f.numericNames.length; // 0
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";

/** A categorical feature: codes in [0, cardinality) or −1 (missing). */
export interface CategoricalFeature {
  readonly name: string;
  readonly cardinality: number;
  readonly codes: Int32Array;
}

/** Features of n entities. */
export interface EntityFeatures {
  readonly n: number;
  readonly categorical: readonly CategoricalFeature[];
  readonly numericNames: readonly string[];
  /** n × numericNames.length, row-major. */
  readonly numeric: Float32Array;
}

/** The shape of an {@link EntityFeatures} (what a tower is built for), saved with the model. */
export interface FeatureSpec {
  readonly categorical: readonly { readonly name: string; readonly cardinality: number }[];
  readonly numericNames: readonly string[];
}

/** Builds and validates features for n entities. */
export function makeEntityFeatures(
  n: number,
  cols: {
    categorical?: readonly { name: string; cardinality: number; codes: ArrayLike<number> }[];
    numeric?: Readonly<Record<string, ArrayLike<number>>>;
  } = {},
): EntityFeatures {
  const numericNames = Object.keys(cols.numeric ?? {});
  const numeric = new Float32Array(n * numericNames.length);
  numericNames.forEach((name, f) => {
    const col = cols.numeric![name]!;
    if (col.length !== n) throw new InputError(`numeric.${name}`, `length ${col.length}, expected ${n}`);
    for (let r = 0; r < n; r++) numeric[r * numericNames.length + f] = col[r]!;
  });
  const categorical = (cols.categorical ?? []).map((c) => ({
    name: c.name,
    cardinality: c.cardinality,
    codes: Int32Array.from(c.codes),
  }));
  const out = { n, categorical, numericNames, numeric };
  checkEntityFeatures("features", out);
  return out;
}

/** No features: a pure ID tower. */
export function noFeatures(n: number): EntityFeatures {
  return { n, categorical: [], numericNames: [], numeric: new Float32Array(0) };
}

/** The spec of a feature set. */
export function specOf(f: EntityFeatures): FeatureSpec {
  return {
    categorical: f.categorical.map((c) => ({ name: c.name, cardinality: c.cardinality })),
    numericNames: [...f.numericNames],
  };
}

/**
 * Validates features: codes in [−1, cardinality), finite numerics, consistent sizes, and (when `spec`
 * is given) the same columns as the spec the tower was trained with.
 */
export function checkEntityFeatures(field: string, f: EntityFeatures, spec?: FeatureSpec): void {
  if (!Number.isInteger(f.n) || f.n < 0) {
    throw new InputError(`${field}.n`, `must be an integer >= 0, got ${f.n}`);
  }
  for (const c of f.categorical) {
    if (!Number.isInteger(c.cardinality) || c.cardinality < 1) {
      throw new InputError(`${field}.${c.name}`, `cardinality must be an integer >= 1, got ${c.cardinality}`);
    }
    if (c.codes.length !== f.n) {
      throw new InputError(`${field}.${c.name}`, `has ${c.codes.length} codes, expected ${f.n}`);
    }
    for (let r = 0; r < f.n; r++) {
      const v = c.codes[r]!;
      if (v < -1 || v >= c.cardinality) {
        throw new InputError(`${field}.${c.name}`, `row ${r}: code ${v} outside [-1, ${c.cardinality})`);
      }
    }
  }
  const w = f.numericNames.length;
  if (f.numeric.length !== f.n * w) {
    throw new InputError(`${field}.numeric`, `length ${f.numeric.length}, expected ${f.n} × ${w}`);
  }
  for (let j = 0; j < f.numeric.length; j++) {
    if (!Number.isFinite(f.numeric[j]!)) {
      throw new InputError(
        `${field}.${f.numericNames[j % w]}`,
        `row ${Math.floor(j / w)} is ${f.numeric[j]}; NaN/Infinity features are not allowed (impute first)`,
      );
    }
  }
  if (spec) {
    const a = JSON.stringify(specOf(f)), b = JSON.stringify(spec);
    if (a !== b) throw new InputError(field, `columns ${a} differ from the model's ${b}`);
  }
}
