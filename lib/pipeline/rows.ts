/**
 * Row selection on model matrices (splits, samples) keeping feature names and categorical metadata.
 * @module
 */
import { InputError } from "../errors.ts";
import type { Matrix } from "../data/types.ts";

/**
 * The given rows of a Matrix, in the given order, as a new Matrix.
 *
 * @example
 * ```ts
 * import { takeMatrixRows } from "./rows.ts";
 * const m = { nRows: 3, nCols: 1, values: new Float32Array([1, 2, 3]), featureNames: ["x"] };
 * takeMatrixRows(m, Int32Array.of(2, 0)).values; // Float32Array [3, 1]
 * ```
 */
export function takeMatrixRows(matrix: Matrix, rows: ArrayLike<number>): Matrix {
  const { nCols } = matrix;
  const values = new Float32Array(rows.length * nCols);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!(r >= 0 && r < matrix.nRows) || !Number.isInteger(r)) {
      throw new InputError("rows", `index ${r} at position ${i} is outside [0, ${matrix.nRows})`);
    }
    values.set(matrix.values.subarray(r * nCols, (r + 1) * nCols), i * nCols);
  }
  return matrix.categorical
    ? {
      nRows: rows.length,
      nCols,
      values,
      featureNames: matrix.featureNames,
      categorical: matrix.categorical,
    }
    : { nRows: rows.length, nCols, values, featureNames: matrix.featureNames };
}
