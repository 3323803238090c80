import assert from "node:assert/strict";
import { ModelFormatError } from "../../errors.ts";
import { type FlatTree, leafIndex, type TreeEnsemble } from "../../models/tree/mod.ts";
import { float32AtOrBelow, nextFloat32Down, nextFloat32Up } from "./float32.ts";
import { decodeModel } from "./proto.ts";
import { runOnnx } from "./run.ts";
import { treeEnsembleToOnnx, treeLeafIndexOnnx, type TreePrecision } from "./tree_ensemble_onnx.ts";

/** A flat tree from node records (children by index, -1 for leaves). */
function tree(
  nodes: { f: number; t?: number; l?: number; r?: number; dl?: 0 | 1; v?: number; cats?: number[] }[],
): FlatTree {
  const n = nodes.length;
  const bits: number[] = [];
  const catOffset = new Int32Array(n).fill(-1), catWords = new Int32Array(n);
  nodes.forEach((x, i) => {
    if (!x.cats) return;
    const words = x.cats.length === 0 ? 0 : (Math.max(...x.cats) >>> 5) + 1;
    catOffset[i] = bits.length, catWords[i] = words;
    const w = new Uint32Array(words);
    for (const c of x.cats) w[c >>> 5]! |= 1 << (c & 31);
    bits.push(...w);
  });
  return {
    feature: Int32Array.from(nodes, (x) => x.f),
    threshold: Float64Array.from(nodes, (x) => x.t ?? 0),
    left: Int32Array.from(nodes, (x) => x.l ?? -1),
    right: Int32Array.from(nodes, (x) => x.r ?? -1),
    defaultLeft: Uint8Array.from(nodes, (x) => x.dl ?? 0),
    value: Float64Array.from(nodes, (x) => x.v ?? 0),
    cover: new Float64Array(n).fill(1),
    catOffset,
    catWords,
    catBits: Uint32Array.from(bits),
  };
}

// Tree 0: x0 <= 0.1 (NaN left) ? [c1 in {1, 3, 40} (NaN right) ? 10 : 20] : 30
// Tree 1: a single leaf (0.5); tree 2: empty category set on x1 (everything right, NaN left) → -1 / 2.
// Tree 3 (class 1): x0 <= MAX_VALUE (NaN right) ? 100 : 200.
const trees = [
  tree([
    { f: 0, t: 0.1, l: 1, r: 2, dl: 1 },
    { f: 1, cats: [1, 3, 40], l: 3, r: 4, dl: 0 },
    { f: -1, v: 30 },
    { f: -1, v: 10 },
    { f: -1, v: 20 },
  ]),
  tree([{ f: -1, v: 0.5 }]),
  tree([{ f: 1, cats: [], l: 1, r: 2, dl: 1 }, { f: -1, v: -1 }, { f: -1, v: 2 }]),
  tree([{ f: 0, t: Number.MAX_VALUE, l: 1, r: 2, dl: 0 }, { f: -1, v: 100 }, { f: -1, v: 200 }]),
];
const ensemble: TreeEnsemble = {
  nFeatures: 2,
  nOutputs: 2,
  baseScore: Float64Array.of(0.25, -1),
  trees,
  treeClass: Int32Array.of(0, 0, 0, 1),
};

/** Margins by hand from the routing rule. */
function byHand(x0: number, x1: number): [number, number] {
  const t0 = Number.isNaN(x0) || x0 <= 0.1 ? ([1, 3, 40].includes(x1) ? 10 : 20) : 30;
  const t2 = Number.isNaN(x1) ? -1 : 2;
  const t3 = !Number.isNaN(x0) && x0 <= Number.MAX_VALUE ? 100 : 200;
  return [0.25 + t0 + 0.5 + t2, -1 + t3];
}

const f01 = float32AtOrBelow(0.1);
const rows: [number, number][] = [
  [f01, 1], // last float32 that goes left at 0.1
  [nextFloat32Up(f01), 1], // = fround(0.1) > 0.1: right (round-to-nearest would send it left)
  [nextFloat32Down(f01), 3],
  [NaN, 40],
  [NaN, NaN],
  [-Infinity, 2],
  [Infinity, 3],
  [3.4028234663852886e38, 41],
  [0, 33],
];

