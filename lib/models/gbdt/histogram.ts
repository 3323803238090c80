/**
 * Per-feature gradient histograms. A node's {@link Histogram} has two flat arrays over the global bins
 * (`j = binOffset[f] + b` for bin b of feature f): `gh[2j]` is the sum of gradients and `gh[2j+1]` the
 * sum of hessians (doubles), `count[j]` the row count (an integer array: an integer increment is much
 * cheaper in the inner loop than a third floating-point one). Histograms live in a
 * {@link HistogramPool} allocated once per fit; the grower builds the smaller child from its rows and
 * gets the larger one by subtraction (`parent − smaller`), so each row is touched once per level.
 *
 * The builder works on a list of active features (`features`, a range `[fFrom, fTo)` of it), so that
 * several threads can each fill a disjoint range of features of the same histogram: every feature's
 * sums are accumulated in the same order whoever computes them, so the result is bit-identical for
 * any split of the features (see `histogram_parallel.ts`).
 * @module
 */

/** Doubles per bin in `gh`: sum of gradients, sum of hessians. */
export const GH_STRIDE = 2;

/** The histogram of one node over all global bins. */
export interface Histogram {
  /** `gh[2j]` = Σ gradient, `gh[2j+1]` = Σ hessian of the rows in global bin j. */
  readonly gh: Float64Array;
  /** `count[j]` = number of rows in global bin j. */
  readonly count: Int32Array;
}

/** Allocates an empty histogram over `totalBins` bins (tests and one-off use; fits use the pool). */
export function newHistogram(totalBins: number): Histogram {
  return { gh: new Float64Array(totalBins * GH_STRIDE), count: new Int32Array(totalBins) };
}

/**
 * A fixed set of reusable histogram buffers (one per possible open leaf). A shared pool keeps all
 * slots in one `SharedArrayBuffer` (allocated up front) so worker threads can fill them; slot `s`
 * then starts at byte `s · slotBytes`, with `gh` first and `count` after it.
 */
export class HistogramPool {
  readonly size: number;
  readonly totalBins: number;
  /** Bytes per slot in {@link buffer} (gh, then count padded to 8 bytes). */
  readonly slotBytes: number;
  /** The shared backing store (shared pools only). */
  readonly buffer: SharedArrayBuffer | null;
  #free: number[];
  #views: Histogram[];

  constructor(totalBins: number, size: number, shared = false) {
    this.size = size;
    this.totalBins = totalBins;
    this.slotBytes = totalBins * GH_STRIDE * 8 + Math.ceil(totalBins / 2) * 8;
    this.buffer = shared ? new SharedArrayBuffer(this.slotBytes * size) : null;
    this.#views = [];
    this.#free = [];
    for (let i = size - 1; i >= 0; i--) this.#free.push(i);
  }

  /** Takes a free slot (its buffers are not cleared). */
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

  /** The histogram of a slot (created on first use, then reused). */
  get(slot: number): Histogram {
    let h = this.#views[slot];
    if (h === undefined) {
      h = this.buffer
        ? slotView(this.buffer, slot, this.slotBytes, this.totalBins)
        : newHistogram(this.totalBins);
      this.#views[slot] = h;
    }
    return h;
  }
}

/** The histogram views of slot `slot` of a shared pool buffer (also used by the worker threads). */
export function slotView(
  buffer: SharedArrayBuffer,
  slot: number,
  slotBytes: number,
  totalBins: number,
): Histogram {
  const o = slot * slotBytes;
  return {
    gh: new Float64Array(buffer, o, totalBins * GH_STRIDE),
    count: new Int32Array(buffer, o + totalBins * GH_STRIDE * 8, totalBins),
  };
}

/** The indices of the features with `mask[f] = 1`, in increasing order. */
export function activeFeatures(mask: Uint8Array, out = new Int32Array(mask.length)): Int32Array {
  let k = 0;
  for (let f = 0; f < mask.length; f++) if (mask[f] !== 0) out[k++] = f;
  return out.subarray(0, k);
}

/**
 * Fills `hist` for the features `features[fFrom .. fTo)` over rows `rows[start .. end)`, with
 * `grad[r]` / `hess[r]` the gradient and hessian of row r. Bins of other features are left untouched
 * (stale): callers must not read them.
 *
 * Features go four at a time through one pass over the rows (the row index and its gradients are
 * loaded once for four features), then two at a time, then one; each feature still adds its rows in
 * row order, so the sums do not depend on how features are grouped. The float32 gradients are read
 * where they lie (a leaf's rows are increasing row ids, so the reads move forward through the arrays)
 * rather than gathered into a leaf-ordered copy first: the copy was a serial step before every build,
 * and reading through the row index costs the kernel about what the copy did.
 */
