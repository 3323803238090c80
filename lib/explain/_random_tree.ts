/**
 * Test helper: random small flat trees and ensembles with consistent covers (parent = sum of
 * children), missing-value directions and categorical splits, plus matching random inputs.
 * @module
 */
import { Rng } from "../random/mod.ts";
import type { FlatTree, TreeEnsemble } from "../models/tree/mod.ts";
import type { Matrix } from "../data/types.ts";

/** Shape of the random trees. Features `>= nNumeric` are categorical with codes in [0, nCategories). */
export interface RandomTreeSpec {
  readonly maxDepth: number;
  readonly nFeatures: number;
  readonly nNumeric: number;
  readonly nCategories: number;
}

/** Default spec: depth ≤ 4, 6 features, the last 2 categorical with 40 codes (two bitset words). */
export const SMALL_SPEC: RandomTreeSpec = { maxDepth: 4, nFeatures: 6, nNumeric: 4, nCategories: 40 };

/** A random tree grown top-down; leaf covers are random, internal covers are the children's sums. */
export function randomTree(rng: Rng, spec: RandomTreeSpec = SMALL_SPEC): FlatTree {
  const feature: number[] = [], threshold: number[] = [], left: number[] = [], right: number[] = [];
  const defaultLeft: number[] = [], value: number[] = [], cover: number[] = [];
  const catOffset: number[] = [], catWords: number[] = [], catBits: number[] = [];
  const grow = (depth: number): number => {
    const n = feature.length;
    feature.push(-1), threshold.push(0), left.push(-1), right.push(-1), defaultLeft.push(0);
    value.push(0), cover.push(0), catOffset.push(-1), catWords.push(0);
    const split = depth < spec.maxDepth && (depth === 0 || rng.float() < 0.7);
    if (!split) {
      value[n] = rng.uniform(-2, 2);
      cover[n] = rng.int(20) + 1 + rng.float();
      return n;
    }
    const f = rng.int(spec.nFeatures);
    feature[n] = f;
    defaultLeft[n] = rng.bernoulli(0.5) ? 1 : 0;
    if (f >= spec.nNumeric) {
      // Sometimes a one-word bitset, so codes ≥ 32 exercise the "outside the range goes right" rule.
      const words = rng.bernoulli(0.3) ? 1 : Math.ceil(spec.nCategories / 32);
      catOffset[n] = catBits.length;
      catWords[n] = words;
      for (let w = 0; w < words; w++) catBits.push(rng.nextUint32());
    } else {
      threshold[n] = rng.float();
    }
    const l = grow(depth + 1);
    const r = grow(depth + 1);
    left[n] = l, right[n] = r;
    cover[n] = cover[l]! + cover[r]!;
    value[n] = (cover[l]! * value[l]! + cover[r]! * value[r]!) / cover[n]!;
    return n;
  };
  grow(0);
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    defaultLeft: Uint8Array.from(defaultLeft),
    value: Float64Array.from(value),
    cover: Float64Array.from(cover),
    catOffset: Int32Array.from(catOffset),
    catWords: Int32Array.from(catWords),
    catBits: Uint32Array.from(catBits),
  };
}

/** A random ensemble of `nTrees` trees over `nOutputs` outputs (round-robin tree classes). */
export function randomEnsemble(
  rng: Rng,
  nTrees: number,
  nOutputs = 1,
  spec: RandomTreeSpec = SMALL_SPEC,
): TreeEnsemble {
  const trees = Array.from({ length: nTrees }, () => randomTree(rng, spec));
  return {
    nFeatures: spec.nFeatures,
    nOutputs,
    baseScore: Float64Array.from({ length: nOutputs }, () => rng.uniform(-1, 1)),
    trees,
    treeClass: Int32Array.from({ length: nTrees }, (_, t) => t % nOutputs),
  };
}

