import assert from "node:assert/strict";
import { InputError, ModelFormatError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { fitLogistic, LogisticModel } from "./mod.ts";

// Reference numbers from scikit-learn 1.2.1, produced by this script (python3):
// import numpy as np, json
// from sklearn.linear_model import LogisticRegression
// d = np.loadtxt("/work/shared/data/lightgbm-examples/binary.train", max_rows=2000)
// y = d[:, 0].astype(int); X = d[:, 1:6].astype(np.float32).astype(np.float64)
// lr = LogisticRegression(penalty="l2", C=1.0, solver="lbfgs", tol=1e-12, max_iter=100000).fit(X, y)
// print("BINARY", json.dumps({"coef": lr.coef_[0].tolist(), "intercept": lr.intercept_[0], "p5": lr.predict_proba(X[:5])[:, 1].tolist()}))
// lr2 = LogisticRegression(penalty="l2", C=0.01, solver="lbfgs", tol=1e-12, max_iter=100000).fit(X, y)
// print("BINARY_C001", json.dumps({"coef": lr2.coef_[0].tolist(), "intercept": lr2.intercept_[0]}))
// # Synthetic: numeric x0, numeric x1 with missing, categorical c (codes 0..3, some missing)
// rng = np.random.default_rng(11)
// n = 60
// x0 = np.round(rng.normal(size=n), 3)
// x1 = np.round(rng.uniform(0, 10, n), 2); x1[[3, 17, 40]] = np.nan
// c = rng.integers(0, 4, n).astype(float); c[[5, 22]] = np.nan
// z = 0.8 * x0 - 0.2 * np.nan_to_num(x1, nan=5) + np.array([0.5, -1.0, 1.5, 0.0])[np.nan_to_num(c, nan=3).astype(int)] + 1
// yy = (rng.uniform(size=n) < 1 / (1 + np.exp(-z))).astype(int)
// w = np.round(rng.uniform(0.5, 2, n), 2)
// def design(standardize):
//     cols = []
//     for v in (x0, x1):
//         m = np.nanmean(v); vi = np.where(np.isnan(v), m, v)
//         cols.append((vi - m) / vi.std() if standardize else vi)
//     for k in range(4): cols.append((c == k).astype(float))
//     return np.column_stack(cols)
// A = design(True)
// lr3 = LogisticRegression(C=0.5, tol=1e-12, max_iter=100000).fit(A, yy)
// B = design(False)
// lr4 = LogisticRegression(C=2.0, tol=1e-12, max_iter=100000).fit(B, yy, sample_weight=w)
// tonan = lambda a: [None if np.isnan(v) else float(v) for v in a]
// print("SYN", json.dumps({"x0": x0.tolist(), "x1": tonan(x1), "c": tonan(c), "y": yy.tolist(), "w": w.tolist(),
//   "std_coef": lr3.coef_[0].tolist(), "std_intercept": lr3.intercept_[0],
//   "w_coef": lr4.coef_[0].tolist(), "w_intercept": lr4.intercept_[0]}))

const BINARY_PATH = "/work/shared/data/lightgbm-examples/binary.train";
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
  "coef": [
    -0.14545179119609464,
    0.0034667803752070022,
    -0.02974111508894089,
    -0.3421410038864551,
    -0.001188850150682107,
  ],
  "intercept": 0.6313866406560633,
  "p5": [0.5950800003869412, 0.4944064341931994, 0.6018281612639936, 0.43104911964047066, 0.5314163887166056],
};
const BINARY_C001 = {
  "coef": [
    -0.08126622691865586,
    0.003978701593042789,
    -0.024396035432602634,
    -0.20983467995304217,
    0.00023557073628143805,
  ],
  "intercept": 0.43711150266204457,
};

Deno.test({
  name: "fitLogistic matches scikit-learn on binary.train (2000 rows, 5 features, standardize=false)",
  ignore: !haveBinary,
  fn() {
    const { matrix, labels } = binaryHead(2000);
    for (const [C, ref] of [[1, BINARY], [0.01, BINARY_C001]] as const) {
      const model = fitLogistic({ matrix, labels }, { params: { C, standardize: false } });
      assert.ok(model.fitInfo.converged);
      ref.coef.forEach((c, j) => close(model.coefficients[j]!, c, 1e-4, `C=${C} coef ${j}`));
      close(model.intercept, ref.intercept, 1e-4, `C=${C} intercept`);
    }
    const model = fitLogistic({ matrix, labels }, { params: { standardize: false } });
    const p = model.predict({ ...matrix, nRows: 5, values: matrix.values.subarray(0, 25) });
    BINARY.p5.forEach((v, i) => close(p[i]!, v, 1e-6, `probability ${i}`));
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
  const expected = [
    1.0784433991680582,
    -0.17208627875492757,
    0.2611980043172217,
    -0.5348322213480161,
    0.9756432503395527,
    -0.6579304266869356,
  ];
  expected.forEach((c, j) => close(model.coefficients[j]!, c, 1e-4, `coef ${j}`));
  close(model.intercept, 0.25526329419620314, 1e-4, "intercept");
  assert.deepEqual(model.namedCoefficients().map((c) => c.name), ["x0", "x1", "c=a", "c=b", "c=c", "c=d"]);
});

Deno.test("fitLogistic: sample weights match scikit-learn (standardize=false, C = 2)", () => {
  const model = fitLogistic({ matrix: synMatrix(), labels: SYN.y, weights: SYN.w }, {
    params: { C: 2, standardize: false },
  });
  const expected = [
    1.6436331919955531,
    -0.029034433799507372,
    0.5605611929860529,
    -1.0908441025265043,
    1.6862394964634213,
    -1.206618178867244,
  ];
  expected.forEach((c, j) => close(model.coefficients[j]!, c, 1e-4, `coef ${j}`));
  close(model.intercept, 0.7776203004610209, 1e-4, "intercept");
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
  const numericPart = model.intercept + model.coefficients[0]! * (0.3 - x0.center) / x0.scale +
    model.coefficients[1]! * (4 - x1.center) / x1.scale;
  close(z[0]!, numericPart, 1e-12, "unseen category 7 → no category term");
  close(z[1]!, numericPart, 1e-12, "missing category → no category term");
  close(z[2]!, numericPart + model.coefficients[3]!, 1e-12, "category 1 → its one-hot coefficient");
  const imputed = model.intercept + model.coefficients[0]! * (0.3 - x0.center) / x0.scale +
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
  const model = fitLogistic({ matrix: m, labels: SYN.y });
  assert.throws(() => model.predict({ ...m, featureNames: ["x0", "x1", "other"] }), InputError);
  assert.throws(
    () => model.predict({ nRows: 1, nCols: 2, values: new Float32Array(2), featureNames: ["x0", "x1"] }),
    InputError,
  );
});
