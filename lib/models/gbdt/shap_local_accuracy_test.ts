/**
 * Local accuracy of TreeSHAP on models fitted by lib/models/gbdt, one per objective (numeric, missing
 * and categorical features; leaf-wise trees): base value + Σφ equals the model's raw margin to 1e-6, for
 * every output of the multiclass model, with both kernels; then the same on random small fits with
 * random parameters (one bin, depth 1, tiny weights, one-row queries …).
 */
import fc from "fast-check";
import assert from "node:assert/strict";
import type { Matrix } from "../../data/types.ts";
import { InputError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import { fitGbdt, GbdtModel } from "./mod.ts";
import type { GbdtParams } from "./mod.ts";
import { randomFit } from "./_random_fit.ts";
import { treeShap } from "../../explain/tree_shap.ts";
import { treeShapParallel } from "../../explain/parallel.ts";

/** Base value + Σφ equals the raw margin to 1e-6 for every row and output, with both kernels. */
function assertLocalAccuracy(model: GbdtModel, matrix: Matrix, what: string): void {
  const raw = model.predictRaw(matrix);
  const K = model.ensemble.nOutputs, n = matrix.nRows;
  for (let k = 0; k < K; k++) {
    for (const algorithm of ["recursive", "tables"] as const) {
      const { values, baseValue } = treeShap(model.ensemble, model.prepareMatrix(matrix), {
        output: k,
        algorithm,
      });
      for (let r = 0; r < n; r++) {
        let sum = baseValue;
        for (let j = 0; j < matrix.nCols; j++) sum += values[r * matrix.nCols + j]!;
        const want = raw[r * K + k]!;
        if (!(Math.abs(sum - want) <= 1e-6)) {
          throw new Error(`${what} output ${k} ${algorithm} row ${r}: ${sum} ≠ margin ${want}`);
        }
      }
    }
  }
}

function problem(seed: number) {
  const rng = new Rng(seed);
  const n = 300, nCols = 4, values = new Float32Array(n * nCols);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-2, 2), b = rng.float() < 0.25 ? NaN : rng.uniform(0, 1), c = rng.int(5);
    const d = rng.uniform(-1, 1);
    values.set([a, b, c, d], i * nCols);
    z[i] = a + (b !== b ? 0.8 : b) + [0.5, -0.5, 0, 1, -1][c]! + 0.3 * a * d;
  }
  const matrix = {
    nRows: n,
    nCols,
    values,
    featureNames: ["a", "b", "c", "d"],
    categorical: [{ feature: 2, categories: ["v", "w", "x", "y", "z"] }],
  };
  return { matrix, z, rng };
}

Deno.test("treeShap local accuracy on fitted GBDT models of every objective (1e-6)", () => {
  const { matrix, z, rng } = problem(11);
  const groups = new Array(30).fill(10);
  const labels: Record<GbdtParams["objective"], Float64Array> = {
    regression: Float64Array.from(z, (v) => v + 0.1 * rng.uniform(-1, 1)),
    binary: Float64Array.from(z, (v) => (rng.float() < 1 / (1 + Math.exp(-v)) ? 1 : 0)),
    poisson: Float64Array.from(z, (v) => Math.floor(Math.exp(0.5 * v) * rng.float() * 3)),
    multiclass: Float64Array.from(z, (v) => (v < -0.5 ? 0 : v < 1 ? 1 : 2)),
    lambdarank: Float64Array.from(z, (v) => Math.max(0, Math.min(3, Math.round(v + 1)))),
  };
  for (const objective of Object.keys(labels) as GbdtParams["objective"][]) {
    const model = fitGbdt(
      { matrix, labels: labels[objective], ...(objective === "lambdarank" ? { groups } : {}) },
      {
        params: {
          objective,
          nEstimators: 12,
          numLeaves: 12,
          minDataInLeaf: 5,
          numClass: 3,
          maxCatToOnehot: 2,
        },
        seed: 3,
      },
    );
    assertLocalAccuracy(model, matrix, objective);
  }
});

Deno.test("treeShap local accuracy on random small fits with random parameters (_random_fit.ts)", () => {
  fc.assert(
    fc.property(randomFit(), (p) => {
      const model = fitGbdt(p.data, { params: p.params, seed: p.seed });
      assertLocalAccuracy(model, p.data.matrix, String(p.params.objective));
    }),
    { numRuns: 150 },
  );
});

Deno.test("treeShap(model.ensemble, …) checks the feature names of fitted and loaded models (also in parallel)", async () => {
  const { matrix, z } = problem(12);
  const labels = Float64Array.from(z, (v) => (v > 0 ? 1 : 0));
  const fitted = fitGbdt({ matrix, labels }, { params: { objective: "binary", nEstimators: 5 }, seed: 1 });
  const loaded = GbdtModel.fromJSON(JSON.parse(JSON.stringify(fitted.toJSON())));
  // columns a, b, c, d with b and a swapped (values too): a silent wrong explanation before
  const swapped: Matrix = {
    ...matrix,
    featureNames: ["b", "a", "c", "d"],
    values: matrix.values.map((_, i) => matrix.values[i % 4 === 0 ? i + 1 : i % 4 === 1 ? i - 1 : i]!),
  };
  const renamed: Matrix = { ...matrix, featureNames: ["a", "b", "c", "price"] };
  const isNameError = (e: unknown) => e instanceof InputError && e.field === "featureNames";
  for (const model of [fitted, loaded]) {
    assert.deepEqual(model.ensemble.featureNames, ["a", "b", "c", "d"]);
    const ok = treeShap(model.ensemble, model.prepareMatrix(matrix));
    assert.equal(ok.nRows, matrix.nRows);
    assert.throws(() => treeShap(model.ensemble, swapped), isNameError);
    assert.throws(() => treeShap(model.ensemble, renamed), /column 3 is "price"; the model expects "d"/);
    await assert.rejects(() => treeShapParallel(model.ensemble, swapped, { workers: 2 }), isNameError);
  }
});
