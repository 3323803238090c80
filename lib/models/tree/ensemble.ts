/**
 * The serving structure of a tree ensemble: flat node arrays, one record per node. The GBDT grower
 * produces it, the predictor walks it, TreeSHAP explains it, the ONNX exporter writes it and the
 * model file stores it. Training structures live elsewhere (`lib/models/gbdt/`).
 *
 * Routing rule for node `n` and feature value `x = row[feature[n]]`:
 * - missing (`NaN`): go to `defaultLeft[n] ? left[n] : right[n]`;
 * - numeric split (`catOffset[n] < 0`): go left when `x <= threshold[n]`, else right;
 * - categorical split (`catOffset[n] >= 0`): go left when category `x` is in the bitset
 *   `catBits[catOffset[n] .. catOffset[n] + catWords[n])` (bit `x` of that word range), else right.
 *   A category outside the bitset's range goes right.
 * - a leaf has `feature[n] === -1`; its output is `value[n]`.
 * @module
 */

/** One tree in flat form. All arrays have one entry per node; node 0 is the root. */
export interface FlatTree {
  /** Split feature index, -1 for a leaf. */
  readonly feature: Int32Array;
  /** Numeric threshold: left when `x <= threshold`. Unused for leaves and categorical splits. */
  readonly threshold: Float64Array;
  /** Left child index (-1 for a leaf). */
  readonly left: Int32Array;
  /** Right child index (-1 for a leaf). */
  readonly right: Int32Array;
  /** 1 when missing values go left, 0 when they go right. */
  readonly defaultLeft: Uint8Array;
  /** Leaf output (already multiplied by the learning rate); for internal nodes the cover-weighted mean of its leaves. */
  readonly value: Float64Array;
  /** Cover: sum of training sample weights reaching the node (> 0). TreeSHAP uses it. */
  readonly cover: Float64Array;
  /** Offset into `catBits` of a categorical split's bitset, -1 for numeric splits and leaves. */
  readonly catOffset: Int32Array;
  /** Number of 32-bit words in that bitset (0 for numeric). */
  readonly catWords: Int32Array;
  /** Bitset pool for categorical splits. */
  readonly catBits: Uint32Array;
}

/** A fitted additive ensemble: `margin[k] = baseScore[k] + Σ_{t: treeClass[t] = k} tree_t(x)`. */
export interface TreeEnsemble {
  readonly nFeatures: number;
  /**
   * Training feature names, in column order, when the ensemble came from a model that knows them
   * (TreeModel, hence GbdtModel, sets them): TreeSHAP then checks a matrix's names against them, not only its width.
   */
  readonly featureNames?: readonly string[];
  /** Number of outputs (1 except multiclass). */
  readonly nOutputs: number;
  readonly baseScore: Float64Array;
  readonly trees: readonly FlatTree[];
  /** Output index each tree adds to. */
  readonly treeClass: Int32Array;
}

/** True when category `cat` (non-negative integer) goes left at categorical node `n`. */
export function categoryGoesLeft(tree: FlatTree, n: number, cat: number): boolean {
  const word = cat >>> 5;
  if (cat < 0 || word >= tree.catWords[n]!) return false;
  return ((tree.catBits[tree.catOffset[n]! + word]! >>> (cat & 31)) & 1) === 1;
}

/** The child a value goes to at internal node `n` (the routing rule above). */
export function nextNode(tree: FlatTree, n: number, x: number): number {
  if (Number.isNaN(x)) return tree.defaultLeft[n] ? tree.left[n]! : tree.right[n]!;
  if (tree.catOffset[n]! >= 0) return categoryGoesLeft(tree, n, x) ? tree.left[n]! : tree.right[n]!;
  return x <= tree.threshold[n]! ? tree.left[n]! : tree.right[n]!;
}

/** Index of the leaf a row (`values[offset .. offset + nFeatures)`) reaches. Reference implementation. */
export function leafIndex(tree: FlatTree, values: ArrayLike<number>, offset: number): number {
  let n = 0;
  while (tree.feature[n]! >= 0) n = nextNode(tree, n, values[offset + tree.feature[n]!]!);
  return n;
}
