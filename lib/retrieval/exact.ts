/**
 * Exact maximum-inner-product top-k over a whole item matrix: `score(q, i) = q·x_i (+ bias_i)`.
 *
 * Blocked for cache: items are scanned in blocks of `itemBlock` rows (64 dims × 512 rows × 4 B = 128 KiB,
 * an L2-sized tile) and each block is reused by a group of `queryBlock` queries, which run through it
 * four at a time in a register tile ({@link scanTile4}); a single query (or the 1–3 left over) streams
 * the items with {@link scanOne}. Each query keeps its k best in a {@link TopKHeap}; a score enters only
 * when it reaches the heap's threshold.
 *
 * Ties: equal scores rank by lower item id. Scores are summed in double precision in dimension order,
 * exactly like the naive twin `_reference_topk.ts`, so both return the same ids and scores; the search is
 * also split-invariant (any `range` partition merged with {@link mergeTopK} gives the same result), which
 * is what makes the multi-worker {@link ExactIndex} bit-identical to this function.
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
import { checkFinite, checkFiniteItemsOnce, checkK, checkVectors } from "./_check.ts";
import { TopKHeap } from "./heap.ts";
import { fillTile4, scanOne, scanTile4 } from "./kernel.ts";
import type { TopK, VectorSet } from "./types.ts";

/** Options of {@link exactTopK}. */
export interface ExactTopKOptions {
  /** Added to every score of item i (e.g. −‖c‖²/2 turns inner product into nearest-centroid). */
  bias?: Float32Array;
  /** Items per cache block (default 32768 / dim: 512 rows = 128 KiB of float32 at dim 64). */
  itemBlock?: number;
  /** Queries sharing one item block (default 32; rounded up to a multiple of 4). */
  queryBlock?: number;
  /** Restrict the scan to item rows `[start, end)` (ids stay global). */
  range?: [number, number];
}

/** Top-k with double-precision scores (internal form; merging partial results needs the exact scores). */
export interface TopK64 {
  readonly ids: Int32Array;
  readonly scores: Float64Array;
  readonly nQueries: number;
  readonly k: number;
}

/** Top-k items by inner product for each query. */
export function exactTopK(
  items: VectorSet,
  queries: VectorSet,
  k: number,
  options: ExactTopKOptions = {},
): TopK {
  return toTopK(exactTopK64(items, queries, k, options));
}

/** Rounds a {@link TopK64} to the public float32 form. */
export function toTopK(r: TopK64): TopK {
  return { ids: r.ids, scores: Float32Array.from(r.scores), nQueries: r.nQueries, k: r.k };
}

/** Validates the arguments of an exact search (shapes, k, finiteness, bias, range). */
export function checkExactArgs(
  items: VectorSet,
  queries: VectorSet,
  k: number,
  options: ExactTopKOptions,
): [number, number] {
  checkVectors("items", items);
  checkVectors("queries", queries);
  checkK(k);
  if (queries.dim !== items.dim) {
    throw new InputError("queries", `dim ${queries.dim} differs from items dim ${items.dim}`);
  }
  checkFinite("queries", queries.values, queries.dim);
  checkFiniteItemsOnce("items", items);
  if (options.bias) {
    if (options.bias.length !== items.n) {
      throw new InputError("bias", `length ${options.bias.length}, expected ${items.n}`);
    }
    checkFinite("bias", options.bias, 1);
  }
  const [start, end] = options.range ?? [0, items.n];
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > items.n || start > end) {
    throw new InputError(
      "range",
      `must be integers with 0 <= start <= end <= ${items.n}, got [${start}, ${end}]`,
    );
  }
  for (const [name, v] of [["itemBlock", options.itemBlock], ["queryBlock", options.queryBlock]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
      throw new InputError(name, `must be an integer >= 1, got ${v}`);
    }
  }
  return [start, end];
}

/** {@link exactTopK} with double-precision scores. */
export function exactTopK64(
  items: VectorSet,
  queries: VectorSet,
  k: number,
  options: ExactTopKOptions = {},
): TopK64 {
  const [start, end] = checkExactArgs(items, queries, k, options);
  return scanRange(items, queries, k, start, end, options);
}

/** The unchecked search behind {@link exactTopK64}. */
export function scanRange(
  items: VectorSet,
  queries: VectorSet,
  k: number,
  start: number,
  end: number,
  options: ExactTopKOptions,
): TopK64 {
  const dim = items.dim, nq = queries.n;
  const ids = new Int32Array(nq * k), scores = new Float64Array(nq * k);
  const X = items.values, Q = queries.values, bias = options.bias;
  const qb = Math.max(4, Math.ceil((options.queryBlock ?? 32) / 4) * 4);
  const ib = options.itemBlock ?? Math.max(16, Math.floor(32768 / dim));
  const heaps = Array.from({ length: Math.min(qb, Math.max(nq, 1)) }, () => new TopKHeap(k));
  const tiles = Array.from({ length: Math.min(qb, nq) >> 2 }, () => new Float64Array(4 * dim));
  const q64 = new Float64Array(dim);
  for (let qs = 0; qs < nq; qs += qb) {
    const qe = Math.min(nq, qs + qb);
    const q4 = qs + ((qe - qs) & ~3); // queries [qs, q4) go through the 4-wide tile
    if (q4 > qs) {
      for (let q = qs, j = 0; q < q4; q += 4, j++) fillTile4(Q, dim, q, tiles[j]!);
      for (let is = start; is < end; is += ib) {
        const ie = Math.min(end, is + ib);
        for (let q = qs, j = 0; q < q4; q += 4, j++) {
          const h = q - qs;
          scanTile4(
            X,
            dim,
            tiles[j]!,
            is,
            ie,
            heaps[h]!,
            heaps[h + 1]!,
            heaps[h + 2]!,
            heaps[h + 3]!,
            bias,
            undefined,
          );
        }
      }
    }
    // Leftover queries (or a lone query) stream the whole range: one pass, two add chains.
    for (let q = q4; q < qe; q++) {
      for (let d = 0; d < dim; d++) q64[d] = Q[q * dim + d]!;
      scanOne(X, dim, q64, 0, start, end, heaps[q - qs]!, bias, undefined);
    }
    for (let q = qs; q < qe; q++) heaps[q - qs]!.drainInto(ids, scores, q * k);
  }
  return { ids, scores, nQueries: nq, k };
}

/**
 * Merges per-range partial results of the same queries (each best-first, padded with −1) into one
 * top-k by (score desc, id asc). Partial results over disjoint item ranges merge to exactly the
 * full-range result.
 */
export function mergeTopK(parts: readonly TopK64[], k: number): TopK64 {
  const nq = parts[0]?.nQueries ?? 0;
  const ids = new Int32Array(nq * k).fill(-1), scores = new Float64Array(nq * k).fill(-Infinity);
  const heap = new TopKHeap(k);
  for (let q = 0; q < nq; q++) {
    for (const p of parts) {
      for (let r = 0; r < p.k; r++) {
        const id = p.ids[q * p.k + r]!;
        if (id < 0) break;
        heap.push(p.scores[q * p.k + r]!, id);
      }
    }
    heap.drainInto(ids, scores, q * k);
  }
  return { ids, scores, nQueries: nq, k };
}
