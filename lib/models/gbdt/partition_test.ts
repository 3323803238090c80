import assert from "node:assert/strict";
import fc from "fast-check";
import { Rng } from "../../random/mod.ts";
import { partitionRows } from "./partition.ts";

/** Random data: a binned matrix and column, a left/right table, a row index with a leaf range. */
const arb = fc.record({
  nRows: fc.integer({ min: 1, max: 200 }),
  seed: fc.integer({ min: 0, max: 1e6 }),
});

function makeCase({ nRows, seed }: { nRows: number; seed: number }) {
  const rng = new Rng(seed);
  const nF = 3, col = rng.int(nF) * nRows;
  const bins = Uint8Array.from({ length: nRows * nF }, () => rng.int(256));
  const goesLeft = Uint8Array.from({ length: 256 }, () => (rng.float() < 0.4 ? 1 : 0));
  const rows = Uint32Array.from(rng.shuffle(Array.from({ length: nRows }, (_, i) => i)));
  const start = rng.int(nRows), end = start + rng.int(nRows - start + 1);
  return { bins, goesLeft, rows, col, start, end };
}

/** The stable partition by filtering, outside the range untouched. */
function reference(c: ReturnType<typeof makeCase>): { rows: number[]; mid: number } {
  const leaf = Array.from(c.rows.subarray(c.start, c.end));
  const isLeft = (r: number) => c.goesLeft[c.bins[c.col + r]!] === 1;
  const left = leaf.filter(isLeft), right = leaf.filter((r) => !isLeft(r));
  const rows = Array.from(c.rows);
  rows.splice(c.start, leaf.length, ...left, ...right);
  return { rows, mid: c.start + left.length };
}

Deno.test("partitionRows is the stable partition and leaves other rows alone", () => {
  fc.assert(
    fc.property(arb, (p) => {
      const c = makeCase(p);
      const want = reference(c);
      const tmp = new Uint32Array(p.nRows);
      const mid = partitionRows(c.rows, tmp, c.bins, c.col, c.goesLeft, c.start, c.end);
      assert.equal(mid, want.mid);
      assert.deepEqual(Array.from(c.rows), want.rows);
    }),
  );
});

Deno.test("partition: hand-worked example", () => {
  // bins of rows 0..5 in column 1 (columns of 6 rows): [3, 1, 3, 0, 1, 2]; bins ≤ 1 go left.
  const bins = new Uint8Array([9, 9, 9, 9, 9, 9, 3, 1, 3, 0, 1, 2]);
  const goesLeft = new Uint8Array(256);
  goesLeft[0] = goesLeft[1] = 1;
  const rows = new Uint32Array([7, 5, 4, 3, 2, 1, 0, 8]);
  // the leaf is rows[1 .. 7): lefts 4, 3, 1 then rights 5, 2, 0; rows[0] and rows[7] stay
  assert.equal(partitionRows(rows, new Uint32Array(6), bins, 6, goesLeft, 1, 7), 4);
  assert.deepEqual(Array.from(rows), [7, 4, 3, 1, 5, 2, 0, 8]);
});
