/**
 * Everything that runs on worker threads, in one test sharing one pool: under `deno test` each worker
 * type-checks its module graph on start (seconds), so the file starts as few workers as possible.
 */
import assert from "node:assert/strict";
import { ExactIndex } from "./exact_index.ts";
import { exactTopK } from "./exact.ts";
import { IvfIndex } from "./ivf.ts";
import { IvfPqIndex } from "./ivf_pq.ts";
import { assignNearest, assignNearestParallel, kmeans, kmeansParallel } from "./kmeans.ts";
import { RetrievalPool, toShared } from "./pool.ts";
import { sphereMixture } from "./synthetic.ts";
import { InputError } from "../errors.ts";
import { normal, Rng } from "../random/mod.ts";

function gaussian(seed: number, n: number, dim: number, integer = false) {
  const rng = new Rng(seed);
  return {
    values: Float32Array.from({ length: n * dim }, () => integer ? rng.int(3) - 1 : normal(rng)),
    n,
    dim,
  };
}

Deno.test("worker-pool retrieval is bit-identical to the single-thread code", async (t) => {
  const pool = RetrievalPool.create(2);
  try {
    await t.step("ExactIndex = exactTopK (ties across worker boundaries, k > n, tiny n)", async () => {
      for (
        const [seed, n, nq, dim, k, integer] of [
          [1, 1001, 9, 7, 10, false],
          [2, 333, 5, 4, 20, true], // integer values: many ties, also across the worker split
          [3, 7, 3, 3, 12, false], // k > n
          [4, 3, 1, 5, 1, false], // fewer than 2 items per worker: searched inline
        ] as const
      ) {
        const items = gaussian(seed, n, dim, integer), queries = gaussian(seed + 100, nq, dim, integer);
        const index = ExactIndex.create(items, { pool });
        const got = await index.search(queries, k), want = exactTopK(items, queries, k);
        assert.deepEqual(Array.from(got.ids), Array.from(want.ids), `case ${seed}`);
        assert.deepEqual(Array.from(got.scores), Array.from(want.scores), `case ${seed}`);
        index.close(); // must not close the borrowed pool
      }
    });

    await t.step("ExactIndex: bad queries are InputErrors; workers: 0 agrees", async () => {
      const items = gaussian(5, 200, 6), queries = gaussian(6, 4, 6);
      const a = ExactIndex.create(items, { pool }), b = ExactIndex.create(items, { workers: 0 });
      assert.equal(a.workers, 2);
      assert.equal(b.workers, 0);
      assert.deepEqual(
        Array.from((await a.search(queries, 5)).ids),
        Array.from((await b.search(queries, 5)).ids),
      );
      await assert.rejects(
        () => a.search({ values: new Float32Array([NaN, 0, 0, 0, 0, 0]), n: 1, dim: 6 }, 5),
        InputError,
      );
      await assert.rejects(() => a.search({ values: new Float32Array(5), n: 1, dim: 5 }, 5), InputError);
      await assert.rejects(() => a.search(queries, 0), InputError);
      assert.throws(() => ExactIndex.create(items, { workers: -1 }), InputError);
      assert.throws(
        () => ExactIndex.create({ values: new Float32Array([1, NaN]), n: 1, dim: 2 }, { workers: 0 }),
        InputError,
      );
    });

    await t.step(
      "kmeansParallel / assignNearestParallel / IvfIndex.buildParallel = their sync twins",
      async () => {
        const items = sphereMixture({ seed: 2, n: 1500, dim: 8, clusters: 12, spread: 0.7 });
        const km = kmeans(items, 10, { seed: 3, iterations: 4 });
        assert.deepEqual(
          (await kmeansParallel(items, 10, { seed: 3, iterations: 4 }, pool)).centroids,
          km.centroids,
        );
        assert.deepEqual(
          await assignNearestParallel(toShared(items), km.centroids, 10, pool),
          assignNearest(items, km.centroids, 10),
        );
        const a = IvfIndex.build(items, { nList: 20, seed: 5 }),
          b = await IvfIndex.buildParallel(items, { nList: 20, seed: 5, pool });
        assert.deepEqual(b.centroids, a.centroids);
        assert.deepEqual(b.listStart, a.listStart);
        assert.deepEqual(b.listIds, a.listIds);
        const pqA = IvfPqIndex.fromIvf(a, { m: 4, seed: 1, iterations: 3 });
        const pqB = await IvfPqIndex.fromIvfParallel(b, { m: 4, seed: 1, iterations: 3 }, pool);
        assert.deepEqual(pqB.codes, pqA.codes);
      },
    );
  } finally {
    pool.close();
  }
  assert.throws(() => RetrievalPool.create(0), InputError);
  await assert.rejects(() =>
    pool.scan({ items: toShared(gaussian(1, 1, 1)), queries: gaussian(1, 1, 1), k: 1, start: 0, end: 1 })
  );
});
