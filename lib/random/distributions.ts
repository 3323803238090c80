/**
 * Samplers over {@link Rng}: normal, lognormal, exponential, gamma, beta, Poisson, categorical, Zipf.
 * All draw only from the generator passed in, so the same seed gives the same samples.
 * @module
 */
import { InputError } from "../errors.ts";
import type { Rng } from "./rng.ts";

/** Standard normal by the Marsaglia polar method (no cached spare: every call is self-contained). */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  let u: number, v: number, s: number;
  do {
    u = 2 * rng.float() - 1;
    v = 2 * rng.float() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  return mean + sd * u * Math.sqrt((-2 * Math.log(s)) / s);
}

/** Lognormal: exp(N(mu, sigma)). Mean is exp(mu + sigma²/2). */
export function lognormal(rng: Rng, mu = 0, sigma = 1): number {
  return Math.exp(normal(rng, mu, sigma));
}

/** Exponential with rate λ (mean 1/λ). */
export function exponential(rng: Rng, rate = 1): number {
  if (!(rate > 0)) throw new InputError("rate", `must be > 0, got ${rate}`);
  return -Math.log(1 - rng.float()) / rate;
}

/** Gamma(shape k, scale θ) by Marsaglia–Tsang; shape < 1 uses the boost U^(1/k). Mean kθ. */
export function gamma(rng: Rng, shape: number, scale = 1): number {
  if (!(shape > 0)) throw new InputError("shape", `must be > 0, got ${shape}`);
  if (!(scale > 0)) throw new InputError("scale", `must be > 0, got ${scale}`);
  if (shape < 1) {
    const u = rng.float();
    return gamma(rng, shape + 1, scale) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.float();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/** Beta(α, β) as X/(X+Y) with X~Gamma(α), Y~Gamma(β). Mean α/(α+β). */
export function beta(rng: Rng, alpha: number, betaParam: number): number {
  const x = gamma(rng, alpha);
  const y = gamma(rng, betaParam);
  return x / (x + y);
}

/**
 * Poisson(λ). Knuth's product method for λ < 30; for larger λ the PTRS transformed-rejection method
 * (Hörmann 1993), exact and O(1).
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new InputError("lambda", `must be a finite number >= 0, got ${lambda}`);
  }
  if (lambda === 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = rng.float();
    while (p > limit) {
      k++;
      p *= rng.float();
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.float() - 0.5;
    const v = rng.float();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)
    ) {
      return k;
    }
  }
}

/** ln(k!) exactly for small k, Stirling series beyond. */
export function logFactorial(k: number): number {
  if (k < 2) return 0;
  if (k < 20) {
    let r = 0;
    for (let i = 2; i <= k; i++) r += Math.log(i);
    return r;
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/**
 * A sampler over categories 0..n-1 with the given non-negative weights (need not sum to 1), built once
 * and drawn in O(log n) by binary search on the cumulative weights.
 */
export class Categorical {
  readonly #cumulative: Float64Array;
  readonly #total: number;
  constructor(weights: ArrayLike<number>) {
    if (weights.length === 0) throw new InputError("weights", "must not be empty");
    this.#cumulative = new Float64Array(weights.length);
    let acc = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new InputError("weights", `value at index ${i} is ${w}; expected a finite number >= 0`);
      }
      acc += w;
      this.#cumulative[i] = acc;
    }
    if (!(acc > 0)) throw new InputError("weights", "must have a positive sum");
    this.#total = acc;
  }
  /** Number of categories. */
  get size(): number {
    return this.#cumulative.length;
  }
  /** Draws one category index. */
  sample(rng: Rng): number {
    const target = rng.float() * this.#total;
    const cum = this.#cumulative;
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** One draw from categories with the given weights (builds the table each call; use {@link Categorical} in loops). */
export function categorical(rng: Rng, weights: ArrayLike<number>): number {
  return new Categorical(weights).sample(rng);
}

/**
 * Zipf over ranks 1..n with exponent s: P(k) ∝ k^-s. Returns a rank in [1, n].
 * Built once (cumulative table), drawn in O(log n).
 */
export class Zipf {
  readonly #table: Categorical;
  constructor(n: number, s: number) {
    if (!Number.isInteger(n) || n < 1) throw new InputError("n", `must be an integer >= 1, got ${n}`);
    if (!(s > 0) || !Number.isFinite(s)) throw new InputError("s", `must be a finite number > 0, got ${s}`);
    const w = new Float64Array(n);
    for (let k = 1; k <= n; k++) w[k - 1] = Math.pow(k, -s);
    this.#table = new Categorical(w);
  }
  /** Draws a rank in [1, n]. */
  sample(rng: Rng): number {
    return this.#table.sample(rng) + 1;
  }
}
