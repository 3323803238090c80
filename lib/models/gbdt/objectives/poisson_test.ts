import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../../errors.ts";
import { POISSON_MAX_DELTA_STEP, PoissonObjective } from "./poisson.ts";
import { assertClose, finiteDiff } from "./_finite_diff.ts";

Deno.test("poisson: gradient is exact; hessian is the exact one times e^0.7 (LightGBM's max_delta_step)", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.double({ min: -4, max: 4, noNaN: true }),
          fc.nat({ max: 20 }),
          fc.double({ min: 0.1, max: 3, noNaN: true }),
        ),
        {
          minLength: 1,
          maxLength: 20,
        },
      ),
      (rows) => {
        const obj = new PoissonObjective();
        const raw = Float64Array.from(rows.map((r) => r[0]));
        const grad = new Float32Array(rows.length), hess = new Float32Array(rows.length);
        obj.gradients(rows.map((r) => r[1]), raw, rows.map((r) => r[2]), grad, hess);
        rows.forEach(([f, y, w], i) => {
          const fd = finiteDiff((x) => w * (Math.exp(x) - y * x), f);
          assertClose(grad[i]!, fd.grad, `grad[${i}]`);
          assertClose(hess[i]! / Math.exp(POISSON_MAX_DELTA_STEP), fd.hess, `hess[${i}]`, 2e-3, 1e-3);
        });
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("poisson: initScore is the log of the weighted mean; transform is exp", () => {
  const obj = new PoissonObjective();
  assertClose(obj.initScore([1, 2, 3])[0]!, Math.log(2), "mean 2", 1e-12, 0);
  assertClose(obj.initScore([0, 4], [3, 1])[0]!, 0, "weighted mean 1", 0, 1e-12);
  assertClose(obj.transform(Float64Array.of(Math.log(5)))[0]!, 5, "exp", 1e-12, 0);
});

Deno.test("poisson: negative, non-finite and all-zero labels are rejected", () => {
  const obj = new PoissonObjective();
  assert.throws(
    () => obj.validate([1, -1]),
    (e) => e instanceof InputError && e.field === "labels" && /index 1/.test(e.message),
  );
  assert.throws(() => obj.validate([NaN]), /index 0/);
  assert.throws(() => obj.validate([0, 0]), /all zero/);
  obj.validate([0, 2.5, 3]);
});
