/**
 * An unordered buffer that keeps (at least) the `keep` highest-scoring candidates offered to it, in
 * amortised O(1) per offer: candidates are appended to a buffer of `2·keep` slots; when it fills, a
 * quickselect moves the `keep` best to the front, drops the rest and raises the entry threshold to the
 * `keep`-th best score. Cheaper than a heap when `keep` is large (hundreds to thousands) and most offers
 * are rejected by the threshold test. Deterministic: the same offers in the same order give the same
 * contents.
 *
 * @example
 * ```ts
 * import { CandidateBuffer } from "./candidates.ts";
 * const b = new CandidateBuffer(2);
 * for (const [s, id] of [[0.1, 0], [0.9, 1], [0.5, 2], [0.7, 3], [0.2, 4]]) if (s > b.threshold) b.offer(s, id);
 * b.finish(); // 2: b.ids[0..2) holds 1 and 3 in some order
 * ```
 * @module
 */

/** Keeps the `keep` best of the offered (score, id) pairs. */
export class CandidateBuffer {
  readonly keep: number;
  readonly scores: Float64Array;
  readonly ids: Int32Array;
  size = 0;
  /** Offers scoring at or below this are certainly not among the `keep` best (callers test `score > threshold`). */
  threshold = -Infinity;

  constructor(keep: number) {
    this.keep = keep;
    this.scores = new Float64Array(2 * keep);
    this.ids = new Int32Array(2 * keep);
  }

  /** Empties the buffer for the next query. */
  clear(): void {
    this.size = 0;
    this.threshold = -Infinity;
  }

  /** Appends a candidate (the caller has checked `score > threshold`). */
  offer(score: number, id: number): void {
    this.scores[this.size] = score;
    this.ids[this.size++] = id;
    if (this.size === this.scores.length) this.#compact();
  }

  /** Reduces the buffer to at most `keep` candidates (the best ones, unordered); returns how many. */
  finish(): number {
    if (this.size > this.keep) this.#compact();
    return this.size;
  }

  /** Quickselect (Hoare partition, descending, middle pivot): the `keep` best go to [0, keep). */
  #compact(): void {
    const s = this.scores, ids = this.ids, want = this.keep;
    let lo = 0, hi = this.size - 1;
    while (lo < hi) {
      const pivot = s[(lo + hi) >> 1]!;
      let i = lo, j = hi;
      while (i <= j) {
        while (s[i]! > pivot) i++;
        while (s[j]! < pivot) j--;
        if (i <= j) {
          const ts = s[i]!, ti = ids[i]!;
          s[i] = s[j]!;
          ids[i] = ids[j]!;
          s[j] = ts;
          ids[j] = ti;
          i++;
          j--;
        }
      }
      // Now [lo, j] ≥ pivot ≥ [i, hi]; narrow to the side holding position want − 1.
      if (want - 1 <= j) hi = j;
      else if (want - 1 >= i) lo = i;
      else break;
    }
    this.size = want;
    let min = Infinity;
    for (let r = 0; r < want; r++) if (s[r]! < min) min = s[r]!;
    this.threshold = min;
  }
}
