/**
 * Per-feature gradient histograms. A node's histogram is one flat `Float64Array` of
 * `3 · totalBins` numbers: for the global bin `j = binOffset[f] + b` of feature f, slot `3j` holds the
 * sum of gradients, `3j+1` the sum of hessians and `3j+2` the row count. Histograms live in a
 * {@link HistogramPool} allocated once per fit; the grower builds the smaller child from its rows and
 * gets the larger one by subtraction (`parent − smaller`), so each row is touched once per level.
 * @module
 */

/** Number of doubles per bin: grad, hess, count. */
export const HIST_STRIDE = 3;

/** A fixed set of reusable histogram buffers (one per possible open leaf). */
export class HistogramPool {
  readonly size: number;
  readonly histLength: number;
  #free: number[];
  #buffers: Float64Array[];

  constructor(totalBins: number, size: number) {
    this.size = size;
    this.histLength = totalBins * HIST_STRIDE;
    this.#buffers = [];
    this.#free = [];
    for (let i = size - 1; i >= 0; i--) this.#free.push(i);
  }

  /** Takes a free slot (its buffer is not cleared). */
  acquire(): number {
    const slot = this.#free.pop();
    if (slot === undefined) throw new Error("HistogramPool exhausted");
    return slot;
  }

  /** Returns a slot to the pool. */
  release(slot: number): void {
    this.#free.push(slot);
  }

  /** Returns all slots. */
  reset(): void {
    this.#free.length = 0;
    for (let i = this.size - 1; i >= 0; i--) this.#free.push(i);
  }

  /** The buffer of a slot (allocated lazily, then reused). */
  get(slot: number): Float64Array {
    let b = this.#buffers[slot];
    if (b === undefined) {
      b = new Float64Array(this.histLength);
      this.#buffers[slot] = b;
    }
    return b;
  }
}

/**
 * Fills `hist` with the histograms of the features in `featureMask` (1 = build) over rows
 * `rows[start .. end)`. `orderedGrad` / `orderedHess` are scratch buffers (length ≥ end − start) that
 * receive the gathered gradients so the per-feature loops read them contiguously.
 * Histograms of masked-out features are left untouched (stale): callers must not read them.
 */
export function buildHistogram(
  hist: Float64Array,
  bins: Uint8Array,
  nRows: number,
  binOffset: Int32Array,
  featureMask: Uint8Array,
  rows: Uint32Array,
  start: number,
  end: number,
  grad: Float32Array,
  hess: Float32Array,
  orderedGrad: Float64Array,
  orderedHess: Float64Array,
): void {
  const m = end - start;
  for (let i = 0; i < m; i++) {
    const r = rows[start + i]!;
    orderedGrad[i] = grad[r]!;
    orderedHess[i] = hess[r]!;
  }
  const nFeatures = binOffset.length - 1;
  for (let f = 0; f < nFeatures; f++) {
    if (featureMask[f] === 0) continue;
    const o0 = binOffset[f]! * HIST_STRIDE;
    const o1 = binOffset[f + 1]! * HIST_STRIDE;
    hist.fill(0, o0, o1);
    const colStart = f * nRows;
    for (let i = 0; i < m; i++) {
      const j = o0 + bins[colStart + rows[start + i]!]! * HIST_STRIDE;
      hist[j] = hist[j]! + orderedGrad[i]!;
      hist[j + 1] = hist[j + 1]! + orderedHess[i]!;
      hist[j + 2] = hist[j + 2]! + 1;
    }
  }
}

/** `target ← parent − child` for the features in `featureMask` (target may alias parent). */
export function subtractHistogram(
  target: Float64Array,
  parent: Float64Array,
  child: Float64Array,
  binOffset: Int32Array,
  featureMask: Uint8Array,
): void {
  const nFeatures = binOffset.length - 1;
  for (let f = 0; f < nFeatures; f++) {
    if (featureMask[f] === 0) continue;
    const o1 = binOffset[f + 1]! * HIST_STRIDE;
    for (let j = binOffset[f]! * HIST_STRIDE; j < o1; j++) target[j] = parent[j]! - child[j]!;
  }
}
