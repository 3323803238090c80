/**
 * The L2-regularised logistic objective on a sparse one-hot {@link Design}, shared by the solvers
 * (internal):
 *
 * `F(w, b) = Σ_i s_i [log(1 + e^{z_i}) − y_i z_i] + ‖w‖² / (2C)`, `z_i = b + w·x_i`
 *
 * (scikit-learn's objective divided by C, so the same minimiser; the intercept is not penalised).
 * Parameters are `[w_0 … w_{d−1}, b]` (b only with an intercept). F is summed with compensation
 * (Neumaier), so its rounding noise is ~ε·|F| rather than ~n·ε·|F|. The Hessian costs
 * O((numeric + categorical features)²) per row however many one-hot columns there are, because each
 * categorical feature contributes a single 1 per row.
 * @module
 */
import { type Design, designMargins } from "./_design.ts";

/** Problem definition shared by the solvers. */
export interface LogisticProblem {
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
export interface SolverResult {
  readonly coefficients: Float64Array;
  readonly intercept: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Final value of F (sklearn's objective divided by C). */
  readonly objective: number;
  /** Final max |∇F|. */
  readonly gradientNorm: number;
}

/**
 * The solver result for parameters `beta` (the d coefficients, then the intercept when the problem
 * fits one).
 */
export function solverResult(
  prob: LogisticProblem,
  beta: Float64Array,
  iterations: number,
  converged: boolean,
  objective: number,
  gradientNorm: number,
): SolverResult {
  const d = prob.design.d;
  return {
    coefficients: beta.slice(0, d),
    intercept: prob.fitIntercept ? beta[d]! : 0,
    iterations,
    converged,
    objective,
    gradientNorm,
  };
}

/** Evaluators of F, ∇F and ∇²F with their preallocated buffers. */
export interface LogisticObjective {
  /** Number of parameters (d, plus 1 with an intercept). */
  readonly m: number;
  /** Stopping threshold on max |∇F|. */
  readonly threshold: number;
  /** Starting point: w = 0, b = the prior log-odds. */
  readonly start: Float64Array;
  /** Margins `z = b + X w` of the parameter vector. */
  margins(beta: Float64Array, out: Float64Array): void;
  /** F at the parameters whose margins are `z`. */
  value(beta: Float64Array, z: Float64Array): number;
  /** ∇F into `grad`; remembers the row curvatures for {@link hessian}. */
  gradient(beta: Float64Array, z: Float64Array, grad: Float64Array): void;
  /** ∇²F (m × m, row-major) at the point of the last {@link gradient} call. */
  hessian(hess: Float64Array): void;
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Builds the evaluators for `prob`. */
export function logisticObjective(prob: LogisticProblem): LogisticObjective {
  const { design, labels, weights, C, fitIntercept, tol } = prob;
  const { n, d, nNumeric, numericColumns, numeric, nCategorical, categories } = design;
  const m = d + (fitIntercept ? 1 : 0); // parameters: w[0..d), then b
  const start = new Float64Array(m);
  let sw = 0, swy = 0, swn = 0;
  for (let i = 0; i < n; i++) {
    const s = weights === undefined ? 1 : weights[i]!;
    sw += s, swy += s * labels[i]!, swn += s * (1 - labels[i]!);
  }
  // The log-odds of the weighted base rate (the intercept's optimum with zero coefficients). The
  // negatives' weight is summed, not taken as sw − swy: that difference is 0 when their weights are
  // below the positives' rounding error, and the start would be +∞.
  if (fitIntercept) start[d] = Math.log(swy / swn);
  const threshold = tol * Math.max(1, sw);

  const margins = (b: Float64Array, out: Float64Array) =>
    designMargins(design, b, fitIntercept ? b[d]! : 0, out);
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
  let hBB = 0;
  const gradient = (b: Float64Array, zs: Float64Array, grad: Float64Array) => {
    grad.fill(0);
    let gB = 0;
    hBB = 0;
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
    for (let i = 0; i < n; i++) {
      const cOff = i * nCategorical, r = rs[i]!;
      for (let a = 0; a < nCategorical; a++) {
        const ca = categories[cOff + a]!;
        if (ca >= 0) grad[ca]! += r;
      }
    }
    for (let j = 0; j < d; j++) grad[j]! += b[j]! / C;
    if (fitIntercept) grad[d] = gB;
  };
  /** Lower triangle of ∇²F from the curvatures `hs` of the last gradient call, then mirrored. */
  const hessian = (hess: Float64Array) => {
    hess.fill(0);
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
    for (let j = 0; j < d; j++) hess[j * m + j]! += 1 / C;
    for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) hess[k * m + j] = hess[j * m + k]!;
  };
  return { m, threshold, start, margins, value: objectiveAt, gradient, hessian };
}

/** max_j |g_j|. */
export function maxAbs(g: Float64Array): number {
  let v = 0;
  for (let j = 0; j < g.length; j++) v = Math.max(v, Math.abs(g[j]!));
  return v;
}

/** Σ_j |g_j|. */
export function sumAbs(g: Float64Array): number {
  let v = 0;
  for (let j = 0; j < g.length; j++) v += Math.abs(g[j]!);
  return v;
}

/** Buffers for {@link backtrack}. */
export interface LineSearchBuffers {
  readonly trial: Float64Array;
  readonly zTrial: Float64Array;
  readonly gTrial: Float64Array;
}

/**
 * Backtracking line search along `step` from `beta` (margins `z`, value `f`, gradient `grad`): halves
 * t from 1 until the Armijo condition holds. Near the optimum the decrease of F falls below F's own
 * rounding noise, so a step whose change of F is within that noise is accepted when it reduces
 * ‖∇F‖₁ instead (the rule scikit-learn's Newton solvers use); without it a solver stalls a hair short
 * of the tolerance and burns every remaining iteration. On success `beta`, `z` are updated in place
 * and the new F is returned; null when no step is accepted.
 */
export function backtrack(
  obj: LogisticObjective,
  beta: Float64Array,
  z: Float64Array,
  f: number,
  grad: Float64Array,
  step: Float64Array,
  buf: LineSearchBuffers,
): number | null {
  const { trial, zTrial, gTrial } = buf;
  const m = beta.length;
  let slope = 0;
  for (let j = 0; j < m; j++) slope += grad[j]! * step[j]!;
  if (!(slope < 0)) return null;
  const noise = 64 * Number.EPSILON * Math.max(1, Math.abs(f));
  const gradL1 = sumAbs(grad);
  let t = 1;
  for (let k = 0; k < 50; k++) {
    for (let j = 0; j < m; j++) trial[j] = beta[j]! + t * step[j]!;
    obj.margins(trial, zTrial);
    const fTrial = obj.value(trial, zTrial);
    let ok = fTrial <= f + 1e-4 * t * slope;
    if (!ok && Math.abs(fTrial - f) <= noise) {
      obj.gradient(trial, zTrial, gTrial);
      ok = sumAbs(gTrial) < gradL1;
    }
    if (ok) {
      beta.set(trial), z.set(zTrial);
      return fTrial;
    }
    t /= 2;
  }
  return null;
}
