/**
 * Booster options, each checked against an independent equivalent or a property that a wrong
 * implementation would break: sample weights, scalePosWeight, L2, bagging and column subsampling,
 * lambdarank with query groups, early stopping on any lib/metrics metric by name.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../errors.ts";
import { ndcgAtK } from "../../metrics/mod.ts";
import { normal, Rng } from "../../random/mod.ts";
import { fitGbdt } from "./booster.ts";
import { matrixOf } from "./_test_data.ts";

/** Few distinct values per feature (one bin each), so duplicating rows cannot move a bin edge. */
function coarse(n: number, seed: number, binary = false) {
  const rng = new Rng(seed);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rng.int(40), rng.int(25), rng.int(10)];
    rows.push(x);
    const z = Math.sin(x[0]! / 6) + 0.1 * x[1]! - 1 + normal(rng, 0, 0.5);
    labels.push(binary ? (z > 0 ? 1 : 0) : z);
  }
  return { rows, labels };
}

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol, `${i}: ${a[i]} vs ${b[i]}`);
};

Deno.test("sample weight w equals repeating the row w times (regression and binary)", () => {
  for (const objective of ["regression", "binary"] as const) {
    const { rows, labels } = coarse(300, 1, objective === "binary");
    const w = rows.map((_, i) => [1, 2, 4][i % 3]!); // powers of two: float32 gradients scale exactly
    const repRows: number[][] = [], repLabels: number[] = [];
    rows.forEach((r, i) => {
      for (let k = 0; k < w[i]!; k++) {
        repRows.push(r);
        repLabels.push(labels[i]!);
      }
    });
    // minDataInLeaf counts rows (as LightGBM), so switch it off to compare the two fits.
    const params = { objective, nEstimators: 8, numLeaves: 8, minDataInLeaf: 1, minSumHessian: 0 };
    const weighted = fitGbdt({ matrix: matrixOf(rows), labels, weights: w }, { params });
    const repeated = fitGbdt({ matrix: matrixOf(repRows), labels: repLabels }, { params });
    const test = matrixOf(coarse(200, 2).rows);
    close(weighted.predictRaw(test), repeated.predictRaw(test), 1e-9);
    assert.deepEqual(
      weighted.ensemble.trees.map((t) => t.cover[0]),
      repeated.ensemble.trees.map((t) => t.cover[0]),
    );
  }
});

Deno.test("scalePosWeight s equals weight s on every positive row", () => {
  const { rows, labels } = coarse(400, 3, true);
  const matrix = matrixOf(rows);
  const params = { objective: "binary" as const, nEstimators: 10, numLeaves: 6 };
  const a = fitGbdt({ matrix, labels }, { params: { ...params, scalePosWeight: 3 } });
  const b = fitGbdt({ matrix, labels, weights: labels.map((y) => (y === 1 ? 3 : 1)) }, { params });
  close(a.predictRaw(matrix), b.predictRaw(matrix), 1e-12);
  // And it moves predictions up: the weighted base rate is higher.
  const plain = fitGbdt({ matrix, labels }, { params });
  const mean = (p: Float64Array) => p.reduce((s, v) => s + v, 0) / p.length;
  assert.ok(mean(a.predict(matrix)) > mean(plain.predict(matrix)) + 0.05);
});

Deno.test("lambdaL2 shrinks every leaf value towards zero (stump: −G/(H+λ))", () => {
  const { rows, labels } = coarse(300, 4);
  const matrix = matrixOf(rows);
  const leaves = (lambdaL2: number) => {
    const t = fitGbdt({ matrix, labels }, {
      params: { objective: "regression", nEstimators: 1, numLeaves: 2, learningRate: 1, lambdaL2 },
    }).ensemble.trees[0]!;
    return [t.value[t.left[0]!]!, t.value[t.right[0]!]!, t.cover[t.left[0]!]!, t.cover[t.right[0]!]!];
  };
  const [l0, r0, nl, nr] = leaves(0), [l1, r1] = leaves(50);
  // With h = 1 per row: w(λ) = w(0) · n / (n + λ) for the same split.
  assert.ok(Math.abs(l1! - (l0! * nl!) / (nl! + 50)) < 1e-6);
  assert.ok(Math.abs(r1! - (r0! * nr!) / (nr! + 50)) < 1e-6);
});

