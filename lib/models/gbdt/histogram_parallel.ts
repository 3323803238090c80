/**
 * Histogram building on several threads: the main thread plus `nThreads − 1` Deno Workers
 * (`histogram_worker.ts`) that share the binned matrix, the row index, the gradients, the
 * active-feature list, its split into takes and the histogram pool through `SharedArrayBuffer`s.
 *
 * In each build the threads take the active features, in groups of four, two or one
 * ({@link planTakes}), from a shared atomic counter and fill those features of the same histogram (no
 * reduction); a descheduled thread just takes fewer. A feature's sums are accumulated in the same row
 * order whatever thread computes them, so the histograms, and therefore the models, are bit-identical
 * to the single-threaded path. Small builds (few rows × features) stay on the main thread, where
 * waking a worker would cost more than it saves.
 *
 * The same threads compute the gradients of a built-in row-wise objective
 * ({@link HistogramBuilder.computeGradients}: an equal range of rows each), since a row's gradients
 * depend on that row alone.
 *
 * `fitGbdt` is synchronous, so the main thread hands out work and waits with `Atomics.wait` /
 * `Atomics.notify` on a small control array (Deno allows blocking waits on the main thread); the
 * workers block the same way between jobs. {@link HistogramBuilder.close} must be called when the
 * fit ends (it terminates the workers).
 * @module
 */
import { buildHistogram, type Histogram, type HistogramPool } from "./histogram.ts";
import type { Objective, ObjectiveName, ObjectiveOptions } from "./objective.ts";

/** Control words per worker in the shared control array. */
export const CTRL_STRIDE = 16;
/** Indices within a worker's control block. */
export const CTRL = {
  /** Set to 1 by the worker once it has its buffers. */
  READY: 0,
  /** Job sequence number, incremented by the main thread to start a job (−1 = exit). */
  SEQ: 1,
  /** Sequence number of the last job the worker finished. */
  DONE: 2,
  SLOT: 3,
  START: 4,
  END: 5,
  /** Histogram job: number of takes (groups of features, see {@link planTakes}); gradient job: threads. */
  N_TAKES: 6,
  /** Index of the job's first gradient in the shared gradient arrays (class k of K: k · nRows). */
  GRAD_OFFSET: 7,
  /** What to do: {@link JOB}. */
  KIND: 8,
} as const;

/** Job kinds. */
export const JOB = {
  /** Fill a histogram slot from a row range (groups of features taken from the shared counter). */
  HISTOGRAM: 0,
  /** Compute a row-wise objective's gradients for all rows (thread t of T: the t-th of T equal ranges). */
  GRADIENTS: 1,
} as const;

/** Rows `[from, to)` of thread `t` (0 = main) of `T` in a gradient job over `n` rows. */
export function gradientRange(n: number, t: number, T: number): [number, number] {
  return [Math.floor((t * n) / T), Math.floor(((t + 1) * n) / T)];
}

/**
 * What the workers need to compute a built-in row-wise objective's gradients themselves: its name
 * and options (each worker builds its own instance) and the labels, raw scores (row-major n·K, as
 * the booster updates them) and weights, all in `SharedArrayBuffer`s.
 */
export interface GradientSource {
  objective: ObjectiveName;
  options: ObjectiveOptions;
  labels: Float64Array;
  raw: Float64Array;
  weights?: Float64Array;
}

/**
 * Splits `nActive` features into the groups ("takes") that threads claim one at a time, writing the
 * group starts to `starts` (`starts[t] .. starts[t+1]`) and returning the number of groups. Groups
 * are four features (the histogram kernel's widest pass) while more than two per thread remain, then
 * two, then one: with 28 features and 2 threads, six fours and two twos let both threads end with 14
 * features instead of 16 and 12.
 */
export function planTakes(nActive: number, nThreads: number, starts: Int32Array): number {
  let t = 0, k = 0;
  while (k < nActive) {
    starts[t++] = k;
    const left = nActive - k;
    k += left >= 4 && left > 2 * nThreads ? 4 : left >= 2 ? 2 : 1;
  }
  starts[t] = nActive;
  return t;
}

/** Builds below this many row × feature updates stay on the main thread. */
export const MIN_PARALLEL_WORK = 100_000;

