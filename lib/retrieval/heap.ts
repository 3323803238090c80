/**
 * A fixed-capacity min-heap of (score, id) used to keep a query's k best candidates: the root is the
 * worst kept candidate, so a new one is compared against it once. Order: higher score is better; on
 * equal scores the lower id is better (the tie rule every top-k in this module follows).
 * @module
 */

/** Min-heap of the k best (score, id) pairs seen so far. */
export class TopKHeap {
  readonly k: number;
  readonly scores: Float64Array;
  readonly ids: Int32Array;
  size = 0;

  constructor(k: number) {
    this.k = k;
    this.scores = new Float64Array(k);
    this.ids = new Int32Array(k);
  }

  /** Empties the heap for reuse. */
  clear(): void {
    this.size = 0;
  }

  /** The score a candidate must beat to enter (−Infinity while not full). */
  threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0]!;
  }

  /** True when (s1, i1) ranks worse than (s2, i2). */
  static #worse(s1: number, i1: number, s2: number, i2: number): boolean {
    return s1 < s2 || (s1 === s2 && i1 > i2);
  }

  /** Offers a candidate; keeps it when it ranks among the k best. */
  push(score: number, id: number): void {
    const s = this.scores, ids = this.ids;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!TopKHeap.#worse(score, id, s[p]!, ids[p]!)) break;
        s[i] = s[p]!;
        ids[i] = ids[p]!;
        i = p;
      }
      s[i] = score;
      ids[i] = id;
      return;
    }
    if (!TopKHeap.#worse(s[0]!, ids[0]!, score, id)) return;
    // Replace the root and sift down.
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && TopKHeap.#worse(s[r]!, ids[r]!, s[l]!, ids[l]!)) c = r;
      if (!TopKHeap.#worse(s[c]!, ids[c]!, score, id)) break;
      s[i] = s[c]!;
      ids[i] = ids[c]!;
      i = c;
    }
    s[i] = score;
    ids[i] = id;
  }

  /** Writes the kept candidates best-first into `ids[offset..offset+k)` / `scores[...]`, padding with -1/−Infinity; empties the heap. */
  drainInto(outIds: Int32Array, outScores: Float32Array | Float64Array, offset: number): void {
    const m = this.size;
    // Pop the worst repeatedly, filling from the back.
    for (let r = this.k - 1; r >= m; r--) {
      outIds[offset + r] = -1;
      outScores[offset + r] = -Infinity;
    }
    const s = this.scores, ids = this.ids;
    for (let r = m - 1; r >= 0; r--) {
      outIds[offset + r] = ids[0]!;
      outScores[offset + r] = s[0]!;
      const n = --this.size;
      const ls = s[n]!, li = ids[n]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const rr = l + 1;
        let c = l;
        if (rr < n && TopKHeap.#worse(s[rr]!, ids[rr]!, s[l]!, ids[l]!)) c = rr;
        if (!TopKHeap.#worse(s[c]!, ids[c]!, ls, li)) break;
        s[i] = s[c]!;
        ids[i] = ids[c]!;
        i = c;
      }
      s[i] = ls;
      ids[i] = li;
    }
  }
}
