import assert from "node:assert/strict";
import { takeMatrixRows } from "./rows.ts";

Deno.test("takeMatrixRows copies whole rows in order and keeps metadata", () => {
  const m = {
    nRows: 3,
    nCols: 2,
    values: new Float32Array([1, 10, 2, NaN, 3, 30]),
    featureNames: ["a", "b"],
    categorical: [{ feature: 1, categories: ["x"] }],
  };
  const t = takeMatrixRows(m, [2, 1, 2]);
  assert.deepEqual([...t.values], [3, 30, 2, NaN, 3, 30]);
  assert.equal(t.nRows, 3);
  assert.deepEqual(t.categorical, m.categorical);
  assert.throws(() => takeMatrixRows(m, [3]), /index 3/);
});
