import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { stratifiedKFold } from "./mod.ts";
import { assertPartition } from "./_assert_partition.ts";

Deno.test("property: stratified k-fold partitions the rows and keeps every class within ±1 of n_c/k per fold", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 6 }),
      fc.integer({ min: 2, max: 4 }),
      fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 5 }),
      fc.integer({ min: 0, max: 10000 }),
      fc.boolean(),
      (k, nClasses0, extra, seed, shuffle) => {
        // class c has k + extra[c] rows, labels interleaved in a seeded-free but irregular order
        const nClasses = Math.min(nClasses0, extra.length);
        const labels: number[] = [];
        for (let c = 0; c < nClasses; c++) for (let j = 0; j < k + extra[c]!; j++) labels.push(c * 3 - 1);
        labels.sort((a, b) => ((a * 7919) % 13) - ((b * 7919) % 13) || a - b);
        const folds = stratifiedKFold(labels, { k, seed, shuffle });
        assertPartition(folds, labels.length);
        for (let c = 0; c < nClasses; c++) {
          const nc = k + extra[c]!;
          for (const f of folds) {
            const inFold = [...f.test].filter((i) => labels[i] === c * 3 - 1).length;
            assert.ok(Math.abs(inFold - nc / k) < 1, `class ${c}: ${inFold} of ${nc} in a fold (k ${k})`);
          }
        }
        const sizes = folds.map((f) => f.test.length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
        assert.deepEqual(stratifiedKFold(labels, { k, seed, shuffle }), folds);
      },
    ),
  );
});

Deno.test("stratified k-fold without shuffle: each class in row order, dealt on from where the last class ended", () => {
  // classes ascending: label 0 at rows 1, 3, 4 → folds 0, 1, 0; label 1 at rows 0, 2, 5 → folds 1, 0, 1
  const folds = stratifiedKFold([1, 0, 1, 0, 0, 1], { k: 2, shuffle: false });
  assert.deepEqual(folds.map((f) => [...f.test]), [[1, 2, 4], [0, 3, 5]]);
});

Deno.test("stratified k-fold: InputErrors for one class, a class smaller than k, NaN labels and bad k", () => {
  assert.throws(() => stratifiedKFold([1, 1, 1, 1], { k: 2 }), /at least 2 classes/);
  assert.throws(() => stratifiedKFold([0, 0, 0, 1, 1], { k: 3 }), /at least k = 3 rows.*1: 2/);
  assert.throws(
    () => stratifiedKFold([0, NaN, 1, 1], { k: 2 }),
    (e: unknown) => e instanceof InputError && e.field === "labels",
  );
  assert.throws(
    () => stratifiedKFold([0, 1, 0, 1], { k: 1 }),
    (e: unknown) => e instanceof InputError && e.field === "k",
  );
});
