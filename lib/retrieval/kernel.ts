/**
 * The inner-product scan kernels shared by the exact search and the IVF lists. Scores are summed in
 * double precision in dimension order (`s += q[d]·x[d]`, d = 0, 1, …, then `+ bias`), so every kernel
 * gives bit-identical scores to the naive loop whatever the tiling.
 *
 * - {@link scanTile4}: four queries at once against each item row (a register tile: each item value is
 *   loaded once and used four times; the query tile is stored dimension-major as doubles so the four
 *   query values of a dimension are adjacent). Used for batched queries.
 * - {@link scanOne}: one query against two item rows at a time (two independent add chains hide the
 *   floating-point add latency). Used for single queries and the leftover queries of a batch.
 *
 * Both unroll the dimension loop by four; a score enters a query's {@link TopKHeap} only when it reaches
 * the heap's threshold (the k-th best so far), so the heap is touched rarely once it is full.
 *
 * @example
 * ```ts
 * import { scanOne } from "./kernel.ts";
 * import { TopKHeap } from "./heap.ts";
 * const h = new TopKHeap(1);
 * scanOne(new Float32Array([1, 0, 0, 1]), 2, new Float64Array([0.2, 0.8]), 0, 0, 2, h, undefined, undefined);
 * h.ids[0]; // 1
 * ```
 * @module
 */
import type { TopKHeap } from "./heap.ts";

/**
 * Copies queries `q0 .. q0+4` of `Q` (row-major, `dim` wide) into `tile` dimension-major:
 * `tile[4·d + j] = Q[(q0 + j)·dim + d]`.
 */
export function fillTile4(Q: Float32Array | Float64Array, dim: number, q0: number, tile: Float64Array): void {
  for (let j = 0; j < 4; j++) {
    const o = (q0 + j) * dim;
    for (let d = 0; d < dim; d++) tile[4 * d + j] = Q[o + d]!;
  }
}

/**
 * Scores items `[is, ie)` of `X` against the four queries in `tile` (see {@link fillTile4}) and offers
 * them to `h0..h3`. Item ids are `idMap[i]` when given, else `i`.
 */
export function scanTile4(
  X: Float32Array,
  dim: number,
  tile: Float64Array,
  is: number,
  ie: number,
  h0: TopKHeap,
  h1: TopKHeap,
  h2: TopKHeap,
  h3: TopKHeap,
  bias: Float32Array | undefined,
  idMap: Int32Array | undefined,
): void {
  let t0 = h0.threshold(), t1 = h1.threshold(), t2 = h2.threshold(), t3 = h3.threshold();
  const dim4 = dim & ~3;
  for (let i = is; i < ie; i++) {
    const xo = i * dim;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let d = 0, t = 0;
    for (; d < dim4; d += 4, t += 16) {
      let x = X[xo + d]!;
      s0 += tile[t]! * x;
      s1 += tile[t + 1]! * x;
      s2 += tile[t + 2]! * x;
      s3 += tile[t + 3]! * x;
      x = X[xo + d + 1]!;
      s0 += tile[t + 4]! * x;
      s1 += tile[t + 5]! * x;
      s2 += tile[t + 6]! * x;
      s3 += tile[t + 7]! * x;
      x = X[xo + d + 2]!;
      s0 += tile[t + 8]! * x;
      s1 += tile[t + 9]! * x;
      s2 += tile[t + 10]! * x;
      s3 += tile[t + 11]! * x;
      x = X[xo + d + 3]!;
      s0 += tile[t + 12]! * x;
      s1 += tile[t + 13]! * x;
      s2 += tile[t + 14]! * x;
      s3 += tile[t + 15]! * x;
    }
    for (; d < dim; d++, t += 4) {
      const x = X[xo + d]!;
      s0 += tile[t]! * x;
      s1 += tile[t + 1]! * x;
      s2 += tile[t + 2]! * x;
      s3 += tile[t + 3]! * x;
    }
    if (bias !== undefined) {
      const b = bias[i]!;
      s0 += b;
      s1 += b;
      s2 += b;
      s3 += b;
    }
    // `>=` so equal scores reach the heap, which applies the lower-id tie rule.
    if (s0 >= t0 || s1 >= t1 || s2 >= t2 || s3 >= t3) {
      const id = idMap !== undefined ? idMap[i]! : i;
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
}

/**
 * Scores items `[is, ie)` of `X` against the query at `Q[qo .. qo+dim)` and offers them to `h`.
 * Item ids are `idMap[i]` when given, else `i`.
 */
export function scanOne(
  X: Float32Array,
  dim: number,
  Q: Float64Array,
  qo: number,
  is: number,
  ie: number,
  h: TopKHeap,
  bias: Float32Array | undefined,
  idMap: Int32Array | undefined,
): void {
  let th = h.threshold();
  const dim4 = dim & ~3;
  let i = is;
  for (; i + 2 <= ie; i += 2) {
    const x0 = i * dim, x1 = x0 + dim;
    let s0 = 0, s1 = 0;
    let d = 0;
    for (; d < dim4; d += 4) {
      const a = Q[qo + d]!, b = Q[qo + d + 1]!, c = Q[qo + d + 2]!, e = Q[qo + d + 3]!;
      s0 += a * X[x0 + d]!;
      s0 += b * X[x0 + d + 1]!;
      s0 += c * X[x0 + d + 2]!;
      s0 += e * X[x0 + d + 3]!;
      s1 += a * X[x1 + d]!;
      s1 += b * X[x1 + d + 1]!;
      s1 += c * X[x1 + d + 2]!;
      s1 += e * X[x1 + d + 3]!;
    }
    for (; d < dim; d++) {
      const a = Q[qo + d]!;
      s0 += a * X[x0 + d]!;
      s1 += a * X[x1 + d]!;
    }
    if (bias !== undefined) {
      s0 += bias[i]!;
      s1 += bias[i + 1]!;
    }
    if (s0 >= th) {
      h.push(s0, idMap !== undefined ? idMap[i]! : i);
      th = h.threshold();
    }
    if (s1 >= th) {
      h.push(s1, idMap !== undefined ? idMap[i + 1]! : i + 1);
      th = h.threshold();
    }
  }
  if (i < ie) {
    const x0 = i * dim;
    let s0 = 0;
    for (let d = 0; d < dim; d++) s0 += Q[qo + d]! * X[x0 + d]!;
    if (bias !== undefined) s0 += bias[i]!;
    if (s0 >= th) h.push(s0, idMap !== undefined ? idMap[i]! : i);
  }
}
