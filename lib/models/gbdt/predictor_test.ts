import assert from "node:assert/strict";
import fc from "fast-check";
import { Rng } from "../../random/mod.ts";
import { leafIndex } from "../tree/ensemble.ts";
import { fitGbdt } from "./booster.ts";
import { predictRaw } from "../tree/predictor.ts";
import { matrixOf } from "./_test_data.ts";

function fitted() {
  const rng = new Rng(1);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < 500; i++) {
    const c = rng.int(40);
    const x = [
      rng.uniform(0, 1),
      rng.float() < 0.3 ? NaN : rng.uniform(0, 1),
      c,
      rng.float() < 0.1 ? NaN : rng.int(5),
    ];
    rows.push(x);
    labels.push(x[0]! + (Number.isNaN(x[1]!) ? 2 : x[1]!) + (c % 3 === 0 ? 1 : 0) + rng.float());
  }
  const matrix = matrixOf(rows);
  return fitGbdt({ matrix, labels }, {
    params: {
      objective: "regression",
      nEstimators: 15,
      numLeaves: 15,
      minDataInLeaf: 5,
      categoricalFeatures: [2],
      maxCatToOnehot: 0,
    },
    seed: 2,
  });
}

Deno.test("predictRaw equals the contract's reference walk (leafIndex) on numeric, missing and categorical splits", () => {
  const model = fitted();
  const e = model.ensemble;
  assert.ok(e.trees.some((t) => t.catBits.length > 0));
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant(NaN)),
          fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant(NaN)),
          fc.oneof(fc.integer({ min: -2, max: 80 }), fc.constant(NaN)),
          fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(NaN)),
        ),
        { minLength: 1, maxLength: 30 },
      ),
      (rows) => {
        const m = matrixOf(rows.map((r) => [...r]));
        const got = predictRaw(e, m);
        for (let i = 0; i < m.nRows; i++) {
          let want = e.baseScore[0]!;
          for (const t of e.trees) want += t.value[leafIndex(t, m.values, i * m.nCols)]!;
          assert.ok(Math.abs(got[i]! - want) < 1e-9);
        }
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test("flat trees: internal value is the cover-weighted mean and covers add up", () => {
  for (const t of fitted().ensemble.trees) {
    for (let n = 0; n < t.feature.length; n++) {
      if (t.feature[n]! < 0) continue;
      const l = t.left[n]!, r = t.right[n]!;
      assert.equal(t.cover[n], t.cover[l]! + t.cover[r]!);
      const mean = (t.cover[l]! * t.value[l]! + t.cover[r]! * t.value[r]!) / t.cover[n]!;
      assert.ok(Math.abs(t.value[n]! - mean) < 1e-12);
    }
  }
});

Deno.test("predictRaw honours nTrees (staged prediction)", () => {
  const e = fitted().ensemble;
  const m = matrixOf([[0.5, 0.5, 3, 1]]);
  const base = predictRaw(e, m, 0);
  assert.equal(base[0], e.baseScore[0]);
  const one = predictRaw(e, m, 1);
  assert.equal(one[0], e.baseScore[0]! + e.trees[0]!.value[leafIndex(e.trees[0]!, m.values, 0)]!);
});

Deno.test("packed 8-row walk equals leafIndex on numeric trees with missing values (multiclass too)", () => {
  const rng = new Rng(4);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < 600; i++) {
    const x = [rng.uniform(0, 3), rng.float() < 0.3 ? NaN : rng.float(), rng.float()];
    rows.push(x);
    labels.push(Number.isNaN(x[1]!) ? 2 : Math.floor(x[0]!));
  }
  const model = fitGbdt({ matrix: matrixOf(rows), labels }, {
    params: { objective: "multiclass", numClass: 3, nEstimators: 6, numLeaves: 9, minDataInLeaf: 5 },
  });
  const e = model.ensemble;
  assert.ok(e.trees.every((t) => t.catBits.length === 0));
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.oneof(fc.double({ min: -1, max: 4, noNaN: true }), fc.constant(NaN)),
          fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), fc.constant(NaN)),
          fc.double({ min: -1, max: 2, noNaN: true }),
        ),
        { minLength: 1, maxLength: 40 }, // spans full 8-row groups and the remainder
      ),
      (rs) => {
        const m = matrixOf(rs.map((r) => [...r]));
        const got = predictRaw(e, m);
        for (let i = 0; i < m.nRows; i++) {
          const want = Array.from(e.baseScore);
          e.trees.forEach((
            t,
            j,
          ) => (want[e.treeClass[j]!]! += t.value[leafIndex(t, m.values, i * m.nCols)]!));
          for (let k = 0; k < 3; k++) assert.ok(Math.abs(got[i * 3 + k]! - want[k]!) < 1e-9);
        }
      },
    ),
    { numRuns: 40 },
  );
});
