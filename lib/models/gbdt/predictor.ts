/**
 * From training trees to the serving structure, and fast batch prediction.
 *
 * {@link toFlatTree} converts a {@link GrownTree} (splits on bins) to a {@link FlatTree} (splits on raw
 * values): a numeric split "bin ≤ b" becomes "x ≤ thresholds[b]" (the upper edge of bin b; the split
 * "every value | missing" gets `Number.MAX_VALUE`), a categorical split becomes a bitset of codes.
 * `cover` is the sum of training sample weights (the bagged rows; 1 per row without weights) reaching
 * the node, and an internal node's `value` is the cover-weighted mean of its children.
 *
 * {@link predictRaw} walks the flat arrays tree by tree over all rows (tree arrays stay in cache),
 * with no allocation per row.
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import type { FlatTree, TreeEnsemble } from "../tree/ensemble.ts";
import type { BinMapper } from "./binning.ts";
import type { GrownTree } from "./grower.ts";

/** Converts a grown tree to flat form, thresholds in raw feature space. */
export function toFlatTree(tree: GrownTree, mapper: BinMapper): FlatTree {
  const n = tree.nNodes;
  const feature = new Int32Array(n);
  const threshold = new Float64Array(n);
  const left = new Int32Array(n);
  const right = new Int32Array(n);
  const defaultLeft = new Uint8Array(n);
  const value = new Float64Array(n);
  const cover = new Float64Array(n);
  const catOffset = new Int32Array(n).fill(-1);
  const catWords = new Int32Array(n);
  const bits: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = tree.feature[i]!;
    feature[i] = f;
    left[i] = tree.left[i]!;
    right[i] = tree.right[i]!;
    defaultLeft[i] = tree.defaultLeft[i]!;
    cover[i] = tree.cover[i]!;
    value[i] = tree.value[i]!;
    if (f < 0) continue;
    const fb = mapper.features[f]!;
    const mask = tree.catMask[i] && fb.categories
      ? binMaskToCodes(tree.catMask[i]!, fb.categories)
      : tree.catMask[i];
    if (mask) {
      let words = 0;
      for (let w = 0; w < mask.length; w++) if (mask[w] !== 0) words = w + 1;
      catOffset[i] = bits.length;
      catWords[i] = words;
      for (let w = 0; w < words; w++) bits.push(mask[w]!);
    } else {
      const b = tree.bin[i]!;
      threshold[i] = b < fb.thresholds.length ? fb.thresholds[b]! : Number.MAX_VALUE;
    }
  }
  fillInternalValues(feature, left, right, value, cover, 0);
  return {
    feature,
    threshold,
    left,
    right,
    defaultLeft,
    value,
    cover,
    catOffset,
    catWords,
    catBits: Uint32Array.from(bits),
  };
}

/** A categorical split's bitset over bins, as a bitset over the categories' codes (`categories[b]` = bin b's code). */
function binMaskToCodes(mask: Uint32Array, categories: Int32Array): Uint32Array {
  const out = new Uint32Array((categories[categories.length - 1]! >>> 5) + 1);
  for (let b = 0; b < categories.length; b++) {
    if ((mask[b >>> 5]! >>> (b & 31)) & 1) out[categories[b]! >>> 5]! |= 1 << (categories[b]! & 31);
  }
  return out;
}

function fillInternalValues(
  feature: Int32Array,
  left: Int32Array,
  right: Int32Array,
  value: Float64Array,
  cover: Float64Array,
  n: number,
): void {
  if (feature[n]! < 0) return;
  const l = left[n]!, r = right[n]!;
  fillInternalValues(feature, left, right, value, cover, l);
  fillInternalValues(feature, left, right, value, cover, r);
  const c = cover[l]! + cover[r]!;
  value[n] = c > 0 ? (cover[l]! * value[l]! + cover[r]! * value[r]!) / c : (value[l]! + value[r]!) / 2;
}

