/**
 * The encoded design matrix of a linear model in sparse one-hot form (internal): numeric columns as a
 * dense row-major block, and for each categorical feature the index of the row's single one-hot column
 * (or -1). A row then costs O(numeric + categorical features) to multiply, not O(encoded columns), and
 * the Newton Hessian costs O((numeric + categorical)²) per row however many categories there are.
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import type { FeatureEncoder } from "./encoder.ts";

/**
 * Sparse one-hot design: encoded column `numericColumns[k]` of row i is `numeric[k·n + i]` (column-major,
 * so the solver's sums over rows are contiguous dot products).
 */
export interface Design {
  readonly n: number;
  /** Number of encoded columns (numeric + one-hot). */
  readonly d: number;
  readonly nNumeric: number;
  /** Encoded column index of each numeric column. */
  readonly numericColumns: Int32Array;
  /** nNumeric × n, column-major, already imputed and standardised. */
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
  const row = new Float64Array(nNumeric);
  for (let i = 0; i < n; i++) {
    encoder.encodeSparse(values, i * nCols, row, 0, categories, i * nCategorical);
    for (let k = 0; k < nNumeric; k++) numeric[k * n + i] = row[k]!;
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
  out.fill(intercept, 0, n);
  for (let k = 0; k < nNumeric; k++) {
    const wk = w[numericColumns[k]!]!, off = k * n;
    for (let i = 0; i < n; i++) out[i]! += wk * numeric[off + i]!;
  }
  if (nCategorical === 0) return;
  for (let i = 0; i < n; i++) {
    const cOff = i * nCategorical;
    let z = out[i]!;
    for (let k = 0; k < nCategorical; k++) {
      const c = categories[cOff + k]!;
      if (c >= 0) z += w[c]!;
    }
    out[i] = z;
  }
}

/** `out[0 .. d) = Xᵀ r` (the gradient of a loss whose per-row derivative is `r`). */
export function designTransposeTimes(design: Design, r: ArrayLike<number>, out: Float64Array): void {
  const { n, d, nNumeric, numericColumns, numeric, nCategorical, categories } = design;
  out.fill(0, 0, d);
  for (let k = 0; k < nNumeric; k++) {
    const off = k * n;
    let g = 0;
    for (let i = 0; i < n; i++) g += r[i]! * numeric[off + i]!;
    out[numericColumns[k]!] = g;
  }
  if (nCategorical === 0) return;
  for (let i = 0; i < n; i++) {
    const cOff = i * nCategorical, ri = r[i]!;
    for (let a = 0; a < nCategorical; a++) {
      const ca = categories[cOff + a]!;
      if (ca >= 0) out[ca]! += ri;
    }
  }
}
