/**
 * The plain item-kNN neighbour build, kept as the naive twin of `item_neighbours.ts` (the equivalence
 * property test and bench `item_knn` compare the two): for each item, count co-occurrences through its
 * users into a scratch array, make one `{ j, s }` object per candidate, sort them all, keep the first
 * `neighbours`. This is the implementation `ItemKnnRecommender` used before the fast build.
 * @module
 */
import type { Csr } from "./interactions.ts";
import type { ItemNeighbours } from "./item_neighbours.ts";

/** Same contract as {@link buildItemNeighbours}. */
export function referenceItemNeighbours(
  byItem: Csr,
  hist: Csr,
  m: number,
  shrink: number,
): ItemNeighbours {
  const nI = byItem.indptr.length - 1;
  const co = new Float64Array(nI), touched: number[] = [];
  const nbStart = new Int32Array(nI + 1), ids: number[] = [], sims: number[] = [];
  const size = (i: number) => byItem.indptr[i + 1]! - byItem.indptr[i]!;
  for (let i = 0; i < nI; i++) {
    for (let a = byItem.indptr[i]!; a < byItem.indptr[i + 1]!; a++) {
      const u = byItem.indices[a]!;
      for (let b = hist.indptr[u]!; b < hist.indptr[u + 1]!; b++) {
        const j = hist.indices[b]!;
        if (j === i) continue;
        if (co[j] === 0) touched.push(j);
        co[j]! += 1;
      }
    }
    const cand = touched.map((j) => ({ j, s: co[j]! / (Math.sqrt(size(i) * size(j)) + shrink) }));
    cand.sort((p, q) => q.s - p.s || p.j - q.j);
    for (let r = 0; r < Math.min(m, cand.length); r++) {
      ids.push(cand[r]!.j);
      sims.push(cand[r]!.s);
    }
    nbStart[i + 1] = ids.length;
    for (const j of touched) co[j] = 0;
    touched.length = 0;
  }
  return { nbStart, ids: Int32Array.from(ids), sims: Float32Array.from(sims) };
}
