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
 * After a split, one job per node ({@link HistogramBuilder.buildChildren}) does the rest of the step
 * by feature group as well: the large child's histogram by subtraction and both children's best
 * splits; each thread posts its best split record and the main thread keeps the one the sequential
 * search would (higher gain, then lower feature).
 *
 * The same threads compute the gradients of a built-in objective
 * ({@link HistogramBuilder.computeGradients}: an equal range of rows each; lambdarank takes the
 * queries that start in the range), see `Objective.rowRanges`.
 *
 * `fitGbdt` is synchronous, so the main thread hands out work and waits with `Atomics.wait` /
 * `Atomics.notify` on a small control array (Deno allows blocking waits on the main thread); the
 * workers block the same way between jobs. {@link HistogramBuilder.close} must be called when the
 * fit ends (it terminates the workers).
 * @module
 */
import { buildHistogram, type Histogram, type HistogramPool, subtractHistogram } from "./histogram.ts";
import {
  beats,
  finishSplit,
  searchFeatures,
  type SplitConfig,
  splitConfigOf,
  type SplitFeatures,
  SplitInfo,
} from "./split.ts";
import { copySplit, MAX_CAT_BINS, readSplit, SPLIT_RECORD } from "./split_transfer.ts";
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
  /** Histogram job: slot of the parent histogram to turn into the large child's (−1: none). */
  LARGE_SLOT: 9,
  /** Histogram job: bit 1 = search the small child's best split, bit 2 = the large child's. */
  SEARCH: 10,
} as const;

/** A child whose best split a histogram job searches: its sums, row count and output bounds. */
export interface ChildSearch {
  g: number;
  h: number;
  count: number;
  lo: number;
  hi: number;
  /** Receives the best split (`gain = -Infinity` when none). */
  out: SplitInfo;
}

/** The split search a builder can run on its threads (the workers get a copy at start). */
export interface SplitSearchSetup {
  feats: SplitFeatures;
  cfg: SplitConfig;
}

/**
 * One take of a node's histogram job, on features `features[kFrom .. kTo)`: fills the small child's
 * histogram from its rows, turns `large` (the parent's histogram) into the large child's by
 * subtraction, and searches the children's best splits among these features into `smallOut` /
 * `largeOut` (null: not wanted). `args` holds g, h, count, lo, hi of the small child, then of the
 * large one. Run by the main thread and the workers alike.
 */
export function nodeTake(
  small: Histogram,
  large: Histogram | null,
  bins: Uint8Array,
  nRows: number,
  binOffset: Int32Array,
  features: Int32Array,
  kFrom: number,
  kTo: number,
  rows: Uint32Array,
  start: number,
  end: number,
  grad: Float32Array,
  hess: Float32Array,
  setup: SplitSearchSetup | null,
  args: Float64Array,
  smallOut: SplitInfo | null,
  largeOut: SplitInfo | null,
): void {
  buildHistogram(small, bins, nRows, binOffset, features, kFrom, kTo, rows, start, end, grad, hess);
  if (large) subtractHistogram(large, large, small, binOffset, features, kFrom, kTo);
  if (!setup) return;
  const { feats, cfg } = setup;
  if (smallOut) {
    searchFeatures(
      small,
      feats,
      features,
      kFrom,
      kTo,
      args[0]!,
      args[1]!,
      args[2]!,
      args[3]!,
      args[4]!,
      cfg,
      smallOut,
    );
  }
  if (largeOut && large) {
    searchFeatures(
      large,
      feats,
      features,
      kFrom,
      kTo,
      args[5]!,
      args[6]!,
      args[7]!,
      args[8]!,
      args[9]!,
      cfg,
      largeOut,
    );
  }
}

/** Job kinds. */
export const JOB = {
  /** Fill a histogram slot from a row range (groups of features taken from the shared counter). */
  HISTOGRAM: 0,
  /** Compute an objective's gradients for all rows (thread t of T: the t-th of T equal row ranges). */
  GRADIENTS: 1,
} as const;

/** Rows `[from, to)` of thread `t` (0 = main) of `T` in a gradient job over `n` rows. */
export function gradientRange(n: number, t: number, T: number): [number, number] {
  return [Math.floor((t * n) / T), Math.floor(((t + 1) * n) / T)];
}

