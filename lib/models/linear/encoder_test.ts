import assert from "node:assert/strict";
import type { Matrix } from "../../data/types.ts";
import { InputError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import { FeatureEncoder } from "./encoder.ts";
import { DEFAULT_LOGISTIC_PARAMS, fitLogistic, LogisticModel } from "./mod.ts";

/** x numeric, `user_id` with `levels` codes cycling over the rows; labels from x. */
function withIdColumn(
  levels: number,
  n: number,
  asStringColumn: boolean,
): { matrix: Matrix; labels: Float64Array } {
  const rng = new Rng(3);
  const values = new Float32Array(n * 2), labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(-2, 2);
    values[i * 2] = x, values[i * 2 + 1] = i % levels;
    labels[i] = rng.float() < 1 / (1 + Math.exp(-x)) ? 1 : 0;
  }
  const categorical = asStringColumn
    ? [{ feature: 1, categories: Array.from({ length: levels }, (_, k) => `u${k}`) }]
    : undefined;
  return { matrix: { nRows: n, nCols: 2, values, featureNames: ["x", "user_id"], categorical }, labels };
}

Deno.test("logistic: a string column with more levels than maxCategories is an InputError naming it", () => {
  assert.equal(DEFAULT_LOGISTIC_PARAMS.maxCategories, 1000);
  const data = withIdColumn(1500, 3000, true); // not listed in categoricalFeatures: a string column
  assert.throws(
    () => fitLogistic(data),
    (e) =>
      e instanceof InputError && e.field === "user_id" &&
      /categorical feature "user_id" \(column 1, a string column\) has more than 1000 distinct values/.test(
        e.message,
      ) && /raise params\.maxCategories/.test(e.message),
  );
  // a listed integer-coded feature obeys the same limit
  const listed = withIdColumn(40, 200, false);
  assert.throws(
    () => fitLogistic(listed, { params: { categoricalFeatures: [1], maxCategories: 39 } }),
    (e) => e instanceof InputError && e.field === "user_id" && /more than 39 distinct values/.test(e.message),
  );
});

Deno.test("logistic: exactly maxCategories levels fit, and the limit can be raised", () => {
  const listed = withIdColumn(40, 200, false);
  const atLimit = fitLogistic(listed, { params: { categoricalFeatures: [1], maxCategories: 40 } });
  assert.equal(atLimit.encoder.nEncoded, 1 + 40);
  const data = withIdColumn(1200, 1200, true);
  const model = fitLogistic(data, { params: { maxCategories: 1200, solver: "lbfgs" } });
  assert.equal(model.encoder.nEncoded, 1 + 1200);
  assert.equal(model.encoder.encodedNames[1], "user_id=u0");
  // the fitted model round-trips its params, limit included
  assert.equal(model.params.maxCategories, 1200);
});

Deno.test("logistic: maxCategories is validated; numeric columns are not limited", () => {
  const data = withIdColumn(3, 30, false);
  for (const bad of [0, 1.5, -1, 2_000_000, NaN]) {
    assert.throws(
      () => fitLogistic(data, { params: { maxCategories: bad } }),
      (e) => e instanceof InputError && e.field === "maxCategories",
    );
  }
  // 30 distinct numeric values with maxCategories 2: fine, the column is numeric
  const enc = FeatureEncoder.fit(data.matrix, new Set(), true, undefined, 2);
  assert.equal(enc.nEncoded, 2);
});

Deno.test("logistic: category codes are matched by string across tables; unseen strings encode as all zeros", () => {
  const rng = new Rng(5);
  const n = 400, values = new Float32Array(n * 2), labels = new Float64Array(n);
  const effect = [1.2, -0.8, 0.1];
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(-2, 2), c = rng.int(3);
    values[i * 2] = x, values[i * 2 + 1] = c;
    labels[i] = rng.float() < 1 / (1 + Math.exp(-(x + effect[c]!))) ? 1 : 0;
  }
  const categorical = [{ feature: 1, categories: ["bike", "car", "van"] }];
  const model = fitLogistic({
    matrix: { nRows: n, nCols: 2, values, featureNames: ["x", "vehicle"], categorical },
    labels,
  });
  assert.deepEqual(model.encoder.encodedNames, ["x", "vehicle=bike", "vehicle=car", "vehicle=van"]);
  const rows = (codes: number[], categories?: string[]) => ({
    nRows: codes.length,
    nCols: 2,
    values: Float32Array.from(codes.flatMap((c) => [0.5, c])),
    featureNames: ["x", "vehicle"],
    ...(categories ? { categorical: [{ feature: 1, categories }] } : {}),
  });
  const expected = model.predictRaw(rows([0, 1, 2, NaN]));
  // another table: "van" = 0, "bike" = 1, "tram" = 2 (never seen), "car" = 3
  const other = model.predictRaw(rows([1, 3, 0, 2], ["van", "bike", "tram", "car"]));
  assert.deepEqual(Array.from(other.subarray(0, 3)), Array.from(expected.subarray(0, 3)));
  assert.equal(other[3], expected[3]); // unseen "tram" = missing = no category term
  const loaded = LogisticModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
  assert.deepEqual(loaded.predictRaw(rows([1, 3, 0, 2], ["van", "bike", "tram", "car"])), other);
  assert.deepEqual(loaded.encoder.encodedNames, model.encoder.encodedNames);
  assert.throws(
    () => model.predict(rows([1.5])),
    (e) => e instanceof InputError && /categorical column 1 \("vehicle"\) has 1.5/.test(e.message),
  );
});

Deno.test("logistic: constant and all-missing numeric features get a zero coefficient; empty or NaN labels are rejected", () => {
  const base = withIdColumn(3, 300, false);
  const n = base.matrix.nRows, values = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) values.set([base.matrix.values[i * 2]!, 7, NaN], i * 3);
  const matrix = { nRows: n, nCols: 3, values, featureNames: ["x", "constant", "missing"] };
  const model = fitLogistic({ matrix, labels: base.labels });
  assert.ok(model.fitInfo.converged);
  assert.ok(model.coefficients[0]! > 0.5, `x should carry the signal, got ${model.coefficients[0]}`);
  assert.equal(model.coefficients[1], 0);
  assert.equal(model.coefficients[2], 0);
  assert.ok(model.predict(matrix).every(Number.isFinite));
  const empty = {
    nRows: 0,
    nCols: 3,
    values: new Float32Array(0),
    featureNames: ["x", "constant", "missing"],
  };
  assert.throws(
    () => fitLogistic({ matrix: empty, labels: [] }),
    (e) => e instanceof InputError && e.field === "labels",
  );
  const nanLabels = Float64Array.from(base.labels, (y, i) => (i === 4 ? NaN : y));
  assert.throws(
    () => fitLogistic({ matrix, labels: nanLabels }),
    (e) => e instanceof InputError && e.field === "labels" && /index 4/.test(e.message),
  );
});