for (const precision of ["float64", "float32"] as TreePrecision[]) {
  Deno.test(`treeEnsembleToOnnx (${precision}): hand-built trees with categorical sets, NaN directions, ±∞, a leaf-only tree`, async () => {
    const bytes = treeEnsembleToOnnx(ensemble, { precision, link: "softmax" });
    const out = await runOnnx(bytes, {
      features: { type: "float32", data: rows.flat(), dims: [rows.length, 2] },
    });
    rows.forEach(([x0, x1], i) => {
      const [m0, m1] = byHand(x0, x1);
      assert.equal(out.margin![2 * i], Math.fround(m0), `row ${i} (${x0}, ${x1}) class 0`);
      assert.equal(out.margin![2 * i + 1], Math.fround(m1), `row ${i} class 1`);
      const e0 = Math.exp(m0 - Math.max(m0, m1)), e1 = Math.exp(m1 - Math.max(m0, m1));
      assert.ok(Math.abs(out.prediction![2 * i]! - e0 / (e0 + e1)) < 1e-7);
    });
    const leaves = await runOnnx(treeLeafIndexOnnx(bytes, ensemble), {
      features: { type: "float32", data: rows.flat(), dims: [rows.length, 2] },
    });
    const values = Float32Array.from(rows.flat());
    rows.forEach((_, i) =>
      trees.forEach((t, ti) =>
        assert.equal(leaves.leaf![i * 4 + ti], leafIndex(t, values, 2 * i), `row ${i} tree ${ti}`)
      )
    );
  });
}

Deno.test("treeEnsembleToOnnx: float32 splits are the largest float32 at or below each threshold; float64 keeps them", () => {
  const splits = (precision: TreePrecision) => {
    const node = decodeModel(treeEnsembleToOnnx(ensemble, { precision })).graph!.node!.find((n) =>
      n.opType === "TreeEnsemble"
    )!;
    const t = node.attribute!.find((a) => a.name === "nodes_splits")!.t!;
    const raw = t.rawData!;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    return precision === "float32"
      ? Array.from({ length: raw.length / 4 }, (_, i) => view.getFloat32(4 * i, true))
      : Array.from({ length: raw.length / 8 }, (_, i) => view.getFloat64(8 * i, true));
  };
  // Internal nodes in order: tree0 root (0.1), tree0 categorical (NaN), dummy root of the leaf-only tree (0),
  // the empty set (−∞), tree3 root (MAX_VALUE).
  assert.deepEqual(splits("float64"), [0.1, NaN, 0, -Infinity, Number.MAX_VALUE]);
  assert.deepEqual(splits("float32"), [f01, NaN, 0, -Infinity, 3.4028234663852886e38]);
  assert.ok(f01 < 0.1 && Math.fround(0.1) > 0.1);
});

Deno.test("treeEnsembleToOnnx: a malformed ensemble is a ModelFormatError naming the node", () => {
  const bad = {
    ...ensemble,
    trees: [tree([{ f: 0, t: NaN, l: 1, r: 2 }, { f: -1 }, { f: -1 }])],
    treeClass: Int32Array.of(0),
  };
  assert.throws(
    () => treeEnsembleToOnnx(bad),
    (e) => e instanceof ModelFormatError && /tree 0 node 0/.test(e.message),
  );
  const inf = { ...ensemble, trees: [tree([{ f: -1, v: Infinity }])], treeClass: Int32Array.of(0) };
  assert.throws(() => treeEnsembleToOnnx(inf), ModelFormatError);
  const wide = {
    ...ensemble,
    trees: [tree([{ f: 5, t: 0, l: 1, r: 2 }, { f: -1 }, { f: -1 }])],
    treeClass: Int32Array.of(0),
  };
  assert.throws(() => treeEnsembleToOnnx(wide), /feature 5 out of range/);
});
