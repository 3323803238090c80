/**
 * Retrieval: exact blocked inner-product top-k over a whole item matrix, and an IVF-flat approximate
 * index (k-means coarse quantiser, nProbe) with recall measured against the exact search.
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
export { exactTopK, type ExactTopKOptions } from "./exact.ts";
export { TopKHeap } from "./heap.ts";
export { assignNearest, kmeans, type KMeansOptions, type KMeansResult } from "./kmeans.ts";
export { IvfIndex, type IvfOptions, recallAtKOf } from "./ivf.ts";
