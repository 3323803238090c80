/**
 * Properties of fitting on random small valid problems with random valid parameters (_random_fit.ts):
 * every one fits (no error), with predictions that are finite (on extreme inputs too), that save and
 * load exactly and honour the monotone constraints, and two threads grow the same trees as one.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Metric } from "../../metrics/metric.ts";
import { fitGbdt } from "./booster.ts";
import { GbdtModel } from "./model.ts";
import { matrixOf } from "./_test_data.ts";
import { randomFit } from "./_random_fit.ts";

/** Rows of ±∞, NaN, a huge and a negative value everywhere (a valid code in a categorical column 0). */
function extremeRows(nF: number, categorical: boolean) {
  const rows = [Infinity, -Infinity, NaN, 1e30, -7].map((v) => new Array(nF).fill(v));
  if (categorical) rows.forEach((r, i) => (r[0] = [NaN, 9, 0, 200, 3][i]!));
  return matrixOf(rows);
}

Deno.test("random fits: every valid problem fits, with finite predictions and exact save/load", () => {
  fc.assert(
    fc.property(randomFit(), (p) => {
      const model = fitGbdt(p.data, { params: p.params, seed: p.seed });
      const { matrix } = p.data;
      const raw = model.predictRaw(matrix);
      assert.ok(raw.every(Number.isFinite), `non-finite raw score: ${raw}`);
      assert.ok(model.predict(extremeRows(matrix.nCols, p.categorical)).every(Number.isFinite));
      const back = GbdtModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      assert.deepEqual(back.predictRaw(matrix), raw);
    }),
    { numRuns: 300 },
  );
});

Deno.test("random fits: a validation set's scores (binned, during the fit) equal the model's predictions", () => {
  // The fit scores validation rows on their bins; the model predicts on raw values through the flat trees
  // (thresholds, category codes): the two must agree bit for bit on every row.
  fc.assert(
    fc.property(randomFit().filter((p) => p.params.objective !== "multiclass"), (p) => {
      let seen: Float64Array | undefined;
      const recorder: Metric = {
        name: "recorder",
        higherIsBetter: true,
        compute: ({ predictions }) => {
          seen = Float64Array.from(predictions);
          return 0;
        },
      };
      const model = fitGbdt(p.data, { params: p.params, seed: p.seed, valid: p.data, evalMetric: recorder });
      assert.deepEqual(model.predict(p.data.matrix), seen);
    }),
    { numRuns: 200 },
  );
});

Deno.test("random fits: a monotone-constrained feature never moves the prediction the wrong way", () => {
  const grid = [-3.4e38, -1e6, -5, -1, -0.5, 0, 1e-45, 0.5, 1, 2, 3, 5, 1e6, 3.4e38];
  fc.assert(
    fc.property(randomFit().filter((p) => p.params.monotoneConstraints !== undefined), (p) => {
      const model = fitGbdt(p.data, { params: p.params, seed: p.seed });
      const { matrix } = p.data;
      const constraints = p.params.monotoneConstraints!;
      for (let j = 0; j < matrix.nCols; j++) {
        if (constraints[j] === 0) continue;
        // Row 0's other features, feature j swept over the grid (sorted ascending).
        const base = Array.from(matrix.values.subarray(0, matrix.nCols));
        const raw = model.predictRaw(matrixOf(grid.map((x) => base.map((v, c) => (c === j ? x : v)))));
        const K = model.ensemble.nOutputs; // every output (class margin) is constrained
        for (let i = 1; i < grid.length; i++) {
          for (let k = 0; k < K; k++) {
            const before = raw[(i - 1) * K + k]!, after = raw[i * K + k]!;
            assert.ok(
              (after - before) * constraints[j]! >= 0,
              `feature ${j} output ${k}: ${before} → ${after}`,
            );
          }
        }
      }
    }),
    { numRuns: 60 },
  );
});

Deno.test("random fits: two threads grow the same trees as one", () => {
  fc.assert(
    fc.property(randomFit(), (p) => {
      const one = fitGbdt(p.data, { params: p.params, seed: p.seed });
      const two = fitGbdt(p.data, {
        params: { ...p.params, nThreads: 2 },
        seed: p.seed,
        minCellsForThreads: 0,
        minParallelWork: 0,
      });
      assert.deepEqual(two.toJSON().trees, one.toJSON().trees);
    }),
    { numRuns: 10 },
  );
});