/** Message that hands a worker its shared buffers. */
export interface WorkerInit {
  index: number;
  ctrl: SharedArrayBuffer;
  /** Index in `ctrl` of the shared counter of a histogram job's next take. */
  nextFeature: number;
  bins: SharedArrayBuffer;
  binsOffset: number;
  binsLength: number;
  nRows: number;
  binOffset: Int32Array;
  rows: SharedArrayBuffer;
  grad: SharedArrayBuffer;
  hess: SharedArrayBuffer;
  features: SharedArrayBuffer;
  takes: SharedArrayBuffer;
  pool: SharedArrayBuffer;
  slotBytes: number;
  totalBins: number;
  /** Present when the workers also compute gradients. */
  gradients?: {
    objective: ObjectiveName;
    options: ObjectiveOptions;
    labels: SharedArrayBuffer;
    raw: SharedArrayBuffer;
    weights: SharedArrayBuffer | null;
  };
}

/** Inputs of a {@link HistogramBuilder}. */
export interface HistogramBuilderOptions {
  bins: Uint8Array;
  nRows: number;
  binOffset: Int32Array;
  pool: HistogramPool;
  /** The row index the grower partitions (a leaf is a range of it). */
  rows: Uint32Array;
  /**
   * Gradients per output (`nOutputs` blocks of `nRows`) allocated by the builder, shared with the
   * workers; {@link HistogramBuilder.build} takes views of these blocks. Default 1.
   */
  nOutputs?: number;
  /** Threads, main included. More than 1 needs shared `bins`, `rows` and pool. */
  nThreads: number;
  /** Builds with fewer row × feature updates stay on the main thread (default {@link MIN_PARALLEL_WORK}). */
  minParallelWork?: number;
  /** When given (shared arrays), {@link HistogramBuilder.computeGradients} splits the rows between threads. */
  gradientSource?: GradientSource;
}

const isShared = (a: ArrayBufferView) => a.buffer instanceof SharedArrayBuffer;

/** The worker's copy of a gradient source: its buffers (whole, unsliced, shared) and objective. */
function sharedGradientSource(src: GradientSource | undefined): WorkerInit["gradients"] {
  if (src === undefined) return undefined;
  const whole = (a: Float64Array, field: string) => {
    if (!isShared(a) || a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength) {
      throw new Error(`gradientSource.${field} must be a whole SharedArrayBuffer-backed array`);
    }
    return a.buffer as SharedArrayBuffer;
  };
  return {
    objective: src.objective,
    options: src.options,
    labels: whole(src.labels, "labels"),
    raw: whole(src.raw, "raw"),
    weights: src.weights ? whole(src.weights, "weights") : null,
  };
}

const WORKER_URL = new URL("./histogram_worker.ts", import.meta.url);
/** Longest wait for workers to start (a cold start under `deno test` type-checks the module: seconds). */
const WORKER_START_TIMEOUT_MS = 20_000;

/** Whether this process may load the worker module (local files need read permission). */
function workersAllowed(): boolean {
  try {
    if (WORKER_URL.protocol !== "file:") return true;
    return Deno.permissions.querySync({ name: "read", path: WORKER_URL }).state === "granted";
  } catch {
    return false;
  }
}

/**
 * Builds node histograms for the grower, on the main thread alone or with worker threads.
 * Call {@link setFeatures} whenever the active features change (per tree), then {@link build}.
 */
export class HistogramBuilder {
  readonly nThreads: number;
  readonly rows: Uint32Array;
  /** Gradients of all outputs (output k at `k · nRows`); shared with the workers when threaded. */
  readonly grad: Float32Array;
  /** Hessians, laid out as {@link grad}. */
  readonly hess: Float32Array;
  #features: Int32Array;
  #nActive = 0;
  #takes: Int32Array;
  #nTakes = 0;
  #workerGradients: WorkerInit["gradients"];
  readonly #opts: HistogramBuilderOptions;
  readonly #workers: Worker[] = [];
  #ctrl: Int32Array | null = null;
  #seq = 0;

