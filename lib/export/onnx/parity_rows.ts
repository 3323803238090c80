/**
 * The rows the parity gate feeds to both the TypeScript predictor and the ONNX graph.
 *
 * **Random rows** ({@link randomRows} over a {@link FeatureSpace}): seeded; numeric features drawn
 * over the range the model splits on (10 % wider), with NaN (5 %), +∞ and −∞ (1 % each) and, 5 % of
 * the time, a threshold's float32 value or one of its neighbours; categorical features draw codes
 * from the training vocabulary and beyond it (unseen codes) and NaN. Categorical columns never get
 * ±∞ or fractions: the TypeScript models reject them (`checkCategoryCodes`).
 *
 * **Threshold probes** ({@link treeProbeRows}): for every internal node of every tree, rows built to
 * reach that node (each ancestor's feature set inside the interval or category set that leads there)
 * with the node's feature at: for a numeric split `t`, the largest float32 `f <= t` and the float32s
 * just below and above it (so both sides of the split, at the last float that goes left and the first
 * that goes right); for a categorical split, every code of its set, an unseen code and NaN; and NaN
 * for a numeric split (the missing direction). A probe that cannot reach its node (conflicting
 * ancestors) is still a valid row; {@link ProbeRows.reached} counts those that did.
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import { type FlatTree, nextNode, type TreeEnsemble } from "../../models/tree/mod.ts";
import { normal, Rng } from "../../random/mod.ts";
import { float32AtOrBelow, nextFloat32Down, nextFloat32Up } from "./float32.ts";
import { categorySet } from "./tree_ensemble_onnx.ts";

/** What the row generators know of each feature. */
export interface FeatureSpace {
  /** Feature names (the Matrix's). */
  featureNames: readonly string[];
  /** Categorical features and the largest training code of each. */
  categorical: ReadonlyMap<number, number>;
  /** Per numeric feature: split thresholds (trees) or `[center − 3·scale, center + 3·scale]`. */
  numericPoints: ReadonlyMap<number, readonly number[]>;
}

/** The feature space of a tree ensemble: its thresholds and category codes. */
export function treeFeatureSpace(
  e: TreeEnsemble,
  featureNames: readonly string[],
  categoricalFeatures: readonly number[],
  vocabularySizes: ReadonlyMap<number, number> = new Map(),
): FeatureSpace {
  const categorical = new Map<number, number>();
  for (const f of categoricalFeatures) categorical.set(f, Math.max(0, (vocabularySizes.get(f) ?? 1) - 1));
  const points = new Map<number, number[]>();
  for (const t of e.trees) {
    for (let n = 0; n < t.feature.length; n++) {
      const f = t.feature[n]!;
      if (f < 0) continue;
      if (t.catOffset[n]! >= 0) {
        const set = categorySet(t, n);
        categorical.set(f, Math.max(categorical.get(f) ?? 0, ...set));
      } else if (Number.isFinite(t.threshold[n]!) && Math.abs(t.threshold[n]!) < 1e38) {
        let list = points.get(f);
        if (!list) points.set(f, list = []);
        list.push(t.threshold[n]!);
      }
    }
  }
  return { featureNames, categorical, numericPoints: points };
}

const RANGES = new WeakMap<readonly number[], [number, number]>();

/** Smallest and largest point (computed once per list). */
function rangeOf(points: readonly number[]): [number, number] {
  let r = RANGES.get(points);
  if (r === undefined) {
    let lo = Infinity, hi = -Infinity;
    for (const p of points) lo = Math.min(lo, p), hi = Math.max(hi, p);
    RANGES.set(points, r = [lo, hi]);
  }
  return r;
}

/** One random value of feature `f`. */
function randomValue(rng: Rng, space: FeatureSpace, f: number): number {
  const maxCode = space.categorical.get(f);
  if (maxCode !== undefined) {
    if (rng.bernoulli(0.05)) return NaN;
    return rng.int(maxCode + 3); // two codes past the vocabulary: unseen
  }
  const u = rng.float();
  if (u < 0.05) return NaN;
  if (u < 0.06) return Infinity;
  if (u < 0.07) return -Infinity;
  const points = space.numericPoints.get(f);
  if (!points || points.length === 0) return normal(rng, 0, 3);
  if (u < 0.12) {
    const t = float32AtOrBelow(rng.pick(points as number[]));
    return [nextFloat32Down(t), t, nextFloat32Up(t)][rng.int(3)]!;
  }
  const [lo, hi] = rangeOf(points);
  const span = hi - lo || Math.max(1, Math.abs(lo));
  return rng.uniform(lo - 0.1 * span, hi + 0.1 * span);
}

/** `nRows` seeded random rows of the feature space (row-major Matrix). */
export function randomRows(space: FeatureSpace, nRows: number, seed: number): Matrix {
  const rng = new Rng(seed);
  const nCols = space.featureNames.length;
  const values = new Float32Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    for (let f = 0; f < nCols; f++) values[i * nCols + f] = randomValue(rng, space, f);
  }
  return { nRows, nCols, values, featureNames: space.featureNames };
}

/** Probe rows plus how many reached the node they target. */
export interface ProbeRows {
  matrix: Matrix;
  /** Probes that reach their target node (checked by walking the tree in TypeScript). */
  reached: number;
}

