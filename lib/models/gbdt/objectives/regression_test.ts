import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../../errors.ts";
import { RegressionObjective } from "./regression.ts";
import { assertClose, finiteDiff } from "./_finite_diff.ts";

Deno.test("regression: gradients and hessians match finite differences of the squared error", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.double({ min: -50, max: 50, noNaN: true }),
          fc.double({ min: -50, max: 50, noNaN: true }),
          fc.double({ min: 0.1, max: 3, noNaN: true }),
        ),
        { minLength: 1, maxLength: 20 },
      ),
      (rows) => {
        const obj = new RegressionObjective();
        const raw = Float64Array.from(rows.map((r) => r[0]));
        const grad = new Float32Array(rows.length), hess = new Float32Array(rows.length);
        obj.gradients(rows.map((r) => r[1]), raw, rows.map((r) => r[2]), grad, hess);
        rows.forEach(([f, y, w], i) => {
          const fd = finiteDiff((x) => w * (x - y) ** 2 / 2, f, 1e-2);
          assertClose(grad[i]!, fd.grad, `grad[${i}]`);
          assertClose(hess[i]!, fd.hess, `hess[${i}]`, 1e-3, 1e-2);
        });
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("regression: unweighted gradients are residuals with unit hessian", () => {
  const grad = new Float32Array(3), hess = new Float32Array(3);
  new RegressionObjective().gradients([1, 2, 3], Float64Array.of(0, 2, 5), undefined, grad, hess);
  assert.deepEqual(Array.from(grad), [-1, 0, 2]);
  assert.deepEqual(Array.from(hess), [1, 1, 1]);
});

Deno.test("regression: initScore is the weighted mean; transform is the identity", () => {
  const obj = new RegressionObjective();
  assert.equal(obj.initScore([1, 2, 6])[0], 3);
  assert.equal(obj.initScore([1, 2, 6], [2, 1, 1])[0], 2.5);
  assert.deepEqual(Array.from(obj.transform(Float64Array.of(-1, 4))), [-1, 4]);
});

Deno.test("regression: non-finite labels are rejected with the index", () => {
  const obj = new RegressionObjective();
  assert.throws(
    () => obj.validate([1, Infinity]),
    (e) => e instanceof InputError && /index 1/.test(e.message),
  );
  assert.throws(() => obj.validate([NaN]), /index 0/);
  assert.throws(() => obj.validate([]), InputError);
});
