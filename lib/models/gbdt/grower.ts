/**
 * The tree grower. The frontier holds the open leaves with their best split. Leaf-wise (best-first,
 * `growPolicy: "lossguide"`): the leaf with the largest gain is split next. Depth-wise
 * (`"depthwise"`, XGBoost's level-by-level growth): the shallowest leaf with a valid split is split
 * next, the first created among equals, so every splittable leaf of depth d is split, in node order,
 * before any of depth d + 1. Either way growth stops when `numLeaves` leaves exist, no leaf has a
 * valid split, or depth reaches `maxDepth`: the choice of the next leaf is the only difference. Rows live in one index array partitioned in place (stable), so a
 * leaf is a range `[start, end)`. Histograms come from a {@link HistogramPool}: the smaller child is
 * built from its rows and the larger one is `parent − smaller` in the parent's buffer.
 *
 * Leaf values are `learningRate · clamp(−T(G)/(H+λ), lo, hi)` (see split.ts); the bounds come from
 * monotone splits among the ancestors.
 * @module
 */
import { HistogramPool } from "./histogram.ts";
import {
  type ChildSearch,
  type GradientSource,
  HistogramBuilder,
  type SplitSearchSetup,
} from "./histogram_parallel.ts";
import { partitionRows } from "./partition.ts";
import { leafOutput, type SplitConfig, type SplitFeatures, SplitInfo } from "./split.ts";

/** A tree as grown on bins (training structure). Node 0 is the root; `feature = -1` marks a leaf. */
export class GrownTree {
  feature: number[] = [];
  /** Numeric split: left when bin ≤ `bin`. */
  bin: number[] = [];
  defaultLeft: number[] = [];
  left: number[] = [];
  right: number[] = [];
  /** Categorical split: 256-bit membership of left bins; null for numeric splits and leaves. */
  catMask: (Uint32Array | null)[] = [];
  /** Leaf value (learning rate applied); 0 for internal nodes until the predictor fills means. */
  value: number[] = [];
  /** Sum of training sample weights (bagged rows) reaching the node. */
  cover: number[] = [];
  /** Sum of hessians reaching the node. */
  sumHess: number[] = [];
  /** Split gain (internal nodes), 0 for leaves. */
  gain: number[] = [];

  get nNodes(): number {
    return this.feature.length;
  }

  addLeaf(value: number, cover: number, sumHess: number): number {
    this.feature.push(-1);
    this.bin.push(0);
    this.defaultLeft.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.catMask.push(null);
    this.value.push(value);
    this.cover.push(cover);
    this.sumHess.push(sumHess);
    this.gain.push(0);
    return this.feature.length - 1;
  }

  /** Leaf reached by row `row` of a binned matrix (column-major, `nRows` rows). */
  leafOf(bins: Uint8Array, nRows: number, row: number, nValueBins: Int32Array): number {
    let n = 0;
    let f: number;
    while ((f = this.feature[n]!) >= 0) {
      const b = bins[f * nRows + row]!;
      const mask = this.catMask[n];
      let goLeft: boolean;
      if (mask) goLeft = ((mask[b >>> 5]! >>> (b & 31)) & 1) === 1;
      else if (b === nValueBins[f]) goLeft = this.defaultLeft[n] === 1;
      else goLeft = b <= this.bin[n]!;
      n = goLeft ? this.left[n]! : this.right[n]!;
    }
    return n;
  }
}

/** Growth parameters beyond the split config. */
export interface GrowConfig extends SplitConfig {
  /** Most leaves (≥ 2; callers turn the depth-wise "0 = no limit" into 2^maxDepth). */
  readonly numLeaves: number;
  /** Which open leaf is split next (see the module doc); "lossguide" when absent. */
  readonly growPolicy?: "lossguide" | "depthwise";
  /** -1 = unlimited. */
  readonly maxDepth: number;
  readonly learningRate: number;
}

/** Sizes and thread settings of a {@link GrowerWorkspace}. */
export interface GrowerWorkspaceOptions {
  /** Most leaves per tree (sizes the histogram pool). */
  numLeaves: number;
  /** Threads, main included (default 1). */
  nThreads?: number;
  /** Gradient blocks (classes of multiclass; default 1). */
  nOutputs?: number;
  /** See `HistogramBuilderOptions.minParallelWork`. */
  minParallelWork?: number;
  /** Lets the threads compute the objective's gradients too (see `HistogramBuilder.computeGradients`). */
  gradientSource?: GradientSource;
  /**
   * Lets the threads search splits too (see `HistogramBuilder.buildChildren`): the fit's split
   * features and config, which {@link growTree} must then be called with.
   */
  splitSearch?: SplitSearchSetup;
}

