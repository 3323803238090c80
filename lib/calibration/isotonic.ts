/**
 * Isotonic regression by pool-adjacent-violators (PAV), weighted, non-decreasing, as
 * scikit-learn's `IsotonicRegression(out_of_bounds="clip")`:
 *
 * 1. sort the points by `x`; points with equal `x` are merged into one (weighted mean of `y`, summed weight);
 * 2. PAV: scan left to right keeping blocks of pooled points; whenever a block's weighted mean is not
 *    above the previous block's, merge them (repeating backwards), so the block means increase;
 * 3. predict by linear interpolation between the fitted points (the block thresholds), and clip
 *    outside `[min x, max x]` to the end values.
 *
 * Interior points of a constant run are dropped from the stored thresholds (they do not change the
 * interpolation), like sklearn's `X_thresholds_` / `y_thresholds_`.
 *
 * @example
 * ```ts
 * import { fitIsotonic } from "./isotonic.ts";
 * const iso = fitIsotonic([1, 2, 3, 4], [1, 3, 2, 4]);
 * [...iso.predict([2.5, 0, 10])]; // [2.5, 1, 4]  (fit: 1, 2.5, 2.5, 4)
 * ```
 * @module
 */
import { InputError, ModelFormatError } from "../errors.ts";
import {
  type NumArray,
  requireFinite,
  requireNonEmpty,
  requireSameLength,
  requireWeights,
} from "../validate.ts";

/** Serialized isotonic calibrator (version 1). */
export interface IsotonicJSON {
  readonly kind: "isotonic";
  readonly version: 1;
  /** Increasing x thresholds. */
  readonly thresholds: number[];
  /** Fitted values at the thresholds (non-decreasing). */
  readonly values: number[];
}

/** A fitted non-decreasing piecewise-linear map. */
export class IsotonicCalibrator {
  readonly kind = "isotonic" as const;
  /** Increasing x thresholds (at least one). */
  readonly thresholds: Float64Array;
  /** Non-decreasing fitted values at the thresholds. */
  readonly values: Float64Array;

  constructor(thresholds: Float64Array, values: Float64Array) {
    this.thresholds = thresholds;
    this.values = values;
  }

  /**
   * Interpolates linearly between thresholds; clips to the end values outside the fitted range.
   * @throws InputError on a NaN or infinite input
   */
  predict(x: NumArray): Float64Array {
    requireFinite("p", x);
    const t = this.thresholds, v = this.values, m = t.length;
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      if (xi <= t[0]!) out[i] = v[0]!;
      else if (xi >= t[m - 1]!) out[i] = v[m - 1]!;
      else {
        // Largest j with t[j] <= xi (binary search), then interpolate on [t[j], t[j + 1]].
        let lo = 0, hi = m - 1;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (t[mid]! <= xi) lo = mid;
          else hi = mid;
        }
        const frac = (xi - t[lo]!) / (t[hi]! - t[lo]!);
        out[i] = v[lo]! + frac * (v[hi]! - v[lo]!);
      }
    }
    return out;
  }

  /** Versioned plain object. */
  toJSON(): IsotonicJSON {
    return { kind: "isotonic", version: 1, thresholds: [...this.thresholds], values: [...this.values] };
  }

  /** Rebuilds from {@link IsotonicJSON}; throws ModelFormatError on a wrong version or shape. */
  static fromJSON(json: unknown): IsotonicCalibrator {
    const o = json as Partial<IsotonicJSON> | null;
    if (o === null || typeof o !== "object" || o.kind !== "isotonic") {
      throw new ModelFormatError('expected an isotonic calibrator ({ kind: "isotonic" })', "kind");
    }
    if (o.version !== 1) {
      throw new ModelFormatError(
        `unsupported isotonic calibrator version ${o.version}; expected 1`,
        "version",
      );
    }
    const t = o.thresholds, v = o.values;
    if (!Array.isArray(t) || !Array.isArray(v) || t.length === 0 || t.length !== v.length) {
      throw new ModelFormatError(
        "thresholds and values must be non-empty arrays of equal length",
        "thresholds",
      );
    }
    for (let i = 0; i < t.length; i++) {
      if (
        !Number.isFinite(t[i]) || !Number.isFinite(v[i]) ||
        (i > 0 && (t[i]! <= t[i - 1]! || v[i]! < v[i - 1]!))
      ) {
        throw new ModelFormatError(
          `thresholds must increase and values must not decrease (index ${i})`,
          "thresholds",
        );
      }
    }
    return new IsotonicCalibrator(Float64Array.from(t), Float64Array.from(v));
  }
}

