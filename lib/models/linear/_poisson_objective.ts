/**
 * The L2-regularised Poisson objective (log link) on a sparse one-hot {@link Design}, for the Newton and
 * L-BFGS solvers (internal). scikit-learn's `PoissonRegressor(alpha)` objective exactly:
 *
 * `F(w, b) = Σ_i s̃_i [e^{z_i} − y_i z_i] + (α/2)‖w‖²`, `z_i = b + w·x_i`, `s̃_i = s_i / Σ s`
 *
 * — the mean half Poisson deviance up to a constant (`½ d(y, μ) = y log(y/μ) − y + μ`), weights
 * normalised to sum to one, the intercept not penalised. F is summed with compensation (Neumaier).
 * @module
 */
import { type Design, designMargins, designTransposeTimes } from "./_design.ts";
import { gramBuilder, mirrorLower } from "./_gram.ts";
import type { SmoothObjective } from "./_objective.ts";

/** A Poisson problem. */
export interface PoissonProblem {
  readonly design: Design;
  /** Non-negative targets with a positive weighted sum (checked by the caller). */
  readonly labels: ArrayLike<number>;
  readonly weights: ArrayLike<number> | undefined;
  readonly alpha: number;
  readonly fitIntercept: boolean;
  /** Stop when max |∇F| ≤ tol · max(1, weighted mean of y). */
  readonly tol: number;
}

/** Builds the evaluators of F for `prob`; the start is w = 0, b = log(weighted mean y). */
export function poissonObjective(prob: PoissonProblem): SmoothObjective {
  const { design, labels, weights, alpha, fitIntercept, tol } = prob;
  const { n, d } = design;
  const m = d + (fitIntercept ? 1 : 0);
  const sw = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights === undefined ? 1 : weights[i]!;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    sw[i] = (weights === undefined ? 1 : weights[i]!) / total;
    meanY += sw[i]! * labels[i]!;
  }
  const start = new Float64Array(m);
  if (fitIntercept) start[d] = Math.log(meanY);
  const threshold = tol * Math.max(1, meanY);

  const margins = (b: Float64Array, out: Float64Array) =>
    designMargins(design, b, fitIntercept ? b[d]! : 0, out);
  const value = (b: Float64Array, zs: Float64Array): number => {
    let f = 0, comp = 0;
    for (let i = 0; i < n; i++) {
      const term = sw[i]! * (Math.exp(zs[i]!) - labels[i]! * zs[i]!);
      const t = f + term;
      comp += Math.abs(f) >= Math.abs(term) ? (f - t) + term : (term - t) + f;
      f = t;
    }
    let r = 0;
    for (let j = 0; j < d; j++) r += b[j]! * b[j]!;
    return f + comp + (alpha / 2) * r;
  };
  const rs = new Float64Array(n), hs = new Float64Array(n);
  const gram = gramBuilder(design, fitIntercept);
  const gradient = (b: Float64Array, zs: Float64Array, grad: Float64Array) => {
    let gB = 0;
    for (let i = 0; i < n; i++) {
      const mu = Math.exp(zs[i]!);
      const r = sw[i]! * (mu - labels[i]!);
      rs[i] = r, hs[i] = sw[i]! * mu;
      gB += r;
    }
    designTransposeTimes(design, rs, grad);
    for (let j = 0; j < d; j++) grad[j]! += alpha * b[j]!;
    if (fitIntercept) grad[d] = gB;
  };
  const hessian = (hess: Float64Array) => {
    hess.fill(0);
    gram(hs, hess);
    for (let j = 0; j < d; j++) hess[j * m + j]! += alpha;
    mirrorLower(hess, m);
  };
  return { m, threshold, start, margins, value, gradient, hessian };
}