  constructor(opts: HistogramBuilderOptions) {
    this.#opts = opts;
    this.rows = opts.rows;
    const nF = opts.binOffset.length - 1;
    const wanted =
      opts.nThreads > 1 && isShared(opts.bins) && isShared(opts.rows) && opts.pool.buffer !== null
        ? opts.nThreads
        : 1;
    const alloc = (bytes: number) => (wanted > 1 ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    const nGrad = opts.nRows * (opts.nOutputs ?? 1);
    this.grad = new Float32Array(alloc(nGrad * 4));
    this.hess = new Float32Array(alloc(nGrad * 4));
    this.#features = new Int32Array(alloc(nF * 4));
    this.#takes = new Int32Array(alloc((nF + 1) * 4));
    // A gradient source with unshared buffers is a caller's bug: raise it rather than run slower.
    this.#workerGradients = wanted > 1 ? sharedGradientSource(opts.gradientSource) : undefined;
    // Threads are an optimisation only (results are identical): when workers cannot start (no read
    // permission for the worker module, a failure, a time-out) the builder runs on the main thread.
    this.nThreads = wanted > 1 && workersAllowed() && this.#startWorkers(wanted - 1) ? wanted : 1;
  }

  /** Starts `n` workers and waits until each holds its buffers; false (and none left) on failure. */
  #startWorkers(n: number): boolean {
    const opts = this.#opts;
    // Worker blocks, then one shared word: the next feature to take (see build).
    const ctrlSab = new SharedArrayBuffer((n * CTRL_STRIDE + 1) * 4);
    const ctrl = new Int32Array(ctrlSab);
    this.#ctrl = ctrl;
    try {
      for (let w = 0; w < n; w++) {
        const worker = new Worker(WORKER_URL, { type: "module" });
        this.#workers.push(worker);
        const init: WorkerInit = {
          index: w,
          ctrl: ctrlSab,
          nextFeature: n * CTRL_STRIDE,
          bins: opts.bins.buffer as SharedArrayBuffer,
          binsOffset: opts.bins.byteOffset,
          binsLength: opts.bins.length,
          nRows: opts.nRows,
          binOffset: opts.binOffset,
          rows: opts.rows.buffer as SharedArrayBuffer,
          grad: this.grad.buffer as SharedArrayBuffer,
          hess: this.hess.buffer as SharedArrayBuffer,
          features: this.#features.buffer as SharedArrayBuffer,
          takes: this.#takes.buffer as SharedArrayBuffer,
          pool: opts.pool.buffer!,
          slotBytes: opts.pool.slotBytes,
          totalBins: opts.pool.totalBins,
          gradients: this.#workerGradients,
        };
        worker.postMessage(init);
      }
      // The main thread cannot see a worker's error event while it blocks, so bound the wait.
      const t0 = Date.now();
      for (let w = 0; w < n; w++) {
        const i = w * CTRL_STRIDE + CTRL.READY;
        while (Atomics.load(ctrl, i) !== 1) {
          if (Date.now() - t0 > WORKER_START_TIMEOUT_MS) throw new Error("worker start timed out");
          Atomics.wait(ctrl, i, 0, 200);
        }
      }
      return true;
    } catch {
      this.close();
      this.#ctrl = null;
      return false;
    }
  }

  /** The active features (indices into the bin layout) of the current tree. */
  get features(): Int32Array {
    return this.#features.subarray(0, this.#nActive);
  }

  /** Sets the active features from a 0/1 mask. */
  setFeatures(mask: Uint8Array): void {
    let k = 0;
    for (let f = 0; f < mask.length; f++) if (mask[f] !== 0) this.#features[k++] = f;
    this.#nActive = k;
    this.#nTakes = planTakes(k, this.nThreads, this.#takes);
  }

  /**
   * Fills histogram slot `slot` of the pool from rows `rows[start .. end)` with gradients `grad` /
   * `hess` (indexed by row id). With worker threads they must be views of {@link grad} / {@link hess}
   * (one output's block), the arrays the workers can see.
   */
  build(
    slot: number,
    start: number,
    end: number,
    grad: Float32Array,
    hess: Float32Array,
  ): void {
    const o = this.#opts;
    const hist: Histogram = o.pool.get(slot);
    const nAct = this.#nActive;
    const minWork = o.minParallelWork ?? MIN_PARALLEL_WORK;
    const T = this.#ctrl !== null && (end - start) * nAct >= minWork ? this.nThreads : 1;
    if (T === 1) {
      buildHistogram(
        hist,
        o.bins,
        o.nRows,
        o.binOffset,
        this.#features,
        0,
        nAct,
        this.rows,
        start,
        end,
        grad,
        hess,
      );
      return;
    }
    const gradOffset = this.#sharedOffset(grad, hess);
    // Threads take groups of features (planTakes) from a shared counter, so a thread that the OS
    // deschedules (this machine is shared) simply takes fewer; each feature is still summed by one
    // thread in row order, so the histogram does not depend on who took what.
    const nTakes = this.#nTakes, takes = this.#takes;
    const seq = this.#startJob(JOB.HISTOGRAM, slot, start, end, nTakes, gradOffset);
    const ctrl = this.#ctrl!, next = this.#workers.length * CTRL_STRIDE;
    for (let t: number; (t = Atomics.add(ctrl, next, 1)) < nTakes;) {
      buildHistogram(
        hist,
        o.bins,
        o.nRows,
        o.binOffset,
        this.#features,
        takes[t]!,
        takes[t + 1]!,
        this.rows,
        start,
        end,
        grad,
        hess,
      );
    }
    this.#waitForWorkers(seq);
  }

