/**
 * The weighted Gram matrix `Xᵀ diag(h) X` of a sparse one-hot {@link Design}, with the intercept as
 * column d when fitted (internal): the curvature of every linear model's loss (logistic: h = s·p(1−p);
 * Poisson: h = s·μ; ridge: h = s, its normal equations). Costs O((numeric + categorical features)²) per
 * row however many one-hot columns there are, because each categorical feature contributes a single 1
 * per row. Writes the lower triangle (row-major m × m, m = d + intercept).
 * @module
 */
import type { Design } from "./_design.ts";

/** Adds `Xᵀ diag(hs) X` (lower triangle) into `hess` (zeroed by the caller); buffers kept between calls. */
export type GramBuilder = (hs: Float64Array, hess: Float64Array) => void;

/** A {@link GramBuilder} for `design` (m = d + 1 with an intercept, else d). */
export function gramBuilder(design: Design, fitIntercept: boolean): GramBuilder {
  const { n, d, nNumeric, numericColumns, numeric, nCategorical, categories } = design;
  const m = d + (fitIntercept ? 1 : 0);
  const hNum = new Float64Array(nNumeric * nNumeric), hNumB = new Float64Array(nNumeric);
  const BLOCK = 256;
  const wx = new Float64Array(BLOCK), perColumn = new Float64Array(d);
  return (hs, hess) => {
    let hBB = 0;
    for (let i = 0; i < n; i++) hBB += hs[i]!;
    // One-hot × one-hot and intercept × one-hot.
    for (let i = 0; i < n; i++) {
      const cOff = i * nCategorical, h = hs[i]!;
      if (h === 0) continue;
      for (let a = 0; a < nCategorical; a++) {
        const ca = categories[cOff + a]!;
        if (ca < 0) continue;
        for (let bb = 0; bb <= a; bb++) {
          const cb = categories[cOff + bb]!;
          if (cb >= 0) hess[ca > cb ? ca * m + cb : cb * m + ca]! += h;
        }
        if (fitIntercept) hess[d * m + ca]! += h;
      }
    }
    // Numeric × one-hot block: column by column (contiguous), summed per category.
    for (let a = 0; a < nCategorical; a++) {
      for (let k = 0; k < nNumeric; k++) {
        perColumn.fill(0);
        const off = k * n;
        for (let i = 0; i < n; i++) {
          const c = categories[i * nCategorical + a]!;
          if (c >= 0) perColumn[c]! += hs[i]! * numeric[off + i]!;
        }
        const p2 = numericColumns[k]!;
        for (let c = 0; c < d; c++) {
          const v = perColumn[c]!;
          if (v !== 0) hess[c > p2 ? c * m + p2 : p2 * m + c]! += v;
        }
      }
    }
    // Numeric block Xᵀ diag(h) X in row blocks: per block and column j, wx = h ∘ x_j, then contiguous dot
    // products with every column k ≤ j (the block's columns stay in cache).
    hNum.fill(0), hNumB.fill(0);
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const len = Math.min(BLOCK, n - i0);
      for (let j = 0; j < nNumeric; j++) {
        const offJ = j * n + i0;
        let sumB = 0;
        for (let t = 0; t < len; t++) {
          const v = hs[i0 + t]! * numeric[offJ + t]!;
          wx[t] = v, sumB += v;
        }
        hNumB[j]! += sumB;
        const row = j * nNumeric;
        for (let k = 0; k <= j; k++) {
          const offK = k * n + i0;
          let acc = 0;
          for (let t = 0; t < len; t++) acc += wx[t]! * numeric[offK + t]!;
          hNum[row + k]! += acc;
        }
      }
    }
    for (let j = 0; j < nNumeric; j++) {
      const pj = numericColumns[j]!;
      for (let k = 0; k <= j; k++) {
        const pk = numericColumns[k]!;
        hess[pj > pk ? pj * m + pk : pk * m + pj]! += hNum[j * nNumeric + k]!;
      }
      if (fitIntercept) hess[d * m + pj]! += hNumB[j]!;
    }
    if (fitIntercept) hess[d * m + d]! += hBB;
  };
}

/** Copies the lower triangle of a row-major m × m matrix to its upper triangle. */
export function mirrorLower(a: Float64Array, m: number): void {
  for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) a[k * m + j] = a[j * m + k]!;
}
