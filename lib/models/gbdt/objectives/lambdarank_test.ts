import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../../errors.ts";
import { checkGroups, inverseMaxDcgs, LambdarankObjective, type LambdarankOptions } from "./lambdarank.ts";
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

/**
 * Naive twin of the objective, written from the formula rather than the loop structure: positions come
 * from a separate stable argsort, every unordered pair of documents is visited by index, and a pair counts
 * when its better-placed document sits above the truncation level.
 */
function bruteForceLambdas(
  labels: number[],
  scores: number[],
  k: number,
  norm: boolean,
  sigma: number,
): { grad: number[]; hess: number[] } {
  const n = labels.length;
  const grad = new Array<number>(n).fill(0), hess = new Array<number>(n).fill(0);
  const byScore = labels.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const pos = new Array<number>(n);
  byScore.forEach((doc, r) => (pos[doc] = r));
  const gain = (y: number) => 2 ** y - 1;
  const disc = (r: number) => 1 / Math.log2(2 + r);
  const ideal = [...labels].sort((a, b) => b - a);
  let maxDcg = 0;
  for (let r = 0; r < Math.min(k, n); r++) maxDcg += gain(ideal[r]!) * disc(r);
  if (maxDcg === 0 || n < 2) return { grad, hess };
  const spread = Math.max(...scores) !== Math.min(...scores);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (labels[i] === labels[j] || Math.min(pos[i]!, pos[j]!) >= k) continue;
      const [h, l] = labels[i]! > labels[j]! ? [i, j] : [j, i];
      const ds = scores[h]! - scores[l]!;
      let dNdcg = Math.abs((gain(labels[h]!) - gain(labels[l]!)) * (disc(pos[h]!) - disc(pos[l]!))) / maxDcg;
      if (norm && spread) dNdcg /= 0.01 + Math.abs(ds);
      const rho = 1 / (1 + Math.exp(sigma * ds));
      grad[h] = grad[h]! - sigma * rho * dNdcg;
      grad[l] = grad[l]! + sigma * rho * dNdcg;
      hess[h] = hess[h]! + sigma * sigma * rho * (1 - rho) * dNdcg;
      hess[l] = hess[l]! + sigma * sigma * rho * (1 - rho) * dNdcg;
      total += 2 * sigma * rho * dNdcg;
    }
  }
  if (norm && total > 0) {
    const f = Math.log2(1 + total) / total;
    for (let i = 0; i < n; i++) grad[i] = grad[i]! * f, hess[i] = hess[i]! * f;
  }
  return { grad, hess };
}

