/**
 * Seeded Lloyd k-means (squared Euclidean), used as the IVF coarse quantiser. Centroids start at
 * distinct random rows of a seeded sample; assignment uses the blocked top-k kernel with
 * `score = x·c − ‖c‖²/2` (argmax of it = nearest centroid); an emptied cluster is re-seeded at a random
 * sample row.
 *
 * @example
 * ```ts
 * import { kmeans } from "./kmeans.ts";
 * const v = { values: new Float32Array([0, 0, 0, 1, 10, 10, 10, 11]), n: 4, dim: 2 };
 * kmeans(v, 2, { seed: 1 }).centroids.length; // 4
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { Rng } from "../random/mod.ts";
import { checkVectors } from "./_check.ts";
import { exactTopK } from "./exact.ts";
import type { VectorSet } from "./types.ts";

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  seed: number;
  /** Lloyd iterations (default 10). */
  iterations?: number;
  /** Train on at most this many random rows (default 256 per cluster). */
  sampleSize?: number;
}

/** Fitted centroids (`k × dim`, row-major). */
export interface KMeansResult {
  readonly centroids: Float32Array;
  readonly k: number;
  readonly dim: number;
}

/** −‖c‖²/2 per centroid: the bias that turns inner product into nearest-centroid. */
export function centroidBias(centroids: Float32Array, k: number, dim: number): Float32Array {
  const b = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += centroids[c * dim + d]! ** 2;
    b[c] = -s / 2;
  }
  return b;
}

/** Index of the nearest centroid for each row. */
export function assignNearest(vectors: VectorSet, centroids: Float32Array, k: number): Int32Array {
  const r = exactTopK({ values: centroids, n: k, dim: vectors.dim }, vectors, 1, {
    bias: centroidBias(centroids, k, vectors.dim),
  });
  return r.ids;
}

/** Lloyd's k-means on a seeded sample of the rows. */
export function kmeans(vectors: VectorSet, k: number, options: KMeansOptions): KMeansResult {
  checkVectors("vectors", vectors);
  if (!Number.isInteger(k) || k < 1 || k > vectors.n) {
    throw new InputError("k", `must be an integer in [1, ${vectors.n}], got ${k}`);
  }
  const rng = new Rng(options.seed);
  const dim = vectors.dim;
  const m = Math.min(vectors.n, options.sampleSize ?? 256 * k);
  // Sample rows without replacement (partial Fisher–Yates over an index array).
  const idx = Int32Array.from({ length: vectors.n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(vectors.n - i);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  const sample = new Float32Array(m * dim);
  for (let i = 0; i < m; i++) sample.set(vectors.values.subarray(idx[i]! * dim, idx[i]! * dim + dim), i * dim);
  const sampleSet = { values: sample, n: m, dim };
  const centroids = new Float32Array(k * dim);
  for (let c = 0; c < k; c++) centroids.set(sample.subarray(c * dim, c * dim + dim), c * dim);
  const iterations = options.iterations ?? 10;
  const sums = new Float64Array(k * dim), counts = new Int32Array(k);
  for (let it = 0; it < iterations; it++) {
    const assign = assignNearest(sampleSet, centroids, k);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < m; i++) {
      const c = assign[i]!;
      counts[c]!++;
      for (let d = 0; d < dim; d++) sums[c * dim + d]! += sample[i * dim + d]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        const r = rng.int(m);
        centroids.set(sample.subarray(r * dim, r * dim + dim), c * dim);
      } else for (let d = 0; d < dim; d++) centroids[c * dim + d] = sums[c * dim + d]! / counts[c]!;
    }
  }
  return { centroids, k, dim };
}
