/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent Individualized Feature
 * Attribution for Tree Ensembles", Algorithm 2), reading the flat serving structure of
 * `lib/models/tree/ensemble.ts`. Routing (missing values, categorical bitsets) is the predictor's own
 * {@link nextNode}, so explanations always describe the model that serves.
 *
 * "Path-dependent" means the conditional expectation `E[f(x) | x_S]` is taken over the tree's training
 * cover: at a split on a feature outside `S`, both children are followed, weighted by
 * `cover[child] / cover[node]`. The Shapley values of that set function are computed exactly in
 * `O(leaves · depth²)` per tree and row by tracking, along each root-to-leaf path, the proportion of
 * subsets of each size that flow down it (EXTEND / UNWIND with path weights).
 *
 * Local accuracy: `baseValue + Σ_j values[row, j] = raw margin of the row` (for the chosen output).
 *
 * @example
 * ```ts
 * import { treeShap } from "./tree_shap.ts";
 * import type { TreeEnsemble } from "../models/tree/mod.ts";
 * // one stump: x0 <= 0.5 → -1 (cover 3), else → +1 (cover 1)
 * const ensemble: TreeEnsemble = {
 *   nFeatures: 1, nOutputs: 1, baseScore: new Float64Array([0.25]), treeClass: new Int32Array([0]),
 *   trees: [{
 *     feature: new Int32Array([0, -1, -1]), threshold: new Float64Array([0.5, 0, 0]),
 *     left: new Int32Array([1, -1, -1]), right: new Int32Array([2, -1, -1]),
 *     defaultLeft: new Uint8Array([1, 0, 0]), value: new Float64Array([-0.5, -1, 1]),
 *     cover: new Float64Array([4, 3, 1]), catOffset: new Int32Array([-1, -1, -1]),
 *     catWords: new Int32Array(3), catBits: new Uint32Array(0),
 *   }],
 * };
 * const matrix = { nRows: 1, nCols: 1, values: new Float32Array([0.9]), featureNames: ["x0"] };
 * const { values, baseValue } = treeShap(ensemble, matrix);
 * // baseValue = 0.25 + (3·(-1) + 1·1) / 4 = -0.25; values[0] = 1.25 (the margin is 0.25 + 1 = 1.25)
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { Matrix } from "../data/types.ts";
import { type FlatTree, nextNode, type TreeEnsemble } from "../models/tree/mod.ts";
import { requireTrainingLayout } from "../models/training_layout.ts";
import {
  addTreeShapTables,
  buildPathTables,
  leafPathLengths,
  type PathTables,
  tablesPayOff,
} from "./path_tables.ts";

/** Options for {@link treeShap}. */
export interface TreeShapOptions {
  /** Which output to explain (multiclass: the class index). Required when the ensemble has several outputs; default 0 otherwise. */
  readonly output?: number;
  /**
   * `"auto"` (default): per tree, the table kernel of `path_tables.ts` when the rows pay for building its
   * tables, else the recursive kernel; `"recursive"` / `"tables"` force one (`"tables"` still falls back
   * to the recursive kernel for a tree with more than `MAX_TABLE_PATH` (path_tables.ts) unique features on a path).
   * All give the same values up to rounding.
   */
  readonly algorithm?: "auto" | "recursive" | "tables";
}

/** SHAP values of a batch plus the expected raw value they are measured from. */
export interface ShapResult {
  /** `values[row * nFeatures + feature]`: contribution of the feature to the row's raw margin. */
  readonly values: Float64Array;
  /** Expected raw margin: Σ over trees of the cover-weighted mean leaf value, plus the base score. */
  readonly baseValue: number;
  readonly nRows: number;
  readonly nFeatures: number;
}

/** Depth (edges on the longest root-to-leaf path) of a flat tree. */
export function treeDepth(tree: FlatTree): number {
  let max = 0;
  const stack: number[] = [0, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!, n = stack.pop()!;
    if (tree.feature[n]! < 0) {
      if (depth > max) max = depth;
    } else {
      stack.push(tree.left[n]!, depth + 1, tree.right[n]!, depth + 1);
    }
  }
  return max;
}

/**
 * Expected value of a tree under the path-dependent distribution: Σ_leaves value · Π cover[child]/cover[parent]
 * along the path (the cover-weighted mean of the leaves when covers add up).
 */
export function treeExpectedValue(tree: FlatTree, node = 0): number {
  if (tree.feature[node]! < 0) return tree.value[node]!;
  const l = tree.left[node]!, r = tree.right[node]!, c = tree.cover[node]!;
  return (tree.cover[l]! / c) * treeExpectedValue(tree, l) +
    (tree.cover[r]! / c) * treeExpectedValue(tree, r);
}

/**
 * The Algorithm 2 kernel with its preallocated buffers. The unique path is stored as structure of
 * arrays; each recursion level gets its own slice `[start, start + depth + 1)` right after its parent's,
 * so a child copies its parent's path instead of undoing changes and nothing is allocated per row.
 *
 * In the path-dependent algorithm every "one fraction" is 0 or 1 (a feature is either followed along
 * `x` on this path or it is not), which the kernel exploits:
 * - the fractions of `1/(i+1)` in EXTEND/UNWIND come from a reciprocal table (no divisions in loops);
 * - at a leaf, every element with one fraction 0 ("cold") contributes the same `-S0 · leafValue`,
 *   with `S0 = Σ_i w_i (d+1)/(d−i)`, so only the "hot" elements need their own O(d) unwound sum.
 */
class ShapKernel {
  feature: Int32Array;
  zeroFraction: Float64Array;
  isHot: Uint8Array;
  weight: Float64Array;
  /** `inv[k] = 1 / k`. */
  inv: Float64Array;
  // Per call: the tree, the row and the output slice.
  tree!: FlatTree;
  x!: Float32Array;
  xOffset = 0;
  phi!: Float64Array;
  phiOffset = 0;

  constructor(readonly maxDepth: number) {
    // Slices for unique depths 0..maxDepth need Σ_{d=0}^{maxDepth} (d+1) entries; keep a margin.
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
    this.feature = new Int32Array(size);
    this.zeroFraction = new Float64Array(size);
    this.isHot = new Uint8Array(size);
    this.weight = new Float64Array(size);
    this.inv = new Float64Array(maxDepth + 3);
    for (let k = 1; k < this.inv.length; k++) this.inv[k] = 1 / k;
  }

  /** EXTEND: append (feature, zeroFraction, hot) to the path slice at `start` holding `depth` elements. */
  extend(start: number, depth: number, zeroFraction: number, hot: number, feature: number): void {
    const w = this.weight, inv = this.inv;
    this.feature[start + depth] = feature;
    this.zeroFraction[start + depth] = zeroFraction;
    this.isHot[start + depth] = hot;
    w[start + depth] = depth === 0 ? 1 : 0;
    const invDenom = inv[depth + 1]!;
    if (hot) {
      for (let i = depth - 1; i >= 0; i--) {
        const wi = w[start + i]!;
        w[start + i + 1]! += wi * (i + 1) * invDenom;
        w[start + i] = zeroFraction * wi * (depth - i) * invDenom;
      }
    } else {
      for (let i = depth - 1; i >= 0; i--) {
        w[start + i] = zeroFraction * w[start + i]! * (depth - i) * invDenom;
      }
    }
  }

  /** UNWIND: remove element `index` (inverse of EXTEND), shifting later elements down. */
  unwind(start: number, depth: number, index: number): void {
    const w = this.weight, inv = this.inv;
    const zeroFraction = this.zeroFraction[start + index]!;
    const d1 = depth + 1;
    if (this.isHot[start + index]) {
      let nextOnePortion = w[start + depth]!;
      for (let i = depth - 1; i >= 0; i--) {
        const tmp = w[start + i]!;
        const wi = nextOnePortion * d1 * inv[i + 1]!;
        w[start + i] = wi;
        nextOnePortion = tmp - wi * zeroFraction * (depth - i) * inv[d1]!;
      }
    } else {
      const scale = d1 / zeroFraction;
      for (let i = depth - 1; i >= 0; i--) w[start + i] = w[start + i]! * scale * inv[depth - i]!;
    }
    for (let i = start + index; i < start + depth; i++) {
      this.feature[i] = this.feature[i + 1]!;
      this.zeroFraction[i] = this.zeroFraction[i + 1]!;
      this.isHot[i] = this.isHot[i + 1]!;
    }
  }

  /** Adds the leaf's contributions for every path element but the root placeholder. */
  leaf(start: number, depth: number, leafValue: number): void {
    const w = this.weight, inv = this.inv, phi = this.phi, phiOffset = this.phiOffset;
    const d1 = depth + 1;
    let coldSum = NaN; // S0, computed once if a cold element exists
    for (let k = 1; k <= depth; k++) {
      const e = start + k;
      if (this.isHot[e]) {
        const zeroFraction = this.zeroFraction[e]!;
        let nextOnePortion = w[start + depth]!;
        let total = 0;
        for (let i = depth - 1; i >= 0; i--) {
          const tmp = nextOnePortion * d1 * inv[i + 1]!;
          total += tmp;
          nextOnePortion = w[start + i]! - tmp * zeroFraction * (depth - i) * inv[d1]!;
        }
        phi[phiOffset + this.feature[e]!]! += total * (1 - zeroFraction) * leafValue;
      } else {
        if (coldSum !== coldSum) {
          coldSum = 0;
          for (let i = depth - 1; i >= 0; i--) coldSum += w[start + i]! * inv[depth - i]!;
          coldSum *= d1;
        }
        phi[phiOffset + this.feature[e]!]! -= coldSum * leafValue;
      }
    }
  }

  /** One level of Algorithm 2: `depth` is the number of elements of the parent slice at `parentStart`. */
  recurse(
    node: number,
    parentStart: number,
    depth: number,
    zeroFraction: number,
    hot: number,
    parentFeature: number,
  ): void {
    const start = parentStart + depth;
    const fs = this.feature, zs = this.zeroFraction, hs = this.isHot, ws = this.weight;
    for (let i = 0; i < depth; i++) {
      fs[start + i] = fs[parentStart + i]!;
      zs[start + i] = zs[parentStart + i]!;
      hs[start + i] = hs[parentStart + i]!;
      ws[start + i] = ws[parentStart + i]!;
    }
    this.extend(start, depth, zeroFraction, hot, parentFeature);

    const tree = this.tree;
    const split = tree.feature[node]!;
    if (split < 0) {
      this.leaf(start, depth, tree.value[node]!);
      return;
    }
    const hotChild = nextNode(tree, node, this.x[this.xOffset + split]!);
    const left = tree.left[node]!;
    const coldChild = hotChild === left ? tree.right[node]! : left;
    const invCover = 1 / tree.cover[node]!;

    // A feature seen earlier on the path: undo its element and carry its fractions into the new one.
    let incomingZero = 1, incomingHot = 1;
    let index = 1;
    for (; index <= depth; index++) if (fs[start + index] === split) break;
    let d = depth;
    if (index <= depth) {
      incomingZero = zs[start + index]!;
      incomingHot = hs[start + index]!;
      this.unwind(start, depth, index);
      d -= 1;
    }
    this.recurse(hotChild, start, d + 1, tree.cover[hotChild]! * invCover * incomingZero, incomingHot, split);
    this.recurse(coldChild, start, d + 1, tree.cover[coldChild]! * invCover * incomingZero, 0, split);
  }
}

/** Preallocated buffers for {@link addTreeShap}, made by {@link createShapWorkspace}. */
export type ShapWorkspace = { readonly maxDepth: number };

/** Buffers for trees of depth ≤ `maxDepth`. */
export function createShapWorkspace(maxDepth: number): ShapWorkspace {
  return new ShapKernel(maxDepth);
}

/**
 * Adds one tree's SHAP values for row `x[xOffset ..]` into `phi[phiOffset ..]`. Low-level kernel:
 * `workspace` must come from {@link createShapWorkspace} for a depth ≥ the tree's depth.
 */
export function addTreeShap(
  tree: FlatTree,
  x: Float32Array,
  xOffset: number,
  phi: Float64Array,
  phiOffset: number,
  workspace: ShapWorkspace,
): void {
  if (tree.feature[0]! < 0) return; // a single leaf explains nothing
  const k = workspace as unknown as ShapKernel;
  k.tree = tree, k.x = x, k.xOffset = xOffset, k.phi = phi, k.phiOffset = phiOffset;
  // Root element: feature -1, weight 1; the leaf loop skips it.
  k.recurse(0, 0, 0, 1, 1, -1);
}

/**
 * Exact path-dependent SHAP values of `ensemble` (one output) for every row of `matrix`.
 *
 * @param ensemble the flat serving ensemble
 * @param matrix rows to explain; must have `ensemble.nFeatures` columns (NaN = missing), named as
 *   `ensemble.featureNames` in that order when the ensemble has names (a GbdtModel's does)
 * @param options `output`: which output to explain (required for multi-output ensembles)
 * @returns `values` (nRows × nFeatures, row-major) and `baseValue` (expected raw margin)
 * @throws InputError on a column-count mismatch, a column whose name differs from the ensemble's
 *   (field "featureNames"), or an output index out of range
 */
export function treeShap(ensemble: TreeEnsemble, matrix: Matrix, options: TreeShapOptions = {}): ShapResult {
  const nFeatures = ensemble.nFeatures;
  if (matrix.nCols !== nFeatures) {
    throw new InputError("matrix", `has ${matrix.nCols} columns; the model expects ${nFeatures}`);
  }
  if (matrix.values.length !== matrix.nRows * matrix.nCols) {
    throw new InputError(
      "matrix",
      `values length ${matrix.values.length} is not nRows × nCols = ${matrix.nRows * matrix.nCols}`,
    );
  }
  // Reordered or renamed columns would be explained silently as the wrong features.
  if (ensemble.featureNames !== undefined) requireTrainingLayout(matrix, ensemble.featureNames);
  let output = options.output;
  if (output === undefined) {
    if (ensemble.nOutputs !== 1) {
      throw new InputError("output", `is required for an ensemble with ${ensemble.nOutputs} outputs`);
    }
    output = 0;
  }
  if (!Number.isInteger(output) || output < 0 || output >= ensemble.nOutputs) {
    throw new InputError("output", `must be an integer in [0, ${ensemble.nOutputs - 1}], got ${output}`);
  }

  const trees: FlatTree[] = [];
  let baseValue = ensemble.baseScore[output] ?? 0;
  let maxDepth = 0;
  for (let t = 0; t < ensemble.trees.length; t++) {
    if (ensemble.treeClass[t] !== output) continue;
    const tree = ensemble.trees[t]!;
    trees.push(tree);
    baseValue += treeExpectedValue(tree);
    maxDepth = Math.max(maxDepth, treeDepth(tree));
  }

  const algorithm = options.algorithm ?? "auto";
  if (!["auto", "recursive", "tables"].includes(algorithm)) {
    throw new InputError(
      "algorithm",
      `must be "auto", "recursive" or "tables", got ${JSON.stringify(algorithm)}`,
    );
  }
  const nRows = matrix.nRows;
  const values = new Float64Array(nRows * nFeatures);
  const workspace = createShapWorkspace(maxDepth);
  const x = matrix.values;
  // Tree by tree: one tree's tables are alive at a time and stay in cache across the rows.
  for (const tree of trees) {
    let tables: PathTables | null = null;
    if (algorithm === "tables" || (algorithm === "auto" && tablesPayOff(leafPathLengths(tree), nRows))) {
      tables = buildPathTables(tree);
    }
    if (tables !== null) {
      for (let row = 0, off = 0; row < nRows; row++, off += nFeatures) {
        addTreeShapTables(tables, x, off, values, off);
      }
    } else {
      for (let row = 0, off = 0; row < nRows; row++, off += nFeatures) {
        addTreeShap(tree, x, off, values, off, workspace);
      }
    }
  }
  return { values, baseValue, nRows, nFeatures };
}

/**
 * Global importance: mean |SHAP| per feature, `importance[j] = (1/n) Σ_i |values[i, j]|`.
 *
 * @example
 * ```ts
 * import { meanAbsShap } from "./tree_shap.ts";
 * meanAbsShap(new Float64Array([1, -2, -3, 0]), 2, 2); // Float64Array [2, 1]
 * ```
 */
export function meanAbsShap(values: ArrayLike<number>, nRows: number, nFeatures: number): Float64Array {
  if (!Number.isInteger(nRows) || nRows < 1) {
    throw new InputError("nRows", `must be a positive integer, got ${nRows}`);
  }
  if (!Number.isInteger(nFeatures) || nFeatures < 1) {
    throw new InputError("nFeatures", `must be a positive integer, got ${nFeatures}`);
  }
  if (values.length !== nRows * nFeatures) {
    throw new InputError("values", `length ${values.length} is not nRows × nFeatures = ${nRows * nFeatures}`);
  }
  const out = new Float64Array(nFeatures);
  for (let i = 0; i < nRows; i++) {
    const off = i * nFeatures;
    for (let j = 0; j < nFeatures; j++) out[j]! += Math.abs(values[off + j]!);
  }
  for (let j = 0; j < nFeatures; j++) out[j]! /= nRows;
  return out;
}
