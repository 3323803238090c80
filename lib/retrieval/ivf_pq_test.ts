import assert from "node:assert/strict";
import fc from "fast-check";
import { IvfIndex, recallAtKOf } from "./ivf.ts";
import { IvfPqIndex } from "./ivf_pq.ts";
import { ProductQuantizer } from "./pq.ts";
import { exactTopK } from "./exact.ts";
import { sphereMixture } from "./synthetic.ts";
import { InputError } from "../errors.ts";
import { Rng } from "../random/mod.ts";

Deno.test("ProductQuantizer: a set with ≤ 256 distinct sub-vectors is encoded losslessly; LUT sums equal the inner products", () => {
  // 4 distinct rows, m = 2: each codebook can hold every sub-vector exactly.
  const rows = [[1, 0, 0.5, 0.5], [0, 1, -1, 0], [0.25, 0.75, 0, 2], [3, -1, 1, 1]];
  const v = { values: Float32Array.from(rows.flat()), n: 4, dim: 4 };
  const pq = ProductQuantizer.train(v, { m: 2, seed: 3 });
  assert.equal(pq.ksub, 4);
  const codes = pq.encode(v);
  const q = new Float32Array([0.3, -0.2, 1.5, 0.7]), lut = new Float64Array(2 * 256);
  pq.lut(q, 0, lut);
  for (let i = 0; i < 4; i++) {
    const approx = lut[codes[i * 2]!]! + lut[256 + codes[i * 2 + 1]!]!;
    const exact = rows[i]!.reduce((s, x, d) => s + x * q[d]!, 0);
    assert.ok(Math.abs(approx - exact) < 1e-6, `row ${i}: ${approx} vs ${exact}`);
  }
  assert.throws(
    () => ProductQuantizer.train(v, { m: 3, seed: 1 }),
    (e) => e instanceof InputError && e.field === "m",
  );
  assert.throws(() => pq.encode({ values: new Float32Array(3), n: 1, dim: 3 }), InputError);
});

Deno.test("IvfPqIndex: with rerank ≥ items scanned it returns exactly IvfIndex.search (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1e6 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 6 }),
      (seed, k, nProbe) => {
        const items = sphereMixture({ seed, n: 200, dim: 16, clusters: 5, spread: 1 });
        const queries = sphereMixture({ seed, n: 5, dim: 16, clusters: 5, spread: 1, pointSeed: seed + 1 });
        const ivf = IvfIndex.build(items, { nList: 6, seed, iterations: 3 });
        // m = 16 takes the unrolled scan, m = 4 / 8 the generic one.
        const pq = IvfPqIndex.fromIvf(ivf, { m: [4, 8, 16][seed % 3]!, seed, iterations: 3 });
        const a = pq.search(queries, k, nProbe, { rerank: 200 }), b = ivf.search(queries, k, nProbe);
        assert.deepEqual(Array.from(a.ids), Array.from(b.ids));
        assert.deepEqual(Array.from(a.scores), Array.from(b.scores));
      },
    ),
    { numRuns: 25 },
  );
});

Deno.test("IvfPqIndex: recall on clustered data with a small re-rank; seeded; validation", () => {
  const shape = { n: 3000, dim: 16, clusters: 30, spread: 0.8 };
  const items = sphereMixture({ seed: 5, ...shape }),
    queries = sphereMixture({ seed: 5, ...shape, n: 40, pointSeed: 6 });
  const exact = exactTopK(items, queries, 10);
  const ivf = IvfIndex.build(items, { nList: 30, seed: 1 });
  const pq = IvfPqIndex.fromIvf(ivf, { m: 8, seed: 2 });
  const recall = recallAtKOf(exact, pq.search(queries, 10, 30, { rerank: 50 }));
  assert.ok(recall >= 0.9, `recall ${recall}`);
  const pq16 = IvfPqIndex.fromIvf(ivf, { m: 16, seed: 2 });
  const recall16 = recallAtKOf(exact, pq16.search(queries, 10, 30, { rerank: 50 }));
  assert.ok(recall16 >= 0.9, `recall (m = 16) ${recall16}`);
  const again = IvfPqIndex.fromIvf(ivf, { m: 8, seed: 2 });
  assert.deepEqual(again.codes, pq.codes);
  assert.equal(pq.codes.length, 3000 * 8);
  assert.throws(
    () => pq.search(queries, 10, 4, { rerank: 5 }),
    (e) => e instanceof InputError && e.field === "rerank",
  );
  assert.throws(
    () => pq.search({ values: new Float32Array(16).fill(NaN), n: 1, dim: 16 }, 10, 4),
    InputError,
  );
  assert.throws(() => pq.search(queries, 0, 4), InputError);
});

Deno.test("IvfPqIndex: when the codes are lossless the table-lookup scores pick the exact top-k without re-rank slack (m = 4 and unrolled m = 16)", () => {
  // Coordinates in {-1, 0, 1}: at most 3^4 = 81 distinct 4-d sub-vectors, so 256-centroid codebooks are exact.
  const rng = new Rng(17);
  const n = 600, dim = 16;
  const items = { values: Float32Array.from({ length: n * dim }, () => rng.int(3) - 1), n, dim };
  const queries = { values: Float32Array.from({ length: 8 * dim }, () => rng.float() * 2 - 1), n: 8, dim };
  const ivf = IvfIndex.build(items, { nList: 5, seed: 3 });
  const want = ivf.search(queries, 5, 5);
  for (const m of [4, 16]) {
    const pq = IvfPqIndex.fromIvf(ivf, { m, seed: 4 });
    const got = pq.search(queries, 5, 5, { rerank: 5 }); // only the 5 best approximate candidates survive
    assert.deepEqual(Array.from(got.ids), Array.from(want.ids), `m = ${m}`);
  }
});
