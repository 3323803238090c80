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
import { checkFinite, checkVectors } from "./_check.ts";
import { checkExactArgs, exactTopK, type TopK64 } from "./exact.ts";
import { type RetrievalPool, toShared } from "./pool.ts";
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

/**
 * {@link assignNearest} split by rows across a worker pool (identical result). `vectors` should be
 * SharedArrayBuffer-backed (see `toShared`) so the workers read it without a copy.
 */
export async function assignNearestParallel(
  vectors: VectorSet,
  centroids: Float32Array,
  k: number,
  pool: RetrievalPool,
): Promise<Int32Array> {
  const dim = vectors.dim, n = vectors.n;
  checkExactArgs({ values: centroids, n: k, dim }, vectors, 1, {});
  const items = { values: centroids, n: k, dim }, bias = centroidBias(centroids, k, dim);
  const parts: Promise<TopK64>[] = [];
  const cuts = Array.from({ length: pool.size + 1 }, (_, w) => Math.floor((n * w) / pool.size));
  for (let w = 0; w < pool.size; w++) {
    const a = cuts[w]!, b = cuts[w + 1]!;
    const queries = { values: vectors.values.subarray(a * dim, b * dim), n: b - a, dim };
    parts.push(pool.scan({ items, queries, k: 1, start: 0, end: k, bias }, w));
  }
  const out = new Int32Array(n);
  (await Promise.all(parts)).forEach((r, w) => out.set(r.ids, cuts[w]!));
  return out;
}

/** Lloyd's k-means on a seeded sample of the rows. */
export function kmeans(vectors: VectorSet, k: number, options: KMeansOptions): KMeansResult {
  const st = setup(vectors, k, options);
  for (let it = 0; it < st.iterations; it++) st.update(assignNearest(st.sample, st.centroids, k));
  return { centroids: st.centroids, k, dim: vectors.dim };
}

/** {@link kmeans} with the assignment steps run on a worker pool; returns the same centroids. */
export async function kmeansParallel(
  vectors: VectorSet,
  k: number,
  options: KMeansOptions,
  pool: RetrievalPool,
): Promise<KMeansResult> {
  const st = setup(vectors, k, options);
  const sample = toShared(st.sample);
  for (let it = 0; it < st.iterations; it++) {
    st.update(await assignNearestParallel(sample, st.centroids, k, pool));
  }
  return { centroids: st.centroids, k, dim: vectors.dim };
}

/** Validation, the seeded sample, initial centroids and the update step shared by both drivers. */
function setup(vectors: VectorSet, k: number, options: KMeansOptions) {
  checkVectors("vectors", vectors);
  if (!Number.isInteger(k) || k < 1 || k > vectors.n) {
    throw new InputError("k", `must be an integer in [1, ${vectors.n}], got ${k}`);
  }
  const iterations = options.iterations ?? 10;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new InputError("iterations", `must be an integer >= 0, got ${iterations}`);
  }
  const rng = new Rng(options.seed);
  const dim = vectors.dim;
  const m = Math.min(vectors.n, Math.max(k, options.sampleSize ?? 256 * k));
  // Sample rows without replacement (partial Fisher–Yates over an index array).
  const idx = Int32Array.from({ length: vectors.n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(vectors.n - i);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  const sample = new Float32Array(m * dim);
  for (let i = 0; i < m; i++) {
    sample.set(vectors.values.subarray(idx[i]! * dim, idx[i]! * dim + dim), i * dim);
  }
  checkFinite("vectors", sample, dim);
  const centroids = new Float32Array(k * dim);
  for (let c = 0; c < k; c++) centroids.set(sample.subarray(c * dim, c * dim + dim), c * dim);
  const sums = new Float64Array(k * dim), counts = new Int32Array(k);
  const update = (assign: Int32Array) => {
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
  };
  return { sample: { values: sample, n: m, dim }, centroids, iterations, update };
}