  /** Whether {@link computeGradients} splits the rows between threads. */
  get parallelGradients(): boolean {
    return this.#ctrl !== null && this.#opts.gradientSource !== undefined;
  }

  /**
   * Fills {@link grad} / {@link hess} for all rows with `objective`, which must be the row-wise
   * objective of the builder's gradient source (workers rebuild it from its name and options): each
   * thread takes an equal range of rows ({@link gradientRange}; a fixed split, so every worker takes
   * part). Without a gradient source's workers, one call on the main thread. A row's gradients do not
   * depend on which thread computed them, so the result is the same either way.
   */
  computeGradients(objective: Objective): void {
    const src = this.#opts.gradientSource;
    if (src === undefined) throw new Error("HistogramBuilder.computeGradients: no gradient source");
    if (!this.parallelGradients) {
      objective.gradients(src.labels, src.raw, src.weights, this.grad, this.hess);
      return;
    }
    const n = this.#opts.nRows;
    const seq = this.#startJob(JOB.GRADIENTS, 0, 0, n, this.nThreads, 0);
    const [from, to] = gradientRange(n, 0, this.nThreads);
    objective.gradients(src.labels, src.raw, src.weights, this.grad, this.hess, from, to);
    this.#waitForWorkers(seq);
  }

  /** Resets the shared counter and wakes every worker on a job; returns its sequence number. */
  #startJob(
    kind: number,
    slot: number,
    start: number,
    end: number,
    nTakes: number,
    gradOffset: number,
  ): number {
    const ctrl = this.#ctrl!;
    const seq = ++this.#seq;
    Atomics.store(ctrl, this.#workers.length * CTRL_STRIDE, 0);
    for (let w = 0; w < this.#workers.length; w++) {
      const base = w * CTRL_STRIDE;
      ctrl[base + CTRL.KIND] = kind;
      ctrl[base + CTRL.SLOT] = slot;
      ctrl[base + CTRL.START] = start;
      ctrl[base + CTRL.END] = end;
      ctrl[base + CTRL.N_TAKES] = nTakes;
      ctrl[base + CTRL.GRAD_OFFSET] = gradOffset;
      Atomics.store(ctrl, base + CTRL.SEQ, seq);
      Atomics.notify(ctrl, base + CTRL.SEQ);
    }
    return seq;
  }

  /** Blocks until every worker has finished job `seq`; throws if one failed. */
  #waitForWorkers(seq: number): void {
    const ctrl = this.#ctrl!;
    for (let w = 0; w < this.#workers.length; w++) {
      const i = w * CTRL_STRIDE + CTRL.DONE;
      let done: number;
      while ((done = Atomics.load(ctrl, i)) !== seq) {
        if (done === -2) throw new Error("GBDT worker failed");
        Atomics.wait(ctrl, i, done);
      }
    }
  }

  /** Where `grad` / `hess` start in the shared gradient arrays (they must be views of one block). */
  #sharedOffset(grad: Float32Array, hess: Float32Array): number {
    const offset = (grad.byteOffset - this.grad.byteOffset) / 4;
    if (
      grad.buffer !== this.grad.buffer || hess.buffer !== this.hess.buffer ||
      hess.byteOffset - this.hess.byteOffset !== offset * 4 || offset % this.#opts.nRows !== 0 ||
      grad.length < this.#opts.nRows
    ) {
      throw new Error(
        "HistogramBuilder.build: with worker threads, pass views of builder.grad / builder.hess",
      );
    }
    return offset;
  }

  /** Stops the workers (idempotent). */
  close(): void {
    const ctrl = this.#ctrl;
    for (let w = 0; w < this.#workers.length; w++) {
      if (ctrl) {
        Atomics.store(ctrl, w * CTRL_STRIDE + CTRL.SEQ, -1);
        Atomics.notify(ctrl, w * CTRL_STRIDE + CTRL.SEQ);
      }
      this.#workers[w]!.terminate();
    }
    this.#workers.length = 0;
  }
}
