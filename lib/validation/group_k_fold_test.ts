import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { groupKFold, groupKFoldAssignment } from "./mod.ts";
import { assertPartition } from "./_assert_partition.ts";

Deno.test("property: grouped k-fold partitions the rows, never splits a group, balances groups or rows", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 4, maxLength: 120 }),
      fc.integer({ min: 2, max: 5 }),
      fc.integer({ min: 0, max: 10000 }),
      fc.boolean(),
      fc.constantFrom("groups" as const, "rows" as const),
      (ids, k0, seed, shuffle, balance) => {
        const G = new Set(ids).size;
        fc.pre(G >= 2);
        const k = Math.min(k0, G);
        const folds = groupKFold({ ids: ids.map((g) => `g${g}`) }, { k, seed, shuffle, balance });
        assertPartition(folds, ids.length);
        const foldOfGroup = new Map<number, number>();
        folds.forEach((f, fi) => {
          for (const i of f.test) {
            const g = ids[i]!;
            assert.equal(foldOfGroup.get(g) ?? fi, fi, `group ${g} in two folds`);
            foldOfGroup.set(g, fi);
          }
        });
        const groupsPerFold = folds.map((f) => new Set([...f.test].map((i) => ids[i])).size);
        if (balance === "groups") assert.ok(Math.max(...groupsPerFold) - Math.min(...groupsPerFold) <= 1);
        else {
          // greedy largest-first: the heaviest fold exceeds the lightest by at most the largest group
          const sizes = folds.map((f) => f.test.length), counts = new Map<number, number>();
          for (const g of ids) counts.set(g, (counts.get(g) ?? 0) + 1);
          assert.ok(Math.max(...sizes) - Math.min(...sizes) <= Math.max(...counts.values()));
        }
      },
    ),
  );
});

Deno.test("property: grouped k-fold on query sizes keeps each query's contiguous rows together", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 3, maxLength: 40 }),
      fc.integer({ min: 2, max: 3 }),
      fc.integer({ min: 0, max: 1000 }),
      (sizes, k, seed) => {
        const a = groupKFoldAssignment({ querySizes: sizes }, { k, seed });
        let row = 0;
        const perFold = new Array(k).fill(0);
        for (const s of sizes) {
          for (let j = 1; j < s; j++) assert.equal(a[row + j], a[row]);
          perFold[a[row]!]++;
          row += s;
        }
        assert.equal(row, a.length);
        assert.ok(Math.max(...perFold) - Math.min(...perFold) <= 1);
      },
    ),
  );
});

Deno.test('grouped k-fold balance "rows" equals scikit-learn GroupKFold(3) on groups of distinct sizes', () => {
  // sklearn 1.2.1 (/usr/bin/python3): ids built by dealing sizes {40:4, 10:1, 70:7, 20:2, 50:5, 30:3, 60:6}
  // round-robin; [te.tolist() for _, te in GroupKFold(3).split(np.zeros(len(ids)), groups=ids)]
  const ids = [
    40,
    10,
    70,
    20,
    50,
    30,
    60,
    40,
    70,
    20,
    50,
    30,
    60,
    40,
    70,
    50,
    30,
    60,
    40,
    70,
    50,
    60,
    70,
    50,
    60,
    70,
    60,
    70,
  ];
  const expected = [
    [1, 2, 3, 8, 9, 14, 19, 22, 25, 27],
    [5, 6, 11, 12, 16, 17, 21, 24, 26],
    [0, 4, 7, 10, 13, 15, 18, 20, 23],
  ];
  for (const shuffle of [false, true]) { // distinct sizes: the shuffle only reorders ties, so none here
    const folds = groupKFold({ ids }, { k: 3, balance: "rows", shuffle, seed: 4 });
    assert.deepEqual(folds.map((f) => [...f.test]), expected);
  }
});

Deno.test("grouped k-fold without shuffle deals groups by first appearance", () => {
  assert.deepEqual(
    [...groupKFoldAssignment({ ids: [7, 3, 7, 9, 3, 5] }, { k: 2, shuffle: false })],
    [0, 1, 0, 0, 1, 1],
  );
});

Deno.test("grouped k-fold: InputErrors for too few groups, bad query sizes, NaN ids and a bad balance", () => {
  assert.throws(() => groupKFold({ ids: [1, 1, 2, 2] }, { k: 3 }), /only 2 groups/);
  assert.throws(
    () => groupKFold({ querySizes: [2, 0, 3] }, { k: 2 }),
    (e: unknown) => e instanceof InputError && e.field === "querySizes",
  );
  assert.throws(
    () => groupKFold({ ids: [1, NaN, 2] }, { k: 2 }),
    (e: unknown) => e instanceof InputError && e.field === "ids",
  );
  assert.throws(
    () => groupKFold({ ids: [1, 2] }, { k: 2, balance: "size" as "rows" }),
    (e: unknown) => e instanceof InputError && e.field === "balance",
  );
});
