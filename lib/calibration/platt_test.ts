import assert from "node:assert/strict";
import { InputError, ModelFormatError } from "../errors.ts";
import { fitPlatt, PlattCalibrator } from "./platt.ts";

// Data and reference from scikit-learn 1.2.1 (numpy default_rng(3)):
//   q = np.round(rng.uniform(0.02, 0.98, 40), 3); p = sigmoid(2·logit(q)); y = (rng.uniform(size=40) < p)
//   f = logit(q).reshape(-1, 1)
//   LogisticRegression(C=1e12, tol=1e-12, max_iter=10000).fit(f, y) → coef 2.205463210036079, intercept -0.03878023211518281
//   a, b = sklearn.calibration._sigmoid_calibration(f.ravel(), y)  (Platt targets; p = 1/(1+exp(a f + b)))
//     → -a = 1.5685337132604422, -b = -0.02346704914708594
const Q = [
  0.102,
  0.247,
  0.789,
  0.579,
  0.11,
  0.436,
  0.48,
  0.173,
  0.725,
  0.129,
  0.396,
  0.516,
  0.433,
  0.583,
  0.728,
  0.938,
  0.293,
  0.643,
  0.688,
  0.301,
  0.021,
  0.955,
  0.306,
  0.321,
  0.876,
  0.582,
  0.472,
  0.762,
  0.049,
  0.699,
  0.379,
  0.107,
  0.654,
  0.914,
  0.219,
  0.625,
  0.306,
  0.732,
  0.713,
  0.23,
];
const Y = [
  0,
  0,
  1,
  0,
  0,
  0,
  0,
  0,
  1,
  0,
  0,
  1,
  0,
  1,
  1,
  1,
  0,
  1,
  1,
  0,
  0,
  1,
  0,
  0,
  1,
  1,
  0,
  1,
  0,
  1,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  1,
  1,
  0,
];

Deno.test("fitPlatt matches scikit-learn's logistic regression on logit(p) to 1e-4", () => {
  const platt = fitPlatt(Q, Y);
  assert.ok(Math.abs(platt.a - 2.205463210036079) < 1e-4, `a = ${platt.a}`);
  assert.ok(Math.abs(platt.b - -0.03878023211518281) < 1e-4, `b = ${platt.b}`);
});

Deno.test("fitPlatt with target smoothing matches scikit-learn's _sigmoid_calibration to 1e-4", () => {
  const platt = fitPlatt(Q, Y, undefined, { targetSmoothing: true });
  assert.ok(Math.abs(platt.a - 1.5685337132604422) < 1e-4, `a = ${platt.a}`);
  assert.ok(Math.abs(platt.b - -0.02346704914708594) < 1e-4, `b = ${platt.b}`);
});

Deno.test("fitPlatt: raw-score input equals probability input on logits; weights act as repeats", () => {
  const logits = Q.map((q) => Math.log(q / (1 - q)));
  const byScore = fitPlatt(logits, Y, undefined, { input: "score" });
  const byProb = fitPlatt(Q, Y);
  assert.ok(Math.abs(byScore.a - byProb.a) < 1e-9 && Math.abs(byScore.b - byProb.b) < 1e-9);
  const weighted = fitPlatt(Q, Y, Q.map((_, i) => (i < 5 ? 2 : 1)));
  const repeated = fitPlatt([...Q, ...Q.slice(0, 5)], [...Y, ...Y.slice(0, 5)]);
  assert.ok(Math.abs(weighted.a - repeated.a) < 1e-8 && Math.abs(weighted.b - repeated.b) < 1e-8);
});

Deno.test("PlattCalibrator: predict formula and JSON round trip", () => {
  const platt = new PlattCalibrator(2, -1);
  // σ(2·logit(0.75) − 1) = σ(2 ln 3 − 1)
  assert.ok(Math.abs(platt.predict([0.75])[0]! - 1 / (1 + Math.exp(-(2 * Math.log(3) - 1)))) < 1e-15);
  const back = PlattCalibrator.fromJSON(JSON.parse(JSON.stringify(platt.toJSON())));
  assert.deepEqual([...back.predict([0.1, 0.5, 0.9])], [...platt.predict([0.1, 0.5, 0.9])]);
  assert.throws(() => PlattCalibrator.fromJSON({ ...platt.toJSON(), version: 0 }), ModelFormatError);
  assert.throws(() => PlattCalibrator.fromJSON({ ...platt.toJSON(), a: "x" }), ModelFormatError);
});

Deno.test("fitPlatt: bad input", () => {
  assert.throws(() => fitPlatt([0.1, 0.2], [0]), InputError); // length mismatch
  assert.throws(() => fitPlatt([0.1, NaN], [0, 1]), InputError);
  assert.throws(() => fitPlatt([0.1, 0.2], [0, 2]), InputError); // labels not 0/1
  assert.throws(() => fitPlatt([0.1, 0.2], [1, 1]), /both classes/); // single class
  assert.throws(() => fitPlatt([0.1, 1.2], [0, 1]), InputError); // not a probability
  assert.throws(() => new PlattCalibrator(1, 0).predict([NaN]), InputError);
});
