/**
 * Newton (IRLS) solver for L2-regularised logistic regression on a dense encoded design matrix:
 *
 * `F(w, b) = Σ_i s_i [log(1 + e^{z_i}) − y_i z_i] + ‖w‖² / (2C)`, `z_i = b + w·x_i`
 *
 * (scikit-learn's objective divided by C, so the same minimiser; the intercept is not penalised).
 * Each step solves `H δ = −∇F` with `H = Xᵀ diag(s p (1 − p)) X + I/C` by Cholesky (dense: fine for a
 * few hundred columns; cost O(n d²) per iteration), then backtracks until the Armijo condition holds.
 * @module
 */
import { choleskySolve } from "./_cholesky.ts";

/** Problem and stopping rule for {@link newtonLogistic}. */
export interface NewtonProblem {
  /** Row-major n × d encoded design matrix. */
  readonly x: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly labels: ArrayLike<number>;
  readonly weights: ArrayLike<number> | undefined;
  readonly C: number;
  readonly fitIntercept: boolean;
  readonly maxIter: number;
  /** Stop when max |∇F| ≤ tol · max(1, Σ s). */
  readonly tol: number;
}

/** Solver output. */
export interface NewtonResult {
  readonly coefficients: Float64Array;
  readonly intercept: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Final value of F (sklearn's objective divided by C). */
  readonly objective: number;
  /** Final max |∇F|. */
  readonly gradientNorm: number;
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Minimises F by damped Newton from w = 0, b = prior log-odds. */
export function newtonLogistic(prob: NewtonProblem): NewtonResult {
  const { x, n, d, labels, weights, C, fitIntercept, maxIter, tol } = prob;
  const m = d + (fitIntercept ? 1 : 0); // parameters: w[0..d), then b
  const beta = new Float64Array(m);
  let sw = 0, swy = 0;
  for (let i = 0; i < n; i++) {
    const s = weights === undefined ? 1 : weights[i]!;
    sw += s, swy += s * labels[i]!;
  }
  if (fitIntercept) beta[d] = Math.log(swy / (sw - swy));
  const threshold = tol * Math.max(1, sw);

  const z = new Float64Array(n);
  const margins = (b: Float64Array, out: Float64Array): void => {
    const b0 = fitIntercept ? b[d]! : 0;
    for (let i = 0; i < n; i++) {
      let s = b0;
      const off = i * d;
      for (let j = 0; j < d; j++) s += x[off + j]! * b[j]!;
      out[i] = s;
    }
  };
  const objectiveAt = (b: Float64Array, zs: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const s = weights === undefined ? 1 : weights[i]!;
      f += s * (softplus(zs[i]!) - labels[i]! * zs[i]!);
    }
    let r = 0;
    for (let j = 0; j < d; j++) r += b[j]! * b[j]!;
    return f + r / (2 * C);
  };

  margins(beta, z);
  let f = objectiveAt(beta, z);
  const grad = new Float64Array(m), hess = new Float64Array(m * m);
  const trial = new Float64Array(m), zTrial = new Float64Array(n);
  let iterations = 0, converged = false, gradNorm = Infinity;

  for (;;) {
    grad.fill(0), hess.fill(0);
    for (let i = 0; i < n; i++) {
      const s = weights === undefined ? 1 : weights[i]!;
      const p = sigmoid(z[i]!);
      const r = s * (p - labels[i]!), h = s * p * (1 - p);
      const off = i * d;
      for (let j = 0; j < d; j++) {
        const xj = x[off + j]!;
        if (xj === 0) continue; // one-hot columns are mostly zero
        grad[j]! += r * xj;
        const hx = h * xj;
        for (let k = 0; k <= j; k++) hess[j * m + k]! += hx * x[off + k]!;
        if (fitIntercept) hess[d * m + j]! += hx;
      }
      if (fitIntercept) {
        grad[d]! += r;
        hess[d * m + d]! += h;
      }
    }
    for (let j = 0; j < d; j++) {
      grad[j]! += beta[j]! / C;
      hess[j * m + j]! += 1 / C;
    }
    // Mirror the lower triangle.
    for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) hess[k * m + j] = hess[j * m + k]!;

    gradNorm = 0;
    for (let j = 0; j < m; j++) gradNorm = Math.max(gradNorm, Math.abs(grad[j]!));
    if (gradNorm <= threshold) {
      converged = true;
      break;
    }
    if (iterations >= maxIter) break;
    iterations++;

    const negGrad = grad.map((g) => -g);
    let step = choleskySolve(hess, negGrad, m);
    if (step === null) {
      // Numerically singular (e.g. a huge C with collinear columns): add a small ridge and retry.
      let trace = 0;
      for (let j = 0; j < m; j++) trace += hess[j * m + j]!;
      for (let j = 0; j < m; j++) hess[j * m + j]! += 1e-10 * (trace / m + 1);
      step = choleskySolve(hess, negGrad, m) ?? negGrad;
    }
    let slope = 0;
    for (let j = 0; j < m; j++) slope += grad[j]! * step[j]!;
    let t = 1, accepted = false;
    for (let k = 0; k < 50; k++) {
      for (let j = 0; j < m; j++) trial[j] = beta[j]! + t * step[j]!;
      margins(trial, zTrial);
      const fTrial = objectiveAt(trial, zTrial);
      if (fTrial <= f + 1e-4 * t * slope) {
        beta.set(trial), z.set(zTrial), f = fTrial, accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) break; // no decrease possible at machine precision: we are at the optimum
  }
  return {
    coefficients: beta.slice(0, d),
    intercept: fitIntercept ? beta[d]! : 0,
    iterations,
    converged,
    objective: f,
    gradientNorm: gradNorm,
  };
}
