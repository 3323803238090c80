/**
 * The neighbour lists of item-kNN: for every item i, the items j ≠ i that share a user with it, ranked
 * by cosine similarity with shrinkage, best first (ties: lower j), the `neighbours` best kept.
 *
 *   sim(i, j) = |U(i) ∩ U(j)| / (sqrt(|U(i)|·|U(j)|) + shrink)
 *
 * How it is fast (on a 100k-interaction MovieLens-small-shaped log, bench `item_knn`, several times faster
 * than the plain version kept in `_reference_item_knn.ts`, with bit-identical lists, checked by a
 * property test):
 * - co-occurrence by user: for item i, walk its users and their items, counting into a dense scratch
 *   array with a list of the touched items (no map, no per-pair object);
 * - the similarity of each touched item is computed once, with the reference's exact expression;
 * - few neighbours kept (`neighbours` under 1/8 of the candidates): a bounded heap, the worst kept at
 *   the root, so most candidates cost one comparison ({@link topByHeap});
 * - otherwise an exact stable LSD radix sort on the float64 bits of the similarities over candidates
 *   in index order ({@link CandidateSorter}): the high words first, then the low words only inside runs
 *   of equal high words that are not exact ties; no comparator calls, ties by index for free;
 * - the lists are written once into typed arrays (fresh memory is slow to touch).
 *
 * @example
 * ```ts
 * import { buildItemNeighbours } from "./item_neighbours.ts";
 * // users 0 and 1 have items {0, 1}; user 2 has {0, 2}
 * const byItem = { indptr: new Int32Array([0, 3, 5, 6]), indices: new Int32Array([0, 1, 2, 0, 1, 2]) };
 * const byUser = { indptr: new Int32Array([0, 2, 4, 6]), indices: new Int32Array([0, 1, 0, 1, 0, 2]) };
 * const nb = buildItemNeighbours(byItem, byUser, 10, 0);
 * Array.from(nb.ids.subarray(nb.nbStart[0], nb.nbStart[1])); // [1, 2]: sim 2/√6 > 1/√3
 * ```
 * @module
 */
import type { Csr } from "./interactions.ts";

/** Neighbour lists: `ids[nbStart[i] .. nbStart[i+1])`, most similar first, with their `sims`. */
export interface ItemNeighbours {
  readonly nbStart: Int32Array;
  readonly ids: Int32Array;
  readonly sims: Float32Array;
}

/**
 * Builds the neighbour lists from the item → users and user → items sets (each user's items distinct,
 * as {@link itemUserSets} / {@link userItemSets} give them). `neighbours` >= 1, `shrink` >= 0 (the
 * caller validates).
 */
export function buildItemNeighbours(
  byItem: Csr,
  byUser: Csr,
  neighbours: number,
  shrink: number,
): ItemNeighbours {
  const nI = byItem.indptr.length - 1;
  const size = new Float64Array(nI);
  for (let i = 0; i < nI; i++) size[i] = byItem.indptr[i + 1]! - byItem.indptr[i]!;
  const co = new Int32Array(nI), touched = new Int32Array(nI), sim = new Float64Array(nI);
  const sorter = new CandidateSorter(nI);
  const heap = new Int32Array(Math.min(neighbours, nI));
  const nbStart = new Int32Array(nI + 1);
  const out = new ListWriter(nI * Math.min(neighbours, Math.max(nI - 1, 0)));
  const { indptr: itemPtr, indices: itemUsers } = byItem, { indptr: userPtr, indices: userItems } = byUser;

  for (let i = 0; i < nI; i++) {
    let nt = 0;
    for (let a = itemPtr[i]!; a < itemPtr[i + 1]!; a++) {
      const u = itemUsers[a]!;
      for (let b = userPtr[u]!; b < userPtr[u + 1]!; b++) {
        const j = userItems[b]!;
        if (j === i) continue;
        if (co[j] === 0) touched[nt++] = j;
        co[j]!++;
      }
    }
    const si = size[i]!;
    for (let t = 0; t < nt; t++) {
      const j = touched[t]!;
      sim[j] = co[j]! / (Math.sqrt(si * size[j]!) + shrink); // the reference's expression, bit for bit
      co[j] = 0;
    }
    const take = Math.min(neighbours, nt);
    let order: Int32Array;
    if (take === 0) order = touched;
    else if (take * 8 < nt) order = topByHeap(touched, nt, take, sim, heap);
    else order = sorter.sort(touched, nt, sim);
    nbStart[i + 1] = out.write(order, take, sim);
  }
  const { ids, sims } = out.finish();
  return { nbStart, ids, sims };
}

