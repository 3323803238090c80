/**
 * Test/bench helper: a planted click dataset where the label depends on an XOR-like interaction of two
 * categorical features (`a`, `b`, 4 levels each: positive rate 0.85 when `a mod 2 ≠ b mod 2`, else
 * 0.15), plus a weak numeric signal `x` and a pure-noise categorical `noise`. A model additive in the
 * features (logistic regression on one-hot `a`, `b`) cannot beat AUC ≈ 0.5 on the interaction; the
 * Bayes AUC is ≈ 0.85.
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import { Rng } from "../../random/mod.ts";

/** `nRows` planted rows. Columns: a, b (categorical codes 0..3), noise (categorical 0..9), x (numeric). */
export function plantedCrossData(nRows: number, seed: number): { matrix: Matrix; labels: Float64Array } {
  const rng = new Rng(seed);
  const values = new Float32Array(nRows * 4);
  const labels = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const a = rng.int(4), b = rng.int(4), noise = rng.int(10);
    const x = rng.uniform(-1, 1);
    const p = (a % 2 !== b % 2 ? 0.85 : 0.15) + 0.05 * x;
    values.set([a, b, noise, x], i * 4);
    labels[i] = rng.bernoulli(p) ? 1 : 0;
  }
  return {
    matrix: {
      nRows,
      nCols: 4,
      values,
      featureNames: ["a", "b", "noise", "x"],
      categorical: [
        { feature: 0, categories: ["a0", "a1", "a2", "a3"] },
        { feature: 1, categories: ["b0", "b1", "b2", "b3"] },
        { feature: 2, categories: Array.from({ length: 10 }, (_, k) => `n${k}`) },
      ],
    },
    labels,
  };
}