Deno.test("featureFraction: each tree splits on at most round(fraction · features) features", () => {
  const rng = new Rng(5);
  const rows = Array.from({ length: 400 }, () => Array.from({ length: 10 }, () => rng.float()));
  const labels = rows.map((r) => r.reduce((s, v, j) => s + (j + 1) * v, 0) + rng.float());
  const m = fitGbdt({ matrix: matrixOf(rows), labels }, {
    params: {
      objective: "regression",
      nEstimators: 30,
      numLeaves: 15,
      minDataInLeaf: 5,
      featureFraction: 0.3,
    },
    seed: 3,
  });
  const used = new Set<string>();
  for (const t of m.ensemble.trees) {
    const fs = new Set(Array.from(t.feature).filter((f) => f >= 0));
    assert.ok(fs.size <= 3, `tree uses ${fs.size} features`);
    used.add([...fs].sort().join(","));
  }
  assert.ok(used.size > 5, "different trees draw different feature subsets");
});

Deno.test("bagging: each tree's cover is the bag size; bags differ between re-draws", () => {
  const { rows, labels } = coarse(500, 6);
  const m = fitGbdt({ matrix: matrixOf(rows), labels }, {
    params: { objective: "regression", nEstimators: 6, baggingFraction: 0.6, baggingFreq: 2 },
    seed: 1,
  });
  const trees = m.ensemble.trees;
  for (const t of trees) assert.equal(t.cover[0], 300);
  // Same bag for iterations 0 and 1 but different trees (the gradients changed); a fresh bag at 2.
  assert.notDeepEqual(trees[0]!.threshold, trees[2]!.threshold);
});

/** Queries of 12 documents; relevance 0–3 driven by x0 and x1, x2 is noise. */
function rankData(nQueries: number, seed: number) {
  const rng = new Rng(seed);
  const rows: number[][] = [], labels: number[] = [], groups: number[] = [];
  for (let q = 0; q < nQueries; q++) {
    groups.push(12);
    for (let d = 0; d < 12; d++) {
      const x = [rng.float(), rng.float(), rng.float()];
      rows.push(x);
      const s = 2 * x[0]! + x[1]! + normal(rng, 0, 0.3);
      labels.push(s > 2.2 ? 3 : s > 1.7 ? 2 : s > 1.2 ? 1 : 0);
    }
  }
  return { matrix: matrixOf(rows), labels, groups };
}

Deno.test("lambdarank with query groups learns the ranking; early stopping on ndcg@3 by name", () => {
  const train = rankData(80, 1), valid = rankData(40, 2);
  const m = fitGbdt(train, {
    params: {
      objective: "lambdarank",
      nEstimators: 200,
      numLeaves: 7,
      minDataInLeaf: 5,
      evalMetric: "ndcg@3",
      earlyStoppingRounds: 10,
    },
    valid,
    seed: 1,
  });
  assert.equal(m.metrics.validMetric, "ndcg@3");
  const h = m.metrics.validHistory!;
  assert.ok(h.length < 200, "stopped early");
  assert.equal(m.metrics.bestScore, Math.max(...h)); // higher is better for NDCG
  const score = ndcgAtK(valid.labels, m.predict(valid.matrix), valid.groups, 3);
  assert.ok(Math.abs(score - m.metrics.bestScore!) < 1e-12, "kept trees reproduce the best score");
  // Far above a random ranking of the same queries.
  const random = ndcgAtK(valid.labels, valid.labels.map((_, i) => (i * 7919) % 13), valid.groups, 3);
  assert.ok(score > random + 0.2, `ndcg@3 ${score} vs random ${random}`);
  assert.ok(score > 0.85, `ndcg@3 ${score}`);
});

Deno.test("early stopping on any lib/metrics metric by name: auc (params) and brier (fit option)", () => {
  const train = coarse(400, 7, true), valid = coarse(400, 8, true);
  const t = { matrix: matrixOf(train.rows), labels: train.labels };
  const v = { matrix: matrixOf(valid.rows), labels: valid.labels };
  const byAuc = fitGbdt(t, {
    params: {
      objective: "binary",
      nEstimators: 300,
      learningRate: 0.3,
      evalMetric: "auc",
      earlyStoppingRounds: 5,
    },
    valid: v,
  });
  assert.equal(byAuc.metrics.validMetric, "auc");
  assert.equal(byAuc.metrics.bestScore, Math.max(...byAuc.metrics.validHistory!));
  assert.equal(byAuc.metrics.validHistory!.length, byAuc.metrics.bestIteration + 5);
  const byBrier = fitGbdt(t, {
    params: { objective: "binary", nEstimators: 300, learningRate: 0.3, earlyStoppingRounds: 5 },
    valid: v,
    evalMetric: "brier",
  });
  assert.equal(byBrier.metrics.validMetric, "brier");
  assert.equal(byBrier.metrics.bestScore, Math.min(...byBrier.metrics.validHistory!));
  assert.throws(
    () => fitGbdt(t, { params: { objective: "binary", evalMetric: "accuracy@k" }, valid: v }),
    (e: unknown) => e instanceof InputError && e.field === "evalMetric",
  );
  // A ranking metric without groups on the validation set names the missing field.
  assert.throws(
    () => fitGbdt(t, { params: { objective: "binary", nEstimators: 2, evalMetric: "ndcg@5" }, valid: v }),
    (e: unknown) => e instanceof InputError && e.field === "groups",
  );
});

