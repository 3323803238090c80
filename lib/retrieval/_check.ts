import { InputError } from "../errors.ts";
import type { VectorSet } from "./types.ts";

/** Validates a VectorSet's shape at the boundary. */
export function checkVectors(field: string, v: VectorSet): void {
  if (!(v.values instanceof Float32Array)) throw new InputError(field, "values must be a Float32Array");
  if (!Number.isInteger(v.dim) || v.dim < 1) {
    throw new InputError(field, `dim must be an integer >= 1, got ${v.dim}`);
  }
  if (!Number.isInteger(v.n) || v.n < 0) throw new InputError(field, `n must be an integer >= 0, got ${v.n}`);
  if (v.values.length !== v.n * v.dim) {
    throw new InputError(field, `values has length ${v.values.length}, expected n*dim = ${v.n * v.dim}`);
  }
}

/** Throws when any value is NaN or ±Infinity, naming the row and dimension. */
export function checkFinite(field: string, values: Float32Array, dim: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // `v - v` is NaN exactly for NaN and ±Infinity; the fast path is one subtraction per value.
    if (v - v !== 0) {
      throw new InputError(
        field,
        `row ${Math.floor(i / dim)}, dim ${i % dim} is ${v} (values must be finite)`,
      );
    }
  }
}

const validatedItems = new WeakSet<Float32Array>();

/**
 * Finite-value check for an item matrix, done once per `values` array object: item matrices are large
 * and searched many times, so a matrix that passed is remembered (by identity) and not rescanned.
 * Mutating it afterwards is the caller's responsibility.
 */
export function checkFiniteItemsOnce(field: string, v: VectorSet): void {
  if (validatedItems.has(v.values)) return;
  checkFinite(field, v.values, v.dim);
  validatedItems.add(v.values);
}

/** Largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Throws when a row's squared norm does not fit a float32: the IVF indexes keep squared centroid norms
 * and distances in float32, which would become ±∞ (and the list ranking meaningless).
 */
export function checkSquaredNorms(field: string, v: VectorSet): void {
  for (let r = 0; r < v.n; r++) {
    let s = 0;
    for (let j = r * v.dim, end = j + v.dim; j < end; j++) s += v.values[j]! * v.values[j]!;
    if (s > FLOAT32_MAX) {
      throw new InputError(
        field,
        `row ${r} has squared norm ${s.toExponential(2)}, beyond float32's range (3.4e38) that the index ` +
          `computes distances in; scale the vectors`,
      );
    }
  }
}

/** Validates k. */
export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new InputError("k", `must be an integer >= 1, got ${k}`);
}
