/**
 * TreeSHAP with per-leaf tables (the idea of Yang 2021, "Fast TreeSHAP", v2): the same exact
 * path-dependent SHAP values as the recursive Algorithm 2 in `tree_shap.ts`, with the per-row cost cut
 * from O(leaves · depth²) to O(nodes + leaves · depth) by precomputing, once per tree, everything that
 * does not depend on the row.
 *
 * For a leaf `l` with value `v` whose path splits on the unique features `P` (`p = |P|`), let `z_j` be
 * the product of the cover fractions `cover[child] / cover[node]` of the path's splits on `j`, and let
 * `H ⊆ P` be the features on which the row follows the path at every split ("hot"). The leaf's
 * conditional expectation given a set `S` is `v · Π_{j∈S} 1[j ∈ H] · Π_{j∈P∖S} z_j`, so its Shapley
 * contribution to `j ∈ P` is
 *
 * - hot `j`: `v · (1 − z_j) · Z(H) · E(H ∖ {j})`;
 * - cold `j`: `−v · Z(H) · E(H)` (the same for every cold feature);
 *
 * with `Z(H) = Π_{k∈P∖H} z_k` and `E(Q) = Σ_{k=0}^{|Q|} w(k) · e_{|Q|−k}(z_Q)` for `Q ⊂ P`, where
 * `e_m` is the m-th elementary symmetric polynomial of the `z` of `Q` and
 * `w(k) = k! (p − k − 1)! / p!` the Shapley weight over `P`. `E` is tabulated for all `2^p` subsets of
 * each leaf's path; a row then needs one walk of the tree (to find each leaf's `H` as a bit mask) and
 * O(p) table reads per leaf.
 *
 * Tables cost `Σ_leaves 2^p` doubles, so the tables are used only for trees whose paths have at most
 * {@link MAX_TABLE_PATH} unique features, and only when the rows to explain pay for building them
 * ({@link tablesPayOff}); otherwise `tree_shap.ts` runs the recursive kernel.
 *
 * @example
 * ```ts
 * import { buildPathTables, addTreeShapTables } from "./path_tables.ts";
 * // one stump: x0 <= 0.5 → -1 (cover 3), else → +1 (cover 1)
 * const tree = {
 *   feature: new Int32Array([0, -1, -1]), threshold: new Float64Array([0.5, 0, 0]),
 *   left: new Int32Array([1, -1, -1]), right: new Int32Array([2, -1, -1]),
 *   defaultLeft: new Uint8Array([1, 0, 0]), value: new Float64Array([-0.5, -1, 1]),
 *   cover: new Float64Array([4, 3, 1]), catOffset: new Int32Array([-1, -1, -1]),
 *   catWords: new Int32Array(3), catBits: new Uint32Array(0),
 * };
 * const phi = new Float64Array(1);
 * addTreeShapTables(buildPathTables(tree)!, new Float32Array([0.9]), 0, phi, 0);
 * // phi[0] = 1.5: the margin 1 minus the expected value -0.5
 * ```
 * @module
 */
import { categoryGoesLeft, type FlatTree } from "../models/tree/mod.ts";

/** Largest number of unique features on a root-to-leaf path for which a tree gets tables (2^16 doubles per leaf). */
export const MAX_TABLE_PATH = 16;

/** The row-independent part of TreeSHAP for one tree. */
export interface PathTables {
  readonly tree: FlatTree;
  /** Per internal node: the position of its feature among the unique features of the path to it. */
  readonly element: Int32Array;
  /** Per node: its leaf slot (-1 for internal nodes). */
  readonly leafSlot: Int32Array;
  /** Per leaf slot: p, the number of unique features on its path. */
  readonly pathLength: Int32Array;
  readonly leafValue: Float64Array;
  /** Per leaf slot: start of its elements in `elementFeature` / `elementZero`. */
  readonly elementOffset: Int32Array;
  /** Per leaf slot: start of its `2^p` table entries in `table`. */
  readonly tableOffset: Int32Array;
  readonly elementFeature: Int32Array;
  /** `z_j` per path element. */
  readonly elementZero: Float64Array;
  /** `1 − z_j` per path element. */
  readonly elementOne: Float64Array;
  /** `E(Q)` per leaf and subset `Q` of its path (bit k = element k). */
  readonly table: Float64Array;
  /** Number of nodes (the size of the walk stack). */
  readonly nNodes: number;
}

