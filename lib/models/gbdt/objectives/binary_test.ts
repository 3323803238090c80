import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../../errors.ts";
import { BinaryObjective, sigmoid } from "./binary.ts";
import { assertClose, finiteDiff } from "./_finite_diff.ts";

const logLoss = (y: number, w: number) => (f: number) => {
  const p = sigmoid(f);
  return -w * (y * Math.log(p) + (1 - y) * Math.log(1 - p));
};

Deno.test("binary: gradients and hessians match finite differences of the log loss", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.double({ min: -6, max: 6, noNaN: true }),
          fc.constantFrom(0, 1),
          fc.double({ min: 0.1, max: 3, noNaN: true }),
        ),
        {
          minLength: 1,
          maxLength: 20,
        },
      ),
      fc.constantFrom(1, 2.5),
      (rows, spw) => {
        const obj = new BinaryObjective({ scalePosWeight: spw });
        const raw = Float64Array.from(rows.map((r) => r[0]));
        const labels = rows.map((r) => r[1]);
        const weights = rows.map((r) => r[2]);
        const grad = new Float32Array(rows.length), hess = new Float32Array(rows.length);
        obj.gradients(labels, raw, weights, grad, hess);
        rows.forEach(([f, y, w], i) => {
          const fd = finiteDiff(logLoss(y, w * (y === 1 ? spw : 1)), f);
          assertClose(grad[i]!, fd.grad, `grad[${i}]`);
          assertClose(hess[i]!, fd.hess, `hess[${i}]`, 1e-3, 1e-3);
        });
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("binary: initScore is the log-odds of the weighted base rate", () => {
  const obj = new BinaryObjective();
  assertClose(obj.initScore([1, 0, 0, 0])[0]!, Math.log(1 / 3), "unweighted");
  // weights: positives 3, negatives 1 + 1 → p = 3/5
  assertClose(obj.initScore([1, 0, 0], [3, 1, 1])[0]!, Math.log(3 / 2), "weighted");
  // scalePosWeight 3 on one positive among four rows → p = 3/6
  assertClose(new BinaryObjective({ scalePosWeight: 3 }).initScore([1, 0, 0, 0])[0]!, 0, "scalePosWeight");
  assert.ok(
    Number.isFinite(obj.initScore([0, 0, 0])[0]!),
    "all-negative labels give a finite (clamped) score",
  );
});

Deno.test("binary: the initial score minimises the loss (gradient sums to zero)", () => {
  const obj = new BinaryObjective({ scalePosWeight: 2 });
  const labels = [1, 0, 1, 0, 0, 0, 1];
  const weights = [1, 2, 0.5, 1, 1, 3, 1];
  const f0 = obj.initScore(labels, weights)[0]!;
  const grad = new Float32Array(7), hess = new Float32Array(7);
  obj.gradients(labels, new Float64Array(7).fill(f0), weights, grad, hess);
  assertClose(grad.reduce((a, b) => a + b, 0), 0, "sum of gradients", 0, 1e-5);
});

Deno.test("binary: transform is the sigmoid, finite at extreme scores", () => {
  const p = new BinaryObjective().transform(Float64Array.of(0, Math.log(3), -800, 800));
  assert.equal(p[0], 0.5);
  assertClose(p[1]!, 0.75, "sigmoid(log 3)", 1e-12, 0);
  assert.equal(p[2], 0);
  assert.equal(p[3], 1);
});

Deno.test("binary: bad labels and options are rejected with the index", () => {
  const obj = new BinaryObjective();
  assert.throws(
    () => obj.validate([0, 1, 2]),
    (e) => e instanceof InputError && e.field === "labels" && /index 2/.test(e.message),
  );
  assert.throws(() => obj.validate([0, NaN]), /index 1/);
  assert.throws(() => obj.validate([]), InputError);
  assert.throws(
    () => new BinaryObjective({ scalePosWeight: 0 }),
    (e) => e instanceof InputError && e.field === "scalePosWeight",
  );
  obj.validate([0, 1, 1]);
});
