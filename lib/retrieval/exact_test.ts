import assert from "node:assert/strict";
import fc from "fast-check";
import { exactTopK } from "./exact.ts";
import { referenceTopK } from "./_reference_topk.ts";
import { InputError } from "../errors.ts";

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