Deno.test("property: monotone constraints hold over a grid for any data seed and direction", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(1, -1), (seed, dir) => {
      const rng = new Rng(seed);
      const rows: number[][] = [], labels: number[] = [];
      for (let i = 0; i < 300; i++) {
        const x = [rng.uniform(0, 10), rng.uniform(0, 10), rng.float() < 0.1 ? NaN : rng.uniform(0, 10)];
        rows.push(x);
        labels.push(Math.sin(x[0]!) + 0.2 * dir * x[0]! + Math.cos(x[1]!) + normal(rng, 0, 0.3));
      }
      const m = fitGbdt({ matrix: matrixOf(rows), labels }, {
        params: {
          objective: "regression",
          nEstimators: 15,
          numLeaves: 10,
          minDataInLeaf: 5,
          monotoneConstraints: [dir, 0, 0],
        },
        seed,
      });
      for (const [x1, x2] of [[1, 1], [5, NaN], [9, 3]]) {
        const grid = Array.from({ length: 60 }, (_, i) => [-0.5 + i * 0.19, x1!, x2!]);
        const p = m.predict(matrixOf(grid));
        for (let i = 1; i < p.length; i++) assert.ok(dir * (p[i]! - p[i - 1]!) >= -1e-12);
      }
    }),
    { numRuns: 12 },
  );
});

Deno.test("property: thresholdPlacement moves thresholds inside empty gaps only (training predictions equal)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.constantFrom("binary", "regression"),
      (seed, objective) => {
        const rng = new Rng(seed);
        const rows = Array.from({ length: 300 }, () => [rng.float(), normal(rng, 0, 1), rng.int(30)]);
        const labels = rows.map((r) => {
          const z = Math.sin(4 * r[0]!) + 0.5 * r[1]! - 0.02 * r[2]! + normal(rng, 0, 0.3);
          return objective === "binary" ? (z > 0 ? 1 : 0) : z;
        });
        const fit = (thresholdPlacement: "left" | "middle" | "right") =>
          fitGbdt({ matrix: matrixOf(rows), labels }, {
            params: { objective, nEstimators: 5, numLeaves: 8, minDataInLeaf: 5, thresholdPlacement },
          });
        const [left, middle, right] = [fit("left"), fit("middle"), fit("right")];
        const matrix = matrixOf(rows);
        assert.deepEqual(middle.predict(matrix), left.predict(matrix));
        assert.deepEqual(right.predict(matrix), left.predict(matrix));
        let moved = 0;
        left.ensemble.trees.forEach((t, i) => {
          const m = middle.ensemble.trees[i]!, r = right.ensemble.trees[i]!;
          assert.deepEqual(r.feature, t.feature);
          assert.deepEqual(r.cover, t.cover);
          for (let n = 0; n < t.feature.length; n++) {
            if (t.feature[n]! < 0) continue;
            assert.ok(t.threshold[n]! <= m.threshold[n]! && m.threshold[n]! <= r.threshold[n]!, `node ${n}`);
            if (r.threshold[n]! > t.threshold[n]!) moved++;
          }
        });
        assert.ok(moved > 0, "child leaves of continuous data have gaps, so some threshold moves");
      },
    ),
    { numRuns: 15 },
  );
});

Deno.test('minDataInLeafBy "hessian" equals "rows" when every hessian is 1 (L2 regression)', () => {
  const { rows, labels } = coarse(400, 9);
  const fit = (minDataInLeafBy: "rows" | "hessian") =>
    fitGbdt({ matrix: matrixOf(rows), labels }, {
      params: { objective: "regression", nEstimators: 10, numLeaves: 16, minDataInLeaf: 15, minDataInLeafBy },
    });
  const a = fit("rows"), b = fit("hessian");
  assert.deepEqual(b.predict(matrixOf(rows)), a.predict(matrixOf(rows)));
  assert.deepEqual(b.ensemble.trees.map((t) => t.cover), a.ensemble.trees.map((t) => t.cover));
  // With log loss the hessians differ between rows and the estimate changes which splits are allowed.
  const binary = coarse(400, 9, true);
  const fitB = (minDataInLeafBy: "rows" | "hessian") =>
    fitGbdt({ matrix: matrixOf(binary.rows), labels: binary.labels }, {
      params: { objective: "binary", nEstimators: 10, numLeaves: 16, minDataInLeaf: 15, minDataInLeafBy },
    });
  assert.notDeepEqual(
    fitB("hessian").ensemble.trees.map((t) => t.cover),
    fitB("rows").ensemble.trees.map((t) => t.cover),
  );
});
