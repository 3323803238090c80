/**
 * L-BFGS solver (Nocedal & Wright, Algorithm 7.4, two-loop recursion with `memory` pairs) for the
 * L2-regularised logistic objective of `_objective.ts`, for designs too wide for Newton's m × m
 * Hessian: memory O(memory · m) and O(n · features) per step. Same stopping rule and line search
 * ({@link backtrack}) as the Newton solver, so both stop at the same optimum.
 * @module
 */
import {
  backtrack,
  logisticObjective,
  type LogisticProblem,
  maxAbs,
  type SmoothObjective,
  type SolverResult,
  solverResult,
} from "./_objective.ts";
import type { Minimum } from "./newton.ts";

/** L-BFGS iterations allowed per `maxIter` (one Newton step is worth many quasi-Newton ones). */
export const LBFGS_ITERATIONS_PER_MAX_ITER = 20;

/** Minimises F by L-BFGS from w = 0, b = prior log-odds. */
export function lbfgsLogistic(prob: LogisticProblem, memory = 10): SolverResult {
  const r = lbfgsMinimize(
    logisticObjective(prob),
    prob.design.n,
    prob.maxIter * LBFGS_ITERATIONS_PER_MAX_ITER,
    memory,
  );
  return solverResult(prob, r.beta, r.iterations, r.converged, r.objective, r.gradientNorm);
}

/** L-BFGS on any smooth convex objective of the linear models (`n` rows), from `obj.start`. */
export function lbfgsMinimize(obj: SmoothObjective, n: number, maxIterations: number, memory = 10): Minimum {
  const { m } = obj;
  const beta = Float64Array.from(obj.start);
  const z = new Float64Array(n);
  obj.margins(beta, z);
  let f = obj.value(beta, z);
  const grad = new Float64Array(m), prevBeta = new Float64Array(m), prevGrad = new Float64Array(m);
  const dir = new Float64Array(m), alpha = new Float64Array(memory);
  const sHist = Array.from({ length: memory }, () => new Float64Array(m));
  const yHist = Array.from({ length: memory }, () => new Float64Array(m));
  const rho = new Float64Array(memory);
  const buf = { trial: new Float64Array(m), zTrial: new Float64Array(n), gTrial: new Float64Array(m) };
  let stored = 0, head = 0; // ring buffer of (s, y) pairs; head = next slot
  let iterations = 0, converged = false, gradNorm = Infinity;

  obj.gradient(beta, z, grad);
  for (;;) {
    gradNorm = maxAbs(grad);
    if (gradNorm <= obj.threshold) {
      converged = true;
      break;
    }
    if (iterations >= maxIterations) break;
    iterations++;

    // Two-loop recursion: dir = −H_k ∇F.
    for (let j = 0; j < m; j++) dir[j] = -grad[j]!;
    for (let k = 0; k < stored; k++) {
      const slot = (head - 1 - k + memory) % memory, s = sHist[slot]!, y = yHist[slot]!;
      let a = 0;
      for (let j = 0; j < m; j++) a += s[j]! * dir[j]!;
      a *= rho[slot]!;
      alpha[slot] = a;
      for (let j = 0; j < m; j++) dir[j]! -= a * y[j]!;
    }
    if (stored > 0) {
      const slot = (head - 1 + memory) % memory, y = yHist[slot]!;
      let yy = 0;
      for (let j = 0; j < m; j++) yy += y[j]! * y[j]!;
      const gamma = 1 / (rho[slot]! * yy); // sᵀy / yᵀy
      for (let j = 0; j < m; j++) dir[j]! *= gamma;
    } else {
      // First step: a unit-length gradient step (no curvature known yet).
      let norm = 0;
      for (let j = 0; j < m; j++) norm += grad[j]! * grad[j]!;
      const scale = 1 / Math.max(1, Math.sqrt(norm));
      for (let j = 0; j < m; j++) dir[j]! *= scale;
    }
    for (let k = stored - 1; k >= 0; k--) {
      const slot = (head - 1 - k + memory) % memory, s = sHist[slot]!, y = yHist[slot]!;
      let b = 0;
      for (let j = 0; j < m; j++) b += y[j]! * dir[j]!;
      b *= rho[slot]!;
      const c = alpha[slot]! - b;
      for (let j = 0; j < m; j++) dir[j]! += c * s[j]!;
    }

    prevBeta.set(beta), prevGrad.set(grad);
    let fNew = backtrack(obj, beta, z, f, grad, dir, buf);
    if (fNew === null && stored > 0) {
      // The quasi-Newton direction failed: forget the history and retry along the gradient.
      stored = 0;
      let norm = 0;
      for (let j = 0; j < m; j++) norm += grad[j]! * grad[j]!;
      const scale = 1 / Math.max(1, Math.sqrt(norm));
      for (let j = 0; j < m; j++) dir[j] = -grad[j]! * scale;
      fNew = backtrack(obj, beta, z, f, grad, dir, buf);
    }
    if (fNew === null) break; // no progress possible at machine precision
    f = fNew;
    obj.gradient(beta, z, grad);

    const s = sHist[head]!, y = yHist[head]!;
    let sy = 0, ss = 0, yy = 0;
    for (let j = 0; j < m; j++) {
      s[j] = beta[j]! - prevBeta[j]!, y[j] = grad[j]! - prevGrad[j]!;
      sy += s[j]! * y[j]!, ss += s[j]! * s[j]!, yy += y[j]! * y[j]!;
    }
    if (sy > 1e-12 * Math.sqrt(ss * yy)) { // keep only pairs with positive curvature
      rho[head] = 1 / sy;
      head = (head + 1) % memory;
      stored = Math.min(stored + 1, memory);
    }
  }
  return { beta, iterations, converged, objective: f, gradientNorm: gradNorm };
}
