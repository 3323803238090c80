/**
 * Data shapes shared by the retrieval kernels.
 * @module
 */

/** A dense row-major matrix of vectors: row `i` is `values[i*dim .. (i+1)*dim)`. */
export interface VectorSet {
  readonly values: Float32Array;
  readonly n: number;
  readonly dim: number;
}

/**
 * Top-k results for a batch of queries, row-major `nQueries × k`: `ids[q*k + r]` is the rank-r item of
 * query q (best first) and `scores` its score. Rows with fewer than k candidates are padded with id -1
 * and score -Infinity.
 */
export interface TopK {
  readonly ids: Int32Array;
  readonly scores: Float32Array;
  readonly nQueries: number;
  readonly k: number;
}
