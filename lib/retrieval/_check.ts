import { InputError } from "../errors.ts";
import type { VectorSet } from "./types.ts";

/** Validates a VectorSet at the boundary. */
export function checkVectors(field: string, v: VectorSet): void {
  if (!(v.values instanceof Float32Array)) throw new InputError(field, "values must be a Float32Array");
  if (!Number.isInteger(v.dim) || v.dim < 1) throw new InputError(field, `dim must be an integer >= 1, got ${v.dim}`);
  if (!Number.isInteger(v.n) || v.n < 0) throw new InputError(field, `n must be an integer >= 0, got ${v.n}`);
  if (v.values.length !== v.n * v.dim) {
    throw new InputError(field, `values has length ${v.values.length}, expected n*dim = ${v.n * v.dim}`);
  }
}

/** Validates k. */
export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new InputError("k", `must be an integer >= 1, got ${k}`);
}