/** Largest histogram pool allocated up front for worker threads (512 MiB). */
export const MAX_SHARED_POOL_BYTES = 512 * 2 ** 20;

/**
 * Buffers reused across trees of one fit: the row index (`rows`, partitioned in place per tree), the
 * gradient arrays (`grad` / `hess`, `nOutputs` blocks of `nRows`: the objective writes them, the
 * worker threads read them), the histogram pool and builder (with worker threads when `nThreads > 1`
 * and the bins are in a `SharedArrayBuffer`), and spare split records. Call {@link close} when the
 * fit ends.
 */
export class GrowerWorkspace {
  readonly pool: HistogramPool;
  readonly rows: Uint32Array;
  readonly tmp: Uint32Array;
  /** Per-split table: 1 when bin b goes left. */
  readonly goesLeft = new Uint8Array(256);
  readonly builder: HistogramBuilder;
  readonly splits: SplitInfo[] = [];
  /** The split search the threads were given (see {@link GrowerWorkspaceOptions.splitSearch}). */
  readonly splitSearch?: SplitSearchSetup;
  /** Rows histogrammed so far (each build of a node adds its row count): shows the subtraction trick. */
  rowsHistogrammed = 0;

  constructor(data: GrowData, options: GrowerWorkspaceOptions) {
    const { nRows, bins, feats } = data;
    const { numLeaves, nThreads = 1, nOutputs = 1, minParallelWork, gradientSource, splitSearch } = options;
    this.splitSearch = splitSearch;
    const totalBins = feats.binOffset[feats.binOffset.length - 1]!;
    // A shared pool is allocated up front (workers cannot be handed buffers later): beyond
    // MAX_SHARED_POOL_BYTES (huge numLeaves × wide data) stay single-threaded with the lazy pool.
    const sharedBytes = (numLeaves + 1) * totalBins * 20;
    const threads =
      nThreads > 1 && bins.buffer instanceof SharedArrayBuffer && sharedBytes <= MAX_SHARED_POOL_BYTES
        ? nThreads
        : 1;
    this.pool = new HistogramPool(totalBins, numLeaves + 1, threads > 1);
    this.rows = new Uint32Array(threads > 1 ? new SharedArrayBuffer(nRows * 4) : new ArrayBuffer(nRows * 4));
    this.tmp = new Uint32Array(nRows);
    this.builder = new HistogramBuilder({
      bins,
      nRows,
      binOffset: feats.binOffset,
      pool: this.pool,
      rows: this.rows,
      nThreads: threads,
      nOutputs,
      minParallelWork,
      gradientSource,
      splitSearch,
    });
  }

  /** Gradients of all outputs (output k at `k · nRows`), where {@link growTree} expects them. */
  get grad(): Float32Array {
    return this.builder.grad;
  }

  /** Hessians, laid out as {@link grad}. */
  get hess(): Float32Array {
    return this.builder.hess;
  }

  /** Threads actually used for histogram building. */
  get nThreads(): number {
    return this.builder.nThreads;
  }

  /** Stops the worker threads (idempotent). */
  close(): void {
    this.builder.close();
  }
}

/** The binned training data as the grower sees it. */
export interface GrowData {
  readonly bins: Uint8Array;
  readonly nRows: number;
  readonly feats: SplitFeatures;
  /** Sample weights (cover); undefined = all 1. */
  readonly weights?: ArrayLike<number>;
}

interface OpenLeaf {
  node: number;
  start: number;
  end: number;
  slot: number; // -1 when no histogram is held
  g: number;
  h: number;
  depth: number;
  lo: number;
  hi: number;
  split: SplitInfo;
}

/** Result of {@link growTree}: the tree and, per leaf node, its row range in `rows`. */
export interface GrowResult {
  tree: GrownTree;
  /** Leaf node ids with `rows[leafStart[i] .. leafEnd[i])` their training rows. */
  leafNodes: number[];
  leafStart: number[];
  leafEnd: number[];
}

