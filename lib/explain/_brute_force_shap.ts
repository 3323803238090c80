/**
 * Reference Shapley values by enumerating every feature subset (test helper; exponential in the
 * number of features). The set function is the path-dependent conditional expectation TreeSHAP uses:
 * `E[f(x) | x_S]` follows `x` at splits on features in `S` and averages both children weighted by
 * `cover[child] / cover[node]` at splits on features outside `S`.
 * @module
 */
import { type FlatTree, nextNode, type TreeEnsemble } from "../models/tree/mod.ts";

/** `E[tree(x) | x_S]` where `inS[j]` marks the features of `S`. */
export function conditionalExpectation(
  tree: FlatTree,
  x: ArrayLike<number>,
  offset: number,
  inS: readonly boolean[],
  node = 0,
): number {
  const f = tree.feature[node]!;
  if (f < 0) return tree.value[node]!;
  if (inS[f]) return conditionalExpectation(tree, x, offset, inS, nextNode(tree, node, x[offset + f]!));
  const l = tree.left[node]!, r = tree.right[node]!, c = tree.cover[node]!;
  return (tree.cover[l]! / c) * conditionalExpectation(tree, x, offset, inS, l) +
    (tree.cover[r]! / c) * conditionalExpectation(tree, x, offset, inS, r);
}

function factorial(n: number): number {
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}

/**
 * Exact Shapley values of one row (`x[offset .. offset + nFeatures)`) for output `output`:
 * `φ_i = Σ_{S ⊆ F∖{i}} |S|! (M − |S| − 1)! / M! · (v(S ∪ {i}) − v(S))`, with `v(S) = Σ_trees E[tree | x_S]`.
 */
export function bruteForceShap(
  ensemble: TreeEnsemble,
  x: ArrayLike<number>,
  offset: number,
  output = 0,
): Float64Array {
  const m = ensemble.nFeatures;
  const trees = ensemble.trees.filter((_, t) => ensemble.treeClass[t] === output);
  const nSubsets = 1 << m;
  const v = new Float64Array(nSubsets);
  for (let mask = 0; mask < nSubsets; mask++) {
    const inS = Array.from({ length: m }, (_, j) => ((mask >> j) & 1) === 1);
    let total = 0;
    for (const tree of trees) total += conditionalExpectation(tree, x, offset, inS);
    v[mask] = total;
  }
  const phi = new Float64Array(m);
  const mFact = factorial(m);
  for (let i = 0; i < m; i++) {
    for (let mask = 0; mask < nSubsets; mask++) {
      if ((mask >> i) & 1) continue;
      let size = 0;
      for (let j = 0; j < m; j++) size += (mask >> j) & 1;
      const weight = (factorial(size) * factorial(m - size - 1)) / mFact;
      phi[i]! += weight * (v[mask | (1 << i)]! - v[mask]!);
    }
  }
  return phi;
}
