/**
 * Test helper (not exported from `mod.ts`): unpenalised logistic regression by Newton–Raphson (IRLS), with
 * an optional offset, and ordinary least squares, both with standard errors (inverse observed information;
 * classical OLS). The simulators' effects tests use them to recover the declared log-odds and elasticities
 * from observed data. Small designs only (k ≲ 30 columns): the normal equations are solved by Cholesky.
 *
 * @example
 * ```ts
 * import { fitLogit } from "./_fit_logit.ts";
 * const x = [0, 0, 0, 0, 1, 1, 1, 1].map((g) => Float64Array.of(1, g));
 * const fit = fitLogit(x, [1, 0, 0, 0, 1, 1, 1, 0]);
 * fit.coef[1]; // log odds ratio: ln((3/1) / (1/3)) ≈ 2.197
 * ```
 * @module
 */
import { choleskySolve } from "../../lib/models/linear/mod.ts";

/** A fitted linear or logistic model: coefficients and their standard errors, in design-column order. */
export interface Fit {
  readonly coef: number[];
  readonly se: number[];
}

/** Options of {@link fitLogit}. */
export interface LogitOptions {
  /** Known per-row log-odds added to x·β (default 0). */
  readonly offset?: ArrayLike<number>;
  /** Newton steps at most (default 50); stops earlier once every step is below 1e-10. */
  readonly maxIterations?: number;
}

/** Solves the symmetric positive-definite k × k system a x = b; throws when `a` is singular. */
function solve(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const x = choleskySolve(a, b, k);
  if (!x) throw new Error("singular design matrix");
  return x;
}

/** Diagonal of a⁻¹ for a symmetric positive-definite k × k `a`. */
function inverseDiagonal(a: Float64Array, k: number): number[] {
  return Array.from({ length: k }, (_, j) => {
    const e = new Float64Array(k);
    e[j] = 1;
    return solve(a, e, k)[j]!;
  });
}

/** Accumulates xᵀ W x (lower triangle, then mirrored) for the rows of `x` with weights `w(i)`. */
function crossProduct(x: readonly Float64Array[], k: number, w: (i: number) => number): Float64Array {
  const h = new Float64Array(k * k);
  for (let i = 0; i < x.length; i++) {
    const row = x[i]!, wi = w(i);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b <= a; b++) h[a * k + b] = h[a * k + b]! + wi * row[a]! * row[b]!;
    }
  }
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) h[a * k + b] = h[b * k + a]!;
  return h;
}

/** Logistic regression of `y` (0/1) on the rows of `x` (include a 1 column for the intercept). */
export function fitLogit(x: readonly Float64Array[], y: ArrayLike<number>, options: LogitOptions = {}): Fit {
  const { offset, maxIterations = 50 } = options;
  const k = x[0]!.length;
  const beta = new Float64Array(k);
  let info: Float64Array = new Float64Array(k * k);
  const weight = new Float64Array(x.length);
  for (let it = 0; it < maxIterations; it++) {
    const g = new Float64Array(k);
    for (let i = 0; i < x.length; i++) {
      const row = x[i]!;
      let z = offset ? offset[i]! : 0;
      for (let j = 0; j < k; j++) z += beta[j]! * row[j]!;
      const p = 1 / (1 + Math.exp(-z)), r = y[i]! - p;
      weight[i] = p * (1 - p);
      for (let a = 0; a < k; a++) g[a] = g[a]! + r * row[a]!;
    }
    info = crossProduct(x, k, (i) => weight[i]!);
    const step = solve(info, g, k);
    for (let j = 0; j < k; j++) beta[j] = beta[j]! + step[j]!;
    if (step.every((s) => Math.abs(s) < 1e-10)) break;
  }
  return { coef: Array.from(beta), se: inverseDiagonal(info, k).map(Math.sqrt) };
}

/** Ordinary least squares of `y` on the rows of `x`, with classical standard errors. */
export function fitOls(x: readonly Float64Array[], y: ArrayLike<number>): Fit {
  const k = x[0]!.length, n = x.length;
  const xtx = crossProduct(x, k, () => 1);
  const xty = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) xty[a] = xty[a]! + x[i]![a]! * y[i]!;
  }
  const coef = Array.from(solve(xtx, xty, k));
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += coef[j]! * x[i]![j]!;
    rss += (y[i]! - f) ** 2;
  }
  const sigma2 = rss / (n - k);
  return { coef, se: inverseDiagonal(xtx, k).map((v) => Math.sqrt(sigma2 * v)) };
}