/**
 * Collects the lists, writing each entry once: fresh memory is slow to touch (page faults), so no
 * growing and copying. When the largest possible size (items × neighbours) is at most 2^27 entries the
 * lists go into arrays of that size, returned as views of their first entries (allocation is lazy: the
 * tail is reserved, never touched); beyond that into 1M-entry chunks joined at the end. Exported for
 * its test.
 */
export class ListWriter {
  readonly #chunk: number;
  readonly #chunks: [Int32Array, Float32Array][] = [];
  #ids: Int32Array;
  #sims: Float32Array;
  #at = 0;
  #len = 0;
  readonly #direct: boolean;

  /** `bound`: the most entries that can be written; `maxDirect` and `chunk` are settable for tests. */
  constructor(bound: number, maxDirect = 1 << 27, chunk = 1 << 20) {
    this.#chunk = chunk;
    this.#direct = bound <= maxDirect;
    const n = this.#direct ? Math.max(bound, 1) : chunk;
    this.#ids = new Int32Array(n);
    this.#sims = new Float32Array(n);
  }

  /** Appends `order[0..take)` with their similarities; returns the total length so far. */
  write(order: Int32Array, take: number, sim: Float64Array): number {
    let r = 0;
    while (r < take) {
      if (this.#at === this.#ids.length) {
        this.#chunks.push([this.#ids, this.#sims]);
        this.#ids = new Int32Array(this.#chunk);
        this.#sims = new Float32Array(this.#chunk);
        this.#at = 0;
      }
      const n = Math.min(take - r, this.#ids.length - this.#at), at = this.#at, sims = this.#sims;
      this.#ids.set(order.subarray(r, r + n), at);
      for (let k = 0; k < n; k++) sims[at + k] = sim[order[r + k]!]!;
      this.#at += n;
      r += n;
    }
    this.#len += take;
    return this.#len;
  }

  finish(): { ids: Int32Array; sims: Float32Array } {
    if (this.#direct) {
      return { ids: this.#ids.subarray(0, this.#len), sims: this.#sims.subarray(0, this.#len) };
    }
    const ids = new Int32Array(this.#len), sims = new Float32Array(this.#len);
    let off = 0;
    for (
      const [ci, cs] of [...this.#chunks, [this.#ids.subarray(0, this.#at), this.#sims.subarray(0, this.#at)]]
    ) {
      ids.set(ci!, off);
      sims.set(cs!, off);
      off += ci!.length;
    }
    return { ids, sims };
  }
}

/**
 * The best `take` of the `nt` candidates by (sim desc, index asc), best first, through a bounded
 * min-heap whose root is the worst kept (most candidates lose one comparison against it).
 * Exported for its test. `heap` is scratch of length >= take.
 */
export function topByHeap(
  touched: Int32Array,
  nt: number,
  take: number,
  sim: Float64Array,
  heap: Int32Array,
): Int32Array {
  // "a ranks below b": lower similarity, or equal similarity and higher index
  const below = (a: number, b: number) => sim[a]! < sim[b]! || (sim[a] === sim[b] && a > b);
  let n = 0, rootS = 0, rootJ = 0;
  for (let t = 0; t < nt; t++) {
    const j = touched[t]!;
    if (n < take) {
      let c = n++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!below(j, heap[p]!)) break;
        heap[c] = heap[p]!;
        c = p;
      }
      heap[c] = j;
    } else {
      const s = sim[j]!;
      if (s < rootS || (s === rootS && j > rootJ)) continue;
      let c = 0;
      for (;;) {
        let w = 2 * c + 1;
        if (w >= n) break;
        if (w + 1 < n && below(heap[w + 1]!, heap[w]!)) w++;
        if (!below(heap[w]!, j)) break;
        heap[c] = heap[w]!;
        c = w;
      }
      heap[c] = j;
    }
    rootJ = heap[0]!;
    rootS = sim[rootJ]!;
  }
  return heap.subarray(0, take).sort((a, b) => below(a, b) ? 1 : below(b, a) ? -1 : 0);
}

const LITTLE_ENDIAN_WORDS = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Orders candidates by (sim desc, index asc) exactly, with a stable LSD radix sort on the float64 bits
 * of the similarity (positive doubles order as their bit patterns; complemented for descending) over
 * candidates already in ascending index order: byte passes on the high word (passes whose byte is the
 * same for every candidate skipped), then, inside each run of equal high words whose low words differ,
 * a stable sort by the low word. Index order comes from a scan of the dense scratch when the candidates
 * are a large share of the items, else from radix passes on the index bytes.
 */
export class CandidateSorter {
  readonly #a: Int32Array;
  readonly #b: Int32Array;
  readonly #mark: Uint8Array;
  readonly #bits = new Float64Array(1);
  readonly #words = new Uint32Array(this.#bits.buffer);
  readonly #hiWord: Uint32Array;
  readonly #loWord: Uint32Array;
  readonly #count = new Int32Array(256);
  readonly #indexBytes: number;

  constructor(nItems: number) {
    this.#a = new Int32Array(nItems);
    this.#b = new Int32Array(nItems);
    this.#mark = new Uint8Array(nItems);
    this.#hiWord = new Uint32Array(nItems);
    this.#loWord = new Uint32Array(nItems);
    this.#indexBytes = Math.max(1, Math.ceil((32 - Math.clz32(Math.max(nItems - 1, 1))) / 8));
  }

  /** The `nt` candidates of `touched`, best first; the returned view is valid until the next call. */
  sort(touched: Int32Array, nt: number, sim: Float64Array): Int32Array {
    let src = this.#a, dst = this.#b;
    const hiW = this.#hiWord, loW = this.#loWord, bits = this.#bits, words = this.#words;
    const lo = LITTLE_ENDIAN_WORDS ? 0 : 1, hi = 1 - lo;
    for (let t = 0; t < nt; t++) {
      const j = touched[t]!;
      bits[0] = sim[j]!;
      hiW[j] = ~words[hi]! >>> 0; // complemented: ascending radix order = descending similarity
      loW[j] = ~words[lo]! >>> 0;
    }
    const n = this.#a.length;
    if (nt * 2 >= n) {
      const mark = this.#mark;
      for (let t = 0; t < nt; t++) mark[touched[t]!] = 1;
      let k = 0;
      for (let j = 0; j < n; j++) {
        if (mark[j] === 1) {
          src[k++] = j;
          mark[j] = 0;
        }
      }
    } else {
      src.set(touched.subarray(0, nt));
      for (let byte = 0; byte < this.#indexBytes; byte++) {
        if (this.#pass(src, dst, nt, null, 8 * byte)) [src, dst] = [dst, src];
      }
    }
    for (let shift = 0; shift < 32; shift += 8) {
      if (this.#pass(src, dst, nt, hiW, shift)) [src, dst] = [dst, src];
    }
    // Runs with the same high word: exact ties keep index order; others are ordered by the low word.
    let runStart = 0;
    const h0 = hiW, l0 = loW;
    for (let p = 1; p <= nt; p++) {
      if (p < nt && h0[src[p]!] === h0[src[runStart]!]) continue;
      if (p - runStart > 1) {
        const first = l0[src[runStart]!];
        let same = true;
        for (let q = runStart + 1; q < p && same; q++) same = l0[src[q]!] === first;
        if (!same) this.#sortRunByLow(src, dst, runStart, p);
      }
      runStart = p;
    }
    return src.subarray(0, nt);
  }

  /** Stable sort of `src[start..end)` by the low word (ascending), in place (`dst` as scratch). */
  #sortRunByLow(src: Int32Array, dst: Int32Array, start: number, end: number): void {
    const loW = this.#loWord;
    if (end - start <= 24) {
      for (let p = start + 1; p < end; p++) {
        const j = src[p]!, key = loW[j]!;
        let q = p - 1;
        while (q >= start && loW[src[q]!]! > key) {
          src[q + 1] = src[q]!;
          q--;
        }
        src[q + 1] = j;
      }
      return;
    }
    let a = src.subarray(start, end), b = dst.subarray(start, end);
    const n = end - start;
    for (let shift = 0; shift < 32; shift += 8) {
      if (this.#pass(a, b, n, loW, shift)) [a, b] = [b, a];
    }
    if (a.buffer !== src.buffer || a.byteOffset !== src.byteOffset + start * 4) {
      src.set(a, start);
    }
  }

  /**
   * One stable counting pass on byte `shift / 8` of `key[j]` (of j itself when `key` is null), src → dst;
   * false (nothing moved) when that byte is the same for every candidate.
   */
  #pass(src: Int32Array, dst: Int32Array, nt: number, key: Uint32Array | null, shift: number): boolean {
    const count = this.#count;
    count.fill(0);
    if (key === null) {
      for (let t = 0; t < nt; t++) count[(src[t]! >>> shift) & 255]!++;
    } else {
      for (let t = 0; t < nt; t++) count[(key[src[t]!]! >>> shift) & 255]!++;
    }
    const first = ((key === null ? src[0]! : key[src[0]!]!) >>> shift) & 255;
    if (count[first] === nt) return false;
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    if (key === null) {
      for (let t = 0; t < nt; t++) {
        const j = src[t]!;
        dst[count[(j >>> shift) & 255]!++] = j;
      }
    } else {
      for (let t = 0; t < nt; t++) {
        const j = src[t]!;
        dst[count[(key[j]! >>> shift) & 255]!++] = j;
      }
    }
    return true;
  }
}
