import assert from "node:assert/strict";
import { InputError, ModelFormatError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { fitPoisson, fitRidge, PoissonModel, RidgeModel } from "./mod.ts";
import { SKLEARN_LINEAR } from "./_sklearn_reference.ts";

const D = SKLEARN_LINEAR.data;
const n = D.x0.length;
const matrix: Matrix = {
  nRows: n,
  nCols: 3,
  values: Float32Array.from({ length: 3 * n }, (_, k) => {
    const i = Math.floor(k / 3), j = k % 3;
    const v = j === 0 ? D.x0[i] : j === 1 ? D.x1[i] : D.c[i];
    return v === null ? NaN : v!;
  }),
  featureNames: ["x0", "x1", "c"],
};
const head = { ...matrix, nRows: 5, values: matrix.values.slice(0, 15) };

function close(actual: ArrayLike<number>, expected: readonly number[], tol: number, what: string) {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

function check(
  model: RidgeModel | PoissonModel,
  ref: { coef: readonly number[]; intercept: number; pred: readonly number[] },
  what: string,
) {
  close(model.coefficients, ref.coef, 1e-6, `${what} coef`);
  close([model.intercept], [ref.intercept], 1e-6, `${what} intercept`);
  close(model.predict(head), ref.pred, 1e-6, `${what} predictions`);
  const back = model.kind === "ridge"
    ? RidgeModel.fromJSON(JSON.parse(JSON.stringify(model)))
    : PoissonModel.fromJSON(JSON.parse(JSON.stringify(model)));
  assert.deepEqual(back.predict(matrix), model.predict(matrix), `${what} JSON round trip`);
}

Deno.test("ridge matches scikit-learn Ridge to 1e-6 (standardised; raw with weights; no intercept)", () => {
  const R = SKLEARN_LINEAR.ridge;
  for (const solver of ["cholesky", "cg"] as const) {
    const base = { categoricalFeatures: [2], solver };
    check(fitRidge({ matrix, labels: D.yReg }, { params: { ...base, alpha: 1 } }), R.std_a1, `std ${solver}`);
    check(
      fitRidge({ matrix, labels: D.yReg, weights: D.w }, {
        params: { ...base, alpha: 0.3, standardize: false },
      }),
      R.raw_w_a03,
      `raw weighted ${solver}`,
    );
    check(
      fitRidge({ matrix, labels: D.yReg, weights: D.w }, {
        params: { ...base, alpha: 5, fitIntercept: false },
      }),
      R.std_w_a5_noint,
      `no intercept ${solver}`,
    );
  }
});

Deno.test("Poisson matches scikit-learn PoissonRegressor to 1e-6; predict is exp(predictRaw)", () => {
  const P = SKLEARN_LINEAR.poisson;
  for (const solver of ["newton", "lbfgs"] as const) {
    const base = { categoricalFeatures: [2], solver };
    const m = fitPoisson({ matrix, labels: D.yCount }, { params: { ...base, alpha: 0.5 } });
    check(m, P.std_a05, `std ${solver}`);
    assert.ok(m.fitInfo.converged);
    close(m.predict(matrix), [...m.predictRaw(matrix)].map(Math.exp), 1e-12, "mean = exp(eta)");
    check(
      fitPoisson({ matrix, labels: D.yCount, weights: D.w }, {
        params: { ...base, alpha: 0.01, standardize: false },
      }),
      P.raw_w_a001,
      `raw weighted ${solver}`,
    );
    check(
      fitPoisson({ matrix, labels: D.yCount }, { params: { ...base, alpha: 0.1, fitIntercept: false } }),
      P.std_a01_noint,
      `no intercept ${solver}`,
    );
  }
});

Deno.test("ridge and Poisson: InputErrors name the bad parameter or data; files with a wrong kind are rejected", () => {
  const field = (fn: () => unknown, name: string) =>
    assert.throws(fn, (e: unknown) => e instanceof InputError && e.field === name);
  const data = { matrix, labels: D.yReg };
  field(() => fitRidge(data, { params: { alpha: -1 } }), "alpha");
  field(() => fitRidge(data, { params: { maxIter: 0 } }), "maxIter");
  field(() => fitRidge(data, { params: { tol: 2 } }), "tol");
  field(() => fitRidge(data, { params: { solver: "newton" as "cg" } }), "solver");
  field(() => fitRidge(data, { params: { fitIntercept: 1 as unknown as boolean } }), "fitIntercept");
  field(() => fitRidge(data, { params: { alpah: 1 } as never }), "alpah");
  field(() => fitRidge({ matrix, labels: [...D.yReg.slice(0, n - 1), NaN] }), "labels");
  field(() => fitPoisson({ matrix, labels: D.yReg }), "labels"); // negative targets
  field(() => fitPoisson({ matrix, labels: new Array(n).fill(0) }), "labels");
  field(() => fitPoisson({ matrix, labels: D.yCount }, { params: { solver: "cg" as "newton" } }), "solver");
  assert.throws(() => fitRidge(data, { params: { alpha: -1 } }), /Cannot fit ridge regression: "alpha"/);
  const ridge = fitRidge(data).toJSON();
  assert.throws(() => PoissonModel.fromJSON(ridge), ModelFormatError);
  assert.throws(() => RidgeModel.fromJSON({ ...ridge, coefficients: [1] }), ModelFormatError);
  assert.throws(() => RidgeModel.fromJSON({ ...ridge, formatVersion: 9 }), ModelFormatError);
});
