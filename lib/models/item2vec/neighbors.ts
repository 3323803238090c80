/**
 * Exact nearest neighbours by cosine similarity over unit-length rows: one pass over the matrix with a
 * bounded min-heap of the best k (O(n·dim + n·log k)). Ties break toward the lower row index, so
 * results are deterministic. For millions of items use `lib/retrieval`'s blocked / ANN indexes; this
 * is the small-catalogue path used by item2vec.
 *
 * @example
 * ```ts
 * import { normalizeRows, topKCosine } from "./neighbors.ts";
 * const unit = normalizeRows(Float32Array.of(1, 0, 0.9, 0.1, 0, 1), 2);
 * topKCosine(unit, 2, Float32Array.of(1, 0), 2).rows; // Int32Array [0, 1]
 * ```
 * @module
 */

/** Neighbour rows (best first) and their cosine similarities. */
export interface Neighbors {
  rows: Int32Array;
  scores: Float32Array;
}

/** Copy of `m` (`n × dim`) with each row scaled to unit L2 norm (zero rows stay zero). */
export function normalizeRows(m: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let r = 0; r < m.length / dim; r++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += m[r * dim + k]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let k = 0; k < dim; k++) out[r * dim + k] = m[r * dim + k]! * inv;
  }
  return out;
}

/** `a` ranks after `b`: lower score, or equal score and higher row. */
function worse(sa: number, ra: number, sb: number, rb: number): boolean {
  return sa < sb || (sa === sb && ra > rb);
}

/**
 * The `k` rows of `unit` (`n × dim`, unit rows) with the highest dot product with `query`, best first,
 * skipping rows for which `exclude(row)` is true.
 */
export function topKCosine(
  unit: Float32Array,
  dim: number,
  query: ArrayLike<number>,
  k: number,
  exclude?: (row: number) => boolean,
): Neighbors {
  const n = unit.length / dim;
  const heapS = new Float64Array(k), heapR = new Int32Array(k);
  let size = 0;
  for (let r = 0; r < n; r++) {
    if (exclude?.(r)) continue;
    let s = 0;
    const o = r * dim;
    for (let j = 0; j < dim; j++) s += unit[o + j]! * query[j]!;
    if (size < k) {
      // sift up: the heap root is the worst kept entry
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(s, r, heapS[parent]!, heapR[parent]!)) break;
        heapS[i] = heapS[parent]!;
        heapR[i] = heapR[parent]!;
        i = parent;
      }
      heapS[i] = s;
      heapR[i] = r;
    } else if (k > 0 && worse(heapS[0]!, heapR[0]!, s, r)) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, rr = l + 1;
        let m = i, ms = s, mr = r;
        if (l < size && worse(heapS[l]!, heapR[l]!, ms, mr)) (m = l, ms = heapS[l]!, mr = heapR[l]!);
        if (rr < size && worse(heapS[rr]!, heapR[rr]!, ms, mr)) m = rr;
        if (m === i) break;
        heapS[i] = heapS[m]!;
        heapR[i] = heapR[m]!;
        i = m;
      }
      heapS[i] = s;
      heapR[i] = r;
    }
  }
  const idx = Array.from({ length: size }, (_, i) => i);
  idx.sort((a, b) => (worse(heapS[a]!, heapR[a]!, heapS[b]!, heapR[b]!) ? 1 : -1));
  return { rows: Int32Array.from(idx, (i) => heapR[i]!), scores: Float32Array.from(idx, (i) => heapS[i]!) };
}
