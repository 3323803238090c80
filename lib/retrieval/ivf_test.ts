import assert from "node:assert/strict";
import { IvfIndex, recallAtKOf } from "./ivf.ts";
import { exactTopK } from "./exact.ts";
import { kmeans } from "./kmeans.ts";
import { normal, Rng } from "../random/mod.ts";
import { InputError } from "../errors.ts";

/** n unit-norm points around `clusters` random centres (sd 0.15 before normalising) in `dim` dims, like L2-normalised embeddings. */
function clustered(seed: number, n: number, dim: number, clusters: number) {
  const rng = new Rng(seed);
  const centres = Float32Array.from({ length: clusters * dim }, () => normal(rng));
  const values = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = rng.int(clusters);
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (values[i * dim + d] = centres[c * dim + d]! + normal(rng, 0, 0.15)) ** 2;
    for (let d = 0; d < dim; d++) values[i * dim + d]! /= Math.sqrt(norm);
  }
  return { values, n, dim };
}

Deno.test("kmeans finds well-separated clusters", () => {
  const v = { values: new Float32Array([0, 0, 0.1, 0, 10, 10, 10.1, 10]), n: 4, dim: 2 };
  const { centroids } = kmeans(v, 2, { seed: 3 });
  const cs = [[centroids[0]!, centroids[1]!], [centroids[2]!, centroids[3]!]].sort((a, b) => a[0]! - b[0]!);
  assert.ok(Math.abs(cs[0]![0]! - 0.05) < 1e-6 && Math.abs(cs[1]![0]! - 10.05) < 1e-5);
});

Deno.test("IVF: recall@10 ≥ 0.95 on a small clustered set; nProbe = nList is exact", () => {
  const all = clustered(1, 3050, 16, 30);
  const items = { values: all.values.subarray(0, 3000 * 16), n: 3000, dim: 16 };
  const queries = { values: all.values.slice(3000 * 16), n: 50, dim: 16 }; // same clusters as the items
  const exact = exactTopK(items, queries, 10);
  const index = IvfIndex.build(items, { nList: 30, seed: 7 });
  const recall = recallAtKOf(exact, index.search(queries, 10, 4));
  assert.ok(recall >= 0.95, `recall ${recall}`);
  const full = index.search(queries, 10, 30);
  assert.deepEqual(Array.from(full.ids), Array.from(exact.ids));
  // Every item sits in exactly one list.
  assert.deepEqual(Array.from(index.listIds).sort((a, b) => a - b), Array.from({ length: 3000 }, (_, i) => i));
});

Deno.test("IVF: same seed → same index; validation", () => {
  const items = clustered(3, 500, 4, 5);
  const a = IvfIndex.build(items, { nList: 8, seed: 1 }), b = IvfIndex.build(items, { nList: 8, seed: 1 });
  assert.deepEqual(a.centroids, b.centroids);
  assert.throws(() => a.search({ values: new Float32Array(4), n: 1, dim: 4 }, 1, 9), InputError);
  assert.throws(() => IvfIndex.build(items, { nList: 501, seed: 1 }), InputError);
});

Deno.test("recallAtKOf: hand-computed", () => {
  const exact = { ids: new Int32Array([1, 2, 3, 4]), scores: new Float32Array(4), nQueries: 2, k: 2 };
  const approx = { ids: new Int32Array([2, 9, 3, 4]), scores: new Float32Array(4), nQueries: 2, k: 2 };
  assert.equal(recallAtKOf(exact, approx), 0.75);
});
