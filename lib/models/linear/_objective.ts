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
import { type Design, designMargins, designTransposeTimes } from "./_design.ts";
import { gramBuilder, mirrorLower } from "./_gram.ts";

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

/**
 * Evaluators of F, ∇F and ∇²F with their preallocated buffers: what the Newton and L-BFGS solvers
 * minimise (the logistic objective here, the Poisson one in `_poisson_objective.ts`).
 */
export interface SmoothObjective {
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

/** The logistic objective's evaluators. */
export type LogisticObjective = SmoothObjective;

/** Builds the evaluators for `prob`. */
export function logisticObjective(prob: LogisticProblem): LogisticObjective {
  const { design, labels, weights, C, fitIntercept, tol } = prob;
  const { n, d } = design;
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
  const gram = gramBuilder(design, fitIntercept);
  const gradient = (b: Float64Array, zs: Float64Array, grad: Float64Array) => {
    let gB = 0;
    for (let i = 0; i < n; i++) {
      const s = weights === undefined ? 1 : weights[i]!;
      const p = sigmoid(zs[i]!);
      const r = s * (p - labels[i]!), h = s * p * (1 - p);
      rs[i] = r, hs[i] = h;
      gB += r;
    }
    designTransposeTimes(design, rs, grad);
    for (let j = 0; j < d; j++) grad[j]! += b[j]! / C;
    if (fitIntercept) grad[d] = gB;
  };
  /** ∇²F from the curvatures `hs` of the last gradient call. */
  const hessian = (hess: Float64Array) => {
    hess.fill(0);
    gram(hs, hess);
    for (let j = 0; j < d; j++) hess[j * m + j]! += 1 / C;
    mirrorLower(hess, m);
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
  obj: SmoothObjective,
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
