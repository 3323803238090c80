/**
 * Retrieval: exact blocked inner-product top-k over a whole item matrix (on the calling thread with
 * {@link exactTopK}, or split over worker threads with {@link ExactIndex}, bit-identical), and an IVF-flat
 * approximate index (k-means coarse quantiser, nProbe) with recall measured against the exact search.
 * {@link sphereMixture} / {@link uniformSphere} make seeded synthetic embedding sets for tests and benches.
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
