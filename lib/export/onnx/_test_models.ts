/**
 * Test helper: a small synthetic table (numeric columns with NaN and ±∞-free training values, a
 * categorical column of 12 codes, a wide-range numeric column) and small fitted models of every GBDT
 * objective and of logistic regression on it. Not part of the public API.
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import { fitGbdt, type GbdtModel, type ObjectiveName } from "../../models/gbdt/mod.ts";
import { fitLogistic, type LogisticModel } from "../../models/linear/mod.ts";
import { Rng } from "../../random/mod.ts";

/** Columns: a (numeric), c (categorical 0..11), d (numeric, 20 % NaN), e (numeric 0..1e4). */
export function syntheticTable(
  nRows: number,
  seed: number,
): { matrix: Matrix; score: Float64Array; query: Int32Array } {
  const rng = new Rng(seed);
  const F = 4;
  const values = new Float32Array(nRows * F);
  const score = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const a = rng.uniform(-2, 2), c = rng.int(12), d = rng.bernoulli(0.2) ? NaN : rng.uniform(0, 10);
    const e = rng.uniform(0, 1e4);
    values.set([a, c, d, e], i * F);
    score[i] = a + (c % 3 === 0 ? 1 : -0.5) + (Number.isNaN(d) ? 1 : d / 5 - 1) + e / 1e4 +
      rng.uniform(-1, 1);
  }
  const query = Int32Array.from({ length: Math.ceil(nRows / 10) }, (_, q) => Math.min(10, nRows - 10 * q));
  return { matrix: { nRows, nCols: F, values, featureNames: ["a", "c", "d", "e"] }, score, query };
}

/** A small GBDT of `objective` on {@link syntheticTable} (column c categorical). */
export function smallGbdt(objective: ObjectiveName, nEstimators = 20, seed = 1): GbdtModel {
  const { matrix, score, query } = syntheticTable(1500, seed);
  const labels = score.map((s) =>
    objective === "binary"
      ? (s > 0 ? 1 : 0)
      : objective === "multiclass"
      ? (s < -0.5 ? 0 : s < 1 ? 1 : 2)
      : objective === "poisson"
      ? Math.max(0, Math.round(s + 2))
      : objective === "lambdarank"
      ? Math.max(0, Math.min(3, Math.round(s + 1)))
      : s
  );
  return fitGbdt({ matrix, labels, ...(objective === "lambdarank" ? { groups: query } : {}) }, {
    params: {
      objective,
      nEstimators,
      numLeaves: 15,
      categoricalFeatures: [1],
      ...(objective === "multiclass" ? { numClass: 3 } : {}),
    },
    seed,
  });
}

/** A logistic regression on {@link syntheticTable} (column c one-hot). */
export function smallLogistic(seed = 1): LogisticModel {
  const { matrix, score } = syntheticTable(1500, seed);
  return fitLogistic({ matrix, labels: score.map((s) => (s > 0 ? 1 : 0)) }, {
    params: { categoricalFeatures: [1] },
  });
}
