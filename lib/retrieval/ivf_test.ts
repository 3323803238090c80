import assert from "node:assert/strict";
import fc from "fast-check";
import { IvfIndex, recallAtKOf } from "./ivf.ts";
import { exactTopK } from "./exact.ts";
import { kmeans } from "./kmeans.ts";
import { normal, Rng } from "../random/mod.ts";
import { sphereMixture } from "./synthetic.ts";
import { InputError } from "../errors.ts";

/** n unit-norm points around `clusters` random centres (sd 0.15 before normalising) in `dim` dims, like L2-normalised embeddings. */
function clustered(seed: number, n: number, dim: number, clusters: number) {
  const rng = new Rng(seed);
  const centres = Float32Array.from({ length: clusters * dim }, () => normal(rng));
  const values = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = rng.int(clusters);
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      norm += (values[i * dim + d] = centres[c * dim + d]! + normal(rng, 0, 0.15)) ** 2;
    }
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
  assert.deepEqual(
    Array.from(index.listIds).sort((a, b) => a - b),
    Array.from({ length: 3000 }, (_, i) => i),
  );
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

Deno.test("IVF on a clustered unit-sphere set: recall@10 rises with nProbe, ≥ 0.9 at nProbe 8 of 40; seeded", () => {
  const shape = { n: 4000, dim: 16, clusters: 40, spread: 0.8 };
  const items = sphereMixture({ seed: 11, ...shape });
  const queries = sphereMixture({ seed: 11, ...shape, n: 60, pointSeed: 12 }); // fresh points, same clusters
  const exact = exactTopK(items, queries, 10);
  const index = IvfIndex.build(items, { nList: 40, seed: 2 });
  const recalls = [1, 8, 40].map((p) => recallAtKOf(exact, index.search(queries, 10, p)));
  assert.ok(recalls[0]! < recalls[1]! || recalls[0] === 1, `recalls ${recalls}`);
  assert.ok(recalls[1]! >= 0.9, `recall at nProbe 8: ${recalls[1]}`);
  assert.equal(recalls[2], 1);
  const again = IvfIndex.build(items, { nList: 40, seed: 2 });
  assert.deepEqual(again.listIds, index.listIds);
  assert.deepEqual(
    Array.from(again.search(queries, 10, 8).ids),
    Array.from(index.search(queries, 10, 8).ids),
  );
  assert.equal(index.bytes, 40 * 16 * 4 + 41 * 4 + 4000 * 4 + 4000 * 16 * 4);
});

Deno.test("IVF: bad queries, k, nProbe and items are InputErrors naming the field", () => {
  const items = clustered(3, 200, 4, 5);
  const index = IvfIndex.build(items, { nList: 4, seed: 1 });
  const field = (f: string) => (e: unknown) => e instanceof InputError && e.field === f;
  assert.throws(
    () => index.search({ values: new Float32Array([NaN, 0, 0, 0]), n: 1, dim: 4 }, 1, 2),
    field("queries"),
  );
  assert.throws(() => index.search({ values: new Float32Array(3), n: 1, dim: 3 }, 1, 2), field("queries"));
  assert.throws(() => index.search({ values: new Float32Array(4), n: 1, dim: 4 }, 0, 2), field("k"));
  assert.throws(() => index.search({ values: new Float32Array(4), n: 1, dim: 4 }, 1, 0), field("nProbe"));
  assert.throws(
    () => IvfIndex.build({ values: new Float32Array([1, NaN]), n: 1, dim: 2 }, { seed: 1 }),
    field("items"),
  );
  assert.throws(
    () => IvfIndex.build({ values: new Float32Array(0), n: 0, dim: 2 }, { seed: 1 }),
    field("items"),
  );
  assert.throws(() => kmeans(items, 0, { seed: 1 }), field("k"));
  assert.throws(() => kmeans(items, 2, { seed: 1, iterations: -1 }), field("iterations"));
  // k larger than the list contents: padded with -1.
  const r = IvfIndex.build(clustered(4, 5, 4, 1), { nList: 1, seed: 1 }).search(
    { values: new Float32Array([1, 0, 0, 0]), n: 1, dim: 4 },
    8,
    1,
  );
  assert.deepEqual(Array.from(r.ids.subarray(5)), [-1, -1, -1]);
});

Deno.test("IVF: a batch (list-by-list, tiled) returns exactly what the queries return one at a time (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e6 }),
      fc.integer({ min: 8, max: 40 }),
      fc.integer({ min: 1, max: 15 }),
      (seed, nq, k) => {
        const rng = new Rng(seed);
        const integer = seed % 2 === 0; // integer values: many tied scores
        const gen = (n: number) => ({
          values: Float32Array.from({ length: n * 6 }, () => integer ? rng.int(3) - 1 : normal(rng)),
          n,
          dim: 6,
        });
        const items = gen(300), queries = gen(nq);
        const index = IvfIndex.build(items, { nList: 12, seed, iterations: 3 });
        const nProbe = 1 + (seed % 12);
        const batch = index.search(queries, k, nProbe);
        for (let q = 0; q < nq; q++) {
          const one = index.search(
            { values: queries.values.subarray(q * 6, q * 6 + 6), n: 1, dim: 6 },
            k,
            nProbe,
          );
          assert.deepEqual(Array.from(batch.ids.subarray(q * k, q * k + k)), Array.from(one.ids));
          assert.deepEqual(Array.from(batch.scores.subarray(q * k, q * k + k)), Array.from(one.scores));
        }
      },
    ),
    { numRuns: 40 },
  );
});

Deno.test("IvfIndex.build refuses vectors whose squared norm overflows float32, naming items and the row", () => {
  // |x| = 2e19 in one dimension: finite in float32, but x² = 4e38 is not (the error used to name an
  // internal "bias" at search time).
  const items = { values: new Float32Array([1, 0, 0, 1, 2e19, 0]), n: 3, dim: 2 };
  assert.throws(
    () => IvfIndex.build(items, { nList: 1, seed: 0 }),
    (e: unknown) =>
      e instanceof InputError && e.field === "items" && /row 2 has squared norm 4\.00e\+38/.test(e.message),
  );
  const fine = { values: new Float32Array([1, 0, 0, 1, 1e19, 0]), n: 3, dim: 2 }; // 1e38 fits
  assert.equal(
    IvfIndex.build(fine, { nList: 1, seed: 0 }).search(
      { values: new Float32Array([1, 0]), n: 1, dim: 2 },
      1,
      1,
    ).ids[0],
    2,
  );
});
