/**
 * Ridge regression solvers on a sparse one-hot {@link Design} (internal), for scikit-learn's `Ridge`
 * objective `Σ_i s_i (y_i − b − w·x_i)² + α‖w‖²` (intercept not penalised): the normal equations
 * `(Xᵀ S X + α I) β = Xᵀ S y` (over `[w, b]`, no penalty on b), solved
 * - exactly by Cholesky ("cholesky": memory m², time m³ in the m encoded columns), or
 * - by Jacobi-preconditioned conjugate gradients ("cg": matrix-free, O(n · features) per iteration),
 *   until max |residual| ≤ tol · max(1, max |Xᵀ S y|), for designs too wide for Cholesky.
 * @module
 */
import { choleskySolve } from "./_cholesky.ts";
import { type Design, designMargins, designTransposeTimes } from "./_design.ts";
import { gramBuilder, mirrorLower } from "./_gram.ts";

/** A ridge problem. */
export interface RidgeProblem {
  readonly design: Design;
  readonly labels: ArrayLike<number>;
  readonly weights: ArrayLike<number> | undefined;
  readonly alpha: number;
  readonly fitIntercept: boolean;
  /** Conjugate-gradient iterations allowed. */
  readonly maxIter: number;
  readonly tol: number;
}

/** Solver output (parameters `[w, b]`); null `beta` when Cholesky finds the system singular. */
export interface RidgeSolution {
  readonly beta: Float64Array | null;
  readonly iterations: number;
  readonly converged: boolean;
  /** max |Xᵀ S (y − z) − α w| at the solution (the half gradient; intercept row without penalty). */
  readonly gradientNorm: number;
}

function weightsOf(prob: RidgeProblem): Float64Array {
  const { n } = prob.design;
  return Float64Array.from({ length: n }, (_, i) => (prob.weights === undefined ? 1 : prob.weights[i]!));
}

/** `Xᵀ s∘v` over `[w, b]`. */
function transposeTimes(prob: RidgeProblem, sv: Float64Array, out: Float64Array): void {
  designTransposeTimes(prob.design, sv, out);
  if (prob.fitIntercept) {
    let t = 0;
    for (let i = 0; i < sv.length; i++) t += sv[i]!;
    out[prob.design.d] = t;
  }
}

/** The right-hand side `Xᵀ S y`. */
function rhs(prob: RidgeProblem, s: Float64Array, m: number): Float64Array {
  const sy = Float64Array.from(s, (si, i) => si * prob.labels[i]!);
  const b = new Float64Array(m);
  transposeTimes(prob, sy, b);
  return b;
}

/** `(Xᵀ S X + αI) v` matrix-free (buffers `z` of n). */
function apply(
  prob: RidgeProblem,
  s: Float64Array,
  v: Float64Array,
  z: Float64Array,
  out: Float64Array,
): void {
  const d = prob.design.d;
  designMargins(prob.design, v, prob.fitIntercept ? v[d]! : 0, z);
  for (let i = 0; i < z.length; i++) z[i]! *= s[i]!;
  transposeTimes(prob, z, out);
  for (let j = 0; j < d; j++) out[j]! += prob.alpha * v[j]!;
}

function maxAbs(v: Float64Array): number {
  let r = 0;
  for (let j = 0; j < v.length; j++) r = Math.max(r, Math.abs(v[j]!));
  return r;
}

/** max |b − A β|, the half gradient of the objective at β. */
function residualNorm(prob: RidgeProblem, s: Float64Array, beta: Float64Array, b: Float64Array): number {
  const r = new Float64Array(beta.length);
  apply(prob, s, beta, new Float64Array(prob.design.n), r);
  for (let j = 0; j < r.length; j++) r[j] = b[j]! - r[j]!;
  return maxAbs(r);
}

/** Exact solve of the normal equations by Cholesky. */
export function ridgeCholesky(prob: RidgeProblem): RidgeSolution {
  const { d } = prob.design, m = d + (prob.fitIntercept ? 1 : 0);
  const s = weightsOf(prob);
  const a = new Float64Array(m * m);
  gramBuilder(prob.design, prob.fitIntercept)(s, a);
  for (let j = 0; j < d; j++) a[j * m + j]! += prob.alpha;
  mirrorLower(a, m);
  const b = rhs(prob, s, m);
  const beta = choleskySolve(a, b, m);
  if (beta === null) return { beta: null, iterations: 1, converged: false, gradientNorm: NaN };
  return { beta, iterations: 1, converged: true, gradientNorm: residualNorm(prob, s, beta, b) };
}

/** Jacobi-preconditioned conjugate gradients from β = 0. */
export function ridgeConjugateGradient(prob: RidgeProblem): RidgeSolution {
  const { n, d, nNumeric, numericColumns, numeric, nCategorical, categories } = prob.design;
  const m = d + (prob.fitIntercept ? 1 : 0);
  const s = weightsOf(prob);
  const b = rhs(prob, s, m);
  // Diagonal of A: Σ s x² per numeric column, Σ s per one-hot column and for the intercept, plus α.
  const diag = new Float64Array(m);
  for (let k = 0; k < nNumeric; k++) {
    let t = 0;
    for (let i = 0; i < n; i++) t += s[i]! * numeric[k * n + i]! ** 2;
    diag[numericColumns[k]!] = t;
  }
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < nCategorical; a++) {
      const c = categories[i * nCategorical + a]!;
      if (c >= 0) diag[c]! += s[i]!;
    }
    if (prob.fitIntercept) diag[d]! += s[i]!;
  }
  for (let j = 0; j < d; j++) diag[j]! += prob.alpha;
  for (let j = 0; j < m; j++) if (!(diag[j]! > 0)) diag[j] = 1; // an all-zero column with α = 0

  const threshold = prob.tol * Math.max(1, maxAbs(b));
  const beta = new Float64Array(m), r = Float64Array.from(b), zBuf = new Float64Array(n);
  const pre = Float64Array.from(r, (v, j) => v / diag[j]!),
    p = Float64Array.from(pre),
    ap = new Float64Array(m);
  let rz = 0;
  for (let j = 0; j < m; j++) rz += r[j]! * pre[j]!;
  let iterations = 0, converged = maxAbs(r) <= threshold;
  while (!converged && iterations < prob.maxIter) {
    iterations++;
    apply(prob, s, p, zBuf, ap);
    let pap = 0;
    for (let j = 0; j < m; j++) pap += p[j]! * ap[j]!;
    if (!(pap > 0)) break; // singular direction (α = 0 and collinear columns)
    const step = rz / pap;
    for (let j = 0; j < m; j++) beta[j]! += step * p[j]!, r[j]! -= step * ap[j]!;
    if (maxAbs(r) <= threshold) {
      // The recursive residual drifts from the true one over many steps: confirm before stopping.
      converged = residualNorm(prob, s, beta, b) <= threshold;
      if (converged) break;
    }
    let rzNew = 0;
    for (let j = 0; j < m; j++) pre[j] = r[j]! / diag[j]!, rzNew += r[j]! * pre[j]!;
    const beta2 = rzNew / rz;
    rz = rzNew;
    for (let j = 0; j < m; j++) p[j] = pre[j]! + beta2 * p[j]!;
  }
  return { beta, iterations, converged, gradientNorm: residualNorm(prob, s, beta, b) };
}
