/**
 * Seeded synthetic embedding sets for retrieval tests and benchmarks.
 *
 * - {@link sphereMixture}: a Gaussian mixture projected onto the unit sphere, the shape of L2-normalised
 *   learned embeddings (items cluster by topic). Each point is `normalise(c + spread·z/√dim)` with `c` a
 *   random unit centre and `z` standard normal, so `spread` is the noise-to-centre norm ratio: the cosine
 *   between a point and its centre is about `1/√(1 + spread²)` (spread 0.5 → 0.89, 1 → 0.71).
 * - {@link uniformSphere}: uniform on the sphere (isotropic normal, normalised). In 64 dims every pair of
 *   points is nearly orthogonal, so nearest neighbours are barely nearer than anything else: the
 *   pathological worst case for any partition-based ANN index.
 *
 * @example
 * ```ts
 * import { sphereMixture } from "./synthetic.ts";
 * const v = sphereMixture({ seed: 1, n: 100, dim: 8, clusters: 5, spread: 0.5 });
 * v.values.length; // 800
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { normal, Rng } from "../random/mod.ts";
import type { VectorSet } from "./types.ts";

/** Options of {@link sphereMixture}. */
export interface SphereMixtureOptions {
  seed: number;
  n: number;
  dim: number;
  /** Number of mixture components (random unit centres). */
  clusters: number;
  /** Noise norm relative to the unit centre (see the module doc). */
  spread: number;
  /** Zipf-like skew of cluster sizes: component c has weight (c+1)^-skew (default 0: equal sizes). */
  skew?: number;
  /** Draw the points of a second set (e.g. queries) from the same centres: pass a different `pointSeed`. */
  pointSeed?: number;
}

/** Unit-norm points from a Gaussian mixture (see the module doc). Same options → identical output. */
export function sphereMixture(o: SphereMixtureOptions): VectorSet {
  checkSize(o.n, o.dim);
  if (!Number.isInteger(o.clusters) || o.clusters < 1) {
    throw new InputError("clusters", `must be an integer >= 1, got ${o.clusters}`);
  }
  if (!(o.spread >= 0) || !Number.isFinite(o.spread)) {
    throw new InputError("spread", `must be a finite number >= 0, got ${o.spread}`);
  }
  const dim = o.dim;
  const centreRng = new Rng(o.seed);
  const centres = new Float64Array(o.clusters * dim);
  for (let c = 0; c < o.clusters; c++) unitNormal(centreRng, centres, c * dim, dim);
  const cdf = new Float64Array(o.clusters);
  let total = 0;
  for (let c = 0; c < o.clusters; c++) cdf[c] = total += (c + 1) ** -(o.skew ?? 0);
  const rng = new Rng(o.pointSeed ?? (o.seed ^ 0x5bd1e995) >>> 0);
  const values = new Float32Array(o.n * dim), tmp = new Float64Array(dim);
  const scale = o.spread / Math.sqrt(dim);
  for (let i = 0; i < o.n; i++) {
    const u = rng.float() * total;
    let lo = 0, hi = o.clusters - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (tmp[d] = centres[lo * dim + d]! + scale * normal(rng)) ** 2;
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dim; d++) values[i * dim + d] = tmp[d]! * inv;
  }
  return { values, n: o.n, dim };
}

/** Points uniform on the unit sphere. Same seed → identical output. */
export function uniformSphere(seed: number, n: number, dim: number): VectorSet {
  checkSize(n, dim);
  const rng = new Rng(seed);
  const values = new Float32Array(n * dim), tmp = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    unitNormal(rng, tmp, 0, dim);
    for (let d = 0; d < dim; d++) values[i * dim + d] = tmp[d]!;
  }
  return { values, n, dim };
}

function unitNormal(rng: Rng, out: Float64Array, offset: number, dim: number): void {
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += (out[offset + d] = normal(rng)) ** 2;
  const inv = 1 / Math.sqrt(norm);
  for (let d = 0; d < dim; d++) out[offset + d]! *= inv;
}

function checkSize(n: number, dim: number): void {
  if (!Number.isInteger(n) || n < 0) throw new InputError("n", `must be an integer >= 0, got ${n}`);
  if (!Number.isInteger(dim) || dim < 1) throw new InputError("dim", `must be an integer >= 1, got ${dim}`);
}
