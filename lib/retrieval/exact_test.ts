import assert from "node:assert/strict";
import fc from "fast-check";
import { exactTopK, exactTopK64, mergeTopK } from "./exact.ts";
import { referenceTopK, referenceTopK64 } from "./_reference_topk.ts";
import { InputError } from "../errors.ts";
import { normal, Rng } from "../random/mod.ts";

Deno.test("exactTopK: hand-computed example with a tie (lower id wins)", () => {
  // items: (1,0) (0,1) (1,1) (0.5,0.5)... query (1,1): scores 1, 1, 2, 1 → [2, 0, 1]
  const items = { values: new Float32Array([1, 0, 0, 1, 1, 1, 0.5, 0.5]), n: 4, dim: 2 };
  const r = exactTopK(items, { values: new Float32Array([1, 1]), n: 1, dim: 2 }, 3);
  assert.deepEqual(Array.from(r.ids), [2, 0, 1]);
  assert.deepEqual(Array.from(r.scores), [2, 1, 1]);
});

Deno.test("exactTopK: pads with -1 when k > n, bias and range are applied", () => {
  const items = { values: new Float32Array([1, 2, 3]), n: 3, dim: 1 };
  const q = { values: new Float32Array([1]), n: 1, dim: 1 };
  const r = exactTopK(items, q, 5);
  assert.deepEqual(Array.from(r.ids), [2, 1, 0, -1, -1]);
  const b = exactTopK(items, q, 1, { bias: new Float32Array([5, 0, 0]) });
  assert.deepEqual(Array.from(b.ids), [0]);
  const g = exactTopK(items, q, 1, { range: [0, 2] });
  assert.deepEqual(Array.from(g.ids), [1]);
});

