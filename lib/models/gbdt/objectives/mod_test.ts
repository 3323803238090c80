import assert from "node:assert/strict";
import { InputError } from "../../../errors.ts";
import type { ObjectiveName } from "../objective.ts";
import fc from "fast-check";
import { Rng } from "../../../random/mod.ts";
import { createObjective, OBJECTIVE_NAMES } from "./mod.ts";

Deno.test("createObjective: builds every named objective with its output count", () => {
  for (const name of OBJECTIVE_NAMES) {
    const obj = createObjective(name, { numClass: 4, groups: [2] });
    assert.equal(obj.name, name);
    assert.equal(obj.nOutputs, name === "multiclass" ? 4 : 1);
  }
  const binary = createObjective("binary", { scalePosWeight: 3 });
  assert.equal(binary.initScore([1, 0, 0, 0])[0], 0); // 3 / (3 + 3) → log-odds 0
});

Deno.test("createObjective: unknown names and missing numClass are InputErrors listing the choices", () => {
  assert.throws(
    () => createObjective("huber" as ObjectiveName, {}),
    (e) => e instanceof InputError && e.field === "objective" && /"binary".*"multiclass"/.test(e.message),
  );
  assert.throws(
    () => createObjective("multiclass", {}),
    (e) => e instanceof InputError && e.field === "numClass",
  );
});

Deno.test("gradients over row ranges piece together the full call (lambdarank: the queries starting in the range)", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...OBJECTIVE_NAMES),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.boolean(),
      (name, n, seed, weighted) => {
        const rng = new Rng(seed);
        // Queries of 1–8 rows; a row's owner is the first row of its query (itself for the row-wise objectives).
        const groups: number[] = [], owner = new Int32Array(n);
        for (let start = 0; start < n;) {
          const size = Math.min(n - start, 1 + rng.int(8));
          groups.push(size);
          owner.fill(start, start, start + size);
          start += size;
        }
        const ranking = name === "lambdarank";
        if (!ranking) owner.forEach((_, i) => (owner[i] = i));
        const obj = createObjective(name, { numClass: 3, scalePosWeight: 2, groups });
        assert.equal(obj.rowRanges, true);
        const K = obj.nOutputs;
        const labels = Array.from(
          { length: n },
          () => name === "regression" ? rng.uniform(-3, 3) : rng.int(name === "binary" ? 2 : 3),
        );
        const raw = Float64Array.from({ length: n * K }, () => rng.uniform(-3, 3));
        const weights = weighted ? Array.from({ length: n }, () => rng.uniform(0.5, 2)) : undefined;
        const fullG = new Float32Array(n * K), fullH = new Float32Array(n * K);
        obj.gradients(labels, raw, weights, fullG, fullH);
        const a = rng.int(n + 1), b = a + rng.int(n - a + 1);
        const g = new Float32Array(n * K).fill(NaN), h = new Float32Array(n * K).fill(NaN);
        obj.gradients(labels, raw, weights, g, h, a, b);
        for (let k = 0; k < K; k++) {
          for (let i = 0; i < n; i++) {
            const inside = owner[i]! >= a && owner[i]! < b;
            assert.equal(Number.isNaN(g[k * n + i]!), !inside);
            assert.equal(Number.isNaN(h[k * n + i]!), !inside);
          }
        }
        obj.gradients(labels, raw, weights, g, h, 0, a);
        obj.gradients(labels, raw, weights, g, h, b, n);
        assert.deepEqual(g, fullG);
        assert.deepEqual(h, fullH);
      },
    ),
  );
});
