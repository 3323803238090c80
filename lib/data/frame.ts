/**
 * Frame helpers: build, read and convert the named typed columns defined in `types.ts`.
 * @module
 */
import { InputError } from "../errors.ts";
import {
  type Column,
  type Frame,
  isStringColumn,
  type Matrix,
  type NumericColumn,
  type StringColumn,
} from "./types.ts";

/**
 * Builds a Frame from columns, checking that all have the same length.
 *
 * @example
 * ```ts
 * import { makeFrame } from "./frame.ts";
 * const f = makeFrame({ x: new Float64Array([1, 2]), y: new Int32Array([3, 4]) });
 * f.nRows; // 2
 * ```
 */
export function makeFrame(columns: Record<string, Column>): Frame {
  const names = Object.keys(columns);
  let nRows = -1;
  for (const name of names) {
    const len = columnLength(columns[name]!);
    if (nRows === -1) nRows = len;
    else if (len !== nRows) {
      throw new InputError(name, `column has ${len} rows, expected ${nRows} like the first column`);
    }
  }
  return { nRows: Math.max(nRows, 0), columns, names };
}

/** Number of rows in a column. */
export function columnLength(c: Column): number {
  return isStringColumn(c) ? c.codes.length : c.length;
}

/** Dictionary-encodes an array of strings (null/undefined → code -1). */
export function encodeStrings(values: readonly (string | null | undefined)[]): StringColumn {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { kind: "string", codes, dictionary };
}

/** Decodes a string column back to strings (null for code -1). */
export function decodeStrings(c: StringColumn): (string | null)[] {
  const out = new Array<string | null>(c.codes.length);
  for (let i = 0; i < c.codes.length; i++) {
    const code = c.codes[i]!;
    out[i] = code < 0 ? null : c.dictionary[code]!;
  }
  return out;
}

/** Returns the named column or throws a NotFound-style InputError listing the available ones. */
export function getColumn(frame: Frame, name: string): Column {
  const c = frame.columns[name];
  if (c === undefined) {
    throw new InputError(name, `no such column; available: ${frame.names.join(", ")}`);
  }
  return c;
}

/**
 * The error for a string column met where a number is needed. With 0 rows the column's type says nothing
 * (DuckDB reads every column of a header-only CSV as VARCHAR), so the message says the data is empty.
 */
function stringColumnError(frame: Frame, name: string, expected: string): InputError {
  if (frame.nRows === 0) {
    return new InputError(
      name,
      "has 0 rows (the data is empty: a CSV with only a header line reads every column as VARCHAR); " +
        "check the file or the query",
    );
  }
  return new InputError(name, `is a string column; ${expected}`);
}

/** Returns the named numeric column, or throws if it is missing or a string column. */
export function getNumeric(frame: Frame, name: string): NumericColumn {
  const c = getColumn(frame, name);
  if (isStringColumn(c)) throw stringColumnError(frame, name, "expected a numeric column");
  return c;
}

/** Returns the named column as Float64Array (a copy only when the column is not already Float64). */
export function getFloat64(frame: Frame, name: string): Float64Array {
  const c = getNumeric(frame, name);
  return c instanceof Float64Array ? c : Float64Array.from(c);
}

/** Options for {@link toMatrix}. */
export interface ToMatrixOptions {
  /** Names of string columns to encode as categorical codes (their dictionary becomes the categories). */
  categorical?: readonly string[];
}

/**
 * Builds a model Matrix (row-major Float32, NaN = missing) from the named columns of a Frame.
 * String columns must be listed in `categorical`; their codes become values and their dictionaries the
 * categories. Numeric columns listed in `categorical` use their integer values as codes.
 */
export function toMatrix(
  frame: Frame,
  featureNames: readonly string[],
  options: ToMatrixOptions = {},
): Matrix {
  if (featureNames.length === 0) throw new InputError("featureNames", "must name at least one column");
  const nRows = frame.nRows, nCols = featureNames.length;
  const values = new Float32Array(nRows * nCols);
  const catSet = new Set(options.categorical ?? []);
  for (const name of catSet) {
    if (!featureNames.includes(name)) {
      throw new InputError("categorical", `"${name}" is not among featureNames`);
    }
  }
  const categorical: { feature: number; categories: readonly string[] }[] = [];
  for (let j = 0; j < nCols; j++) {
    const name = featureNames[j]!;
    const col = getColumn(frame, name);
    if (isStringColumn(col)) {
      if (!catSet.has(name)) {
        throw stringColumnError(frame, name, "list it in options.categorical to use it as a feature");
      }
      const codes = col.codes;
      for (let i = 0; i < nRows; i++) {
        const code = codes[i]!;
        values[i * nCols + j] = code < 0 ? NaN : code;
      }
      categorical.push({ feature: j, categories: col.dictionary });
    } else {
      for (let i = 0; i < nRows; i++) values[i * nCols + j] = col[i]!;
      if (catSet.has(name)) {
        let max = -1;
        for (let i = 0; i < nRows; i++) {
          const v = col[i]!;
          if (Number.isNaN(v)) continue;
          if (!Number.isInteger(v) || v < 0) {
            throw new InputError(
              name,
              `categorical value ${v} at row ${i} is not a non-negative integer code`,
            );
          }
          if (v > max) max = v;
        }
        categorical.push({ feature: j, categories: Array.from({ length: max + 1 }, (_, k) => String(k)) });
      }
    }
  }
  return categorical.length > 0
    ? { nRows, nCols, values, featureNames: [...featureNames], categorical }
    : { nRows, nCols, values, featureNames: [...featureNames] };
}

/** Selects rows by index into a new Frame (all columns). */
export function takeRows(frame: Frame, rows: Int32Array | readonly number[]): Frame {
  const out: Record<string, Column> = {};
  for (const name of frame.names) {
    const c = frame.columns[name]!;
    if (isStringColumn(c)) {
      const codes = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) codes[i] = c.codes[rows[i]!]!;
      out[name] = { kind: "string", codes, dictionary: c.dictionary };
    } else {
      const dst = new (c.constructor as { new (n: number): NumericColumn })(rows.length);
      for (let i = 0; i < rows.length; i++) dst[i] = c[rows[i]!]!;
      out[name] = dst;
    }
  }
  return { nRows: rows.length, columns: out, names: [...frame.names] };
}
