/**
 * The encoded design matrix of a linear model in sparse one-hot form (internal): numeric columns as a
 * dense row-major block, and for each categorical feature the index of the row's single one-hot column
 * (or -1). A row then costs O(numeric + categorical features) to multiply, not O(encoded columns), and
 * the Newton Hessian costs O((numeric + categorical)²) per row however many categories there are.
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import type { FeatureEncoder } from "./encoder.ts";

/** Sparse one-hot design: encoded column `numericColumns[k]` of row i is `numeric[i·nNumeric + k]`. */
export interface Design {
  readonly n: number;
  /** Number of encoded columns (numeric + one-hot). */
  readonly d: number;
  readonly nNumeric: number;
  /** Encoded column index of each numeric column. */
  readonly numericColumns: Int32Array;
  /** n × nNumeric, row-major, already imputed and standardised. */
  readonly numeric: Float64Array;
  readonly nCategorical: number;
  /** n × nCategorical: encoded column index of the row's one-hot 1, or -1 (missing or unseen). */
  readonly categories: Int32Array;
}

/** Encodes every row of `matrix` (columns already checked against the encoder). */
export function buildDesign(encoder: FeatureEncoder, matrix: Matrix): Design {
  const n = matrix.nRows, nCols = matrix.nCols, values = matrix.values;
  const nNumeric = encoder.numericFeatures.length, nCategorical = encoder.categoricalFeatures.length;
  const numeric = new Float64Array(n * nNumeric), categories = new Int32Array(n * nCategorical);
  for (let i = 0; i < n; i++) {
    encoder.encodeSparse(values, i * nCols, numeric, i * nNumeric, categories, i * nCategorical);
  }
  return {
    n,
    d: encoder.nEncoded,
    nNumeric,
    numericColumns: encoder.numericColumns,
    numeric,
    nCategorical,
    categories,
  };
}

/** `out[i] = intercept + w·x_i` for every row. */
export function designMargins(
  design: Design,
  w: ArrayLike<number>,
  intercept: number,
  out: Float64Array,
): void {
  const { n, nNumeric, numericColumns, numeric, nCategorical, categories } = design;
  const wNum = Float64Array.from(numericColumns, (c) => w[c]!);
  for (let i = 0; i < n; i++) {
    let z = intercept;
    const off = i * nNumeric;
    for (let k = 0; k < nNumeric; k++) z += numeric[off + k]! * wNum[k]!;
    const cOff = i * nCategorical;
    for (let k = 0; k < nCategorical; k++) {
      const c = categories[cOff + k]!;
      if (c >= 0) z += w[c]!;
    }
    out[i] = z;
  }
}
