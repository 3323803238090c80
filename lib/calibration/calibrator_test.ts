import assert from "node:assert/strict";
import { InputError, ModelFormatError } from "../errors.ts";
import { Rng } from "../random/mod.ts";
import { expectedCalibrationError } from "../metrics/reliability.ts";
import { logLoss } from "../metrics/log_loss.ts";
import { stratifiedKFoldAssignment } from "../validation/mod.ts";
import { calibratorFromJSON, crossFitCalibration, fitCalibrator, reliabilityCurve } from "./mod.ts";

/** q uniform on (0.01, 0.99); the true probability is σ(2·logit(q)), so q is under-confident. */
function miscalibrated(seed: number, n: number): { q: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const q = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    q[i] = rng.uniform(0.01, 0.99);
    const z = 2 * Math.log(q[i]! / (1 - q[i]!));
    y[i] = rng.float() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { q, y };
}

for (const kind of ["isotonic", "platt"] as const) {
  Deno.test(`${kind}: a known miscalibration improves on held-out data (log loss and ECE)`, () => {
    const train = miscalibrated(1, 3000), test = miscalibrated(2, 3000);
    const cal = fitCalibrator(kind, train.q, train.y);
    const p = cal.predict(test.q);
    const before = { ll: logLoss(test.y, test.q), ece: expectedCalibrationError(test.y, test.q) };
    const after = { ll: logLoss(test.y, p), ece: expectedCalibrationError(test.y, p) };
    assert.ok(after.ll < before.ll - 0.01, `log loss ${before.ll} → ${after.ll}`);
    assert.ok(after.ece < before.ece / 2, `ECE ${before.ece} → ${after.ece}`);
  });

  Deno.test(`${kind}: JSON round trip through calibratorFromJSON`, () => {
    const { q, y } = miscalibrated(3, 200);
    const cal = fitCalibrator(kind, q, y);
    const back = calibratorFromJSON(JSON.parse(JSON.stringify(cal.toJSON())));
    assert.equal(back.kind, kind);
    assert.deepEqual([...back.predict(q)], [...cal.predict(q)]);
  });
}

Deno.test("calibratorFromJSON: unknown kind or version is a ModelFormatError", () => {
  assert.throws(() => calibratorFromJSON({ kind: "beta", version: 1 }), ModelFormatError);
  assert.throws(() => calibratorFromJSON(null), ModelFormatError);
  assert.throws(
    () => calibratorFromJSON({ kind: "platt", version: 2, a: 1, b: 0, input: "score" }),
    ModelFormatError,
  );
});

Deno.test("fitCalibrator: bad input", () => {
  assert.throws(() => fitCalibrator("isotonic", [0.1, 0.2, 0.3], [0, 1]), InputError); // length mismatch
  assert.throws(() => fitCalibrator("isotonic", [0.1, NaN], [0, 1]), InputError);
  assert.throws(() => fitCalibrator("isotonic", [0.1, 0.2], [0, 0.5]), InputError); // labels not 0/1
  assert.throws(() => fitCalibrator("isotonic", [0.1, 0.2], [0, 0]), /both classes/);
  assert.throws(() => fitCalibrator("isotonic", [0.1, 0.2], [0, 1], [1, 0]), /both classes/);
  assert.throws(() => fitCalibrator("nope" as "platt", [0.1, 0.2], [0, 1]), InputError);
});

Deno.test("crossFitCalibration: out-of-fold predictions come from calibrators that never saw the row", () => {
  const { q, y } = miscalibrated(4, 400);
  const res = crossFitCalibration("isotonic", q, y, { nFolds: 4, seed: 9 });
  // Each fold's rows are predicted by a calibrator fitted on the other folds: reproduce fold 2 by hand.
  const train = [...q.keys()].filter((i) => res.folds[i] !== 2),
    test = [...q.keys()].filter((i) => res.folds[i] === 2);
  const cal = fitCalibrator("isotonic", train.map((i) => q[i]!), train.map((i) => y[i]!));
  const pred = cal.predict(test.map((i) => q[i]!));
  test.forEach((i, k) => assert.equal(res.outOfFold[i], pred[k]));
  // Folds are stratified: each holds ~1/4 of each class.
  for (let f = 0; f < 4; f++) {
    const pos = [...y.keys()].filter((i) => res.folds[i] === f && y[i] === 1).length;
    const totalPos = y.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(pos - totalPos / 4) <= 1);
  }
  // The folds are lib/validation's stratified k-fold; same seed → same folds; the shipped calibrator is the
  // all-data fit.
  assert.deepEqual(res.folds, stratifiedKFoldAssignment(y, { k: 4, seed: 9 }));
  assert.deepEqual([...crossFitCalibration("isotonic", q, y, { nFolds: 4, seed: 9 }).folds], [...res.folds]);
  assert.deepEqual([...res.calibrator.predict(q)], [...fitCalibrator("isotonic", q, y).predict(q)]);
  assert.throws(
    () => crossFitCalibration("platt", [0.1, 0.2, 0.3], [0, 1, 1], { nFolds: 2 }),
    /at least nFolds/,
  );
});

Deno.test("reliabilityCurve: bins of mean predicted vs observed rate", () => {
  const bins = reliabilityCurve([0.05, 0.15, 0.12, 0.95], [0, 1, 0, 1], 2);
  assert.equal(bins.length, 2);
  assert.equal(bins[0]!.count, 3);
  assert.ok(Math.abs(bins[0]!.meanPredicted! - 0.32 / 3) < 1e-12);
  assert.ok(Math.abs(bins[0]!.observedRate! - 1 / 3) < 1e-12);
  assert.equal(bins[1]!.observedRate, 1);
  assert.throws(() => reliabilityCurve([0.1], [0, 1], 2), InputError);
});
