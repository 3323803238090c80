/**
 * Two-sample Kolmogorov–Smirnov test: the largest gap between the two empirical CDFs,
 * `D = max_x |F_a(x) − F_b(x)|` (scipy's `ks_2samp(a, b).statistic`), with an asymptotic p-value.
 *
 * The p-value is the Kolmogorov limiting distribution `Q_KS(√(n·m/(n+m)) · D)` (scipy's
 * `kstwobign.sf`). It is asymptotic: for small samples it is larger (more conservative) than scipy's
 * default exact p-value; use it for monitoring-sized samples (n·m/(n+m) in the tens or more).
 *
 * @example
 * ```ts
 * import { ksTwoSample } from "./ks.ts";
 * ksTwoSample([1, 2, 3], [4, 5, 6]).statistic; // 1
 * ```
 * @module
 */
import { requireFinite, requireNonEmpty } from "../validate.ts";
import type { NumArray } from "../validate.ts";

/** Result of {@link ksTwoSample}. */
export interface KsResult {
  /** The KS statistic D in [0, 1]. */
  readonly statistic: number;
  /** Asymptotic two-sided p-value in [0, 1]. */
  readonly pValue: number;
}

/**
 * Survival function of the Kolmogorov distribution, `P(K > λ)`, with the two classical series
 * (Jacobi theta form for small λ, alternating series for large λ); accurate to ~1e-15.
 */
export function kolmogorovSf(lambda: number): number {
  if (!(lambda > 0)) return 1;
  let p: number;
  if (lambda < 1.18) {
    const c = -(Math.PI * Math.PI) / (8 * lambda * lambda);
    let sum = 0;
    for (let j = 1; j <= 20; j++) sum += Math.exp(c * (2 * j - 1) * (2 * j - 1));
    p = 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum;
  } else {
    let sum = 0;
    for (let j = 1; j <= 100; j++) {
      const term = Math.exp(-2 * j * j * lambda * lambda);
      sum += j % 2 === 1 ? term : -term;
      if (term < 1e-18) break;
    }
    p = 2 * sum;
  }
  return Math.min(1, Math.max(0, p));
}

/**
 * Two-sample KS statistic and asymptotic p-value.
 * @throws InputError when a sample is empty or holds NaN/±Infinity.
 */
export function ksTwoSample(a: NumArray, b: NumArray): KsResult {
  requireNonEmpty("a", a);
  requireNonEmpty("b", b);
  requireFinite("a", a);
  requireFinite("b", b);
  const x = Float64Array.from(a).sort(), y = Float64Array.from(b).sort();
  const n = x.length, m = y.length;
  let i = 0, j = 0, d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < n && x[i] === v) i++; // step past all ties at v in both samples before comparing
    while (j < m && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const en = (n * m) / (n + m);
  return { statistic: d, pValue: kolmogorovSf(Math.sqrt(en) * d) };
}