/**
 * Raw margins for every row: row-major `out[i · nOutputs + k]` (base score plus the trees of output k).
 * Uses the first `nTrees` trees (default all). Feature names are not checked here (the model does).
 * Every row adds its trees' leaf values in tree order, so the result does not depend on the walk used.
 */
export function predictRaw(
  ensemble: TreeEnsemble,
  matrix: Matrix,
  nTrees = ensemble.trees.length,
): Float64Array {
  const { nRows, nCols, values } = matrix;
  const K = ensemble.nOutputs;
  const out = new Float64Array(nRows * K);
  for (let i = 0; i < nRows; i++) for (let k = 0; k < K; k++) out[i * K + k] = ensemble.baseScore[k]!;
  const packed = packEnsemble(ensemble);
  // Blocks of rows keep their feature values in cache while every tree walks them.
  for (let start = 0; start < nRows; start += ROW_BLOCK) {
    const end = Math.min(nRows, start + ROW_BLOCK);
    for (let t = 0; t < nTrees; t++) {
      const k = ensemble.treeClass[t]!;
      const root = packed.root[t]!;
      if (root >= 0) addPackedTree(packed, root, packed.steps[t]!, values, start, end, nCols, out, K, k);
      else addTree(ensemble.trees[t]!, values, start, end, nCols, out, K, k);
    }
  }
  return out;
}

const ROW_BLOCK = 256;

/**
 * The numeric trees of an ensemble concatenated into flat arrays, for a branch-free walk that needs
 * no test for reaching a leaf. Node n of the packed form has feature `feat[n]`, threshold `thr[n]`
 * and `nav[n] = 2 · firstChild + nanRight` (the right child is `firstChild + 1`, as the grower lays
 * them out; `nanRight = 1` when missing values go right). One step is
 * `n = (nav >> 1) + (x > thr | (x is NaN & nanRight))`: left on `x ≤ thr`, right on `x > thr`, NaN by
 * default. A leaf steps to itself (feature 0, threshold +∞, first child itself, NaN left), so a row
 * may take more steps than its path is long; its output is `leaf[n]`.
 */
interface PackedEnsemble {
  feat: Int32Array;
  thr: Float64Array;
  nav: Int32Array;
  leaf: Float64Array;
  /** Packed root of each tree, or −1 for a tree walked by {@link addTree} (categorical splits, or
   * children not adjacent). */
  root: Int32Array;
  /** Steps every row of the tree takes in lock-step: the tree's depth; −(depth) for a tree so
   * lopsided that its rows walk one by one and stop at their leaf ({@link lockStep}). */
  steps: Int32Array;
}

const PACKED = new WeakMap<TreeEnsemble, PackedEnsemble>();

/** The packed form of an ensemble (built once, cached; ensembles are not modified after fitting). */
function packEnsemble(ensemble: TreeEnsemble): PackedEnsemble {
  const cached = PACKED.get(ensemble);
  if (cached && cached.root.length === ensemble.trees.length) return cached;
  const trees = ensemble.trees;
  const packable = trees.map((t) => {
    if (t.catBits.length > 0) return false;
    for (let n = 0; n < t.feature.length; n++) {
      if (t.feature[n]! >= 0 && t.right[n] !== t.left[n]! + 1) return false;
    }
    return true;
  });
  let total = 0;
  trees.forEach((t, i) => (total += packable[i] ? t.feature.length : 0));
  const p: PackedEnsemble = {
    feat: new Int32Array(total),
    thr: new Float64Array(total),
    nav: new Int32Array(total),
    leaf: new Float64Array(total),
    root: new Int32Array(trees.length).fill(-1),
    steps: new Int32Array(trees.length),
  };
  let o = 0;
  trees.forEach((t, i) => {
    if (!packable[i]) return;
    p.root[i] = o;
    const { depth, meanDepth } = depths(t);
    p.steps[i] = lockStep(depth, meanDepth) ? depth : -depth;
    for (let n = 0; n < t.feature.length; n++) {
      const f = t.feature[n]!;
      if (f < 0) {
        p.thr[o + n] = Infinity;
        p.nav[o + n] = 2 * (o + n);
        p.leaf[o + n] = t.value[n]!;
        continue;
      }
      p.feat[o + n] = f;
      p.thr[o + n] = t.threshold[n]!;
      p.nav[o + n] = 2 * (o + t.left[n]!) + (t.defaultLeft[n] === 1 ? 0 : 1);
    }
    o += t.feature.length;
  });
  PACKED.set(ensemble, p);
  return p;
}

