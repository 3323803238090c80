import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import type { Matrix } from "../data/types.ts";
import {
  crossValidate,
  type Fold,
  groupKFold,
  kFold,
  type LabeledRows,
  meanAndSd,
  selectRows,
  timeSeriesFolds,
} from "./mod.ts";

function data(n: number): LabeledRows & { matrix: Matrix } {
  const values = Float32Array.from({ length: 2 * n }, (_, i) => i);
  return {
    matrix: { nRows: n, nCols: 2, values, featureNames: ["a", "b"] },
    labels: Float32Array.from({ length: n }, (_, i) => (i * 7) % 5),
    weights: Array.from({ length: n }, (_, i) => 1 + i),
  };
}

/** A "model" that is its training rows: predicts, per test row, the mean training label plus the row's `a`. */
const fit = (train: LabeledRows) => ({
  mean: Array.from(train.labels).reduce((a, b) => a + b, 0) / train.labels.length,
  trainRows: Array.from({ length: train.matrix!.nRows }, (_, i) => train.matrix!.values[2 * i]! / 2),
});
const predict = (m: ReturnType<typeof fit>, test: LabeledRows) =>
  Float64Array.from({ length: test.matrix!.nRows }, (_, i) => m.mean + test.matrix!.values[2 * i]! / 2);

Deno.test("property: crossValidate fits on train rows only and puts each test prediction at its row", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 4, max: 60 }),
      fc.integer({ min: 2, max: 4 }),
      fc.nat(1000),
      (n, k, seed) => {
        const d = data(n), folds = kFold(n, { k, seed });
        const seen: number[][] = [];
        const cv = crossValidate({
          data: d,
          folds,
          fit: (train, f) => {
            const m = fit(train);
            seen[f] = m.trainRows;
            // weights travel with their rows
            for (let i = 0; i < train.labels.length; i++) {
              assert.equal(train.weights![i], 1 + m.trainRows[i]!);
            }
            return m;
          },
          predict,
          metrics: {
            count: (test) => test.labels.length,
          },
        });
        folds.forEach((fold, f) => {
          assert.deepEqual(seen[f], [...fold.train]);
          const mean = [...fold.train].reduce((a, i) => a + d.labels[i]!, 0) / fold.train.length;
          for (const i of fold.test) assert.equal(cv.outOfFold[i], mean + i);
          assert.equal(cv.perFold.count![f], fold.test.length);
        });
        assert.ok(cv.outOfFold.every((v) => !Number.isNaN(v)));
        assert.equal(cv.models, undefined);
      },
    ),
  );
});

Deno.test("crossValidate: per-fold metrics with mean and sample sd (hand-computed), NaN for untested rows", () => {
  const d = data(9);
  const folds = timeSeriesFolds({ nRows: 9 }, { k: 2 }); // test [3, 4, 5], [6, 7, 8]
  const cv = crossValidate({
    data: d,
    folds,
    fit: (train) => train.labels.length,
    predict: (nTrain, test) => new Float64Array(test.labels.length).fill(nTrain),
    metrics: { nTrain: (_t, p) => p[0]! },
    keepModels: true,
  });
  assert.deepEqual(cv.perFold.nTrain, [3, 6]);
  assert.equal(cv.summary.nTrain!.mean, 4.5);
  assert.ok(Math.abs(cv.summary.nTrain!.sd - Math.sqrt(4.5)) < 1e-15); // ((1.5² + 1.5²) / 1)^½
  assert.deepEqual([...cv.outOfFold].map((v) => (Number.isNaN(v) ? -1 : v)), [-1, -1, -1, 3, 3, 3, 6, 6, 6]);
  assert.deepEqual([...cv.testFold], [-1, -1, -1, 0, 0, 0, 1, 1, 1]);
  assert.deepEqual(cv.models, [3, 6]);
  assert.deepEqual(meanAndSd([2, 4, 4, 4, 5, 5, 7, 9]), { mean: 5, sd: Math.sqrt(32 / 7) });
  assert.ok(Number.isNaN(meanAndSd([1]).sd));
});

