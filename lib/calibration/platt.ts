/**
 * Platt scaling: `p = σ(a·s + b)` fitted by weighted maximum likelihood, where `s` is the input score:
 * `logit(p)` when the calibrator is given probabilities (`input: "probability"`, the default; p is
 * clipped to `[1e-12, 1 − 1e-12]` first), or the raw score itself (`input: "score"`, e.g. a margin).
 *
 * The two parameters are found by Newton's method on the negative log-likelihood (2×2 Hessian, step
 * halving until the loss does not increase; Lin, Lin & Weng 2007). Convergence: the largest gradient
 * component falls under `1e-12 · Σw`, the Newton step becomes negligible, or 100 iterations.
 *
 * Target smoothing (`targetSmoothing: true`, Platt 1999): labels are replaced by
 * `t₊ = (N₊ + 1) / (N₊ + 2)` and `t₋ = 1 / (N₋ + 2)` (N = weighted class counts), which keeps the fit
 * finite on separable data and shrinks it on small calibration sets; scikit-learn's
 * `CalibratedClassifierCV(method="sigmoid")` does this. Off by default: then the fit is exactly an
 * unpenalised logistic regression of the labels on `s`.
 *
 * @example
 * ```ts
 * import { fitPlatt } from "./platt.ts";
 * const platt = fitPlatt([0.1, 0.2, 0.7, 0.4, 0.9, 0.8], [0, 1, 0, 0, 1, 1]);
 * platt.predict([0.5])[0]; // σ(a·logit(0.5) + b) = σ(b)
 * ```
 * @module
 */
import { InputError, ModelFormatError } from "../errors.ts";
import { type NumArray, requireFinite, requireProbabilities } from "../validate.ts";
import { checkCalibrationData } from "./_check.ts";

/** What the calibrator's input is. */
export type PlattInput = "probability" | "score";

/** Options for {@link fitPlatt}. */
export interface PlattOptions {
  /** "probability" (default): inputs are probabilities, the feature is logit(p). "score": raw scores. */
  readonly input?: PlattInput;
  /** Platt's smoothed targets instead of 0/1 (see module doc); default false. */
  readonly targetSmoothing?: boolean;
}

/** Serialized Platt calibrator (version 1). */
export interface PlattJSON {
  readonly kind: "platt";
  readonly version: 1;
  readonly a: number;
  readonly b: number;
  readonly input: PlattInput;
}

/** Probabilities are clipped to `[PLATT_EPS, 1 − PLATT_EPS]` before the logit. */
export const PLATT_EPS = 1e-12;

function feature(input: PlattInput, v: number): number {
  if (input === "score") return v;
  const p = Math.min(Math.max(v, PLATT_EPS), 1 - PLATT_EPS);
  return Math.log(p / (1 - p));
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** A fitted `p = σ(a·s + b)`. */
export class PlattCalibrator {
  readonly kind = "platt" as const;
  constructor(readonly a: number, readonly b: number, readonly input: PlattInput = "probability") {}

  /**
   * Calibrated probabilities.
   * @throws InputError on NaN, or on values outside [0, 1] when the input is "probability"
   */
  predict(x: NumArray): Float64Array {
    checkInputs(this.input, "p", x);
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = sigmoid(this.a * feature(this.input, x[i]!) + this.b);
    return out;
  }

  /** Versioned plain object. */
  toJSON(): PlattJSON {
    return { kind: "platt", version: 1, a: this.a, b: this.b, input: this.input };
  }

  /** Rebuilds from {@link PlattJSON}; throws ModelFormatError on a wrong version or shape. */
  static fromJSON(json: unknown): PlattCalibrator {
    const o = json as Partial<PlattJSON> | null;
    if (o === null || typeof o !== "object" || o.kind !== "platt") {
      throw new ModelFormatError('expected a Platt calibrator ({ kind: "platt" })', "kind");
    }
    if (o.version !== 1) {
      throw new ModelFormatError(`unsupported Platt calibrator version ${o.version}; expected 1`, "version");
    }
    if (!Number.isFinite(o.a) || !Number.isFinite(o.b)) {
      throw new ModelFormatError("a and b must be finite numbers", "a");
    }
    if (o.input !== "probability" && o.input !== "score") {
      throw new ModelFormatError(`input must be "probability" or "score", got ${o.input}`, "input");
    }
    return new PlattCalibrator(o.a!, o.b!, o.input);
  }
}

function checkInputs(input: PlattInput, field: string, x: NumArray): void {
  if (input === "probability") requireProbabilities(field, x);
  else requireFinite(field, x);
}

/**
 * Fits Platt scaling on `scores` (probabilities by default) against 0/1 `labels`.
 * @throws InputError on a length mismatch, NaN, labels not 0/1, a single class, bad weights, or
 *   (input "probability") scores outside [0, 1]
 */
export function fitPlatt(
  scores: NumArray,
  labels: NumArray,
  weights?: NumArray,
  options: PlattOptions = {},
): PlattCalibrator {
  const input = options.input ?? "probability";
  if (input !== "probability" && input !== "score") {
    throw new InputError("input", `must be "probability" or "score", got "${input}"`);
  }
  const { positives, negatives } = checkCalibrationData(scores, labels, weights);
  checkInputs(input, "scores", scores);
  const n = scores.length;
  const s = new Float64Array(n), t = new Float64Array(n), w = new Float64Array(n);
  const hi = options.targetSmoothing ? (positives + 1) / (positives + 2) : 1;
  const lo = options.targetSmoothing ? 1 / (negatives + 2) : 0;
  let wSum = 0;
  for (let i = 0; i < n; i++) {
    s[i] = feature(input, scores[i]!);
    t[i] = labels[i] === 1 ? hi : lo;
    w[i] = weights === undefined ? 1 : weights[i]!;
    wSum += w[i]!;
  }

  const loss = (a: number, b: number): number => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const z = a * s[i]! + b;
      // −[t log σ(z) + (1−t) log(1−σ(z))] = log(1 + e^z) − t·z, computed stably.
      const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      total += w[i]! * (softplus - t[i]! * z);
    }
    return total;
  };

  // Start from the prior log-odds (Platt's initialisation).
  let a = 0, b = Math.log((positives + (hi < 1 ? 1 : 0)) / (negatives + (lo > 0 ? 1 : 0)));
  let current = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(a * s[i]! + b);
      const r = w[i]! * (p - t[i]!), h = w[i]! * p * (1 - p);
      ga += r * s[i]!, gb += r;
      haa += h * s[i]! * s[i]!, hab += h * s[i]!, hbb += h;
    }
    if (Math.max(Math.abs(ga), Math.abs(gb)) < 1e-12 * wSum) break;
    // Tiny ridge keeps the 2×2 solve defined when all scores are equal.
    const ridge = 1e-12 * wSum;
    haa += ridge, hbb += ridge;
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det, db = -(haa * gb - hab * ga) / det;
    let step = 1, improved = false;
    while (step > 1e-10) {
      const next = loss(a + step * da, b + step * db);
      if (next <= current) {
        a += step * da, b += step * db, current = next, improved = true;
        break;
      }
      step /= 2;
    }
    if (
      !improved ||
      Math.max(Math.abs(step * da), Math.abs(step * db)) < 1e-13 * (1 + Math.abs(a) + Math.abs(b))
    ) break;
  }
  return new PlattCalibrator(a, b, input);
}