/**
 * What the workers need to compute a built-in objective's gradients themselves: its name
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

/**
 * Node jobs below this many row × feature updates stay on the main thread. Measured in alternating
 * pairs of fits (the synthetic 400k × 28 and a 60k × 200 table): 30,000 beat 100,000 in 7 of 7
 * pairs (about 5 %, as a job also subtracts and searches splits, work that does not shrink with the
 * rows); 15,000 was faster on the wide table but slower on the synthetic one in 3 of 3.
 */
export const MIN_PARALLEL_WORK = 30_000;

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
  /** Present when the workers also search splits: the setup, and shared result and argument areas. */
  split?: {
    feats: SplitFeatures;
    cfg: SplitConfig;
    /** Per thread (main = 0) and child (small = 0, large = 1): a record of SPLIT_RECORD doubles. */
    results: SharedArrayBuffer;
    /** Categorical bins of those records, MAX_CAT_BINS each. */
    cats: SharedArrayBuffer;
    /** The job's child sums and bounds (see {@link nodeTake}). */
    args: SharedArrayBuffer;
  };
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
   * workers; {@link HistogramBuilder.buildChildren} takes views of these blocks. Default 1.
   */
  nOutputs?: number;
  /** Threads, main included. More than 1 needs shared `bins`, `rows` and pool. */
  nThreads: number;
  /** Builds with fewer row × feature updates stay on the main thread (default {@link MIN_PARALLEL_WORK}). */
  minParallelWork?: number;
  /** When given (shared arrays), {@link HistogramBuilder.computeGradients} splits the rows between threads. */
  gradientSource?: GradientSource;
  /** When given, {@link HistogramBuilder.buildChildren} searches splits on the threads that build the histograms. */
  splitSearch?: SplitSearchSetup;
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
 * Call {@link setFeatures} whenever the active features change (per tree), then {@link buildChildren}.
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
  readonly #workerGradients: WorkerInit["gradients"];
  readonly #workerSplit: WorkerInit["split"];
  /** The job's child sums and bounds (shared with the workers when they search splits). */
  readonly #splitArgs: Float64Array;
  readonly #results: Float64Array;
  readonly #cats: Int32Array;
  /** Main thread's own best split per child, and a scratch record for the workers'. */
  readonly #local: [SplitInfo, SplitInfo] = [new SplitInfo(), new SplitInfo()];
  readonly #theirs = new SplitInfo();
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
    const search = wanted > 1 ? opts.splitSearch : undefined;
    this.#splitArgs = new Float64Array(alloc(10 * 8));
    this.#results = new Float64Array(alloc(search ? wanted * 2 * SPLIT_RECORD * 8 : 0));
    this.#cats = new Int32Array(alloc(search ? wanted * 2 * MAX_CAT_BINS * 4 : 0));
    this.#workerSplit = search && {
      feats: search.feats,
      cfg: splitConfigOf(search.cfg),
      results: this.#results.buffer as SharedArrayBuffer,
      cats: this.#cats.buffer as SharedArrayBuffer,
      args: this.#splitArgs.buffer as SharedArrayBuffer,
    };
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
          split: this.#workerSplit,
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
   * The grower's step after a split: fills slot `smallSlot` with the small child's histogram (rows
   * `rows[start .. end)`), turns the parent's histogram in `largeSlot` (unless −1) into the large
   * child's (parent − small), and finds each child's best split when asked (`small` / `large`, with
   * `setup` the features' facts and split config). All of it runs on the threads, feature group by
   * feature group, when `setup` is the builder's own `splitSearch` (the workers hold a copy of it);
   * the result is the same as one thread's (see {@link nodeTake} and `searchFeatures`). The root, or
   * any lone histogram, is the call with `largeSlot` −1. Gradients `grad` / `hess` are indexed by row
   * id; with worker threads they must be views of {@link grad} / {@link hess} (one output's block),
   * the arrays the workers can see.
   */
  buildChildren(
    smallSlot: number,
    start: number,
    end: number,
    grad: Float32Array,
    hess: Float32Array,
    largeSlot: number,
    small: ChildSearch | null,
    large: ChildSearch | null,
    setup: SplitSearchSetup | null,
  ): void {
    const o = this.#opts;
    const smallHist: Histogram = o.pool.get(smallSlot);
    const largeHist = largeSlot >= 0 ? o.pool.get(largeSlot) : null;
    const nAct = this.#nActive;
    const minWork = o.minParallelWork ?? MIN_PARALLEL_WORK;
    const threaded = this.#ctrl !== null && (end - start) * nAct >= minWork;
    if ((small !== null || large !== null) && setup === null) {
      throw new Error("HistogramBuilder.buildChildren: a split search needs its setup");
    }
    if (large !== null && largeHist === null) {
      throw new Error("HistogramBuilder.buildChildren: a large-child search needs largeSlot");
    }
    const args = this.#splitArgs;
    if (small) this.#writeArgs(0, small);
    if (large) this.#writeArgs(5, large);
    const [mySmall, myLarge] = this.#local;
    if (small) mySmall.reset();
    if (large) myLarge.reset();
    // Threads search only with the split setup they were started with.
    const onThreads = threaded &&
      (setup === null || (this.#workerSplit !== undefined && setup === o.splitSearch));
    const smallOut = small ? mySmall : null, largeOut = large ? myLarge : null;
    const take = (kFrom: number, kTo: number) =>
      nodeTake(
        smallHist,
        largeHist,
        o.bins,
        o.nRows,
        o.binOffset,
        this.#features,
        kFrom,
        kTo,
        this.rows,
        start,
        end,
        grad,
        hess,
        setup,
        args,
        smallOut,
        largeOut,
      );
    if (!onThreads) take(0, nAct);
    else {
      const gradOffset = this.#sharedOffset(grad, hess);
      // Threads take groups of features (planTakes) from a shared counter, so a thread that the OS
      // deschedules (this machine is shared) simply takes fewer; each feature is still summed by one
      // thread in row order, so the histograms do not depend on who took what.
      const nTakes = this.#nTakes, takes = this.#takes;
      const search = (small ? 1 : 0) | (large ? 2 : 0);
      const seq = this.#startJob(JOB.HISTOGRAM, smallSlot, start, end, nTakes, gradOffset, largeSlot, search);
      const ctrl = this.#ctrl!, next = this.#workers.length * CTRL_STRIDE;
      for (let t: number; (t = Atomics.add(ctrl, next, 1)) < nTakes;) take(takes[t]!, takes[t + 1]!);
      this.#waitForWorkers(seq);
      // The best record over the threads, in the sequential search's order.
      for (let w = 1; w <= this.#workers.length; w++) {
        for (const [c, mine] of [[0, smallOut], [1, largeOut]] as const) {
          if (mine === null) continue;
          const at = (w * 2 + c) * SPLIT_RECORD;
          if (beats(this.#results[at]!, this.#results[at + 1]!, mine.gain, mine.feature)) {
            readSplit(this.#results, at, this.#cats, (w * 2 + c) * MAX_CAT_BINS, this.#theirs);
            copySplit(this.#theirs, mine);
          }
        }
      }
    }
    if (small) {
      copySplit(mySmall, small.out);
      finishSplit(smallHist, setup!.feats, setup!.cfg, small.out);
    }
    if (large && largeHist) {
      copySplit(myLarge, large.out);
      finishSplit(largeHist, setup!.feats, setup!.cfg, large.out);
    }
  }

  #writeArgs(at: number, c: ChildSearch): void {
    const a = this.#splitArgs;
    a[at] = c.g;
    a[at + 1] = c.h;
    a[at + 2] = c.count;
    a[at + 3] = c.lo;
    a[at + 4] = c.hi;
  }

  /** Whether {@link computeGradients} splits the rows between threads. */
  get parallelGradients(): boolean {
    return this.#ctrl !== null && this.#opts.gradientSource !== undefined;
  }

  /**
   * Fills {@link grad} / {@link hess} for all rows with `objective`, which must be the
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
    largeSlot = -1,
    search = 0,
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
      ctrl[base + CTRL.LARGE_SLOT] = largeSlot;
      ctrl[base + CTRL.SEARCH] = search;
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
        "HistogramBuilder.buildChildren: with worker threads, pass views of builder.grad / builder.hess",
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
