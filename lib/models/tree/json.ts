/**
 * The JSON form of a flat tree ensemble, and its validating reader. Every number is a JSON double, so a
 * write/read round trip is bit-identical. {@link ensembleFromJSON} checks everything the predictor and
 * TreeSHAP rely on, so a file that passes predicts what it says and never NaN from a bad number:
 *
 * - every array is present with one entry per node; `value`, `threshold` and `cover` are finite
 *   numbers (`"abc"`, `null`, a JSON-encoded NaN or Infinity is rejected, naming e.g.
 *   `trees[3].value[7]`);
 * - `feature` is −1 (leaf) or a feature index; children of an internal node are later nodes of the same
 *   tree (so every walk ends at a leaf), `defaultLeft` is 0 or 1;
 * - categorical splits: `catOffset`/`catWords` integers whose bitset lies inside `catBits`, and
 *   `catBits` entries are 32-bit unsigned integers;
 * - `baseScore` has `nOutputs` finite entries and `treeClass[t]` is an output index.
 *
 * Failures are ModelFormatErrors whose `field` is the path of the bad value.
 *
 * @example
 * ```ts
 * import { ensembleFromJSON, ensembleToJSON } from "./json.ts";
 * const leaf = { feature: [-1], threshold: [0], left: [-1], right: [-1], defaultLeft: [0], value: [2],
 *   cover: [1], catOffset: [-1], catWords: [0], catBits: [] };
 * const e = ensembleFromJSON({ nOutputs: 1, baseScore: [0.5], treeClass: [0], trees: [leaf] }, 1);
 * ensembleToJSON(e).trees[0]!.value; // [2]
 * ```
 * @module
 */
import { ModelFormatError } from "../../errors.ts";
import type { FlatTree, TreeEnsemble } from "./ensemble.ts";

/** JSON form of a flat tree (one entry per node in every array but `catBits`). */
export interface FlatTreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  defaultLeft: number[];
  value: number[];
  cover: number[];
  catOffset: number[];
  catWords: number[];
  catBits: number[];
}

/** JSON form of an ensemble (`nFeatures` is stored by the model: its feature list). */
export interface TreeEnsembleJSON {
  nOutputs: number;
  baseScore: number[];
  treeClass: number[];
  trees: FlatTreeJSON[];
}

/** A tree as JSON arrays. */
export function treeToJSON(t: FlatTree): FlatTreeJSON {
  return {
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold),
    left: Array.from(t.left),
    right: Array.from(t.right),
    defaultLeft: Array.from(t.defaultLeft),
    value: Array.from(t.value),
    cover: Array.from(t.cover),
    catOffset: Array.from(t.catOffset),
    catWords: Array.from(t.catWords),
    catBits: Array.from(t.catBits),
  };
}

/** An ensemble as JSON. */
export function ensembleToJSON(e: TreeEnsemble): TreeEnsembleJSON {
  return {
    nOutputs: e.nOutputs,
    baseScore: Array.from(e.baseScore),
    treeClass: Array.from(e.treeClass),
    trees: e.trees.map(treeToJSON),
  };
}

function bad(field: string, problem: string): never {
  throw new ModelFormatError(`tree ensemble: ${field} ${problem}`, field);
}

function describe(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** The array at `field`, of length `n` when given. */
function array(field: string, v: unknown, n?: number, per = "one per node"): unknown[] {
  if (!Array.isArray(v)) bad(field, `must be an array, got ${describe(v)}`);
  if (n !== undefined && v.length !== n) bad(field, `has ${v.length} entries; expected ${n} (${per})`);
  return v;
}

/** Finite doubles: every entry checked, the first bad one named. */
function finite(field: string, v: unknown, n?: number, per?: string): Float64Array {
  const a = array(field, v, n, per);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      bad(`${field}[${i}]`, `is ${describe(x)}; expected a finite number`);
    }
    out[i] = x;
  }
  return out;
}

/** Integers in [lo, hi]. */
function ints(
  field: string,
  v: unknown,
  n: number | undefined,
  lo: number,
  hi: number,
  per?: string,
): number[] {
  const a = array(field, v, n, per);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== "number" || !Number.isInteger(x) || x < lo || x > hi) {
      bad(`${field}[${i}]`, `is ${describe(x)}; expected an integer in [${lo}, ${hi}]`);
    }
  }
  return a as number[];
}

/** Reads and validates one tree (see the module doc); `field` prefixes error paths. */
export function treeFromJSON(json: unknown, nFeatures: number, field = "tree"): FlatTree {
  if (json === null || typeof json !== "object") bad(field, `must be an object, got ${describe(json)}`);
  const t = json as Record<string, unknown>;
  const feature = ints(`${field}.feature`, t.feature, undefined, -1, nFeatures - 1);
  const n = feature.length;
  if (n === 0) bad(`${field}.feature`, "is empty; a tree has at least one node");
  const left = ints(`${field}.left`, t.left, n, -1, n - 1);
  const right = ints(`${field}.right`, t.right, n, -1, n - 1);
  const defaultLeft = ints(`${field}.defaultLeft`, t.defaultLeft, n, 0, 1);
  const threshold = finite(`${field}.threshold`, t.threshold, n);
  const value = finite(`${field}.value`, t.value, n);
  const cover = finite(`${field}.cover`, t.cover, n);
  const catBits = ints(`${field}.catBits`, t.catBits, undefined, 0, 0xffffffff);
  const catOffset = ints(`${field}.catOffset`, t.catOffset, n, -1, catBits.length);
  const catWords = ints(`${field}.catWords`, t.catWords, n, 0, catBits.length);
  for (let i = 0; i < n; i++) {
    if (feature[i] === -1) continue;
    if (left[i]! <= i || right[i]! <= i) {
      bad(
        `${field}.left[${i}]`,
        `node ${i}'s children (${left[i]}, ${right[i]}) must be later nodes of the tree`,
      );
    }
    if (catOffset[i]! >= 0 && catOffset[i]! + catWords[i]! > catBits.length) {
      bad(
        `${field}.catWords[${i}]`,
        `bitset [${catOffset[i]}, +${catWords[i]}) runs past catBits (${catBits.length})`,
      );
    }
  }
  return {
    feature: Int32Array.from(feature),
    threshold,
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    defaultLeft: Uint8Array.from(defaultLeft),
    value,
    cover,
    catOffset: Int32Array.from(catOffset),
    catWords: Int32Array.from(catWords),
    catBits: Uint32Array.from(catBits),
  };
}

/**
 * Reads and validates an ensemble over `nFeatures` features (see the module doc). Error paths are the
 * model file's own field names (`trees[3].value[7]`, `baseScore[0]`).
 */
export function ensembleFromJSON(json: unknown, nFeatures: number): TreeEnsemble {
  if (json === null || typeof json !== "object") bad("ensemble", `must be an object, got ${describe(json)}`);
  const o = json as Record<string, unknown>;
  const nOutputs = o.nOutputs;
  if (typeof nOutputs !== "number" || !Number.isInteger(nOutputs) || nOutputs < 1) {
    bad("nOutputs", `is ${describe(nOutputs)}; expected an integer ≥ 1`);
  }
  const baseScore = finite("baseScore", o.baseScore, nOutputs, "one per output");
  const rawTrees = array("trees", o.trees);
  const treeClass = ints("treeClass", o.treeClass, rawTrees.length, 0, nOutputs - 1, "one per tree");
  return {
    nFeatures,
    nOutputs,
    baseScore,
    trees: rawTrees.map((t, i) => treeFromJSON(t, nFeatures, `trees[${i}]`)),
    treeClass: Int32Array.from(treeClass),
  };
}
