/**
 * Conversion between {@link Frame} and danfojs `DataFrame`, for notebooks and reports only.
 *
 * This file is its own door: it is a single-file module directly under `lib/`, NOT exported from `lib/data/mod.ts`, because danfojs bundles its own
 * TensorFlow.js and is heavy to load. Training and serving code never imports it.
 *
 * Mapping: Float64/Float32 columns ↔ "float32" (danfo's name for JS numbers; values keep full double
 * precision), Int32 ↔ "int32", dictionary-encoded strings ↔ "string" (NULL ↔ null). Going back, an
 * "int32" column becomes Int32Array when every value is an int32 integer, else Float64Array (null → NaN);
 * a "boolean" column becomes Float64Array of 1/0 (null → NaN).
 *
 * @example
 * ```ts
 * import { danfoToFrame, frameToDanfo } from "./danfo.ts";
 * import { makeFrame } from "./data/frame.ts";
 * const df = frameToDanfo(makeFrame({ x: new Float64Array([1, NaN]) }));
 * danfoToFrame(df).columns.x; // Float64Array [1, NaN]
 * ```
 * @module
 */
import { DataFrame } from "danfojs";
import { InputError } from "./errors.ts";
import { decodeStrings, encodeStrings, makeFrame } from "./data/frame.ts";
import { type Column, type Frame, isStringColumn } from "./data/types.ts";

/** Converts a Frame to a danfojs DataFrame (column order and NULLs kept). */
export function frameToDanfo(frame: Frame): DataFrame {
  const names = [...frame.names];
  const dtypes = names.map((name) => {
    const c = frame.columns[name]!;
    return isStringColumn(c) ? "string" : c instanceof Int32Array ? "int32" : "float32";
  });
  if (frame.nRows === 0) return new DataFrame([], { columns: names, dtypes });
  const data: Record<string, (number | string | null)[]> = {};
  for (const name of names) {
    const c = frame.columns[name]!;
    data[name] = isStringColumn(c) ? decodeStrings(c) : Array.from(c);
  }
  return new DataFrame(data, { columns: names, dtypes });
}

function toNumber(v: unknown, column: string, row: number): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw new InputError(column, `row ${row} holds ${typeof v} ${JSON.stringify(v)} in a numeric column`);
}

/** Converts a danfojs DataFrame to a Frame (see the module doc for the dtype mapping). */
export function danfoToFrame(df: DataFrame): Frame {
  const names = df.columns.map(String);
  const dtypes = df.dtypes;
  const nRows = df.shape[0];
  const rows = (nRows === 0 ? [] : df.values) as unknown[][];
  const columns: Record<string, Column> = {};
  names.forEach((name, j) => {
    const dtype = dtypes[j];
    const values = rows.map((r) => r[j]);
    if (dtype === "string") {
      columns[name] = encodeStrings(values.map((v) => (v === null || v === undefined ? null : String(v))));
    } else if (dtype === "float32" || dtype === "int32" || dtype === "boolean") {
      const nums = values.map((v, i) => toNumber(v, name, i));
      const intLike = dtype === "int32" &&
        nums.every((v) => Number.isInteger(v) && v >= -2147483648 && v <= 2147483647);
      columns[name] = intLike ? Int32Array.from(nums) : Float64Array.from(nums);
    } else {
      throw new InputError(
        name,
        `danfojs dtype "${dtype}" is not supported; expected float32, int32, string or boolean`,
      );
    }
  });
  if (names.length === 0) return { nRows: 0, columns: {}, names: [] };
  const frame = makeFrame(columns);
  return { nRows: frame.nRows, columns: frame.columns, names };
}
