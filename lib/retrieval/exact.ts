/**
 * Exact maximum-inner-product top-k over a whole item matrix: `score(q, i) = q·x_i (+ bias_i)`.
 *
 * Blocked for cache: items are scanned in blocks of `itemBlock` rows (64 dims × 512 rows × 4 B = 128 KiB,
 * an L2-sized tile) and each block is reused by a group of queries; inside the block four queries share
 * each loaded item row (four accumulators), which is the JS stand-in for a register-tiled GEMM. Each
 * query keeps its k best in a {@link TopKHeap}; a score enters only when it beats the heap's root.
 *
 * Ties: equal scores rank by lower item id. Scores are summed in double precision in dimension order,
 * exactly like the naive twin `_reference_topk.ts`, so both return the same ids.
 *
 * @example
 * ```ts
 * import { exactTopK } from "./exact.ts";
 * const items = { values: new Float32Array([1, 0, 0, 1, 1, 1]), n: 3, dim: 2 };
 * const r = exactTopK(items, { values: new Float32Array([1, 2]), n: 1, dim: 2 }, 2);
 * Array.from(r.ids); // [2, 1]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { checkK, checkVectors } from "./_check.ts";
import { TopKHeap } from "./heap.ts";
import type { TopK, VectorSet } from "./types.ts";

/** Options of {@link exactTopK}. */
export interface ExactTopKOptions {
  /** Added to every score of item i (e.g. −‖c‖²/2 turns inner product into nearest-centroid). */
  bias?: Float32Array;
  /** Items per cache block (default 512 for dim ≤ 64, scaled down for larger dims). */
  itemBlock?: number;
  /** Queries sharing one item block (default 32). */
  queryBlock?: number;
  /** Restrict the scan to item rows `[start, end)` (ids stay global). */
  range?: [number, number];
}

/** Top-k items by inner product for each query. */
export function exactTopK(items: VectorSet, queries: VectorSet, k: number, options: ExactTopKOptions = {}): TopK {
  checkVectors("items", items);
  checkVectors("queries", queries);
  checkK(k);
  if (queries.dim !== items.dim) throw new InputError("queries", `dim ${queries.dim} differs from items dim ${items.dim}`);
  if (options.bias && options.bias.length !== items.n) {
    throw new InputError("bias", `length ${options.bias.length}, expected ${items.n}`);
  }
  const out: TopK = {
    ids: new Int32Array(queries.n * k),
    scores: new Float32Array(queries.n * k),
    nQueries: queries.n,
    k,
  };
  const heaps = Array.from({ length: Math.max(1, Math.min(queries.n, options.queryBlock ?? 32)) }, () => new TopKHeap(k));
  const [start, end] = options.range ?? [0, items.n];
  scanInto(items, queries, 0, queries.n, start, end, heaps, options);
  return out;

  function scanInto(
    items: VectorSet,
    queries: VectorSet,
    q0: number,
    q1: number,
    start: number,
    end: number,
    heaps: TopKHeap[],
    options: ExactTopKOptions,
  ): void {
    const qb = heaps.length;
    const ib = options.itemBlock ?? Math.max(16, Math.floor(32768 / items.dim));
    for (let qs = q0; qs < q1; qs += qb) {
      const qe = Math.min(q1, qs + qb);
      for (let is = start; is < end; is += ib) {
        const ie = Math.min(end, is + ib);
        scanBlock(items.values, items.dim, queries.values, qs, qe, is, ie, heaps, options.bias);
      }
      for (let q = qs; q < qe; q++) heaps[q - qs]!.drainInto(out.ids, out.scores, q * k);
    }
  }
}

/**
 * Scores items [is, ie) against queries [qs, qe) and offers them to `heaps[q - qs]`.
 * Exported for the IVF index, which scans inverted lists with the same kernel.
 */
export function scanBlock(
  X: Float32Array,
  dim: number,
  Q: Float32Array,
  qs: number,
  qe: number,
  is: number,
  ie: number,
  heaps: TopKHeap[],
  bias: Float32Array | undefined,
  idMap?: Int32Array,
): void {
  let q = qs;
  for (; q + 4 <= qe; q += 4) {
    const h0 = heaps[q - qs]!, h1 = heaps[q - qs + 1]!, h2 = heaps[q - qs + 2]!, h3 = heaps[q - qs + 3]!;
    let t0 = h0.threshold(), t1 = h1.threshold(), t2 = h2.threshold(), t3 = h3.threshold();
    const o0 = q * dim, o1 = o0 + dim, o2 = o1 + dim, o3 = o2 + dim;
    for (let i = is; i < ie; i++) {
      const xo = i * dim;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let d = 0; d < dim; d++) {
        const x = X[xo + d]!;
        s0 += Q[o0 + d]! * x;
        s1 += Q[o1 + d]! * x;
        s2 += Q[o2 + d]! * x;
        s3 += Q[o3 + d]! * x;
      }
      if (bias) {
        const b = bias[i]!;
        s0 += b;
        s1 += b;
        s2 += b;
        s3 += b;
      }
      const id = idMap ? idMap[i]! : i;
      // `>=` so equal scores reach the heap, which applies the lower-id tie rule.
      if (s0 >= t0) {
        h0.push(s0, id);
        t0 = h0.threshold();
      }
      if (s1 >= t1) {
        h1.push(s1, id);
        t1 = h1.threshold();
      }
      if (s2 >= t2) {
        h2.push(s2, id);
        t2 = h2.threshold();
      }
      if (s3 >= t3) {
        h3.push(s3, id);
        t3 = h3.threshold();
      }
    }
  }
  for (; q < qe; q++) {
    const h = heaps[q - qs]!;
    let t = h.threshold();
    const o = q * dim;
    for (let i = is; i < ie; i++) {
      const xo = i * dim;
      let s = 0;
      for (let d = 0; d < dim; d++) s += Q[o + d]! * X[xo + d]!;
      if (bias) s += bias[i]!;
      if (s >= t) {
        h.push(s, idMap ? idMap[i]! : i);
        t = h.threshold();
      }
    }
  }
}
