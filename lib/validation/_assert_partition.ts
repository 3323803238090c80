/**
 * Test helper (internal): the partition property every k-fold variant has.
 * @module
 */
import assert from "node:assert/strict";
import type { Fold } from "./fold.ts";

/** Each row in exactly one test part; train = every other row; both ascending. */
export function assertPartition(folds: readonly Fold[], n: number): void {
  const seen = new Int32Array(n);
  for (const { train, test } of folds) {
    for (const i of test) seen[i]!++;
    assert.equal(train.length + test.length, n);
    const inTest = new Set(test);
    for (const i of train) assert.ok(!inTest.has(i));
    for (const part of [train, test]) {
      for (let i = 1; i < part.length; i++) assert.ok(part[i]! > part[i - 1]!);
    }
  }
  assert.deepEqual([...seen], new Array(n).fill(1));
}
