/**
 * Correlation coefficients for comparing learned scores with true affinities.
 *
 *   pearson(x, y)  = Σ(x−x̄)(y−ȳ) / sqrt(Σ(x−x̄)² Σ(y−ȳ)²)
 *   spearman(x, y) = pearson(rank(x), rank(y)), ties get their average rank
 *
 * @example
 * ```ts
 * import { pearson, spearman } from "./correlation.ts";
 * pearson([1, 2, 3], [2, 4, 6]); // 1
 * spearman([1, 2, 3], [1, 4, 9]); // 1
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { requireFinite, requireSameLength } from "../validate.ts";

/** Pearson correlation; InputError on length < 2, mismatch, non-finite values or a constant input. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  requireSameLength("x", x, "y", y);
  if (x.length < 2) throw new InputError("x", "needs at least 2 values");
  requireFinite("x", x);
  requireFinite("y", y);
  let mx = 0, my = 0;
  for (let i = 0; i < x.length; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= x.length;
  my /= y.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i]! - mx, b = y[i]! - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  if (sxx === 0 || syy === 0) {
    throw new InputError(sxx === 0 ? "x" : "y", "is constant; correlation is undefined");
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Average ranks (1-based), ties sharing the mean of their positions. */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const ranks = new Float64Array(x.length);
  for (let s = 0; s < order.length;) {
    let e = s + 1;
    while (e < order.length && x[order[e]!] === x[order[s]!]) e++;
    const r = (s + e + 1) / 2;
    for (let j = s; j < e; j++) ranks[order[j]!] = r;
    s = e;
  }
  return ranks;
}

/** Spearman rank correlation. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  requireSameLength("x", x, "y", y);
  requireFinite("x", x);
  requireFinite("y", y);
  return pearson(averageRanks(x), averageRanks(y));
}
