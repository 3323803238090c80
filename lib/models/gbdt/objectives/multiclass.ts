/**
 * Multiclass softmax cross-entropy (LightGBM `multiclass`, XGBoost `multi:softprob`).
 *
 * For K classes, raw scores `f_k` of a row and `p_k = softmax(f)_k`: loss `L = −w·log p_y`,
 * gradient `∂L/∂f_k = w·(p_k − 1{y = k})`.
 *
 * The exact diagonal of the hessian is `w·p_k(1 − p_k)`; like XGBoost and LightGBM ≤ 2.x we use
 * `2·w·p_k(1 − p_k)` (newer LightGBM uses the factor K/(K−1), which equals 2 for K = 2). The factor
 * halves the Newton steps: each tree fits one class as if the others were fixed, and the full diagonal
 * step over-shoots because the classes are coupled through the softmax.
 * @module
 */
import { InputError } from "../../../errors.ts";
import { requireIntInRange } from "../../../validate.ts";
import type { Objective } from "../objective.ts";

const EPS = 1e-15;

/** Options of the multiclass objective. */
export interface MulticlassOptions {
  /** Number of classes K ≥ 2. */
  numClass: number;
}

/**
 * Softmax objective with `nOutputs = numClass`.
 *
 * @example
 * ```ts
 * import { MulticlassObjective } from "./multiclass.ts";
 * const obj = new MulticlassObjective({ numClass: 3 });
 * obj.transform(new Float64Array([0, 0, 0])); // [1/3, 1/3, 1/3]
 * ```
 */
export class MulticlassObjective implements Objective {
  readonly name = "multiclass" as const;
  readonly nOutputs: number;
  readonly rowRanges = true;

  constructor(options: MulticlassOptions) {
    requireIntInRange("numClass", options.numClass, 2, 1 << 16);
    this.nOutputs = options.numClass;
  }

  /** Labels must be integers in [0, numClass). */
  validate(labels: ArrayLike<number>): void {
    if (labels.length === 0) throw new InputError("labels", "must not be empty");
    const k = this.nOutputs;
    for (let i = 0; i < labels.length; i++) {
      const y = labels[i]!;
      if (!Number.isInteger(y) || y < 0 || y >= k) {
        throw new InputError("labels", `value at index ${i} is ${y}; expected an integer class in [0, ${k})`);
      }
    }
  }

  /** `log` of the weighted class frequencies, so the initial softmax equals the class priors. */
  initScore(labels: ArrayLike<number>, weights?: ArrayLike<number>): Float64Array {
    const k = this.nOutputs;
    const freq = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < labels.length; i++) {
      const w = weights ? weights[i]! : 1;
      const y = labels[i]!;
      freq[y] = freq[y]! + w;
      total += w;
    }
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) out[c] = Math.log(Math.max(total > 0 ? freq[c]! / total : 1 / k, EPS));
    return out;
  }

  /** `grad[k·n + i] = w·(p_k − 1{y = k})`, `hess[k·n + i] = 2·w·p_k(1 − p_k)`. */
  gradients(
    labels: ArrayLike<number>,
    raw: Float64Array,
    weights: ArrayLike<number> | undefined,
    grad: Float32Array,
    hess: Float32Array,
    from = 0,
    to: number = labels.length,
  ): void {
    const n = labels.length, k = this.nOutputs;
    const p = new Float64Array(k);
    for (let i = from; i < to; i++) {
      softmaxRow(raw, i * k, k, p, 0);
      const w = weights ? weights[i]! : 1;
      const y = labels[i]!;
      for (let c = 0; c < k; c++) {
        const pc = p[c]!;
        grad[c * n + i] = w * (c === y ? pc - 1 : pc);
        hess[c * n + i] = 2 * w * pc * (1 - pc);
      }
    }
  }

  /** Per-row softmax probabilities, row-major like `raw`. */
  transform(raw: Float64Array): Float64Array {
    const k = this.nOutputs;
    if (raw.length % k !== 0) {
      throw new InputError("raw", `length ${raw.length} is not a multiple of ${k} classes`);
    }
    const out = new Float64Array(raw.length);
    for (let off = 0; off < raw.length; off += k) softmaxRow(raw, off, k, out, off);
    return out;
  }
}

/** Writes softmax(src[from .. from + k)) into dst[to .. to + k), shifting by the max for stability. */
function softmaxRow(src: Float64Array, from: number, k: number, dst: Float64Array, to: number): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, src[from + c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(src[from + c]! - max);
    dst[to + c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) dst[to + c] = dst[to + c]! / sum;
}