/**
 * Whether a tree's rows walk in lock-step for `depth` steps. Lock-step overlaps eight rows' walks but
 * makes every row take the longest path; measured on 100-tree models of the bench's synthetic set it
 * was 1.15× (depth 6), 2.5× (31 leaves) and 1.9× (255 leaves, depth up to 4.3× the mean path) faster
 * than walking rows one by one. Only a lopsided tree whose deepest leaf is far below the path most
 * rows take (the cover-weighted mean depth) walks one row at a time.
 */
function lockStep(depth: number, meanDepth: number): boolean {
  return depth <= 4 * meanDepth + 4;
}

/** A tree's depth and the cover-weighted mean depth of its leaves. */
function depths(tree: FlatTree): { depth: number; meanDepth: number } {
  let depth = 0, weighted = 0;
  const stack = [0, 0];
  while (stack.length > 0) {
    const d = stack.pop()!, n = stack.pop()!;
    if (tree.feature[n]! < 0) {
      depth = Math.max(depth, d);
      weighted += tree.cover[n]! * d;
    } else stack.push(tree.left[n]!, d + 1, tree.right[n]!, d + 1);
  }
  return { depth, meanDepth: tree.cover[0]! > 0 ? weighted / tree.cover[0]! : depth };
}

/**
 * Adds one packed tree's leaf values to rows [start, end). With `steps` ≥ 0 eight rows walk in
 * lock-step (independent dependency chains the CPU overlaps) for exactly `steps` steps, with no test
 * for reaching a leaf; with `steps` < 0 each row walks alone until it steps onto itself.
 */