/**
 * Grows one tree on rows `ws.rows[0 .. nUsed)` (permuted in place) with gradients `grad`/`hess`
 * (indexed by row id; with worker threads, one output's block of `ws.grad` / `ws.hess`).
 * `featureMask[f] = 1` for the features this tree may use.
 */
export function growTree(
  data: GrowData,
  grad: Float32Array,
  hess: Float32Array,
  nUsed: number,
  featureMask: Uint8Array,
  cfg: GrowConfig,
  ws: GrowerWorkspace,
): GrowResult {
  const { bins, nRows, feats, weights } = data;
  const { pool, rows, builder } = ws;
  pool.reset();
  builder.setFeatures(featureMask);
  const tree = new GrownTree();
  const spareSplits = ws.splits;

  let g0 = 0, h0 = 0, w0 = 0;
  for (let i = 0; i < nUsed; i++) {
    const r = rows[i]!;
    g0 += grad[r]!;
    h0 += hess[r]!;
    w0 += weights ? weights[r]! : 1;
  }
  const root = tree.addLeaf(
    cfg.learningRate * leafOutput(g0, h0, cfg.lambdaL2, cfg.alphaL1, -Infinity, Infinity),
    w0,
    h0,
  );
  const takeSplit = () => spareSplits.pop() ?? new SplitInfo();
  const canSplit = (count: number, depth: number) =>
    count >= 2 * cfg.minDataInLeaf && (cfg.maxDepth < 0 || depth < cfg.maxDepth) && cfg.numLeaves > 1;
  // The threads search splits with the workspace's setup when this tree uses it (else one thread does).
  const setup: SplitSearchSetup = ws.splitSearch?.cfg === cfg && ws.splitSearch.feats === feats
    ? ws.splitSearch
    : { feats, cfg };
  const childSearch = (c: OpenLeaf): ChildSearch => ({
    g: c.g,
    h: c.h,
    count: c.end - c.start,
    lo: c.lo,
    hi: c.hi,
    out: c.split,
  });

  const open: OpenLeaf[] = [];
  const done: OpenLeaf[] = [];
  const rootLeaf: OpenLeaf = {
    node: root,
    start: 0,
    end: nUsed,
    slot: -1,
    g: g0,
    h: h0,
    depth: 0,
    lo: -Infinity,
    hi: Infinity,
    split: takeSplit(),
  };
  rootLeaf.split.reset();
  if (canSplit(nUsed, 0)) {
    // The root's histogram and best split, in one job like any node's (see below).
    rootLeaf.slot = pool.acquire();
    ws.rowsHistogrammed += nUsed;
    builder.buildChildren(rootLeaf.slot, 0, nUsed, grad, hess, -1, childSearch(rootLeaf), null, setup);
  }
  open.push(rootLeaf);
  let nLeaves = 1;

  const depthwise = cfg.growPolicy === "depthwise";
  while (nLeaves < cfg.numLeaves) {
    const best = depthwise ? nextByDepth(open) : nextByGain(open);
    if (best < 0) break;
    const leaf = open[best]!;
    open.splice(best, 1);
    const s = leaf.split;
    const f = s.feature;

    // Stable in-place partition of rows[start, end): left rows first (partition.ts). A 256-entry
    // table says which bins go left, so the loop is the same for numeric and categorical splits and
    // has no branch.
    const col = f * nRows;
    const missingBin = feats.nValueBins[f]!;
    let mask: Uint32Array | null = null;
    const goesLeft = ws.goesLeft;
    if (s.categorical) {
      mask = new Uint32Array(8);
      for (const b of s.catBins) mask[b >>> 5]! |= 1 << (b & 31);
      for (let b = 0; b < 256; b++) goesLeft[b] = (mask[b >>> 5]! >>> (b & 31)) & 1;
    } else {
      for (let b = 0; b < 256; b++) {
        goesLeft[b] = b === missingBin ? (s.defaultLeft ? 1 : 0) : b <= s.bin ? 1 : 0;
      }
    }
    const mid = partitionRows(rows, ws.tmp, bins, col, goesLeft, leaf.start, leaf.end);
    // Covers: row counts, or weight sums in row order (each side's rows keep their order).
    let wl = mid - leaf.start, wr = leaf.end - mid;
    if (weights) {
      wl = 0;
      wr = 0;
      for (let i = leaf.start; i < mid; i++) wl += weights[rows[i]!]!;
      for (let i = mid; i < leaf.end; i++) wr += weights[rows[i]!]!;
    }

    const lr = cfg.learningRate;
    const ln = tree.addLeaf(lr * s.leftOutput, wl, s.leftH);
    const rn = tree.addLeaf(lr * s.rightOutput, wr, s.rightH);
    const node = leaf.node;
    tree.feature[node] = f;
    tree.bin[node] = s.bin;
    tree.defaultLeft[node] = s.defaultLeft ? 1 : 0;
    tree.catMask[node] = mask;
    tree.left[node] = ln;
    tree.right[node] = rn;
    tree.gain[node] = s.gain;
    tree.value[node] = 0;
    nLeaves++;

    let llo = leaf.lo, lhi = leaf.hi, rlo = leaf.lo, rhi = leaf.hi;
    const mono = feats.monotone[f]!;
    if (mono !== 0) {
      const m = (s.leftOutput + s.rightOutput) / 2;
      if (mono > 0) {
        lhi = Math.min(lhi, m);
        rlo = Math.max(rlo, m);
      } else {
        llo = Math.max(llo, m);
        rhi = Math.min(rhi, m);
      }
    }
    const depth = leaf.depth + 1;
    const L: OpenLeaf = {
      node: ln,
      start: leaf.start,
      end: mid,
      slot: -1,
      g: s.leftG,
      h: s.leftH,
      depth,
      lo: llo,
      hi: lhi,
      split: takeSplit(),
    };
    const R: OpenLeaf = {
      node: rn,
      start: mid,
      end: leaf.end,
      slot: -1,
      g: s.rightG,
      h: s.rightH,
      depth,
      lo: rlo,
      hi: rhi,
      split: takeSplit(),
    };
    L.split.reset();
    R.split.reset();
    const room = nLeaves < cfg.numLeaves;
    const needL = room && canSplit(mid - leaf.start, depth);
    const needR = room && canSplit(leaf.end - mid, depth);
    const smallIsLeft = mid - leaf.start <= leaf.end - mid;
    const small = smallIsLeft ? L : R, large = smallIsLeft ? R : L;
    const needSmall = smallIsLeft ? needL : needR, needLarge = smallIsLeft ? needR : needL;
    // The small child's histogram is built from its rows (even when only the large child can split:
    // it is then needed for the subtraction), the large one's is the parent's minus it. The builder
    // does both and searches the children's splits, on all threads for large leaves.
    if (needLarge || needSmall) {
      small.slot = needLarge ? pool.acquire() : leaf.slot;
      if (needLarge) large.slot = leaf.slot;
      leaf.slot = -1;
      ws.rowsHistogrammed += small.end - small.start;
      builder.buildChildren(
        small.slot,
        small.start,
        small.end,
        grad,
        hess,
        needLarge ? large.slot : -1,
        needSmall ? childSearch(small) : null,
        needLarge ? childSearch(large) : null,
        setup,
      );
      if (!needSmall) {
        pool.release(small.slot);
        small.slot = -1;
      }
    }
    if (leaf.slot >= 0) pool.release(leaf.slot);
    spareSplits.push(leaf.split);
    for (const child of [L, R]) {
      if (child.slot >= 0 && child.split.gain === -Infinity) {
        pool.release(child.slot);
        child.slot = -1;
      }
      open.push(child);
    }
  }
  for (const l of open) {
    done.push(l);
    ws.splits.push(l.split);
  }
  done.sort((a, b) => a.node - b.node);
  return {
    tree,
    leafNodes: done.map((l) => l.node),
    leafStart: done.map((l) => l.start),
    leafEnd: done.map((l) => l.end),
  };
}

/** Lossguide: index of the open leaf with the largest split gain (the first among equals); -1 if none can split. */
function nextByGain(open: OpenLeaf[]): number {
  let best = -1;
  for (let i = 0; i < open.length; i++) {
    if (open[i]!.split.gain > -Infinity && (best < 0 || open[i]!.split.gain > open[best]!.split.gain)) {
      best = i;
    }
  }
  return best;
}

/** Depthwise: index of the shallowest open leaf that can split, the lowest node id among equals; -1 if none. */
function nextByDepth(open: OpenLeaf[]): number {
  let best = -1;
  for (let i = 0; i < open.length; i++) {
    const l = open[i]!;
    if (l.split.gain === -Infinity) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = open[best]!;
    if (l.depth < b.depth || (l.depth === b.depth && l.node < b.node)) best = i;
  }
  return best;
}
