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
    const mask = tree.catMask[i];
    if (mask) {
      let words = 0;
      for (let w = 0; w < mask.length; w++) if (mask[w] !== 0) words = w + 1;
      catOffset[i] = bits.length;
      catWords[i] = words;
      for (let w = 0; w < words; w++) bits.push(mask[w]!);
    } else {
      const fb = mapper.features[f]!;
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
  // Blocks of rows keep their feature values in cache while every tree walks them.
  for (let start = 0; start < nRows; start += ROW_BLOCK) {
    const end = Math.min(nRows, start + ROW_BLOCK);
    for (let t = 0; t < nTrees; t++) {
      const tree = ensemble.trees[t]!;
      const k = ensemble.treeClass[t]!;
      if (tree.catBits.length === 0) addNumericTree(tree, values, start, end, nCols, out, K, k);
      else addTree(tree, values, start, end, nCols, out, K, k);
    }
  }
  return out;
}

const ROW_BLOCK = 256;

function addNumericTree(
  tree: FlatTree,
  values: Float32Array,
  start: number,
  end: number,
  nCols: number,
  out: Float64Array,
  K: number,
  k: number,
): void {
  const { feature, threshold, left, right, defaultLeft, value } = tree;
  for (let i = start, base = start * nCols; i < end; i++, base += nCols) {
    let n = 0;
    let f = feature[0]!;
    while (f >= 0) {
      const x = values[base + f]!;
      n = x <= threshold[n]! ? left[n]! : x !== x && defaultLeft[n] === 1 ? left[n]! : right[n]!;
      f = feature[n]!;
    }
    out[i * K + k] = out[i * K + k]! + value[n]!;
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
