import assert from "node:assert/strict";
import fc from "fast-check";
import { randomSplit, timeQuantileSplit, timeSplit } from "./split.ts";
import { InputError } from "../errors.ts";

Deno.test("randomSplit partitions all rows exactly once and is reproducible", () => {
  fc.assert(fc.property(fc.integer({ min: 3, max: 500 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
    const s = randomSplit(n, { validFraction: 0.2, testFraction: 0.1, seed });
    const all = [...s.train, ...s.valid, ...s.test].sort((a, b) => a - b);
    assert.deepEqual(all, Array.from({ length: n }, (_, i) => i));
    assert.deepEqual(randomSplit(n, { validFraction: 0.2, testFraction: 0.1, seed }), s);
    assert.equal(s.test.length, Math.round(n * 0.1));
  }));
});

Deno.test("stratified split keeps the label rate in each part", () => {
  const y = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0)); // 10% positives
  const s = randomSplit(1000, { validFraction: 0.2, testFraction: 0.2, seed: 3, stratify: y });
  for (const part of [s.train, s.valid, s.test]) {
    const rate = part.reduce((a, i) => a + y[i]!, 0) / part.length;
    assert.ok(Math.abs(rate - 0.1) < 0.005, `rate ${rate}`);
  }
});

Deno.test("timeSplit never puts a later row in an earlier part", () => {
  const times = [5, 1, 9, 3, 7, 2, 8];
  const s = timeSplit(times, 4, 8);
  assert.deepEqual([...s.train], [1, 3, 5]);
  assert.deepEqual([...s.valid], [0, 4]);
  assert.deepEqual([...s.test], [2, 6]);
  const q = timeQuantileSplit(Array.from({ length: 100 }, (_, i) => 99 - i), 0.7, 0.85);
  assert.equal(q.train.length, 70);
  assert.equal(q.valid.length, 15);
});

Deno.test("bad split arguments give named errors", () => {
  assert.throws(() => randomSplit(10, { validFraction: 0.6, testFraction: 0.5, seed: 1 }), /testFraction/);
  assert.throws(() => randomSplit(2, { validFraction: 0.1, testFraction: 0.1, seed: 1 }), InputError);
  assert.throws(
    () => randomSplit(5, { validFraction: 0.1, testFraction: 0.1, seed: 1, stratify: [1] }),
    /stratify/,
  );
  assert.throws(() => timeSplit([1, NaN], 0, 1), /index 1/);
  assert.throws(() => timeSplit([5, 6], 0, 1), /no rows for training/);
});
