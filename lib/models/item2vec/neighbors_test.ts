import assert from "node:assert/strict";
import fc from "fast-check";
import { normalizeRows, topKCosine } from "./neighbors.ts";

/** Naive twin: score every row, sort by (score desc, row asc), take k. */
function naiveTopK(unit: Float32Array, dim: number, q: number[], k: number, exclude: Set<number>) {
  const all: [number, number][] = [];
  for (let r = 0; r < unit.length / dim; r++) {
    if (exclude.has(r)) continue;
    let s = 0;
    for (let j = 0; j < dim; j++) s += unit[r * dim + j]! * q[j]!;
    all.push([s, r]);
  }
  all.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return all.slice(0, k);
}

Deno.test("topKCosine: equals the sort-everything reference (ties → lower row first)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 120 }),
      fc.integer({ min: 1, max: 12 }),
      fc.array(fc.nat(30), { maxLength: 5 }),
      (dim, raw, k, excl) => {
        const n = Math.floor(raw.length / dim);
        const unit = normalizeRows(Float32Array.from(raw.slice(0, n * dim)), dim); // small ints → many ties
        const q = raw.slice(0, dim);
        const ex = new Set(excl);
        const got = topKCosine(unit, dim, q, k, (r) => ex.has(r));
        const want = naiveTopK(unit, dim, q, k, ex);
        assert.deepEqual(Array.from(got.rows), want.map((w) => w[1]));
        assert.deepEqual(Array.from(got.scores), want.map((w) => Math.fround(w[0])));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("normalizeRows: unit rows; zero rows stay zero", () => {
  const u = normalizeRows(Float32Array.of(3, 4, 0, 0), 2);
  assert.deepEqual(Array.from(u), [0.6000000238418579, 0.800000011920929, 0, 0]);
});
