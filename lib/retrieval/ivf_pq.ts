/**
 * IVF-PQ with exact re-ranking: the lists of an {@link IvfIndex} are scanned through product-quantised
 * codes (`m` byte look-ups per item instead of `dim` multiply-adds, see {@link ProductQuantizer}); the
 * `rerank` best approximate candidates (kept in a {@link CandidateBuffer}, amortised O(1) per candidate)
 * are then re-scored exactly from the float vectors, and the top k
 * of those are returned with exact scores. With `rerank` ≥ the number of items scanned the result is
 * identical to `IvfIndex.search` at the same nProbe. Codes are of the raw vectors (not residuals), so
 * one look-up table per query serves every list.
 *
 * @example
 * ```ts
 * import { IvfIndex } from "./ivf.ts";
 * import { IvfPqIndex } from "./ivf_pq.ts";
 * const items = { values: new Float32Array([1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9]), n: 4, dim: 2 };
 * const index = IvfPqIndex.fromIvf(IvfIndex.build(items, { nList: 2, seed: 1 }), { m: 1, seed: 1 });
 * Array.from(index.search({ values: new Float32Array([1, 0]), n: 1, dim: 2 }, 1, 2).ids); // [0]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { checkK } from "./_check.ts";
import { CandidateBuffer } from "./candidates.ts";
import { TopKHeap } from "./heap.ts";
import type { IvfIndex } from "./ivf.ts";
import type { RetrievalPool } from "./pool.ts";
import { type PqOptions, ProductQuantizer } from "./pq.ts";
import type { TopK, VectorSet } from "./types.ts";

/** Search options of {@link IvfPqIndex.search}. */
export interface IvfPqSearchOptions {
  /** Approximate candidates re-scored exactly (default max(500, 10·k)). */
  rerank?: number;
}

/** An IVF index whose lists are scanned by PQ codes, with exact re-ranking. */
export class IvfPqIndex {
  readonly ivf: IvfIndex;
  readonly pq: ProductQuantizer;
  /** Codes of `ivf.listVectors` row by row (`n × m` bytes, list order). */
  readonly codes: Uint8Array;

  /** `codes` pre-offset into the look-up table: `slots[j·m + t] = 256·t + codes[j·m + t]` (fewer instructions per look-up). */
  readonly #slots: Uint16Array;