export function buildHistogram(
  hist: Histogram,
  bins: Uint8Array,
  nRows: number,
  binOffset: Int32Array,
  features: Int32Array,
  fFrom: number,
  fTo: number,
  rows: Uint32Array,
  start: number,
  end: number,
  grad: Float32Array,
  hess: Float32Array,
): void {
  const { gh, count } = hist;
  for (let k = fFrom; k < fTo; k++) {
    const f = features[k]!;
    gh.fill(0, binOffset[f]! * GH_STRIDE, binOffset[f + 1]! * GH_STRIDE);
    count.fill(0, binOffset[f]!, binOffset[f + 1]!);
  }
  let k = fFrom;
  for (; k + 4 <= fTo; k += 4) {
    const f0 = features[k]!, f1 = features[k + 1]!, f2 = features[k + 2]!, f3 = features[k + 3]!;
    const o0 = binOffset[f0]!, o1 = binOffset[f1]!, o2 = binOffset[f2]!, o3 = binOffset[f3]!;
    const c0 = f0 * nRows, c1 = f1 * nRows, c2 = f2 * nRows, c3 = f3 * nRows;
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      const g = grad[r]!, h = hess[r]!;
      const b0 = o0 + bins[c0 + r]!,
        b1 = o1 + bins[c1 + r]!,
        b2 = o2 + bins[c2 + r]!,
        b3 = o3 + bins[c3 + r]!;
      let j = b0 << 1;
      gh[j] = gh[j]! + g;
      gh[j + 1] = gh[j + 1]! + h;
      count[b0] = count[b0]! + 1;
      j = b1 << 1;
      gh[j] = gh[j]! + g;
      gh[j + 1] = gh[j + 1]! + h;
      count[b1] = count[b1]! + 1;
      j = b2 << 1;
      gh[j] = gh[j]! + g;
      gh[j + 1] = gh[j + 1]! + h;
      count[b2] = count[b2]! + 1;
      j = b3 << 1;
      gh[j] = gh[j]! + g;
      gh[j + 1] = gh[j + 1]! + h;
      count[b3] = count[b3]! + 1;
    }
  }
  if (k + 2 <= fTo) {
    const f0 = features[k]!, f1 = features[k + 1]!;
    const o0 = binOffset[f0]!, o1 = binOffset[f1]!;
    const c0 = f0 * nRows, c1 = f1 * nRows;
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      const g = grad[r]!, h = hess[r]!;
      const b0 = o0 + bins[c0 + r]!, b1 = o1 + bins[c1 + r]!;
      let j = b0 << 1;
      gh[j] = gh[j]! + g;
      gh[j + 1] = gh[j + 1]! + h;
      count[b0] = count[b0]! + 1;
      j = b1 << 1;
      gh[j] = gh[j]! + g;
      gh[j + 1] = gh[j + 1]! + h;
      count[b1] = count[b1]! + 1;
    }
    k += 2;
  }
  if (k < fTo) {
    const f = features[k]!;
    const o0 = binOffset[f]!, c0 = f * nRows;
    for (let i = start; i < end; i++) {
      const r = rows[i]!;
      const b = o0 + bins[c0 + r]!;
      const j = b << 1;
      gh[j] = gh[j]! + grad[r]!;
      gh[j + 1] = gh[j + 1]! + hess[r]!;
      count[b] = count[b]! + 1;
    }
  }
}

/** `target ← parent − child` for the features `features[fFrom .. fTo)` (target may alias parent). */
export function subtractHistogram(
  target: Histogram,
  parent: Histogram,
  child: Histogram,
  binOffset: Int32Array,
  features: Int32Array,
  fFrom = 0,
  fTo = features.length,
): void {
  const tg = target.gh, pg = parent.gh, cg = child.gh;
  const tc = target.count, pc = parent.count, cc = child.count;
  for (let k = fFrom; k < fTo; k++) {
    const f = features[k]!;
    const o0 = binOffset[f]!, o1 = binOffset[f + 1]!;
    for (let j = o0 * GH_STRIDE; j < o1 * GH_STRIDE; j++) tg[j] = pg[j]! - cg[j]!;
    for (let j = o0; j < o1; j++) tc[j] = pc[j]! - cc[j]!;
  }
}