Deno.test("crossValidate: ranking query sizes follow grouped folds; a custom subset for other data", () => {
  const n = 10, groups = Int32Array.of(3, 2, 4, 1);
  const d = { ...data(n), groups };
  const cv = crossValidate({
    data: d,
    folds: groupKFold({ querySizes: groups }, { k: 2, seed: 3 }),
    fit: (train) => {
      assert.ok(train.groups instanceof Int32Array);
      assert.equal(Array.from(train.groups).reduce((a, b) => a + b, 0), train.labels.length);
      return 0;
    },
    predict: (_m, test) => new Float64Array(test.labels.length),
  });
  assert.equal(cv.outOfFold.length, n);
  // data with a field selectRows does not know needs a subset
  const scored = { scores: [0.1, 0.9, 0.4, 0.6], labels: [0, 1, 0, 1] };
  assert.throws(
    () => crossValidate({ data: scored, folds: kFold(4, { k: 2 }), fit: () => 0, predict: () => [0, 0] }),
    (e: unknown) => e instanceof InputError && e.field === "scores",
  );
  const ok = crossValidate({
    data: scored,
    folds: kFold(4, { k: 2, shuffle: false }),
    subset: (s, rows) => ({
      scores: [...rows].map((i) => s.scores[i]!),
      labels: [...rows].map((i) => s.labels[i]!),
    }),
    fit: () => 0,
    predict: (_m, test) => test.scores.map((v) => 1 - v),
  });
  assert.deepEqual([...ok.outOfFold].map((v) => Math.round(v * 10) / 10), [0.9, 0.1, 0.6, 0.4]);
});

Deno.test("crossValidate: InputErrors for overlapping, out-of-range or empty folds and a wrong prediction count", () => {
  const d = data(6);
  const run = (folds: Fold[], predictLength?: number) =>
    crossValidate({
      data: d,
      folds,
      fit: () => 0,
      predict: (_m, t) => new Float64Array(predictLength ?? t.labels.length),
    });
  const I = Int32Array.of.bind(Int32Array);
  assert.throws(() => run([]), /must not be empty/);
  assert.throws(() => run([{ train: I(0, 1), test: I(1, 2) }]), /trains and tests row 1/);
  assert.throws(
    () => run([{ train: I(0), test: I(1, 2) }, { train: I(0), test: I(2) }]),
    /tested by folds 0 and 1/,
  );
  assert.throws(() => run([{ train: I(0), test: I(6) }]), /out of \[0, 6\)/);
  assert.throws(() => run([{ train: I(1, 0), test: I(2) }]), /not ascending/);
  assert.throws(() => run([{ train: I(), test: I(2) }]), /no train rows/);
  assert.throws(
    () => run(kFold(6, { k: 2 }), 1),
    (e: unknown) => e instanceof InputError && e.field === "predict",
  );
});

Deno.test("selectRows keeps typed-array types and categorical metadata, and refuses to split a query", () => {
  const d = { ...data(5), groups: Int32Array.of(2, 3) };
  const matrix = { ...d.matrix, categorical: [{ feature: 1, categories: ["x"] }] };
  const s = selectRows({ ...d, matrix }, Int32Array.of(2, 3, 4));
  assert.ok(s.labels instanceof Float32Array);
  assert.ok(s.weights instanceof Float64Array); // a plain array becomes Float64Array
  assert.deepEqual([...s.weights!], [3, 4, 5]);
  assert.deepEqual([...s.groups!], [3]);
  assert.deepEqual([...s.matrix!.values], [4, 5, 6, 7, 8, 9]);
  assert.deepEqual(s.matrix!.categorical, matrix.categorical);
  assert.throws(() => selectRows(d, Int32Array.of(1, 2)), /split query 0/);
});
