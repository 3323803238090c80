/**
 * Naive twin of {@link exactTopK}: score every item, sort by (score desc, id asc), keep k. Used by tests.
 * @module
 */
import type { TopK64 } from "./exact.ts";
import type { TopK, VectorSet } from "./types.ts";

/** Sort-based exact top-k (same double-precision, dimension-order sums as the fast kernel). */
export function referenceTopK(items: VectorSet, queries: VectorSet, k: number, bias?: Float32Array): TopK {
  const r = referenceTopK64(items, queries, k, bias);
  return { ids: r.ids, scores: Float32Array.from(r.scores), nQueries: r.nQueries, k };
}

/** {@link referenceTopK} with the double-precision scores. */
export function referenceTopK64(
  items: VectorSet,
  queries: VectorSet,
  k: number,
  bias?: Float32Array,
): TopK64 {
  const ids = new Int32Array(queries.n * k).fill(-1),
    scores = new Float64Array(queries.n * k).fill(-Infinity);
  for (let q = 0; q < queries.n; q++) {
    const all: { s: number; i: number }[] = [];
    for (let i = 0; i < items.n; i++) {
      let s = 0;
      for (let d = 0; d < items.dim; d++) {
        s += queries.values[q * items.dim + d]! * items.values[i * items.dim + d]!;
      }
      if (bias) s += bias[i]!;
      all.push({ s, i });
    }
    all.sort((a, b) => b.s - a.s || a.i - b.i);
    for (let r = 0; r < Math.min(k, all.length); r++) {
      ids[q * k + r] = all[r]!.i;
      scores[q * k + r] = all[r]!.s;
    }
  }
  return { ids, scores, nQueries: queries.n, k };
}
