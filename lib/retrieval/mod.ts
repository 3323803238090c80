/**
 * Retrieval: exact blocked inner-product top-k over a whole item matrix (on the calling thread with
 * {@link exactTopK}, or split over worker threads with {@link ExactIndex}, bit-identical), and approximate
 * indexes: IVF-flat ({@link IvfIndex}: k-means coarse quantiser, nProbe) and IVF-PQ ({@link IvfPqIndex}:
 * the same lists scanned through product-quantised codes, then re-ranked exactly), with recall measured
 * against the exact search ({@link recallAtKOf}). All inputs are validated (shape, dim, k, finite values)
 * with `InputError`s naming the field. {@link sphereMixture} / {@link uniformSphere} make seeded synthetic
 * embedding sets for tests and benches.
 *
 * Which to use (1M × 64 on this 2-core machine, see the README's retrieval table): `ExactIndex` for
 * exact answers (~10–20 ms CPU per query batched); `IvfIndex` when the embeddings are clustered
 * (recall@10 ≥ 0.95 at nProbe 1–2, ~0.1 ms); `IvfPqIndex` for diffuse embeddings (about half the scan
 * cost of IVF-flat at the same recall).
 *
 * @example
 * ```ts
 * import { exactTopK, IvfIndex, recallAtKOf } from "./mod.ts";
 * const items = { values: new Float32Array([1, 0, 0, 1]), n: 2, dim: 2 };
 * const q = { values: new Float32Array([0.2, 0.8]), n: 1, dim: 2 };
 * Array.from(exactTopK(items, q, 1).ids); // [1]
 * recallAtKOf(exactTopK(items, q, 1), IvfIndex.build(items, { nList: 1, seed: 0 }).search(q, 1, 1)); // 1
 * ```
 * @module
 */
export type { TopK, VectorSet } from "./types.ts";
export { exactTopK, type ExactTopKOptions, mergeTopK, type TopK64 } from "./exact.ts";
export { ExactIndex, type ExactIndexOptions } from "./exact_index.ts";
export { TopKHeap } from "./heap.ts";
export {
  assignNearest,
  assignNearestParallel,
  kmeans,
  type KMeansOptions,
  kmeansParallel,
  type KMeansResult,
} from "./kmeans.ts";
export { IvfIndex, type IvfOptions, recallAtKOf } from "./ivf.ts";
export { IvfPqIndex, type IvfPqSearchOptions } from "./ivf_pq.ts";
export { type PqOptions, ProductQuantizer } from "./pq.ts";
export { RetrievalPool, toShared } from "./pool.ts";
export { sphereMixture, type SphereMixtureOptions, uniformSphere } from "./synthetic.ts";
