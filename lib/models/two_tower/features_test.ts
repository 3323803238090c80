import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import { checkEntityFeatures, makeEntityFeatures, specOf } from "./features.ts";

Deno.test("makeEntityFeatures: row-major numeric block and spec", () => {
  const f = makeEntityFeatures(2, {
    categorical: [{ name: "c", cardinality: 3, codes: [2, -1] }],
    numeric: { a: [1, 2], b: [3, 4] },
  });
  assert.deepEqual(Array.from(f.numeric), [1, 3, 2, 4]);
  assert.deepEqual(specOf(f), { categorical: [{ name: "c", cardinality: 3 }], numericNames: ["a", "b"] });
});

Deno.test("features: NaN, out-of-range codes, wrong lengths and a spec mismatch are InputErrors naming the feature", () => {
  assert.throws(
    () => makeEntityFeatures(3, { numeric: { age: [1, NaN, 3] } }),
    (e: unknown) => e instanceof InputError && e.field === "features.age" && /row 1 is NaN/.test(e.message),
  );
  assert.throws(
    () => makeEntityFeatures(2, { categorical: [{ name: "topic", cardinality: 2, codes: [0, 2] }] }),
    (e: unknown) =>
      e instanceof InputError && e.field === "features.topic" && /row 1: code 2/.test(e.message),
  );
  assert.throws(() => makeEntityFeatures(2, { numeric: { a: [1] } }), InputError);
  const f = makeEntityFeatures(1, { numeric: { a: [1] } });
  assert.throws(() => checkEntityFeatures("users", f, { categorical: [], numericNames: ["b"] }), InputError);
});
