import assert from "node:assert/strict";
import { InputError, ModelFormatError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { DEFAULT_LIGHTGBM_EXAMPLES_DIR } from "../../data/lightgbm_examples.ts";
import fc from "fast-check";
import { Rng } from "../../random/mod.ts";
import { fitLogistic, LogisticModel, NEWTON_MAX_COLUMNS } from "./mod.ts";

// Reference numbers from scikit-learn 1.2.1 (Debian python3-sklearn), produced by this script (/usr/bin/python3).
// The solver is newton-cholesky: lbfgs stops early even with tol=1e-12 (its gradient norm on BINARY was 4e-3,
// which moved the probabilities by ~1e-6), so every fit asserts that the gradient of sklearn's objective is ~0.
// The synthetic design mirrors our encoder: float32 inputs, mean imputation and standardisation with the
// sample weights (the weighted fit imputes x1 with its weighted mean), one-hot with NaN → all zeros.
// import numpy as np, json
// from sklearn.linear_model import LogisticRegression
// def fit(X, y, C, w=None):
//     lr = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, y, sample_weight=w)
//     s = np.ones(len(y)) if w is None else w
//     r = s * (lr.predict_proba(X)[:, 1] - y)
//     g = np.concatenate([lr.coef_[0] + C * X.T @ r, [C * r.sum()]])  # ∇ of ½‖w‖² + C·Σ s·logloss
//     assert np.abs(g).max() < 1e-9, np.abs(g).max()
//     return lr
// d = np.loadtxt("../shared/data/lightgbm-examples/binary.train", max_rows=2000)
// y = d[:, 0].astype(int); X = d[:, 1:6].astype(np.float32).astype(np.float64)
// lr = fit(X, y, 1.0)
// print("BINARY", json.dumps({"coef": lr.coef_[0].tolist(), "intercept": lr.intercept_[0], "p5": lr.predict_proba(X[:5])[:, 1].tolist()}))
// lr2 = fit(X, y, 0.01)
// print("BINARY_C001", json.dumps({"coef": lr2.coef_[0].tolist(), "intercept": lr2.intercept_[0]}))
// rng = np.random.default_rng(11)
// n = 60
// x0 = np.round(rng.normal(size=n), 3)
// x1 = np.round(rng.uniform(0, 10, n), 2); x1[[3, 17, 40]] = np.nan
// c = rng.integers(0, 4, n).astype(float); c[[5, 22]] = np.nan
// z = 0.8 * x0 - 0.2 * np.nan_to_num(x1, nan=5) + np.array([0.5, -1.0, 1.5, 0.0])[np.nan_to_num(c, nan=3).astype(int)] + 1
// yy = (rng.uniform(size=n) < 1 / (1 + np.exp(-z))).astype(int)
// w = np.round(rng.uniform(0.5, 2, n), 2)
// def design(standardize, wt):
//     cols = []
//     for v in (x0, x1):
//         v = v.astype(np.float32).astype(np.float64)  # the Matrix holds float32
//         ok = ~np.isnan(v); m = np.average(v[ok], weights=wt[ok]); vi = np.where(ok, v, m)
//         cols.append((vi - m) / np.sqrt(np.average((vi - m) ** 2, weights=wt)) if standardize else vi)
//     for k in range(4): cols.append((c == k).astype(float))
//     return np.column_stack(cols)
// lr3 = fit(design(True, np.ones(n)), yy, 0.5)
// lr4 = fit(design(False, w), yy, 2.0, w)
// print("SYN std", json.dumps({"coef": lr3.coef_[0].tolist(), "intercept": lr3.intercept_[0]}))
// print("SYN w", json.dumps({"coef": lr4.coef_[0].tolist(), "intercept": lr4.intercept_[0]}))
// The SYN arrays below are this script's x0, x1, c, yy and w.

const BINARY_PATH = `${DEFAULT_LIGHTGBM_EXAMPLES_DIR}/binary.train`;
const haveBinary = (() => {
  try {
    return Deno.statSync(BINARY_PATH).isFile;
  } catch {
    return false;
  }
})();

/** First `nRows` rows of binary.train, first 5 features. */
function binaryHead(nRows: number): { matrix: Matrix; labels: Float64Array } {
  const lines = Deno.readTextFileSync(BINARY_PATH).split("\n").slice(0, nRows);
  const nCols = 5;
  const values = new Float32Array(nRows * nCols), labels = new Float64Array(nRows);
  lines.forEach((line, i) => {
    const parts = line.split("\t");
    labels[i] = Number(parts[0]);
    for (let j = 0; j < nCols; j++) values[i * nCols + j] = Number(parts[j + 1]);
  });
  return { matrix: { nRows, nCols, values, featureNames: ["f0", "f1", "f2", "f3", "f4"] }, labels };
}

function close(actual: number, expected: number, tol: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected}`);
}

const BINARY = {
  coef: [
    -0.14545129314495267,
    0.0034745723110753217,
    -0.029740183221782367,
    -0.3421412816892874,
    -0.001198066464879962,
  ],
  intercept: 0.6313857325145624,
  p5: [0.595080254792982, 0.4944076617230224, 0.6018294492636759, 0.4310454698393581, 0.5314199799998852],
};
const BINARY_C001 = {
  coef: [
    -0.0812661221764005,
    0.003978676114528161,
    -0.024396118609533307,
    -0.20983435576783036,
    0.0002355838189243675,
  ],
  intercept: 0.43711133907071753,
};
const SYN_STD = {
  coef: [
    1.0784431551664249,
    -0.17208696859476327,
    0.26120247705881666,
    -0.5348390247066069,
    0.9756409759046071,
    -0.6579266419978692,
  ],
  intercept: 0.25526228705898363,
};
const SYN_W = {
  coef: [
    1.6436716652843202,
    -0.029086109454912714,
    0.5607275170087093,
    -1.0904931925783878,
    1.6862057631987764,
    -1.2066685410237816,
  ],
  intercept: 0.7778659642311088,
};

/**
 * max |∇| of sklearn's objective `½‖w‖² + C·Σ s_i logloss_i` at the model's coefficients, computed
 * naively from the dense encoded rows (independent of the solver's sparse accumulation).
 */
function sklearnGradientMaxAbs(
  model: LogisticModel,
  matrix: Matrix,
  labels: ArrayLike<number>,
  C: number,
  weights?: ArrayLike<number>,
): number {
  const d = model.encoder.nEncoded, row = new Float64Array(d);
  const g = Float64Array.from(model.coefficients);
  let gB = 0;
  for (let i = 0; i < matrix.nRows; i++) {
    model.encoder.encodeRow(matrix.values, i * matrix.nCols, row);
    let z = model.intercept;
    for (let j = 0; j < d; j++) z += model.coefficients[j]! * row[j]!;
    const r = C * (weights?.[i] ?? 1) * (1 / (1 + Math.exp(-z)) - labels[i]!);
    for (let j = 0; j < d; j++) g[j]! += r * row[j]!;
    gB += r;
  }
  return Math.max(Math.abs(gB), ...g.map(Math.abs));
}

/** Our optimum and sklearn's (each with a gradient ≤ 1e-9) agree far inside this on these well-conditioned problems. */
const COEF_TOL = 1e-7;
// (fitLogistic stops at max |∇F| ≤ tol·Σs with tol = 1e-10, F = objective / C: ≤ 1e-8 on these small sets.)

Deno.test({
  name: "fitLogistic matches scikit-learn on binary.train (2000 rows, 5 features, standardize=false)",
  ignore: !haveBinary,
  fn() {
    const { matrix, labels } = binaryHead(2000);
    for (const [C, ref] of [[1, BINARY], [0.01, BINARY_C001]] as const) {
      const model = fitLogistic({ matrix, labels }, { params: { C, standardize: false } });
      assert.ok(model.fitInfo.converged);
      assert.ok(sklearnGradientMaxAbs(model, matrix, labels, C) < 1e-8, `C=${C}: not at the optimum`);
      ref.coef.forEach((c, j) => close(model.coefficients[j]!, c, COEF_TOL, `C=${C} coef ${j}`));
      close(model.intercept, ref.intercept, COEF_TOL, `C=${C} intercept`);
    }
    const model = fitLogistic({ matrix, labels }, { params: { standardize: false } });
    const p = model.predict({ ...matrix, nRows: 5, values: matrix.values.subarray(0, 25) });
    BINARY.p5.forEach((v, i) => close(p[i]!, v, 1e-9, `probability ${i}`));
  },
});

const SYN = {
  x0: [
    0.034,
    1.36,
    1.225,
    -0.51,
    -0.298,
    -0.527,
    0.57,
    -0.056,
    0.747,
    -1.847,
    1.567,
    -0.096,
    0.68,
    -0.137,
    -0.379,
    0.463,
    0.825,
    -0.203,
    -0.153,
    0.686,
    -0.87,
    -1.514,
    0.395,
    -0.671,
    -1.92,
    -0.814,
    -0.468,
    -1.193,
    -1.492,
    0.037,
    0.897,
    -0.233,
    -0.744,
    0.385,
    0.717,
    -0.3,
    0.545,
    1.043,
    -0.207,
    -0.814,
    0.348,
    0.248,
    1.099,
    -1.285,
    -0.662,
    -0.838,
    -1.734,
    0.126,
    0.528,
    -0.739,
    1.386,
    0.822,
    0.627,
    0.402,
    0.956,
    -1.332,
    0.614,
    0.603,
    -1.768,
    0.347,
  ],
  x1: [
    0.25,
    8.39,
    4.66,
    NaN,
    7.39,
    1.96,
    0.62,
    5.98,
    8.96,
    0.27,
    8.05,
    1.9,
    0.93,
    0.18,
    2.93,
    7.27,
    4.93,
    NaN,
    2.17,
    3.15,
    2.58,
    9.78,
    9.41,
    3.41,
    4.36,
    3.14,
    7.47,
    0.4,
    0.67,
    4.04,
    2.45,
    8.45,
    7.42,
    5.46,
    6.61,
    6.92,
    7.81,
    9.28,
    1.5,
    6.26,
    NaN,
    4.43,
    7.86,
    8.95,
    7.59,
    0.35,
    3.59,
    1.63,
    9.99,
    1.44,
    2.44,
    3.57,
    0.61,
    8.7,
    6.36,
    1.6,
    4.98,
    0.79,
    6.11,
    2.32,
  ],
  c: [
    0.0,
    0.0,
    2.0,
    0.0,
    3.0,
    NaN,
    1.0,
    2.0,
    0.0,
    1.0,
    1.0,
    2.0,
    0.0,
    1.0,
    0.0,
    0.0,
    0.0,
    1.0,
    3.0,
    1.0,
    0.0,
    3.0,
    NaN,
    0.0,
    0.0,
    0.0,
    3.0,
    2.0,
    2.0,
    3.0,
    1.0,
    3.0,
    1.0,
    2.0,
    3.0,
    0.0,
    2.0,
    3.0,
    3.0,
    2.0,
    1.0,
    0.0,
    3.0,
    1.0,
    3.0,
    0.0,
    1.0,
    3.0,
    2.0,
    2.0,
    2.0,
    3.0,
    3.0,
    3.0,
    2.0,
    1.0,
    0.0,
    3.0,
    1.0,
    0.0,
  ],
  y: [
    1,
    1,
    1,
    1,
    0,
    0,
    1,
    1,
    1,
    0,
    1,
    1,
    1,
    0,
    0,
    1,
    1,
    0,
    1,
    1,
    1,
    1,
    1,
    0,
    0,
    0,
    0,
    1,
    1,
    0,
    1,
    0,
    0,
    1,
    0,
    0,
    1,
    0,
    0,
    1,
    0,
    1,
    1,
    0,
    0,
    0,
    0,
    0,
    1,
    0,
    1,
    1,
    1,
    0,
    1,
    0,
    1,
    1,
    0,
    1,
  ],
  w: [
    1.25,
    0.7,
    1.27,
    1.79,
    0.76,
    0.52,
    0.6,
    1.19,
    1.96,
    0.57,
    1.99,
    1.3,
    0.68,
    1.13,
    0.81,
    1.57,
    1.31,
    0.93,
    0.88,
    1.8,
    1.65,
    1.15,
    1.11,
    1.61,
    1.96,
    0.62,
    0.74,
    1.04,
    1.26,
    0.61,
    0.58,
    0.83,
    1.08,
    1.61,
    1.41,
    0.54,
    0.57,
    1.18,
    1.81,
    1.87,
    1.05,
    1.83,
    1.89,
    1.11,
    1.62,
    1.05,
    0.73,
    1.36,
    0.63,
    1.5,
    1.71,
    1.87,
    1.17,
    0.68,
    1.85,
    1.81,
    1.95,
    1.39,
    1.51,
    1.06,
  ],
};

function synMatrix(): Matrix {
  const n = SYN.y.length;
  const values = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    values[i * 3] = SYN.x0[i]!, values[i * 3 + 1] = SYN.x1[i]!, values[i * 3 + 2] = SYN.c[i]!;
  }
  return {
    nRows: n,
    nCols: 3,
    values,
    featureNames: ["x0", "x1", "c"],
    categorical: [{ feature: 2, categories: ["a", "b", "c", "d"] }],
  };
}

Deno.test("fitLogistic: standardisation, mean imputation and one-hot match scikit-learn on the encoded design", () => {
  // sklearn was fitted on [standardised x0, standardised mean-imputed x1, one-hot(c) with NaN → zeros], C = 0.5.
  const model = fitLogistic({ matrix: synMatrix(), labels: SYN.y }, { params: { C: 0.5 } });
  assert.ok(model.fitInfo.converged);
  assert.ok(sklearnGradientMaxAbs(model, synMatrix(), SYN.y, 0.5) < 1e-8, "not at the optimum");
  SYN_STD.coef.forEach((c, j) => close(model.coefficients[j]!, c, COEF_TOL, `coef ${j}`));
  close(model.intercept, SYN_STD.intercept, COEF_TOL, "intercept");
  assert.deepEqual(model.namedCoefficients().map((c) => c.name), ["x0", "x1", "c=a", "c=b", "c=c", "c=d"]);
});

Deno.test("fitLogistic: sample weights match scikit-learn (standardize=false, weighted mean imputation, C = 2)", () => {
  const model = fitLogistic({ matrix: synMatrix(), labels: SYN.y, weights: SYN.w }, {
    params: { C: 2, standardize: false },
  });
  assert.ok(model.fitInfo.converged);
  assert.ok(sklearnGradientMaxAbs(model, synMatrix(), SYN.y, 2, SYN.w) < 1e-8, "not at the optimum");
  SYN_W.coef.forEach((c, j) => close(model.coefficients[j]!, c, COEF_TOL, `coef ${j}`));
  close(model.intercept, SYN_W.intercept, COEF_TOL, "intercept");
});

Deno.test("LogisticModel: unseen or missing category encodes as all zeros; missing numeric as the mean", () => {
  const model = fitLogistic({ matrix: synMatrix(), labels: SYN.y }, { params: { C: 0.5 } });
  const rows = (vals: number[]): Matrix => ({
    ...synMatrix(),
    nRows: vals.length / 3,
    values: Float32Array.from(vals),
  });
  const z = model.predictRaw(rows([0.3, 4, 7, 0.3, 4, NaN, 0.3, 4, 1, 0.3, NaN, 1]));
  const col = model.encoder.columns;
  const x0 = col[0]!, x1 = col[1]!;
  assert.ok(x0.kind === "numeric" && x1.kind === "numeric");
  const x03 = Math.fround(0.3); // the Matrix stores float32
  const numericPart = model.intercept + model.coefficients[0]! * (x03 - x0.center) / x0.scale +
    model.coefficients[1]! * (4 - x1.center) / x1.scale;
  close(z[0]!, numericPart, 1e-12, "unseen category 7 → no category term");
  close(z[1]!, numericPart, 1e-12, "missing category → no category term");
  close(z[2]!, numericPart + model.coefficients[3]!, 1e-12, "category 1 → its one-hot coefficient");
  const imputed = model.intercept + model.coefficients[0]! * (x03 - x0.center) / x0.scale +
    model.coefficients[1]! * (x1.impute - x1.center) / x1.scale + model.coefficients[3]!;
  close(z[3]!, imputed, 1e-12, "missing x1 → mean");
});

Deno.test("LogisticModel: JSON round trip predicts identically; wrong version is a ModelFormatError", () => {
  const model = fitLogistic({ matrix: synMatrix(), labels: SYN.y }, { params: { C: 0.5 } });
  const json = JSON.parse(JSON.stringify(model.toJSON()));
  const back = LogisticModel.fromJSON(json);
  assert.deepEqual([...back.predict(synMatrix())], [...model.predict(synMatrix())]);
  assert.throws(() => LogisticModel.fromJSON({ ...json, formatVersion: 2 }), ModelFormatError);
  assert.throws(() => LogisticModel.fromJSON({ ...json, kind: "gbdt" }), ModelFormatError);
  assert.throws(() => LogisticModel.fromJSON({ ...json, coefficients: [1] }), ModelFormatError);
  const p = model.predict(synMatrix());
  const z = model.predictRaw(synMatrix());
  p.forEach((v, i) => close(v, 1 / (1 + Math.exp(-z[i]!)), 1e-15, "predict = σ(predictRaw)"));
});

Deno.test("fitLogistic: bad input", () => {
  const m = synMatrix();
  assert.throws(() => fitLogistic({ matrix: m, labels: SYN.y.slice(1) }), InputError); // length mismatch
  assert.throws(() => fitLogistic({ matrix: m, labels: SYN.y.map(() => 1) }), /both classes/);
  assert.throws(() => fitLogistic({ matrix: m, labels: SYN.y.map((v) => v * 2) }), InputError);
  assert.throws(() => fitLogistic({ matrix: m, labels: SYN.y, weights: SYN.w.map(() => -1) }), InputError);
  assert.throws(() => fitLogistic({ matrix: m, labels: SYN.y }, { params: { C: 0 } }), /"C" must be/);
  assert.throws(() => fitLogistic({ matrix: m, labels: SYN.y }, { params: { maxIter: 0 } }), /"maxIter"/);
  assert.throws(
    () => fitLogistic({ matrix: m, labels: SYN.y }, { params: { categoricalFeatures: [5] } }),
    InputError,
  );
  const badCat = { ...m, values: m.values.map((v, i) => (i === 2 ? 1.5 : v)) };
  assert.throws(() => fitLogistic({ matrix: badCat, labels: SYN.y }), /integer code/);
  const inf = { ...m, values: m.values.map((v, i) => (i === 0 ? Infinity : v)) };
  assert.throws(() => fitLogistic({ matrix: inf, labels: SYN.y }), InputError);
  const dup = {
    ...m,
    featureNames: m.featureNames.map((name, j) => (j === m.nCols - 1 ? m.featureNames[0]! : name)),
  };
  assert.throws(
    () => fitLogistic({ matrix: dup, labels: SYN.y }),
    (e: unknown) => e instanceof InputError && e.field === "featureNames" && /repeated: "x0"/.test(e.message),
  );
  const model = fitLogistic({ matrix: m, labels: SYN.y });
  assert.throws(() => model.predict({ ...m, featureNames: ["x0", "x1", "other"] }), InputError);
  assert.throws(
    () => model.predict({ nRows: 1, nCols: 2, values: new Float32Array(2), featureNames: ["x0", "x1"] }),
    InputError,
  );
});

/** A dispatch-like problem: numerics on different scales, one of them partly missing, and two identical categoricals. */
function collinearProblem(n: number, seed: number): { matrix: Matrix; labels: Float64Array } {
  const rng = new Rng(seed);
  const nCols = 6, values = new Float32Array(n * nCols), labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-2, 2), b = rng.uniform(0, 5e6), c = rng.float() < 0.2 ? NaN : rng.uniform(0, 100);
    const cat = rng.int(3), hour = rng.int(24);
    values.set([a, b, c, cat, cat, hour], i * nCols);
    const z = 0.7 * a - 3e-7 * b + 0.01 * (Number.isNaN(c) ? 50 : c) + [0.3, -0.4, 0.1][cat]! - 0.8;
    labels[i] = rng.float() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return {
    matrix: {
      nRows: n,
      nCols,
      values,
      featureNames: ["a", "b", "c", "vehicle", "service", "hour"],
      categorical: [{ feature: 3, categories: ["car", "bike", "premium"] }, {
        feature: 4,
        categories: ["car", "bike", "premium"],
      }],
    },
    labels,
  };
}

Deno.test("fitLogistic converges in a few Newton steps on large collinear problems (no stall at rounding noise)", () => {
  // On 20k rows the last Newton decreases of F are below the rounding noise of a plain sum over the rows;
  // the solver used to reject them, backtrack 50 times per iteration and exhaust maxIter just above the
  // tolerance on these seeds (and took 20 s on the demo's 71k rows).
  for (const seed of [2, 3, 5]) {
    const { matrix, labels } = collinearProblem(20_000, seed);
    const model = fitLogistic({ matrix, labels }, { params: { C: 1 } });
    assert.ok(model.fitInfo.converged, `seed ${seed}: ${JSON.stringify(model.fitInfo)}`);
    assert.ok(model.fitInfo.iterations <= 10, `seed ${seed}: iterations ${model.fitInfo.iterations}`);
    assert.ok(
      sklearnGradientMaxAbs(model, matrix, labels, 1) <= 1e-10 * matrix.nRows,
      `seed ${seed}: gradient`,
    );
    // Identical columns share the evidence equally (the penalty splits it).
    for (let k = 0; k < 3; k++) {
      close(model.coefficients[3 + k]!, model.coefficients[6 + k]!, 1e-9, `category ${k}`);
    }
  }
});

Deno.test("LogisticModel: sparse one-hot prediction equals the dense encoded dot product (property)", () => {
  const { matrix, labels } = collinearProblem(400, 3);
  const model = fitLogistic({ matrix, labels }, { params: { C: 0.3 } });
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.double({ min: -5, max: 5, noNaN: true }),
          fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { nil: NaN }),
          fc.option(fc.integer({ min: 0, max: 4 }), { nil: NaN }),
          fc.option(fc.integer({ min: 0, max: 4 }), { nil: NaN }),
        ),
        { minLength: 1, maxLength: 20 },
      ),
      (rows) => {
        const m: Matrix = {
          ...matrix,
          nRows: rows.length,
          values: Float32Array.from(rows.flatMap(([a, b, c1, c2]) => [a, b, NaN, c1, c2, 3])),
        };
        const z = model.predictRaw(m), dense = new Float64Array(model.encoder.nEncoded);
        for (let i = 0; i < m.nRows; i++) {
          model.encoder.encodeRow(m.values, i * m.nCols, dense);
          let expected = model.intercept;
          dense.forEach((v, j) => expected += v * model.coefficients[j]!);
          close(z[i]!, expected, 1e-12 * (1 + Math.abs(expected)), `row ${i}`);
        }
      },
    ),
    { numRuns: 50 },
  );
});

Deno.test({
  name: "fitLogistic solver lbfgs reaches the same optimum as Newton and scikit-learn",
  ignore: !haveBinary,
  fn() {
    // L-BFGS stops at max |∇F| ≤ tol·Σs (F = objective / C), i.e. sklearn's gradient ≤ C·tol·n; the
    // coefficient error is then ≲ that divided by the smallest Hessian eigenvalue (≥ 1): 1e-6 is safe.
    const { matrix, labels } = binaryHead(2000);
    for (const [C, ref] of [[1, BINARY], [0.01, BINARY_C001]] as const) {
      const model = fitLogistic({ matrix, labels }, { params: { C, standardize: false, solver: "lbfgs" } });
      assert.equal(model.fitInfo.solver, "lbfgs");
      assert.ok(model.fitInfo.converged, JSON.stringify(model.fitInfo));
      assert.ok(
        sklearnGradientMaxAbs(model, matrix, labels, C) <= C * 1e-10 * 2000 * 1.01,
        `C=${C} gradient`,
      );
      ref.coef.forEach((c, j) => close(model.coefficients[j]!, c, 1e-6, `C=${C} coef ${j}`));
      close(model.intercept, ref.intercept, 1e-6, `C=${C} intercept`);
    }
    const w = fitLogistic({ matrix: synMatrix(), labels: SYN.y, weights: SYN.w }, {
      params: { C: 2, standardize: false, solver: "lbfgs" },
    });
    SYN_W.coef.forEach((c, j) => close(w.coefficients[j]!, c, 1e-6, `weighted coef ${j}`));
    close(w.intercept, SYN_W.intercept, 1e-6, "weighted intercept");
  },
});

/** Numeric x plus a categorical with `levels` codes whose effects are random; `n` rows. */
function wideProblem(n: number, levels: number, seed: number): { matrix: Matrix; labels: Float64Array } {
  const rng = new Rng(seed);
  const effect = Float64Array.from({ length: levels }, () => rng.uniform(-1.5, 1.5));
  const values = new Float32Array(n * 2), labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(-2, 2), c = rng.int(levels);
    values[i * 2] = x, values[i * 2 + 1] = c;
    labels[i] = rng.float() < 1 / (1 + Math.exp(-(0.8 * x + effect[c]!))) ? 1 : 0;
  }
  return { matrix: { nRows: n, nCols: 2, values, featureNames: ["x", "c"] }, labels };
}

Deno.test("fitLogistic: Newton and L-BFGS agree on a one-hot-heavy design; auto picks L-BFGS beyond NEWTON_MAX_COLUMNS", () => {
  const mid = wideProblem(6000, 300, 1);
  const newton = fitLogistic(mid, { params: { C: 0.5, categoricalFeatures: [1], solver: "newton" } });
  const lbfgs = fitLogistic(mid, { params: { C: 0.5, categoricalFeatures: [1], solver: "lbfgs" } });
  assert.equal(newton.fitInfo.solver, "newton");
  assert.ok(newton.fitInfo.converged && lbfgs.fitInfo.converged);
  lbfgs.coefficients.forEach((c, j) => close(c, newton.coefficients[j]!, 1e-6, `coef ${j}`));
  close(lbfgs.intercept, newton.intercept, 1e-6, "intercept");

  const wide = wideProblem(4000, NEWTON_MAX_COLUMNS + 400, 2); // ~88% of the levels occur
  const auto = fitLogistic(wide, { params: { C: 0.5, categoricalFeatures: [1], maxCategories: 5000 } });
  assert.ok(auto.encoder.nEncoded > NEWTON_MAX_COLUMNS);
  assert.equal(auto.fitInfo.solver, "lbfgs");
  assert.ok(auto.fitInfo.converged, JSON.stringify(auto.fitInfo));
  assert.ok(sklearnGradientMaxAbs(auto, wide.matrix, wide.labels, 0.5) <= 0.5 * 1e-10 * 4000 * 1.01);
  assert.throws(() => fitLogistic(mid, { params: { solver: "sgd" as unknown as "auto" } }), /"solver"/);
});

Deno.test("negatives' weights below the positives' rounding error still give a finite intercept (log of the weight ratio)", () => {
  // Σw of the negatives (4e-300) vanishes in Σw − Σw·y; the base-rate start used to be +∞ and the
  // fit stopped there ("converged", intercept ∞, a model file that cannot be read back).
  const matrix: Matrix = { nRows: 5, nCols: 1, values: Float32Array.of(0, 1, 0, 1, 3), featureNames: ["x"] };
  const labels = [1, 0, 0, 1, 0];
  const weights = [1e-300, 1e-300, 1e-300, 2.7, 1e-300];
  const model = fitLogistic({ matrix, labels, weights }, { params: { C: 1e-6, standardize: false } });
  const json = model.toJSON();
  assert.ok(Number.isFinite(json.intercept), `intercept ${json.intercept}`);
  assert.ok(Math.abs(json.intercept - Math.log((2.7 + 1e-300) / 3e-300)) < 1e-6);
  assert.deepEqual(
    LogisticModel.fromJSON(JSON.parse(JSON.stringify(json))).predict(matrix),
    model.predict(matrix),
  );
});
