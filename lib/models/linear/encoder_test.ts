import assert from "node:assert/strict";
import type { Matrix } from "../../data/types.ts";
import { InputError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import { FeatureEncoder } from "./encoder.ts";
import { DEFAULT_LOGISTIC_PARAMS, fitLogistic } from "./mod.ts";

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