/** Unique-feature path lengths of every leaf (in DFS order) of `tree`. */
export function leafPathLengths(tree: FlatTree): number[] {
  const out: number[] = [];
  const walk = (node: number, features: number[]) => {
    const f = tree.feature[node]!;
    if (f < 0) {
      out.push(features.length);
      return;
    }
    const next = features.includes(f) ? features : [...features, f];
    walk(tree.left[node]!, next);
    walk(tree.right[node]!, next);
  };
  walk(0, []);
  return out;
}

/**
 * Whether tables are worth building for a tree with these leaf path lengths when explaining `nRows` rows:
 * building costs ~`Σ 2^p (p + 1)`, and they save ~`Σ p²` per row over the recursive kernel.
 */
export function tablesPayOff(pathLengths: readonly number[], nRows: number): boolean {
  let build = 0, savedPerRow = 0;
  for (const p of pathLengths) {
    if (p > MAX_TABLE_PATH) return false;
    build += 2 ** p * (p + 1);
    savedPerRow += p * p;
  }
  return build <= nRows * savedPerRow;
}

/** Precomputes the tables of `tree`; null when a path has more than {@link MAX_TABLE_PATH} unique features. */
export function buildPathTables(tree: FlatTree): PathTables | null {
  const nNodes = tree.feature.length;
  const element = new Int32Array(nNodes).fill(-1), leafSlot = new Int32Array(nNodes).fill(-1);
  const pathLength: number[] = [],
    leafValue: number[] = [],
    elementOffset: number[] = [],
    tableOffset: number[] = [];
  const elementFeature: number[] = [], elementZero: number[] = [];
  let tableSize = 0, tooDeep = false;

  const walk = (node: number, features: number[], zeros: number[]) => {
    const f = tree.feature[node]!;
    if (f < 0) {
      leafSlot[node] = pathLength.length;
      pathLength.push(features.length);
      leafValue.push(tree.value[node]!);
      elementOffset.push(elementFeature.length);
      tableOffset.push(tableSize);
      elementFeature.push(...features);
      elementZero.push(...zeros);
      tableSize += 2 ** features.length;
      return;
    }
    let e = features.indexOf(f);
    if (e < 0) e = features.length;
    element[node] = e;
    if (e >= MAX_TABLE_PATH) {
      tooDeep = true;
      return;
    }
    const cover = tree.cover[node]!;
    for (const child of [tree.left[node]!, tree.right[node]!]) {
      const fs = e < features.length ? features : [...features, f];
      const zs = [...zeros];
      zs[e] = (e < zeros.length ? zeros[e]! : 1) * (tree.cover[child]! / cover);
      walk(child, fs, zs);
    }
  };
  walk(0, [], []);
  if (tooDeep) return null;

  const table = new Float64Array(tableSize);
  const maxP = Math.max(0, ...pathLength);
  const poly = new Float64Array(2 ** maxP * (maxP + 1)); // e_m(z_Q) for every Q, row Q
  for (let slot = 0; slot < pathLength.length; slot++) {
    fillLeafTable(
      elementZero.slice(elementOffset[slot]!, elementOffset[slot]! + pathLength[slot]!),
      table,
      tableOffset[slot]!,
      poly,
    );
  }
  return {
    tree,
    element,
    leafSlot,
    pathLength: Int32Array.from(pathLength),
    leafValue: Float64Array.from(leafValue),
    elementOffset: Int32Array.from(elementOffset),
    tableOffset: Int32Array.from(tableOffset),
    elementFeature: Int32Array.from(elementFeature),
    elementZero: Float64Array.from(elementZero),
    elementOne: Float64Array.from(elementZero, (z) => 1 - z),
    table,
    nNodes,
  };
}

