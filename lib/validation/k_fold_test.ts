import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { Rng } from "../random/mod.ts";
import { foldsFromAssignment, kFold, kFoldAssignment, testFoldOfRows } from "./mod.ts";
import { assertPartition } from "./_assert_partition.ts";

Deno.test("property: k-fold partitions the rows, fold sizes within one, same seed → same folds", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 200 }),
      fc.integer({ min: 2, max: 12 }),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.boolean(),
      (n, k0, seed, shuffle) => {
        const k = Math.min(k0, n);
        const folds = kFold(n, { k, seed, shuffle });
        assertPartition(folds, n);
        const sizes = folds.map((f) => f.test.length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`);
        assert.deepEqual(kFold(n, { k, seed, shuffle }), folds);
      },
    ),
  );
});

Deno.test("k-fold without shuffle: contiguous blocks, the first n mod k one larger (scikit-learn KFold(3) on 7 rows)", () => {
  // sklearn 1.2.1: [te.tolist() for _, te in KFold(3).split(np.zeros(7))] → [[0, 1, 2], [3, 4], [5, 6]]
  assert.deepEqual(kFold(7, { k: 3, shuffle: false }).map((f) => [...f.test]), [[0, 1, 2], [3, 4], [5, 6]]);
});

Deno.test("k-fold shuffled: the seeded Rng permutation dealt round-robin (the rule the CV benches used)", () => {
  const n = 23, k = 4, seed = 1003;
  const order = new Rng(seed).shuffle(Int32Array.from({ length: n }, (_, i) => i));
  const expected = new Int32Array(n);
  order.forEach((row, pos) => (expected[row] = pos % k));
  assert.deepEqual(kFoldAssignment(n, { k, seed }), expected);
  // Pinned (recorded from this implementation when it was written): a change here would silently change
  // every stored cross-validation result, so it must be deliberate.
  assert.deepEqual([...kFoldAssignment(10, { k: 3, seed: 42 })], [2, 2, 1, 0, 0, 1, 1, 0, 2, 0]);
  assert.notDeepEqual(kFoldAssignment(50, { k: 5, seed: 1 }), kFoldAssignment(50, { k: 5, seed: 2 }));
  // the default seed is 0
  assert.deepEqual(kFoldAssignment(30, { k: 3 }), kFoldAssignment(30, { k: 3, seed: 0 }));
});

Deno.test("k-fold: InputErrors name k, nRows, shuffle and seed", () => {
  const field = (fn: () => unknown, name: string) =>
    assert.throws(fn, (e: unknown) => e instanceof InputError && e.field === name);
  field(() => kFold(10, { k: 1 }), "k");
  field(() => kFold(10, { k: 2.5 }), "k");
  field(() => kFold(3, { k: 4 }), "k");
  field(() => kFold(-1, { k: 2 }), "nRows");
  field(() => kFold(10, { k: 2, seed: -3 }), "seed");
  field(() => kFold(10, { k: 2, shuffle: "yes" as unknown as boolean }), "shuffle");
  assert.throws(() => kFold(3, { k: 4 }), /only 3 rows/);
});

Deno.test("foldsFromAssignment / testFoldOfRows: round trip, −1 rows in no fold, bad ids and overlaps rejected", () => {
  const a = Int32Array.of(1, 0, -1, 1, 0);
  const folds = foldsFromAssignment(a, 2);
  assert.deepEqual(folds.map((f) => [[...f.train], [...f.test]]), [[[0, 3], [1, 4]], [[1, 4], [0, 3]]]);
  assert.deepEqual(testFoldOfRows(folds, 5), a);
  assert.throws(() => foldsFromAssignment([0, 2], 2), InputError);
  assert.throws(
    () => testFoldOfRows([{ train: Int32Array.of(), test: Int32Array.of(0) }, folds[0]!, folds[1]!], 5),
    /tested by folds/,
  );
});
