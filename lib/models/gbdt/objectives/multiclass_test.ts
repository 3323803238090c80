import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../../errors.ts";
import { MulticlassObjective } from "./multiclass.ts";
import { assertClose, finiteDiff } from "./_finite_diff.ts";

/** Cross-entropy of one row as a function of its k-th raw score, the others held fixed. */
function rowLoss(raw: number[], y: number, w: number, k: number) {
  return (x: number) => {
    const f = raw.map((v, c) => (c === k ? x : v));
    const max = Math.max(...f);
    const lse = max + Math.log(f.reduce((s, v) => s + Math.exp(v - max), 0));
    return -w * (f[y]! - lse);
  };
}

Deno.test("multiclass: gradients match finite differences; hessian = 2 × the exact diagonal", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 5 }).chain((k) =>
        fc.tuple(
          fc.constant(k),
          fc.array(
            fc.tuple(
              fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: k, maxLength: k }),
              fc.nat({ max: k - 1 }),
              fc.double({ min: 0.1, max: 3, noNaN: true }),
            ),
            { minLength: 1, maxLength: 10 },
          ),
        )
      ),
      ([k, rows]) => {
        const n = rows.length;
        const obj = new MulticlassObjective({ numClass: k });
        const raw = Float64Array.from(rows.flatMap((r) => r[0]));
        const grad = new Float32Array(n * k), hess = new Float32Array(n * k);
        obj.gradients(rows.map((r) => r[1]), raw, rows.map((r) => r[2]), grad, hess);
        rows.forEach(([f, y, w], i) => {
          for (let c = 0; c < k; c++) {
            const fd = finiteDiff(rowLoss(f, y, w, c), f[c]!);
            assertClose(grad[c * n + i]!, fd.grad, `grad[${c}·n+${i}]`);
            assertClose(hess[c * n + i]! / 2, fd.hess, `hess[${c}·n+${i}]`, 2e-3, 1e-3);
          }
        });
      },
    ),
    { numRuns: 60 },
  );
});

Deno.test("multiclass: transform is a row-wise softmax; initScore reproduces class priors", () => {
  const obj = new MulticlassObjective({ numClass: 3 });
  const p = obj.transform(Float64Array.of(0, 0, 0, Math.log(1), Math.log(2), Math.log(5)));
  [1 / 3, 1 / 3, 1 / 3, 0.125, 0.25, 0.625].forEach((v, i) => assertClose(p[i]!, v, `p[${i}]`, 1e-12, 0));
  const init = obj.initScore([0, 1, 1, 2, 2, 2, 2, 2]);
  const priors = obj.transform(init);
  [1 / 8, 2 / 8, 5 / 8].forEach((v, c) => assertClose(priors[c]!, v, `prior ${c}`, 1e-12, 0));
  const weighted = obj.transform(obj.initScore([0, 1, 2], [2, 1, 1]));
  [0.5, 0.25, 0.25].forEach((v, c) => assertClose(weighted[c]!, v, `weighted prior ${c}`, 1e-12, 0));
  assert.ok(obj.initScore([0, 0]).every(Number.isFinite), "absent classes get a finite (clamped) score");
});

Deno.test("multiclass: bad labels and class counts are rejected", () => {
  const obj = new MulticlassObjective({ numClass: 3 });
  assert.throws(
    () => obj.validate([0, 3]),
    (e) => e instanceof InputError && e.field === "labels" && /index 1/.test(e.message),
  );
  assert.throws(() => obj.validate([0.5]), /index 0/);
  assert.throws(() => obj.validate([-1]), /index 0/);
  assert.throws(
    () => new MulticlassObjective({ numClass: 1 }),
    (e) => e instanceof InputError && e.field === "numClass",
  );
  assert.throws(() => obj.transform(new Float64Array(4)), InputError);
  obj.validate([0, 1, 2]);
});
