import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../../errors.ts";
import { checkGroups, inverseMaxDcgs, LambdarankObjective } from "./lambdarank.ts";
import { assertClose } from "./_finite_diff.ts";

function run(obj: LambdarankObjective, labels: number[], scores: number[], weights?: number[]) {
  const grad = new Float32Array(labels.length), hess = new Float32Array(labels.length);
  obj.validate(labels);
  obj.gradients(labels, Float64Array.from(scores), weights, grad, hess);
  return { grad, hess };
}

Deno.test("lambdarank: hand-computed 3-document query", () => {
  // Scores [2, 1, 0] put the docs in index order; labels [0, 2, 1]. Gains G = 2^y − 1 = [0, 3, 1];
  // discounts D(r) = 1/log2(2 + r) = [1, 0.63093, 0.5]; ideal DCG = 3·1 + 1·0.63093 = 3.63093.
  // Pairs (high, low): (d1, d0): Δs = −1, |ΔNDCG| = 3·0.36907/3.63093/1.01 = 0.30192, ρ = σ(1) = 0.73106,
  //   λ = −0.22072, h = ρ(1−ρ)·0.30192 = 0.059362
  // (d2, d0): Δs = −2, |ΔNDCG| = 1·0.5/3.63093/2.01 = 0.068510, ρ = σ(2) = 0.88080, λ = −0.060344, h = 0.0071930
  // (d1, d2): Δs = 1, |ΔNDCG| = 2·0.13093/3.63093/1.01 = 0.071405, ρ = σ(−1) = 0.26894, λ = −0.019204, h = 0.014039
  // grad before norm: d0 = 0.22072 + 0.060344 = 0.28106, d1 = −0.22072 − 0.019204 = −0.23992,
  //   d2 = −0.060344 + 0.019204 = −0.04114; S = 2·(0.22072 + 0.060344 + 0.019204) = 0.60054,
  //   norm factor log2(1 + S)/S = 1.12990.
  const { grad, hess } = run(new LambdarankObjective({ groups: [3] }), [0, 2, 1], [2, 1, 0]);
  const expectedGrad = [0.3175791610393575, -0.27109452368818526, -0.04648463735117221];
  const expectedHess = [0.07520052698736138, 0.0829358676085203, 0.02399063614751482];
  expectedGrad.forEach((v, i) => assertClose(grad[i]!, v, `grad[${i}]`, 1e-5, 1e-7));
  expectedHess.forEach((v, i) => assertClose(hess[i]!, v, `hess[${i}]`, 1e-5, 1e-7));
});

Deno.test("lambdarank: truncation 1 keeps only pairs involving the top position", () => {
  // Same query, k = 1: the (d1, d2) pair is dropped, and maxDCG@1 = 3.
  const { grad } = run(new LambdarankObjective({ groups: [3], ndcgTruncation: 1, norm: false }), [0, 2, 1], [
    2,
    1,
    0,
  ]);
  const rho1 = 1 / (1 + Math.exp(-1)), rho2 = 1 / (1 + Math.exp(-2));
  const l10 = -rho1 * 3 * (1 - 1 / Math.log2(3)) / 3, l20 = -rho2 * 1 * 0.5 / 3;
  assertClose(grad[0]!, -l10 - l20, "grad[0]", 1e-5, 1e-7);
  assertClose(grad[1]!, l10, "grad[1]", 1e-5, 1e-7);
  assertClose(grad[2]!, l20, "grad[2]", 1e-5, 1e-7);
});

Deno.test("lambdarank: a relevant document ranked below an irrelevant one is pushed up", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 2, maxLength: 12 }),
      fc.boolean(),
      (scores, norm) => {
        const n = scores.length;
        // the lowest-scored document is the only relevant one
        let worst = 0;
        scores.forEach((s, i) => {
          if (s < scores[worst]!) worst = i;
        });
        const labels = scores.map((_, i) => (i === worst ? 2 : 0));
        const { grad, hess } = run(new LambdarankObjective({ groups: [n], norm }), labels, scores);
        assert.ok(grad[worst]! < 0, `relevant doc gradient ${grad[worst]} should be negative (push up)`);
        for (let i = 0; i < n; i++) {
          if (i !== worst) assert.ok(grad[i]! >= 0, `irrelevant doc ${i} gradient ${grad[i]} should be ≥ 0`);
          assert.ok(hess[i]! >= 0);
        }
        assertClose(grad.reduce((a, b) => a + b, 0), 0, "gradients of a query sum to zero", 0, 1e-5);
      },
    ),
    { numRuns: 100 },
  );
});

Deno.test("lambdarank: queries are independent; equal labels give zero gradients; weights scale", () => {
  const obj = new LambdarankObjective({ groups: [3, 2] });
  const both = run(obj, [0, 2, 1, 1, 1], [2, 1, 0, 5, -5]);
  const alone = run(new LambdarankObjective({ groups: [3] }), [0, 2, 1], [2, 1, 0]);
  for (let i = 0; i < 3; i++) assert.equal(both.grad[i], alone.grad[i]);
  assert.deepEqual(Array.from(both.grad.subarray(3)), [0, 0]);
  assert.deepEqual(Array.from(both.hess.subarray(3)), [0, 0]);
  const weighted = run(new LambdarankObjective({ groups: [3] }), [0, 2, 1], [2, 1, 0], [2, 2, 2]);
  for (let i = 0; i < 3; i++) {
    assertClose(weighted.grad[i]!, 2 * alone.grad[i]!, `weighted grad[${i}]`, 1e-6, 0);
  }
});

Deno.test("lambdarank: inverse max DCG@k per query", () => {
  const inv = inverseMaxDcgs([1, 0, 3, 0, 0], [3, 2], 2);
  assertClose(inv[0]!, 1 / (7 + 1 / Math.log2(3)), "query 0", 1e-12, 0);
  assert.equal(inv[1], 0);
});

Deno.test("lambdarank: groups and labels are validated", () => {
  assert.throws(
    () => new LambdarankObjective().validate([0, 1]),
    (e) => e instanceof InputError && e.field === "groups",
  );
  assert.throws(
    () => new LambdarankObjective({ groups: [1, 2] }).validate([0, 1]),
    /sum to 3 but there are 2 rows/,
  );
  assert.throws(() => checkGroups([2, 0], 2), /index 1/);
  assert.throws(() => checkGroups([1.5, 0.5], 2), /index 0/);
  assert.throws(
    () => new LambdarankObjective({ groups: [2] }).validate([0, 31]),
    (e) => e instanceof InputError && e.field === "labels" && /index 1/.test(e.message),
  );
  assert.throws(() => new LambdarankObjective({ groups: [2] }).validate([0.5, 1]), /index 0/);
  assert.throws(() => new LambdarankObjective({ groups: [2] }).validate([-1, 1]), /index 0/);
  assert.throws(
    () => new LambdarankObjective({ ndcgTruncation: 0 }),
    (e) => e instanceof InputError && e.field === "ndcgTruncation",
  );
  // groups given to validate replace the constructor's
  const obj = new LambdarankObjective({ groups: [5] });
  obj.validate([0, 1], [1, 1]);
  const grad = new Float32Array(2), hess = new Float32Array(2);
  obj.gradients([0, 1], Float64Array.of(0, 0), undefined, grad, hess);
  assert.deepEqual(Array.from(grad), [0, 0]);
  assert.equal(new LambdarankObjective().initScore()[0], 0);
});
