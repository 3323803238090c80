import assert from "node:assert/strict";
import { sphereMixture, uniformSphere } from "./synthetic.ts";
import { InputError } from "../errors.ts";

const norms = (v: { values: Float32Array; n: number; dim: number }) =>
  Array.from({ length: v.n }, (_, i) => Math.hypot(...v.values.subarray(i * v.dim, (i + 1) * v.dim)));

Deno.test("sphereMixture / uniformSphere: seeded, unit norm; spread 0 puts points on their centres", () => {
  const o = { seed: 4, n: 300, dim: 16, clusters: 3, spread: 0.5 };
  assert.deepEqual(sphereMixture(o).values, sphereMixture(o).values);
  assert.notDeepEqual(sphereMixture(o).values, sphereMixture({ ...o, pointSeed: 9 }).values);
  for (const x of norms(sphereMixture(o))) assert.ok(Math.abs(x - 1) < 1e-5);
  for (const x of norms(uniformSphere(2, 50, 8))) assert.ok(Math.abs(x - 1) < 1e-5);
  assert.deepEqual(uniformSphere(2, 50, 8).values, uniformSphere(2, 50, 8).values);
  // spread 0: only `clusters` distinct points, and the same centres whatever the point seed.
  const tight = sphereMixture({ ...o, spread: 0 });
  const distinct = new Set(
    Array.from({ length: tight.n }, (_, i) => tight.values.subarray(i * 16, i * 16 + 16).join(",")),
  );
  assert.equal(distinct.size, 3);
  const other = sphereMixture({ ...o, spread: 0, pointSeed: 77 });
  assert.ok(
    new Set(Array.from({ length: other.n }, (_, i) => other.values.subarray(i * 16, i * 16 + 16).join(",")))
      .isSubsetOf(distinct),
  );
});

Deno.test("sphereMixture: bad options are InputErrors", () => {
  assert.throws(() => sphereMixture({ seed: 1, n: -1, dim: 2, clusters: 1, spread: 1 }), InputError);
  assert.throws(() => sphereMixture({ seed: 1, n: 5, dim: 0, clusters: 1, spread: 1 }), InputError);
  assert.throws(() => sphereMixture({ seed: 1, n: 5, dim: 2, clusters: 0, spread: 1 }), InputError);
  assert.throws(() => sphereMixture({ seed: 1, n: 5, dim: 2, clusters: 1, spread: NaN }), InputError);
});
