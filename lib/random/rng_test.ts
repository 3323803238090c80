import assert from "node:assert/strict";
import fc from "fast-check";
import { Rng } from "./rng.ts";
import { InputError } from "../errors.ts";

Deno.test("same seed gives the identical stream; different seeds differ", () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
    const a = new Rng(seed), b = new Rng(seed), c = new Rng((seed + 1) >>> 0);
    const xa = Array.from({ length: 20 }, () => a.nextUint32());
    const xb = Array.from({ length: 20 }, () => b.nextUint32());
    const xc = Array.from({ length: 20 }, () => c.nextUint32());
    assert.deepEqual(xa, xb);
    assert.notDeepEqual(xa, xc);
  }));
});

Deno.test("float is in [0,1) and roughly uniform (mean 1/2, variance 1/12)", () => {
  const rng = new Rng(7);
  const n = 200_000;
  let sum = 0, sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = rng.float();
    assert.ok(x >= 0 && x < 1);
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  const variance = sumSq / n - mean * mean;
  // 5 standard errors: se(mean) = sqrt(1/12/n) ≈ 6.5e-4
  assert.ok(Math.abs(mean - 0.5) < 5 * Math.sqrt(1 / 12 / n), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 12) < 0.002, `variance ${variance}`);
});

Deno.test("int(n) covers [0, n) evenly (chi-square)", () => {
  const rng = new Rng(3);
  const n = 10, draws = 100_000;
  const counts = new Array(n).fill(0);
  for (let i = 0; i < draws; i++) counts[rng.int(n)]++;
  const expected = draws / n;
  const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
  assert.ok(chi2 < 27.88, `chi2 ${chi2}`); // 99.9% quantile for 9 d.o.f.
});

Deno.test("shuffle is a permutation and reproducible", () => {
  const a = Int32Array.from({ length: 100 }, (_, i) => i);
  const b = Int32Array.from(a);
  new Rng(11).shuffle(a);
  new Rng(11).shuffle(b);
  assert.deepEqual(a, b);
  assert.deepEqual(Array.from(a).sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
  assert.notDeepEqual(Array.from(a), Array.from({ length: 100 }, (_, i) => i));
});

Deno.test("fork gives independent, reproducible streams", () => {
  const r = new Rng(5);
  assert.equal(r.fork(1).nextUint32(), new Rng(5).fork(1).nextUint32());
  assert.notEqual(r.fork(1).nextUint32(), r.fork(2).nextUint32());
});

Deno.test("bad seeds are rejected with a named error", () => {
  for (const s of [-1, 1.5, NaN, 2 ** 32]) assert.throws(() => new Rng(s), InputError);
  assert.throws(() => new Rng(1).int(0), /"n"/);
  assert.throws(() => new Rng(1).pick([]), InputError);
});
