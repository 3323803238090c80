/**
 * Test helper (not exported from `mod.ts`): unpenalised logistic regression by Newton–Raphson (IRLS) with
 * standard errors from the inverse observed information, and ordinary least squares. Used by the tests to
 * recover the declared log-odds and elasticities from observed data.
 * @module
 */

/** Solves the symmetric positive-definite system A x = b (Gauss–Jordan, small k); returns A⁻¹ too. */
function solve(a: number[][], b: number[]): { x: number[]; inverse: number[][] } {
  const k = b.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)), b[i]!]);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const d = m[c]![c]!;
    if (Math.abs(d) < 1e-12) throw new Error("singular design matrix");
    for (let j = 0; j < 2 * k + 1; j++) m[c]![j]! /= d;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      if (f !== 0) { for (let j = 0; j < 2 * k + 1; j++) m[r]![j]! -= f * m[c]![j]!; }
    }
  }
  return { x: m.map((row) => row[2 * k]!), inverse: m.map((row) => row.slice(k, 2 * k)) };
}

/** A fitted linear or logistic model: coefficients and their standard errors. */
export interface Fit {
  readonly coef: number[];
  readonly se: number[];
}

/** Logistic regression of `y` (0/1) on the rows of `x` (include a 1 column for the intercept). */
export function fitLogit(x: readonly Float64Array[], y: ArrayLike<number>, iterations = 25): Fit {
  const k = x[0]!.length;
  let beta = new Array<number>(k).fill(0);
  let inverse: number[][] = [];
  for (let it = 0; it < iterations; it++) {
    const h = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const g = new Array<number>(k).fill(0);
    for (let i = 0; i < x.length; i++) {
      const row = x[i]!;
      let z = 0;
      for (let j = 0; j < k; j++) z += beta[j]! * row[j]!;
      const p = 1 / (1 + Math.exp(-z)), w = p * (1 - p), r = y[i]! - p;
      for (let a = 0; a < k; a++) {
        g[a]! += r * row[a]!;
        for (let b = 0; b <= a; b++) h[a]![b]! += w * row[a]! * row[b]!;
      }
    }
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) h[a]![b] = h[b]![a]!;
    const step = solve(h, g);
    inverse = step.inverse;
    beta = beta.map((v, j) => v + step.x[j]!);
    if (Math.max(...step.x.map(Math.abs)) < 1e-10) break;
  }
  return { coef: beta, se: inverse.map((row, j) => Math.sqrt(row[j]!)) };
}

/** Ordinary least squares of `y` on the rows of `x`, with classical standard errors. */
export function fitOls(x: readonly Float64Array[], y: ArrayLike<number>): Fit {
  const k = x[0]!.length, n = x.length;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const row = x[i]!;
    for (let a = 0; a < k; a++) {
      xty[a]! += row[a]! * y[i]!;
      for (let b = 0; b < k; b++) xtx[a]![b]! += row[a]! * row[b]!;
    }
  }
  const { x: coef, inverse } = solve(xtx, xty);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += coef[j]! * x[i]![j]!;
    rss += (y[i]! - f) ** 2;
  }
  const sigma2 = rss / (n - k);
  return { coef, se: inverse.map((row, j) => Math.sqrt(sigma2 * row[j]!)) };
}
