/**
 * Poisson regression for counts (LightGBM `poisson`, XGBoost `count:poisson`) with a log link.
 *
 * For count `y ≥ 0` and raw score `f` (the log of the expected count): negative log-likelihood
 * (up to a constant) `L = w·(e^f − y·f)`, gradient `w·(e^f − y)`.
 *
 * The hessian is NOT the exact `w·e^f`: like LightGBM we use `w·e^(f + maxDeltaStep)` with
 * `poisson_max_delta_step = 0.7`. Inflating the hessian by `e^0.7 ≈ 2.01` damps the Newton leaf values
 * `−Σg / Σh`, which otherwise explode on leaves whose rows are all zero counts (`e^f → 0`).
 * @module
 */
import { InputError } from "../../../errors.ts";
import type { Objective } from "../objective.ts";

/** LightGBM's default `poisson_max_delta_step`. */
export const POISSON_MAX_DELTA_STEP = 0.7;

/**
 * Poisson objective.
 *
 * @example
 * ```ts
 * import { PoissonObjective } from "./poisson.ts";
 * const obj = new PoissonObjective();
 * Math.exp(obj.initScore([1, 2, 3])[0]!); // 2 (the mean count)
 * ```
 */
export class PoissonObjective implements Objective {
  readonly name = "poisson" as const;
  readonly nOutputs = 1;
  readonly rowRanges = true;
  readonly maxDeltaStep = POISSON_MAX_DELTA_STEP;

  /** Labels must be finite and ≥ 0, and not all zero (the log of a zero mean is −∞). */
  validate(labels: ArrayLike<number>): void {
    if (labels.length === 0) throw new InputError("labels", "must not be empty");
    let any = false;
    for (let i = 0; i < labels.length; i++) {
      const y = labels[i]!;
      if (!Number.isFinite(y) || y < 0) {
        throw new InputError(
          "labels",
          `value at index ${i} is ${y}; the poisson objective expects counts ≥ 0`,
        );
      }
      if (y > 0) any = true;
    }
    if (!any) {
      throw new InputError("labels", "are all zero; the poisson objective needs at least one positive count");
    }
  }

  /** `log(Σ w·y / Σ w)`: the log of the weighted mean count. */
  initScore(labels: ArrayLike<number>, weights?: ArrayLike<number>): Float64Array {
    let sum = 0, total = 0;
    for (let i = 0; i < labels.length; i++) {
      const w = weights ? weights[i]! : 1;
      sum += w * labels[i]!;
      total += w;
    }
    const mean = total > 0 ? sum / total : 1;
    return Float64Array.of(Math.log(Math.max(mean, 1e-15)));
  }

  /** `grad[i] = w·(e^f − y)`, `hess[i] = w·e^(f + 0.7)` (see the module doc). */
  gradients(
    labels: ArrayLike<number>,
    raw: Float64Array,
    weights: ArrayLike<number> | undefined,
    grad: Float32Array,
    hess: Float32Array,
    from = 0,
    to: number = labels.length,
  ): void {
    const step = this.maxDeltaStep;
    for (let i = from; i < to; i++) {
      const w = weights ? weights[i]! : 1;
      const f = raw[i]!;
      grad[i] = w * (Math.exp(f) - labels[i]!);
      hess[i] = w * Math.exp(f + step);
    }
  }

  /** Expected counts `e^f`. */
  transform(raw: Float64Array): Float64Array {
    const out = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = Math.exp(raw[i]!);
    return out;
  }
}
