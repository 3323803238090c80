/**
 * Squared error (LightGBM `regression`/L2, XGBoost `reg:squarederror`), identity link.
 *
 * For label `y` and raw score `f`: loss `L = w·(f − y)² / 2`, gradient `w·(f − y)`, hessian `w`.
 * @module
 */
import { InputError } from "../../../errors.ts";
import type { Objective } from "../objective.ts";

/**
 * L2 regression objective.
 *
 * @example
 * ```ts
 * import { RegressionObjective } from "./regression.ts";
 * const obj = new RegressionObjective();
 * obj.initScore([1, 2, 6])[0]; // 3 (the mean)
 * ```
 */
export class RegressionObjective implements Objective {
  readonly name = "regression" as const;
  readonly nOutputs = 1;
  readonly rowRanges = true;

  /** Labels must be finite numbers. */
  validate(labels: ArrayLike<number>): void {
    if (labels.length === 0) throw new InputError("labels", "must not be empty");
    for (let i = 0; i < labels.length; i++) {
      const y = labels[i]!;
      if (!Number.isFinite(y)) {
        throw new InputError("labels", `value at index ${i} is ${y}; expected a finite number`);
      }
    }
  }

  /** The weighted mean `Σ w·y / Σ w`, which minimises the squared error. */
  initScore(labels: ArrayLike<number>, weights?: ArrayLike<number>): Float64Array {
    let sum = 0, total = 0;
    for (let i = 0; i < labels.length; i++) {
      const w = weights ? weights[i]! : 1;
      sum += w * labels[i]!;
      total += w;
    }
    return Float64Array.of(total > 0 ? sum / total : 0);
  }

  /** `grad[i] = w·(f − y)`, `hess[i] = w`. */
  gradients(
    labels: ArrayLike<number>,
    raw: Float64Array,
    weights: ArrayLike<number> | undefined,
    grad: Float32Array,
    hess: Float32Array,
    from = 0,
    to: number = labels.length,
  ): void {
    if (weights) {
      for (let i = from; i < to; i++) {
        const w = weights[i]!;
        grad[i] = w * (raw[i]! - labels[i]!);
        hess[i] = w;
      }
    } else {
      for (let i = from; i < to; i++) {
        grad[i] = raw[i]! - labels[i]!;
        hess[i] = 1;
      }
    }
  }

  /** Identity (a copy). */
  transform(raw: Float64Array): Float64Array {
    return Float64Array.from(raw);
  }
}
