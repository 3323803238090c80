/**
 * The data shapes passed between parts of the engine, declared once.
 *
 * - A {@link Frame} is what a DuckDB query returns: named typed columns, strings dictionary-encoded.
 * - A {@link Matrix} is model input: row-major Float32 values, NaN = missing, with feature names and
 *   optional categorical metadata. Models never see DuckDB; they see Matrices.
 * @module
 */

/** A numeric column: doubles, floats, or 32-bit integers (dates/timestamps are epoch milliseconds as Float64). */
export type NumericColumn = Float64Array | Float32Array | Int32Array;

/**
 * A dictionary-encoded string column: `codes[i]` indexes `dictionary`; -1 means NULL.
 */
export interface StringColumn {
  readonly kind: "string";
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

/** One column of a Frame. */
export type Column = NumericColumn | StringColumn;

/** Named typed columns of equal length. NULL numerics are NaN (Float64/Float32) or need a mask (Int32: never NULL). */
export interface Frame {
  readonly nRows: number;
  readonly columns: Readonly<Record<string, Column>>;
  /** Column names in query order. */
  readonly names: readonly string[];
}

/** Categorical feature metadata: the category strings for a column, in code order. */
export interface CategoricalInfo {
  /** Index of the feature (column) in the Matrix. */
  readonly feature: number;
  /** `categories[code]` is the string for that code. Values in the Matrix are codes (NaN = missing). */
  readonly categories: readonly string[];
}

/**
 * Model input: `values[row * nCols + col]`, NaN for missing. Categorical features hold integer codes.
 */
export interface Matrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly values: Float32Array;
  readonly featureNames: readonly string[];
  readonly categorical?: readonly CategoricalInfo[];
}

/** Returns true when a column is a dictionary-encoded string column. */
export function isStringColumn(c: Column): c is StringColumn {
  return (c as StringColumn).kind === "string";
}