/** `table[offset + Q] = E(Q)` for every `Q ⊂ P` (see module doc); the full set, never used, gets 0. */
function fillLeafTable(z: readonly number[], table: Float64Array, offset: number, poly: Float64Array): void {
  const p = z.length, stride = p + 1, size = 2 ** p;
  // w(k) = k!(p−k−1)!/p! = 1 / (p · C(p−1, k)).
  const w = new Float64Array(Math.max(p, 1));
  let binom = 1;
  for (let k = 0; k < p; k++) {
    w[k] = 1 / (p * binom);
    binom = (binom * (p - 1 - k)) / (k + 1);
  }
  poly.fill(0, 0, size * stride);
  poly[0] = 1;
  for (let q = 1; q < size; q++) {
    const top = 31 - Math.clz32(q), rest = q ^ (1 << top), zt = z[top]!;
    const dst = q * stride, src = rest * stride;
    poly[dst] = poly[src]!;
    for (let m = 1; m <= p; m++) poly[dst + m] = poly[src + m]! + zt * poly[src + m - 1]!;
  }
  for (let q = 0; q < size; q++) {
    let count = 0;
    for (let b = q; b !== 0; b &= b - 1) count++;
    if (count === p) {
      table[offset + q] = 0;
      continue;
    }
    let s = 0;
    for (let k = 0; k <= count; k++) s += w[k]! * poly[q * stride + count - k]!;
    table[offset + q] = s;
  }
}

/** Walk stacks, reused across calls (grown on demand). */
let stackNode = new Int32Array(64), stackMask = new Int32Array(64);

/** Adds the tree's SHAP values for row `x[xOffset ..]` into `phi[phiOffset ..]` using its tables. */
export function addTreeShapTables(
  t: PathTables,
  x: Float32Array,
  xOffset: number,
  phi: Float64Array,
  phiOffset: number,
): void {
  const tree = t.tree;
  if (tree.feature[0]! < 0) return;
  if (stackNode.length < t.nNodes) stackNode = new Int32Array(t.nNodes), stackMask = new Int32Array(t.nNodes);
  const sNode = stackNode, sMask = stackMask;
  const feature = tree.feature, threshold = tree.threshold, left = tree.left, right = tree.right;
  const catOffset = tree.catOffset, defaultLeft = tree.defaultLeft, element = t.element;
  const {
    leafSlot,
    pathLength,
    leafValue,
    elementOffset,
    tableOffset,
    elementFeature,
    elementZero,
    elementOne,
  } = t;
  const table = t.table;
  let sp = 0;
  sNode[0] = 0, sMask[0] = -1;
  while (sp >= 0) {
    const n = sNode[sp]!, mask = sMask[sp]!;
    sp--;
    const f = feature[n]!;
    if (f >= 0) {
      const v = x[xOffset + f]!;
      let goLeft: boolean;
      if (v !== v) goLeft = defaultLeft[n] === 1;
      else if (catOffset[n]! >= 0) goLeft = categoryGoesLeft(tree, n, v);
      else goLeft = v <= threshold[n]!;
      const cold = mask & ~(1 << element[n]!);
      sp++;
      sNode[sp] = goLeft ? left[n]! : right[n]!, sMask[sp] = mask;
      sp++;
      sNode[sp] = goLeft ? right[n]! : left[n]!, sMask[sp] = cold;
      continue;
    }
    const slot = leafSlot[n]!, p = pathLength[slot]!, eo = elementOffset[slot]!, to = tableOffset[slot]!;
    const hot = mask & ((1 << p) - 1);
    let zOut = leafValue[slot]!;
    for (let k = 0; k < p; k++) if (((hot >>> k) & 1) === 0) zOut *= elementZero[eo + k]!;
    const coldValue = zOut * table[to + hot]!;
    for (let k = 0; k < p; k++) {
      const j = phiOffset + elementFeature[eo + k]!;
      if (((hot >>> k) & 1) === 1) phi[j]! += zOut * elementOne[eo + k]! * table[to + (hot ^ (1 << k))]!;
      else phi[j]! -= coldValue;
    }
  }
}
