/**
 * Binary log loss (LightGBM `binary`, XGBoost `binary:logistic`) with a sigmoid link.
 *
 * For label `y ∈ {0, 1}`, raw score `f` and `p = σ(f) = 1 / (1 + e^(−f))`:
 * - loss `L = −w·[y·log p + (1 − y)·log(1 − p)]`
 * - gradient `∂L/∂f = w·(p − y)`, hessian `∂²L/∂f² = w·p·(1 − p)`
 *
 * `w` is the row weight (1 when absent) times `scalePosWeight` for positive rows.
 * @module
 */
import { InputError } from "../../../errors.ts";
import { describeValue, requireInRange } from "../../../validate.ts";
import type { Objective } from "../objective.ts";

/** Base rates are clamped to [EPS, 1 − EPS] so the initial log-odds stay finite (as LightGBM's kEpsilon). */
const EPS = 1e-15;

/**
 * Logistic function `1 / (1 + e^(−x))`. Safe for every finite x in double precision: for x ≪ 0 the
 * exponential overflows to +Infinity and the result is 0, never NaN (and there is no branch on the
 * sign of x, which the gradient loop would mispredict half the time).
 */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Options of the binary objective. */
export interface BinaryOptions {
  /** Weight multiplier for rows with label 1 (imbalanced data). Default 1; must be > 0. */
  scalePosWeight?: number;
}

/**
 * Binary logistic objective.
 *
 * @example
 * ```ts
 * import { BinaryObjective } from "./binary.ts";
 * const obj = new BinaryObjective();
 * const grad = new Float32Array(2), hess = new Float32Array(2);
 * obj.gradients([1, 0], new Float64Array([0, 0]), undefined, grad, hess);
 * // grad = [-0.5, 0.5], hess = [0.25, 0.25]
 * ```
 */
export class BinaryObjective implements Objective {
  readonly name = "binary" as const;
  readonly nOutputs = 1;
  readonly rowRanges = true;
  readonly scalePosWeight: number;

  constructor(options: BinaryOptions = {}) {
    const spw = options.scalePosWeight ?? 1;
    requireInRange("scalePosWeight", spw, Number.MIN_VALUE, Number.MAX_VALUE);
    this.scalePosWeight = spw;
  }

  /**
   * Labels must be exactly 0 or 1, with both classes present: on one class the loss has no minimum
   * (the raw scores run off towards ±∞ and the model predicts ~1e-15 or ~1), as logistic regression
   * rejects the same data.
   */
  validate(labels: ArrayLike<number>): void {
    if (labels.length === 0) throw new InputError("labels", "must not be empty");
    let positives = 0;
    for (let i = 0; i < labels.length; i++) {
      const y = labels[i]!;
      if (y !== 0 && y !== 1) {
        throw new InputError(
          "labels",
          `value at index ${i} is ${describeValue(y)}; the binary objective expects 0 or 1`,
        );
      }
      positives += y;
    }
    if (positives === 0 || positives === labels.length) {
      throw new InputError(
        "labels",
        `must contain both classes for the binary objective; all ${labels.length} are ${
          positives === 0 ? 0 : 1
        }`,
      );
    }
  }

  /**
   * Log-odds of the weighted base rate `Σ w·y / Σ w` (positive rows weighted by `scalePosWeight`):
   * the constant that minimises the weighted training loss.
   */
  initScore(labels: ArrayLike<number>, weights?: ArrayLike<number>): Float64Array {
    let pos = 0, total = 0;
    for (let i = 0; i < labels.length; i++) {
      const y = labels[i]!;
      const w = (weights ? weights[i]! : 1) * (y === 1 ? this.scalePosWeight : 1);
      pos += w * y;
      total += w;
    }
    let p = total > 0 ? pos / total : 0.5;
    p = Math.min(Math.max(p, EPS), 1 - EPS);
    return Float64Array.of(Math.log(p / (1 - p)));
  }

  /** `grad[i] = w·(σ(f) − y)`, `hess[i] = w·σ(f)(1 − σ(f))`. */
  gradients(
    labels: ArrayLike<number>,
    raw: Float64Array,
    weights: ArrayLike<number> | undefined,
    grad: Float32Array,
    hess: Float32Array,
    from = 0,
    to: number = labels.length,
  ): void {
    const spw = this.scalePosWeight;
    for (let i = from; i < to; i++) {
      const y = labels[i]!;
      const p = sigmoid(raw[i]!);
      const w = (weights ? weights[i]! : 1) * (y === 1 ? spw : 1);
      grad[i] = w * (p - y);
      hess[i] = w * p * (1 - p);
    }
  }

  /** Probabilities `σ(f)`. */
  transform(raw: Float64Array): Float64Array {
    const out = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = sigmoid(raw[i]!);
    return out;
  }
}