Deno.test("lambdarank: gradients equal a brute-force pairwise computation (ties, truncation, norm, σ)", () => {
  const query = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      labels: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }),
      // a small score alphabet makes ties common
      scores: fc.array(fc.constantFrom(-1.5, -0.25, 0, 0.25, 0.7, 2), { minLength: n, maxLength: n }),
    })
  );
  fc.assert(
    fc.property(
      fc.array(query, { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 14 }),
      fc.boolean(),
      fc.constantFrom(0.5, 1, 2),
      (queries, k, norm, sigma) => {
        const labels = queries.flatMap((q) => q.labels), scores = queries.flatMap((q) => q.scores);
        const obj = new LambdarankObjective({
          groups: queries.map((q) => q.labels.length),
          ndcgTruncation: k,
          norm,
          sigmoid: sigma,
        });
        const { grad, hess } = run(obj, labels, scores);
        let start = 0;
        for (const q of queries) {
          const want = bruteForceLambdas(q.labels, q.scores, k, norm, sigma);
          for (let i = 0; i < q.labels.length; i++) {
            assertClose(grad[start + i]!, want.grad[i]!, `grad[${start + i}]`, 1e-5, 1e-7);
            assertClose(hess[start + i]!, want.hess[i]!, `hess[${start + i}]`, 1e-5, 1e-7);
          }
          start += q.labels.length;
        }
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("lambdarank: gradients and hessians match LightGBM 4.7's lambdarank", () => {
  // Reference: LightGBM 4.7.0 (Python), one tree with a single split that isolates document i (a 0/1
  // indicator feature), init_score = `scores`, learning_rate 1, min_data_in_leaf 1, min_sum_hessian 0,
  // fitted twice with lambda_l2 a = 0.5 and b = 2: the isolated leaf is v = −g/(h + λ), so
  // h = (2·v_b − 0.5·v_a)/(v_a − v_b) and g = −v_a·(h + 0.5). Only documents whose split LightGBM made
  // are listed (null otherwise). LightGBM reads σ(x) from a 2^20-entry lookup table over [−25, 25] (for
  // σ = 1), so its values differ from the exact sigmoid by ~1e-5 to 3e-5 relative: hence rtol 5e-5.
  const groups = [6, 4, 5, 1, 3];
  const labels = [0, 2, 1, 3, 0, 1, 1, 0, 0, 2, 0, 0, 4, 1, 2, 1, 0, 0, 0];
  const scores = [
    0.001,
    0.299,
    -0.274,
    -0.891,
    -0.455,
    -0.992,
    0.25,
    0.25,
    -0.5,
    0.25, // query 1 has tied scores
    0.49,
    0.357,
    0.105,
    -0.93,
    -0.029,
    0.695,
    -1.344,
    -0.458,
    -1.901,
  ];
  const N = null;
  const cases: {
    options: Omit<LambdarankOptions, "groups">;
    grad: (number | null)[];
    hess: (number | null)[];
  }[] = [
    {
      options: {}, // LightGBM defaults: truncation 30, lambdarank_norm true, sigmoid 1
      grad: [
        0.2830535,
        -0.1282597,
        N,
        -0.4087982,
        N,
        N,
        0.9976103,
        1.213881,
        N,
        -2.221948,
        0.5646172,
        N,
        -0.7687144,
      ],
      hess: [
        0.1218679,
        0.1946269,
        N,
        0.1340286,
        N,
        N,
        1.095881,
        0.6069404,
        N,
        1.111475,
        0.2229588,
        N,
        0.3366843,
      ],
    },
    {
      options: { ndcgTruncation: 2, norm: false },
      grad: [
        0.2202323,
        0.02519439,
        0.03217676,
        -0.3477421,
        0.06145148,
        0.008687174,
        0.0365774,
        0.1049125,
        0.05030526,
        -0.1917951,
        0.3568226,
        0.09791014,
        -0.3296215,
        N,
        -0.08455773,
      ],
      hess: [
        0.07976598,
        0.1719796,
        0.02953803,
        0.08893929,
        0.04178972,
        0.03058687,
        0.1284304,
        0.05245623,
        0.03416593,
        0.09589756,
        0.1363176,
        0.03962551,
        0.1355879,
        N,
        0.03221543,
      ],
    },
    {
      options: { sigmoid: 2 },
      grad: [
        0.4351928,
        -0.03740676,
        N,
        -0.7053546,
        N,
        N,
        1.177417,
        1.427939,
        N,
        -2.61235,
        0.8816552,
        N,
        -1.136472,
        N,
        -0.05210022,
      ],
      hess: [
        0.3024532,
        0.4292853,
        N,
        0.2875978,
        N,
        N,
        2.574399,
        1.427939,
        N,
        2.613538,
        0.5315492,
        N,
        0.8316277,
        N,
        0.2663561,
      ],
    },
  ];
  for (const c of cases) {
    const { grad, hess } = run(new LambdarankObjective({ groups, ...c.options }), labels, scores);
    c.grad.forEach((g, i) => {
      if (g !== null) assertClose(grad[i]!, g, `${JSON.stringify(c.options)} grad[${i}]`, 5e-5, 1e-6);
    });
    c.hess.forEach((h, i) => {
      if (h !== null) assertClose(hess[i]!, h, `${JSON.stringify(c.options)} hess[${i}]`, 5e-5, 1e-6);
    });
    // the one-document query and the all-irrelevant query get no gradient
    for (let i = 15; i < 19; i++) assert.equal(grad[i], 0);
  }
});