  private constructor(ivf: IvfIndex, pq: ProductQuantizer, codes: Uint8Array) {
    this.ivf = ivf;
    this.pq = pq;
    this.codes = codes;
    const m = pq.m;
    // m = 16 has its own unrolled scan over the byte codes and needs no slots.
    this.#slots = new Uint16Array(m === 16 ? 0 : codes.length);
    if (m !== 16) { for (let i = 0; i < codes.length; i++) this.#slots[i] = 256 * (i % m) + codes[i]!; }
  }

  /** Trains a quantiser on the index's vectors (seeded sample) and encodes every list. */
  static fromIvf(ivf: IvfIndex, options: PqOptions): IvfPqIndex {
    const vectors = { values: ivf.listVectors, n: ivf.listIds.length, dim: ivf.dim };
    const pq = ProductQuantizer.train(vectors, options);
    return new IvfPqIndex(ivf, pq, pq.encode(vectors));
  }

  /** {@link IvfPqIndex.fromIvf} with the encoding split across a worker pool (identical index). */
  static async fromIvfParallel(ivf: IvfIndex, options: PqOptions, pool: RetrievalPool): Promise<IvfPqIndex> {
    const vectors = { values: ivf.listVectors, n: ivf.listIds.length, dim: ivf.dim };
    const pq = ProductQuantizer.train(vectors, options);
    return new IvfPqIndex(ivf, pq, await pq.encodeParallel(vectors, pool));
  }

  /** Bytes added on top of the IVF index (codes, their look-up offsets and the codebooks). */
  get bytes(): number {
    return this.codes.byteLength + this.#slots.byteLength + this.pq.bytes;
  }

  /** Approximate top-k for each query: PQ scan of the `nProbe` best lists, exact re-rank of the best `rerank`. */
  search(queries: VectorSet, k: number, nProbe: number, options: IvfPqSearchOptions = {}): TopK {
    checkK(k);
    const rerank = options.rerank ?? Math.max(500, 10 * k);
    if (!Number.isInteger(rerank) || rerank < k) {
      throw new InputError("rerank", `must be an integer >= k (${k}), got ${rerank}`);
    }
    const probes = this.ivf.probeLists(queries, nProbe);
    const { dim, listStart, listIds, listVectors } = this.ivf;
    const m = this.pq.m, m4 = m & ~3, slots = this.#slots, codes = this.codes, Q = queries.values;
    const lut = new Float64Array(m * 256), cand = new CandidateBuffer(rerank), best = new TopKHeap(k);
    const ids = new Int32Array(queries.n * k), scores = new Float32Array(queries.n * k);
    for (let q = 0; q < queries.n; q++) {
      this.pq.lut(Q, q * dim, lut);
      cand.clear();
      let th = cand.threshold;
      for (let p = 0; p < nProbe; p++) {
        const l = probes[q * nProbe + p]!;
        const ie = listStart[l + 1]!;
        if (m === 16) {
          th = scan16(codes, lut, listStart[l]!, ie, cand, th);
          continue;
        }
        for (let j = listStart[l]!; j < ie; j++) {
          const co = j * m;
          // Four partial sums: independent add chains (the approximate score's rounding is irrelevant).
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t = 0;
          for (; t < m4; t += 4) {
            s0 += lut[slots[co + t]!]!;
            s1 += lut[slots[co + t + 1]!]!;
            s2 += lut[slots[co + t + 2]!]!;
            s3 += lut[slots[co + t + 3]!]!;
          }
          for (; t < m; t++) s0 += lut[slots[co + t]!]!;
          const s = (s0 + s1) + (s2 + s3);
          if (s > th) {
            cand.offer(s, j);
            th = cand.threshold;
          }
        }
      }
      // Exact re-rank (same double-precision dimension-order sum as the exact search).
      const nc = cand.finish(), candIds = cand.ids;
      for (let r = 0; r < nc; r++) {
        const j = candIds[r]!, xo = j * dim;
        let s = 0;
        for (let d = 0; d < dim; d++) s += Q[q * dim + d]! * listVectors[xo + d]!;
        best.push(s, listIds[j]!);
      }
      best.drainInto(ids, scores, q * k);
    }
    return { ids, scores, nQueries: queries.n, k };
  }
}

/**
 * The PQ scan for m = 16, fully unrolled: the table offsets (256·t) are constants, so each look-up is a
 * byte load and a table load. Offers rows `[is, ie)` scoring above `th` to `cand`; returns the new threshold.
 */
function scan16(
  codes: Uint8Array,
  lut: Float64Array,
  is: number,
  ie: number,
  cand: CandidateBuffer,
  th: number,
): number {
  for (let j = is; j < ie; j++) {
    const c = j * 16;
    const s0 = lut[codes[c]!]! + lut[256 + codes[c + 1]!]! + lut[512 + codes[c + 2]!]! +
      lut[768 + codes[c + 3]!]!;
    const s1 = lut[1024 + codes[c + 4]!]! + lut[1280 + codes[c + 5]!]! + lut[1536 + codes[c + 6]!]! +
      lut[1792 + codes[c + 7]!]!;
    const s2 = lut[2048 + codes[c + 8]!]! + lut[2304 + codes[c + 9]!]! + lut[2560 + codes[c + 10]!]! +
      lut[2816 + codes[c + 11]!]!;
    const s3 = lut[3072 + codes[c + 12]!]! + lut[3328 + codes[c + 13]!]! + lut[3584 + codes[c + 14]!]! +
      lut[3840 + codes[c + 15]!]!;
    const s = (s0 + s1) + (s2 + s3);
    if (s > th) {
      cand.offer(s, j);
      th = cand.threshold;
    }
  }
  return th;
}
