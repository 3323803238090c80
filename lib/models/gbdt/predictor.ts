/**
 * From training trees to the serving structure.
 *
 * {@link toFlatTree} converts a {@link GrownTree} (splits on bins) to a {@link FlatTree} (splits on raw
 * values): a numeric split "bin ≤ b" becomes "x ≤ thresholds[b]" (the upper edge of bin b; the split
 * "every value | missing" gets `Number.MAX_VALUE`), a categorical split becomes a bitset of codes.
 * `cover` is the sum of training sample weights (the bagged rows; 1 per row without weights) reaching
 * the node, and an internal node's `value` is the cover-weighted mean of its children.
 *
 * Prediction itself (the packed-node walk) is serving code and lives in `../tree/predictor.ts`.
 * @module
 */
import type { FlatTree } from "../tree/ensemble.ts";
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