Deno.test("exactTopK equals sort-based top-k (property, small blocks, integer-valued ties)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 1, max: 8 }),
      (n, nq, dim, k, seed, block) => {
        // Small integers make ties common, which exercises the tie rule.
        let s = seed;
        const next = () => ((s = (s * 1103515245 + 12345) >>> 0) % 5) - 2;
        const items = { values: Float32Array.from({ length: n * dim }, next), n, dim };
        const queries = { values: Float32Array.from({ length: nq * dim }, next), n: nq, dim };
        const fast = exactTopK(items, queries, k, { itemBlock: block, queryBlock: 1 + (seed % 6) });
        const ref = referenceTopK(items, queries, k);
        assert.deepEqual(Array.from(fast.ids), Array.from(ref.ids));
        assert.deepEqual(Array.from(fast.scores), Array.from(ref.scores));
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("exactTopK: validates inputs", () => {
  const items = { values: new Float32Array(4), n: 2, dim: 2 };
  assert.throws(() => exactTopK(items, { values: new Float32Array(3), n: 1, dim: 3 }, 1), InputError);
  assert.throws(() => exactTopK(items, { values: new Float32Array(2), n: 1, dim: 2 }, 0), InputError);
  assert.throws(() => exactTopK({ values: new Float32Array(3), n: 2, dim: 2 }, items, 1), InputError);
});

/** Seeded real-valued vectors (normal), so scores are non-trivial sums and summation order matters. */
function gaussian(seed: number, n: number, dim: number) {
  const rng = new Rng(seed);
  return { values: Float32Array.from({ length: n * dim }, () => normal(rng)), n, dim };
}

Deno.test("exactTopK is bit-identical to the naive double-precision loop (property, real values, bias, ranges)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 11 }),
      fc.integer({ min: 1, max: 70 }),
      fc.integer({ min: 1, max: 15 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.boolean(),
      (n, nq, dim, k, seed, withBias) => {
        const items = gaussian(seed, n, dim), queries = gaussian(seed + 1, nq, dim);
        const bias = withBias ? gaussian(seed + 2, n, 1).values : undefined;
        const fast = exactTopK64(items, queries, k, {
          bias,
          itemBlock: 1 + (seed % 23),
          queryBlock: 1 + (seed % 9),
        });
        const ref = referenceTopK64(items, queries, k, bias);
        assert.deepEqual(Array.from(fast.ids), Array.from(ref.ids));
        assert.deepEqual(Array.from(fast.scores), Array.from(ref.scores)); // exact doubles, not just close
        for (let i = 0; i < fast.ids.length; i++) {
          if (fast.ids[i]! < 0) assert.equal(fast.scores[i], -Infinity);
        }
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("mergeTopK of any split of the item range equals the full scan (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 80 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 12 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
      fc.integer({ min: 0, max: 1e6 }),
      (n, nq, k, cutFractions, seed) => {
        // Integer values make equal scores (ties across parts) common.
        const rng = new Rng(seed);
        const items = { values: Float32Array.from({ length: n * 3 }, () => rng.int(3) - 1), n, dim: 3 };
        const queries = {
          values: Float32Array.from({ length: nq * 3 }, () => rng.int(3) - 1),
          n: nq,
          dim: 3,
        };
        const cuts = [0, ...cutFractions.map((f) => Math.floor(f * n)).sort((a, b) => a - b), n];
        const parts = cuts.slice(1).map((end, i) =>
          exactTopK64(items, queries, k, { range: [cuts[i]!, end] })
        );
        const merged = mergeTopK(parts, k), full = exactTopK64(items, queries, k);
        assert.deepEqual(Array.from(merged.ids), Array.from(full.ids));
        assert.deepEqual(Array.from(merged.scores), Array.from(full.scores));
      },
    ),
    { numRuns: 150 },
  );
});

Deno.test("exactTopK: empty item set pads every row; no queries gives an empty result", () => {
  const r = exactTopK({ values: new Float32Array(0), n: 0, dim: 2 }, {
    values: new Float32Array([1, 1]),
    n: 1,
    dim: 2,
  }, 3);
  assert.deepEqual(Array.from(r.ids), [-1, -1, -1]);
  assert.deepEqual(Array.from(r.scores), [-Infinity, -Infinity, -Infinity]);
  const e = exactTopK({ values: new Float32Array([1, 2]), n: 1, dim: 2 }, {
    values: new Float32Array(0),
    n: 0,
    dim: 2,
  }, 3);
  assert.equal(e.ids.length, 0);
});

Deno.test("exactTopK: NaN / Infinity in queries, items or bias, bad k, range and blocks are InputErrors naming the field", () => {
  const items = { values: new Float32Array([1, 0, 0, 1]), n: 2, dim: 2 };
  const field = (f: string) => (e: unknown) => e instanceof InputError && e.field === f;
  assert.throws(
    () => exactTopK(items, { values: new Float32Array([NaN, 1]), n: 1, dim: 2 }, 1),
    field("queries"),
  );
  assert.throws(
    () => exactTopK(items, { values: new Float32Array([1, Infinity]), n: 1, dim: 2 }, 1),
    field("queries"),
  );
  assert.throws(
    () => exactTopK({ values: new Float32Array([1, NaN]), n: 1, dim: 2 }, items, 1),
    field("items"),
  );
  const q = { values: new Float32Array([1, 1]), n: 1, dim: 2 };
  assert.throws(() => exactTopK(items, q, 1, { bias: new Float32Array([0, NaN]) }), field("bias"));
  assert.throws(() => exactTopK(items, q, 1, { bias: new Float32Array([0]) }), field("bias"));
  assert.throws(() => exactTopK(items, q, -1), field("k"));
  assert.throws(() => exactTopK(items, q, 1.5), field("k"));
  assert.throws(() => exactTopK(items, q, 1, { range: [1, 3] }), field("range"));
  assert.throws(() => exactTopK(items, q, 1, { itemBlock: 0 }), field("itemBlock"));
  assert.throws(
    () => exactTopK({ values: new Float32Array(4) as unknown as Float32Array, n: 2, dim: 0 }, q, 1),
    field("items"),
  );
  assert.throws(
    () => exactTopK({ values: [1, 2] as unknown as Float32Array, n: 1, dim: 2 }, q, 1),
    field("items"),
  );
});
