import assert from "node:assert/strict";
import { fitLogit, fitOls } from "./_fit_logit.ts";

Deno.test("fitLogit on a 2×2 table gives the closed-form log odds ratio and its Woolf standard error", () => {
  // group 0: 30 of 100 positive; group 1: 60 of 100 positive
  const x: Float64Array[] = [], y: number[] = [];
  for (const [g, pos] of [[0, 30], [1, 60]] as const) {
    for (let i = 0; i < 100; i++) {
      x.push(Float64Array.of(1, g));
      y.push(i < pos ? 1 : 0);
    }
  }
  const fit = fitLogit(x, y);
  const lor = Math.log((60 / 40) / (30 / 70));
  assert.ok(Math.abs(fit.coef[1]! - lor) < 1e-9);
  assert.ok(Math.abs(fit.coef[0]! - Math.log(30 / 70)) < 1e-9);
  assert.ok(Math.abs(fit.se[1]! - Math.sqrt(1 / 30 + 1 / 70 + 1 / 60 + 1 / 40)) < 1e-9);
});

Deno.test("fitOls recovers an exact line and its residual-based standard error", () => {
  const x = [0, 1, 2, 3, 4].map((v) => Float64Array.of(1, v));
  const fit = fitOls(x, [1, 3, 5, 7, 9]);
  assert.ok(Math.abs(fit.coef[0]! - 1) < 1e-12 && Math.abs(fit.coef[1]! - 2) < 1e-12);
  assert.ok(fit.se[1]! < 1e-7);
  // y = [0, 2, 1]: slope 0.5, RSS 1.5, σ² = 1.5, se(slope) = sqrt(1.5 / 2)
  const g = fitOls([0, 1, 2].map((v) => Float64Array.of(1, v)), [0, 2, 1]);
  assert.ok(Math.abs(g.coef[1]! - 0.5) < 1e-12 && Math.abs(g.se[1]! - Math.sqrt(0.75)) < 1e-12);
});

Deno.test("fitLogit with an offset fits the log odds beyond it: logit(p̂) − offset, with the binomial standard error", () => {
  // 60 of 100 positive, known log-odds 0.5 for every row: β = ln(60/40) − 0.5, se = sqrt(1/60 + 1/40)
  const x = Array.from({ length: 100 }, () => Float64Array.of(1));
  const y = Array.from({ length: 100 }, (_, i) => (i < 60 ? 1 : 0));
  const fit = fitLogit(x, y, { offset: new Float64Array(100).fill(0.5) });
  assert.ok(Math.abs(fit.coef[0]! - (Math.log(60 / 40) - 0.5)) < 1e-9);
  assert.ok(Math.abs(fit.se[0]! - Math.sqrt(1 / 60 + 1 / 40)) < 1e-9);
  // A per-row offset shifts each group's intercept: two groups at offsets −1 and 2, 30/100 and 80/100 positive.
  const xs: Float64Array[] = [], ys: number[] = [], off: number[] = [];
  for (const [o, pos] of [[-1, 30], [2, 80]] as const) {
    for (let i = 0; i < 100; i++) {
      xs.push(Float64Array.of(1, o === 2 ? 1 : 0));
      ys.push(i < pos ? 1 : 0);
      off.push(o);
    }
  }
  const g = fitLogit(xs, ys, { offset: off });
  assert.ok(Math.abs(g.coef[0]! - (Math.log(30 / 70) + 1)) < 1e-9);
  assert.ok(Math.abs(g.coef[0]! + g.coef[1]! - (Math.log(80 / 20) - 2)) < 1e-9);
});

Deno.test("fitLogit and fitOls reject a singular design", () => {
  const x = [0, 1, 2, 3].map((v) => Float64Array.of(1, v, 2 * v));
  assert.throws(() => fitLogit(x, [0, 1, 0, 1]), /singular/);
  assert.throws(() => fitOls(x, [0, 1, 2, 3]), /singular/);
});
