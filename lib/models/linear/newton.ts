/**
 * Newton (IRLS) solver for the linear models' objectives (logistic: `_objective.ts`; Poisson:
 * `_poisson_objective.ts`), shown here for logistic: each step solves
 * `H δ = −∇F` with `H = Xᵀ diag(s p (1 − p)) X + I/C` by Cholesky and backtracks along δ
 * ({@link backtrack}). Quadratic convergence: a handful of steps to max |∇F| ~ 1e-12 on well-posed
 * problems. Memory and the factorisation grow as m² and m³ in the number of encoded columns m, so
 * `fit.ts` switches to L-BFGS for very wide designs.
 * @module
 */
import { choleskySolve } from "./_cholesky.ts";
import {
  backtrack,
  logisticObjective,
  type LogisticProblem,
  maxAbs,
  type SmoothObjective,
  type SolverResult,
  solverResult,
} from "./_objective.ts";

/** Minimises F by damped Newton from w = 0, b = prior log-odds. */
export function newtonLogistic(prob: LogisticProblem): SolverResult {
  const r = newtonMinimize(logisticObjective(prob), prob.design.n, prob.maxIter);
  return solverResult(prob, r.beta, r.iterations, r.converged, r.objective, r.gradientNorm);
}

/** Where a solver stopped: the parameters, and how. */
export interface Minimum {
  readonly beta: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  readonly objective: number;
  readonly gradientNorm: number;
}

/**
 * Damped Newton on any smooth convex objective of the linear models (`n` rows), from `obj.start`, until
 * max |∇F| ≤ `obj.threshold` or `maxIter` steps.
 */
export function newtonMinimize(obj: SmoothObjective, n: number, maxIter: number): Minimum {
  const { m } = obj;
  const beta = Float64Array.from(obj.start);
  const z = new Float64Array(n);
  obj.margins(beta, z);
  let f = obj.value(beta, z);
  const grad = new Float64Array(m), hess = new Float64Array(m * m), negGrad = new Float64Array(m);
  const buf = { trial: new Float64Array(m), zTrial: new Float64Array(n), gTrial: new Float64Array(m) };
  let iterations = 0, converged = false, gradNorm = Infinity;

  for (;;) {
    obj.gradient(beta, z, grad);
    gradNorm = maxAbs(grad);
    if (gradNorm <= obj.threshold) {
      converged = true;
      break;
    }
    if (iterations >= maxIter) break;
    iterations++;
    obj.hessian(hess); // at beta: before the line search moves the stored curvatures

    for (let j = 0; j < m; j++) negGrad[j] = -grad[j]!;
    let step = choleskySolve(hess, negGrad, m);
    if (step === null) {
      // Numerically singular (e.g. a huge C with collinear columns): add a small ridge and retry.
      let trace = 0;
      for (let j = 0; j < m; j++) trace += hess[j * m + j]!;
      for (let j = 0; j < m; j++) hess[j * m + j]! += 1e-10 * (trace / m + 1);
      step = choleskySolve(hess, negGrad, m) ?? Float64Array.from(negGrad);
    }
    const fNew = backtrack(obj, beta, z, f, grad, step, buf);
    if (fNew === null) break; // no progress possible at machine precision
    f = fNew;
  }
  return { beta, iterations, converged, objective: f, gradientNorm: gradNorm };
}