function addPackedTree(
  packed: PackedEnsemble,
  root: number,
  steps: number,
  values: Float32Array,
  start: number,
  end: number,
  nCols: number,
  out: Float64Array,
  K: number,
  k: number,
): void {
  if (steps < 0) return addLopsidedTree(packed, root, values, start, end, nCols, out, K, k);
  const { feat, thr, nav, leaf } = packed;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const b0 = i * nCols;
    const b1 = b0 + nCols,
      b2 = b1 + nCols,
      b3 = b2 + nCols,
      b4 = b3 + nCols,
      b5 = b4 + nCols,
      b6 = b5 + nCols,
      b7 = b6 + nCols;
    let n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
    for (let s = 0; s < steps; s++) {
      const x0 = values[b0 + feat[n0]!]!,
        x1 = values[b1 + feat[n1]!]!,
        x2 = values[b2 + feat[n2]!]!,
        x3 = values[b3 + feat[n3]!]!,
        x4 = values[b4 + feat[n4]!]!,
        x5 = values[b5 + feat[n5]!]!,
        x6 = values[b6 + feat[n6]!]!,
        x7 = values[b7 + feat[n7]!]!;
      const c0 = nav[n0]!;
      n0 = (c0 >> 1) + (((x0 > thr[n0]!) as unknown as number) | (((x0 !== x0) as unknown as number) & c0));
      const c1 = nav[n1]!;
      n1 = (c1 >> 1) + (((x1 > thr[n1]!) as unknown as number) | (((x1 !== x1) as unknown as number) & c1));
      const c2 = nav[n2]!;
      n2 = (c2 >> 1) + (((x2 > thr[n2]!) as unknown as number) | (((x2 !== x2) as unknown as number) & c2));
      const c3 = nav[n3]!;
      n3 = (c3 >> 1) + (((x3 > thr[n3]!) as unknown as number) | (((x3 !== x3) as unknown as number) & c3));
      const c4 = nav[n4]!;
      n4 = (c4 >> 1) + (((x4 > thr[n4]!) as unknown as number) | (((x4 !== x4) as unknown as number) & c4));
      const c5 = nav[n5]!;
      n5 = (c5 >> 1) + (((x5 > thr[n5]!) as unknown as number) | (((x5 !== x5) as unknown as number) & c5));
      const c6 = nav[n6]!;
      n6 = (c6 >> 1) + (((x6 > thr[n6]!) as unknown as number) | (((x6 !== x6) as unknown as number) & c6));
      const c7 = nav[n7]!;
      n7 = (c7 >> 1) + (((x7 > thr[n7]!) as unknown as number) | (((x7 !== x7) as unknown as number) & c7));
    }
    out[(i + 0) * K + k] = out[(i + 0) * K + k]! + leaf[n0]!;
    out[(i + 1) * K + k] = out[(i + 1) * K + k]! + leaf[n1]!;
    out[(i + 2) * K + k] = out[(i + 2) * K + k]! + leaf[n2]!;
    out[(i + 3) * K + k] = out[(i + 3) * K + k]! + leaf[n3]!;
    out[(i + 4) * K + k] = out[(i + 4) * K + k]! + leaf[n4]!;
    out[(i + 5) * K + k] = out[(i + 5) * K + k]! + leaf[n5]!;
    out[(i + 6) * K + k] = out[(i + 6) * K + k]! + leaf[n6]!;
    out[(i + 7) * K + k] = out[(i + 7) * K + k]! + leaf[n7]!;
  }
  for (; i < end; i++) {
    const base = i * nCols;
    let n = root;
    for (let s = 0; s < steps; s++) {
      const c = nav[n]!, x = values[base + feat[n]!]!;
      n = (c >> 1) + (((x > thr[n]!) as unknown as number) | (((x !== x) as unknown as number) & c));
    }
    out[i * K + k] = out[i * K + k]! + leaf[n]!;
  }
}

/** Adds a lopsided packed tree's leaf values: each row walks alone until it steps onto itself. */
function addLopsidedTree(
  packed: PackedEnsemble,
  root: number,
  values: Float32Array,
  start: number,
  end: number,
  nCols: number,
  out: Float64Array,
  K: number,
  k: number,
): void {
  const { feat, thr, nav, leaf } = packed;
  for (let i = start, base = start * nCols; i < end; i++, base += nCols) {
    let n = root;
    for (;;) {
      const c = nav[n]!, x = values[base + feat[n]!]!;
      const next = (c >> 1) + (((x > thr[n]!) as unknown as number) | (((x !== x) as unknown as number) & c));
      if (next === n) break;
      n = next;
    }
    out[i * K + k] = out[i * K + k]! + leaf[n]!;
  }
}

function addTree(
  tree: FlatTree,
  values: Float32Array,
  start: number,
  end: number,
  nCols: number,
  out: Float64Array,
  K: number,
  k: number,
): void {
  const { feature, threshold, left, right, defaultLeft, value, catOffset, catWords, catBits } = tree;
  for (let i = start, base = start * nCols; i < end; i++, base += nCols) {
    let n = 0;
    let f = feature[0]!;
    while (f >= 0) {
      const x = values[base + f]!;
      let goLeft: boolean;
      if (x !== x) goLeft = defaultLeft[n] === 1;
      else if (catOffset[n]! < 0) goLeft = x <= threshold[n]!;
      else {
        const w = x >>> 5;
        goLeft = x >= 0 && w < catWords[n]! && ((catBits[catOffset[n]! + w]! >>> (x & 31)) & 1) === 1;
      }
      n = goLeft ? left[n]! : right[n]!;
      f = feature[n]!;
    }
    out[i * K + k] = out[i * K + k]! + value[n]!;
  }
}
