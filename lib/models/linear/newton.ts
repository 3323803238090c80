/**
 * Newton (IRLS) solver for L2-regularised logistic regression on a sparse one-hot design
 * ({@link Design}):
 *
 * `F(w, b) = Σ_i s_i [log(1 + e^{z_i}) − y_i z_i] + ‖w‖² / (2C)`, `z_i = b + w·x_i`
 *
 * (scikit-learn's objective divided by C, so the same minimiser; the intercept is not penalised).
 * Each step solves `H δ = −∇F` with `H = Xᵀ diag(s p (1 − p)) X + I/C` by Cholesky. Building H costs
 * O((numeric + categorical features)²) per row, whatever the number of one-hot columns, because each
 * categorical feature contributes a single 1 per row.
 *
 * Line search: backtracking on the Armijo condition. Near the optimum the decrease of F falls below the
 * rounding noise of F itself (a sum over all rows), so a step whose change of F is within that noise
 * is accepted when it reduces ‖∇F‖₁ instead (the rule scikit-learn's Newton solvers use); without it
 * the solver stalls a hair short of the tolerance and burns every remaining iteration.
 * @module
 */
import { choleskySolve } from "./_cholesky.ts";
import { type Design, designMargins } from "./_design.ts";

/** Problem and stopping rule for {@link newtonLogistic}. */
export interface NewtonProblem {
  readonly design: Design;
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
  const { design, labels, weights, C, fitIntercept, maxIter, tol } = prob;
  const { n, d, nNumeric, numericColumns, numeric, nCategorical, categories } = design;
  const m = d + (fitIntercept ? 1 : 0); // parameters: w[0..d), then b
  const beta = new Float64Array(m);
  let sw = 0, swy = 0;
  for (let i = 0; i < n; i++) {
    const s = weights === undefined ? 1 : weights[i]!;
    sw += s, swy += s * labels[i]!;
  }
  if (fitIntercept) beta[d] = Math.log(swy / (sw - swy));
  const threshold = tol * Math.max(1, sw);

  const margins = (b: Float64Array, out: Float64Array) =>
    designMargins(design, b, fitIntercept ? b[d]! : 0, out);
  /** F with compensated (Neumaier) summation, so its rounding noise is ~ε·|F|, not ~n·ε·|F|. */
  const objectiveAt = (b: Float64Array, zs: Float64Array): number => {
    let f = 0, comp = 0;
    for (let i = 0; i < n; i++) {
      const s = weights === undefined ? 1 : weights[i]!;
      const term = s * (softplus(zs[i]!) - labels[i]! * zs[i]!);
      const t = f + term;
      comp += Math.abs(f) >= Math.abs(term) ? (f - t) + term : (term - t) + f;
      f = t;
    }
    let r = 0;
    for (let j = 0; j < d; j++) r += b[j]! * b[j]!;
    return f + comp + r / (2 * C);
  };

  const rs = new Float64Array(n), hs = new Float64Array(n);
  const hNum = new Float64Array(nNumeric * nNumeric), hNumB = new Float64Array(nNumeric);
  const BLOCK = 256;
  const wx = new Float64Array(BLOCK), perColumn = new Float64Array(d);
  /** Gradient into `grad` and, when `hess` is given, the lower triangle of the Hessian (then mirrored). */
  const accumulate = (b: Float64Array, zs: Float64Array, grad: Float64Array, hess: Float64Array | null) => {
    grad.fill(0);
    let gB = 0, hBB = 0;
    for (let i = 0; i < n; i++) {
      const s = weights === undefined ? 1 : weights[i]!;
      const p = sigmoid(zs[i]!);
      const r = s * (p - labels[i]!), h = s * p * (1 - p);
      rs[i] = r, hs[i] = h;
      gB += r, hBB += h;
    }
    for (let k = 0; k < nNumeric; k++) {
      const off = k * n;
      let g = 0;
      for (let i = 0; i < n; i++) g += rs[i]! * numeric[off + i]!;
      grad[numericColumns[k]!] = g;
    }
    if (hess !== null) hess.fill(0);
    if (nCategorical > 0) {
      for (let i = 0; i < n; i++) {
        const cOff = i * nCategorical, r = rs[i]!, h = hs[i]!;
        for (let a = 0; a < nCategorical; a++) {
          const ca = categories[cOff + a]!;
          if (ca < 0) continue;
          grad[ca]! += r;
          if (hess === null || h === 0) continue;
          for (let bb = 0; bb <= a; bb++) {
            const cb = categories[cOff + bb]!;
            if (cb >= 0) hess[ca > cb ? ca * m + cb : cb * m + ca]! += h;
          }
          if (fitIntercept) hess[d * m + ca]! += h;
        }
      }
    }
    for (let j = 0; j < d; j++) grad[j]! += b[j]! / C;
    if (fitIntercept) grad[d] = gB;
    if (hess === null) return;
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
    for (let j = 0; j < d; j++) hess[j * m + j]! += 1 / C;
    for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) hess[k * m + j] = hess[j * m + k]!;
  };
  const maxAbs = (g: Float64Array) => {
    let v = 0;
    for (let j = 0; j < g.length; j++) v = Math.max(v, Math.abs(g[j]!));
    return v;
  };
  const sumAbs = (g: Float64Array) => {
    let v = 0;
    for (let j = 0; j < g.length; j++) v += Math.abs(g[j]!);
    return v;
  };

  const z = new Float64Array(n);
  margins(beta, z);
  let f = objectiveAt(beta, z);
  const grad = new Float64Array(m), hess = new Float64Array(m * m);
  const trial = new Float64Array(m), zTrial = new Float64Array(n), gTrial = new Float64Array(m);
  const negGrad = new Float64Array(m);
  let iterations = 0, converged = false, gradNorm = Infinity;

  for (;;) {
    accumulate(beta, z, grad, hess);
    gradNorm = maxAbs(grad);
    if (gradNorm <= threshold) {
      converged = true;
      break;
    }
    if (iterations >= maxIter) break;
    iterations++;

    for (let j = 0; j < m; j++) negGrad[j] = -grad[j]!;
    let step = choleskySolve(hess, negGrad, m);
    if (step === null) {
      // Numerically singular (e.g. a huge C with collinear columns): add a small ridge and retry.
      let trace = 0;
      for (let j = 0; j < m; j++) trace += hess[j * m + j]!;
      for (let j = 0; j < m; j++) hess[j * m + j]! += 1e-10 * (trace / m + 1);
      step = choleskySolve(hess, negGrad, m) ?? Float64Array.from(negGrad);
    }
    let slope = 0;
    for (let j = 0; j < m; j++) slope += grad[j]! * step[j]!;
    const noise = 64 * Number.EPSILON * Math.max(1, Math.abs(f));
    const gradL1 = sumAbs(grad);
    let t = 1, accepted = false;
    for (let k = 0; k < 50; k++) {
      for (let j = 0; j < m; j++) trial[j] = beta[j]! + t * step[j]!;
      margins(trial, zTrial);
      const fTrial = objectiveAt(trial, zTrial);
      let ok = fTrial <= f + 1e-4 * t * slope;
      if (!ok && Math.abs(fTrial - f) <= noise) {
        accumulate(trial, zTrial, gTrial, null);
        ok = sumAbs(gTrial) < gradL1;
      }
      if (ok) {
        beta.set(trial), z.set(zTrial), f = fTrial, accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) break; // no progress possible at machine precision
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