/** Constraints on the features along a root-to-node path. */
interface PathBox {
  lo: Float64Array; // exclusive
  hi: Float64Array; // inclusive
  allowed: (Set<number> | null)[]; // categorical: codes allowed (null: any)
  excluded: Set<number>[];
}

/** Parent of every node of a tree (−1 for the root). */
function parents(t: FlatTree): Int32Array {
  const p = new Int32Array(t.feature.length).fill(-1);
  for (let n = 0; n < t.feature.length; n++) {
    if (t.feature[n]! >= 0) p[t.left[n]!] = n, p[t.right[n]!] = n;
  }
  return p;
}

function pathBox(t: FlatTree, parent: Int32Array, node: number, nCols: number): PathBox {
  const box: PathBox = {
    lo: new Float64Array(nCols).fill(-Infinity),
    hi: new Float64Array(nCols).fill(Infinity),
    allowed: Array.from({ length: nCols }, () => null),
    excluded: Array.from({ length: nCols }, () => new Set<number>()),
  };
  for (let child = node, p = parent[node]!; p >= 0; child = p, p = parent[p]!) {
    const f = t.feature[p]!, left = t.left[p] === child;
    if (t.catOffset[p]! >= 0) {
      const set = categorySet(t, p);
      if (left) {
        const prev = box.allowed[f];
        box.allowed[f] = new Set(prev ? set.filter((c) => prev.has(c)) : set);
      } else for (const c of set) box.excluded[f]!.add(c);
    } else if (left) box.hi[f] = Math.min(box.hi[f]!, t.threshold[p]!);
    else box.lo[f] = Math.max(box.lo[f]!, t.threshold[p]!);
  }
  return box;
}

/** A value inside the box for feature f, or the random value when unconstrained. */
function valueInBox(
  box: PathBox,
  f: number,
  isCategorical: boolean,
  maxCode: number,
  fallback: number,
): number {
  if (isCategorical) {
    const allowed = box.allowed[f], excluded = box.excluded[f]!;
    if (allowed) {
      for (const c of allowed) if (!excluded.has(c)) return c;
      return fallback;
    }
    if (excluded.size === 0) return fallback;
    return Math.max(maxCode, ...excluded) + 1; // unseen code: in no set
  }
  const lo = box.lo[f]!, hi = box.hi[f]!;
  if (lo === -Infinity && hi === Infinity) return fallback;
  const inside = (x: number) => x > lo && x <= hi;
  if (inside(fallback)) return fallback;
  if (hi !== Infinity) {
    const x = float32AtOrBelow(hi);
    if (inside(x)) return x;
  }
  const x = nextFloat32Up(float32AtOrBelow(lo));
  return inside(x) ? x : fallback;
}

/** The TypeScript route of a row passes through `node`. */
function reaches(t: FlatTree, values: Float32Array, offset: number, node: number): boolean {
  let n = 0;
  while (n !== node && t.feature[n]! >= 0) n = nextNode(t, n, values[offset + t.feature[n]!]!);
  return n === node;
}

/** Threshold probes for every internal node of every tree (see the module doc). */
export function treeProbeRows(e: TreeEnsemble, space: FeatureSpace, seed: number): ProbeRows {
  const rng = new Rng(seed);
  const nCols = space.featureNames.length;
  const rows: number[][] = [];
  const targets: { tree: number; node: number }[] = [];
  e.trees.forEach((t, ti) => {
    const parent = parents(t);
    for (let n = 0; n < t.feature.length; n++) {
      const f = t.feature[n]!;
      if (f < 0) continue;
      const box = pathBox(t, parent, n, nCols);
      const base = Array.from({ length: nCols }, (_, g) => {
        const maxCode = space.categorical.get(g);
        const isCat = maxCode !== undefined;
        return valueInBox(box, g, isCat, maxCode ?? 0, randomValue(rng, space, g));
      });
      let probes: number[];
      if (t.catOffset[n]! >= 0) {
        const set = categorySet(t, n);
        probes = [...set, Math.max(space.categorical.get(f) ?? 0, ...set) + 1, NaN];
      } else {
        const fl = float32AtOrBelow(t.threshold[n]!);
        probes = [nextFloat32Down(fl), fl, nextFloat32Up(fl), NaN];
      }
      for (const x of probes) {
        const row = base.slice();
        row[f] = x;
        rows.push(row);
        targets.push({ tree: ti, node: n });
      }
    }
  });
  const values = new Float32Array(rows.length * nCols);
  rows.forEach((r, i) => values.set(r, i * nCols));
  let reached = 0;
  targets.forEach(({ tree, node }, i) => {
    if (reaches(e.trees[tree]!, values, i * nCols, node)) reached++;
  });
  return { matrix: { nRows: rows.length, nCols, values, featureNames: space.featureNames }, reached };
}

/** Rows `a` then rows `b` (same columns). */
export function concatRows(a: Matrix, b: Matrix): Matrix {
  const values = new Float32Array(a.values.length + b.values.length);
  values.set(a.values), values.set(b.values, a.values.length);
  return { nRows: a.nRows + b.nRows, nCols: a.nCols, values, featureNames: a.featureNames };
}
