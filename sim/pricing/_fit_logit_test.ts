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
