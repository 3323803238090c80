/**
 * Test helper: unpenalised logistic-regression maximum likelihood by Newton–Raphson (IRLS), with an
 * optional offset, returning coefficients and their standard errors from the inverse observed
 * information. Small designs only (p ≲ 30): the normal equations are solved by Cholesky.
 * @module
 */

/** Fitted coefficients and standard errors, in design-column order. */
export interface LogitFit {
  readonly beta: Float64Array;
  readonly se: Float64Array;
  readonly iterations: number;
}

function cholesky(a: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error(`design is singular at column ${i}`);
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j]!;
    }
  }
  return l;
}

function solve(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * y[k]!;
    y[i] = s / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}

/**
 * Fits logit P(y = 1) = offset + X·β. `x` is row-major n × p; `offset` defaults to 0.
 */
export function fitLogit(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  offset?: ArrayLike<number>,
): LogitFit {
  let beta = new Float64Array(p);
  let info = new Float64Array(p * p);
  let iterations = 0;
  for (; iterations < 50; iterations++) {
    const grad = new Float64Array(p);
    info = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      let eta = offset ? offset[i]! : 0;
      for (let j = 0; j < p; j++) eta += x[i * p + j]! * beta[j]!;
      const mu = 1 / (1 + Math.exp(-eta));
      const w = mu * (1 - mu), r = y[i]! - mu;
      for (let j = 0; j < p; j++) {
        const xj = x[i * p + j]!;
        grad[j] = grad[j]! + xj * r;
        for (let k = 0; k <= j; k++) info[j * p + k] = info[j * p + k]! + w * xj * x[i * p + k]!;
      }
    }
    for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) info[j * p + k] = info[k * p + j]!;
    const step = solve(cholesky(info, p), p, grad);
    beta = beta.map((b, j) => b + step[j]!);
    if (step.every((s) => Math.abs(s) < 1e-10)) break;
  }
  const l = cholesky(info, p);
  const se = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const e = new Float64Array(p);
    e[j] = 1;
    se[j] = Math.sqrt(solve(l, p, e)[j]!);
  }
  return { beta, se, iterations };
}