/** Random rows: numeric in [0, 1), categorical codes in [0, nCategories), ~15% missing. */
export function randomMatrix(rng: Rng, nRows: number, spec: RandomTreeSpec = SMALL_SPEC): Matrix {
  const values = new Float32Array(nRows * spec.nFeatures);
  for (let i = 0; i < values.length; i++) {
    const f = i % spec.nFeatures;
    if (rng.float() < 0.15) values[i] = NaN;
    else values[i] = f >= spec.nNumeric ? rng.int(spec.nCategories) : rng.float();
  }
  return {
    nRows,
    nCols: spec.nFeatures,
    values,
    featureNames: Array.from({ length: spec.nFeatures }, (_, j) => `f${j}`),
    categorical: Array.from({ length: spec.nFeatures - spec.nNumeric }, (_, k) => ({
      feature: spec.nNumeric + k,
      categories: Array.from({ length: spec.nCategories }, (_, c) => `c${c}`),
    })),
  };
}

/** Raw margin of one row for one output, via the predictor's routing (reference). */
export function rawMargin(ensemble: TreeEnsemble, x: ArrayLike<number>, offset: number, output = 0): number {
  let total = ensemble.baseScore[output]!;
  for (let t = 0; t < ensemble.trees.length; t++) {
    if (ensemble.treeClass[t] !== output) continue;
    const tree = ensemble.trees[t]!;
    let n = 0;
    while (tree.feature[n]! >= 0) {
      const f = tree.feature[n]!;
      const v = x[offset + f]!;
      if (Number.isNaN(v)) n = tree.defaultLeft[n] ? tree.left[n]! : tree.right[n]!;
      else if (tree.catOffset[n]! >= 0) {
        const w = v >>> 5;
        const goesLeft = w < tree.catWords[n]! &&
          ((tree.catBits[tree.catOffset[n]! + w]! >>> (v & 31)) & 1) === 1;
        n = goesLeft ? tree.left[n]! : tree.right[n]!;
      } else n = v <= tree.threshold[n]! ? tree.left[n]! : tree.right[n]!;
    }
    total += tree.value[n]!;
  }
  return total;
}

/**
 * A numeric tree with exactly `nLeaves` leaves grown leaf-wise (a random leaf is split each step, as
 * LightGBM-style growers do), for benchmarks. Thresholds are uniform in (0, 1); covers add up.
 */
export function randomLeafWiseTree(rng: Rng, nLeaves: number, nFeatures: number): FlatTree {
  const cap = 2 * nLeaves - 1;
  const feature = new Int32Array(cap).fill(-1),
    left = new Int32Array(cap).fill(-1),
    right = new Int32Array(cap).fill(-1);
  const threshold = new Float64Array(cap), value = new Float64Array(cap), cover = new Float64Array(cap);
  const defaultLeft = new Uint8Array(cap), catOffset = new Int32Array(cap).fill(-1);
  const leaves = [0];
  let size = 1;
  while (leaves.length < nLeaves) {
    const k = rng.int(leaves.length);
    const n = leaves[k]!;
    feature[n] = rng.int(nFeatures);
    threshold[n] = rng.float();
    defaultLeft[n] = rng.bernoulli(0.5) ? 1 : 0;
    left[n] = size, right[n] = size + 1;
    leaves[k] = size;
    leaves.push(size + 1);
    size += 2;
  }
  const fill = (n: number): void => {
    if (feature[n]! < 0) {
      value[n] = rng.uniform(-0.1, 0.1);
      cover[n] = 1 + rng.int(500);
      return;
    }
    fill(left[n]!), fill(right[n]!);
    cover[n] = cover[left[n]!]! + cover[right[n]!]!;
    value[n] = (cover[left[n]!]! * value[left[n]!]! + cover[right[n]!]! * value[right[n]!]!) / cover[n]!;
  };
  fill(0);
  return {
    feature,
    threshold,
    left,
    right,
    defaultLeft,
    value,
    cover,
    catOffset,
    catWords: new Int32Array(cap),
    catBits: new Uint32Array(0),
  };
}