/**
 * Pool-adjacent-violators on values already ordered by x: returns the non-decreasing fit minimising
 * `Σ w_i (fit_i − y_i)²`. Reference-grade and O(n) amortised.
 */
export function poolAdjacentViolators(y: NumArray, w?: NumArray): Float64Array {
  const n = y.length;
  const blockMean = new Float64Array(n), blockWeight = new Float64Array(n), blockEnd = new Int32Array(n);
  let nBlocks = 0;
  for (let i = 0; i < n; i++) {
    let mean = y[i]!, weight = w === undefined ? 1 : w[i]!;
    // Merge backwards while the previous block is not below this one.
    while (nBlocks > 0 && blockMean[nBlocks - 1]! >= mean) {
      const pw = blockWeight[nBlocks - 1]!;
      const total = pw + weight;
      // Zero total weight (all-zero-weight points) keeps the plain mean so no NaN appears.
      mean = total > 0
        ? (blockMean[nBlocks - 1]! * pw + mean * weight) / total
        : (blockMean[nBlocks - 1]! + mean) / 2;
      weight = total;
      nBlocks--;
    }
    blockMean[nBlocks] = mean;
    blockWeight[nBlocks] = weight;
    blockEnd[nBlocks] = i + 1;
    nBlocks++;
  }
  const fit = new Float64Array(n);
  let start = 0;
  for (let b = 0; b < nBlocks; b++) {
    fit.fill(blockMean[b]!, start, blockEnd[b]!);
    start = blockEnd[b]!;
  }
  return fit;
}

/**
 * Fits a non-decreasing isotonic map `x → y` (any finite `y`; for calibration, 0/1 labels).
 * @param x inputs (scores or probabilities), finite
 * @param y targets, finite
 * @param weights optional non-negative sample weights
 * @throws InputError on empty input, a length mismatch, NaN/Infinity or bad weights
 */
export function fitIsotonic(x: NumArray, y: NumArray, weights?: NumArray): IsotonicCalibrator {
  requireNonEmpty("scores", x);
  requireSameLength("scores", x, "labels", y);
  requireFinite("scores", x);
  requireFinite("labels", y);
  requireWeights(weights, "scores", x.length);
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);

  // Merge equal x into one point (weighted mean y, summed weight).
  const ux: number[] = [], uy: number[] = [], uw: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!, xi = x[i]!, wi = weights === undefined ? 1 : weights[i]!;
    const last = ux.length - 1;
    if (last >= 0 && ux[last] === xi) {
      const total = uw[last]! + wi;
      uy[last] = total > 0 ? (uy[last]! * uw[last]! + y[i]! * wi) / total : uy[last]!;
      uw[last] = total;
    } else {
      ux.push(xi), uy.push(y[i]!), uw.push(wi);
    }
  }
  // Points whose x carries zero weight do not constrain the fit; drop them (sklearn does the same).
  const keep = uw.map((w) => w > 0);
  const fx = ux.filter((_, i) => keep[i]),
    fy = uy.filter((_, i) => keep[i]),
    fw = uw.filter((_, i) => keep[i]);
  if (fx.length === 0) throw new InputError("weights", "must not all be zero");
  const fit = poolAdjacentViolators(fy, fw);

  // Keep the ends of each constant run only.
  const t: number[] = [], v: number[] = [];
  for (let i = 0; i < fx.length; i++) {
    const interior = i > 0 && i < fx.length - 1 && fit[i] === fit[i - 1] && fit[i] === fit[i + 1];
    if (!interior) t.push(fx[i]!), v.push(fit[i]!);
  }
  return new IsotonicCalibrator(Float64Array.from(t), Float64Array.from(v));
}
