import assert from "node:assert/strict";
import { fitCalibrator } from "../../calibration/mod.ts";
import { FeatureEncoder, LogisticModel } from "../../models/linear/mod.ts";
import { DEFAULT_LOGISTIC_PARAMS } from "../../models/linear/mod.ts";
import { exportLogistic } from "./linear_onnx.ts";
import { checkOnnxParity } from "./parity.ts";
import { decodeModel } from "./proto.ts";
import { runOnnx } from "./run.ts";
import { smallLogistic, syntheticTable } from "./_test_models.ts";

Deno.test("exportLogistic: imputation, standardisation and one-hot baked in (hand-computed margins)", async () => {
  // x: impute 2, center 1, scale 4; c: codes [0, 3]; w = [2, -1, 0.5], intercept 0.25
  const encoder = new FeatureEncoder(["x", "c"], [
    { kind: "numeric", impute: 2, center: 1, scale: 4 },
    { kind: "categorical", codes: [0, 3] },
  ]);
  const fitInfo = { iterations: 1, converged: true, objective: 0, gradientNorm: 0 };
  const model = new LogisticModel(
    DEFAULT_LOGISTIC_PARAMS,
    encoder,
    Float64Array.of(2, -1, 0.5),
    0.25,
    fitInfo,
  );
  const rows = [[5, 0], [NaN, 3], [1, 1], [-3, NaN], [Infinity, 3], [9, 7]];
  // margins: 0.25 + 2·(x − 1)/4 + (c = 0 ? −1 : c = 3 ? 0.5 : 0), x = NaN → 2
  const margins = [0.25 + 2 - 1, 0.25 + 0.5 + 0.5, 0.25, 0.25 - 2, Infinity, 0.25 + 4];
  const out = await runOnnx(exportLogistic(model), {
    features: { type: "float32", data: rows.flat(), dims: [6, 2] },
  });
  margins.forEach((m, i) => {
    assert.equal(out.margin![i], Math.fround(m), `row ${i}`);
    assert.ok(Math.abs(out.prediction![i]! - 1 / (1 + Math.exp(-m))) < 1e-7);
  });
  const ts = model.predictRaw({
    nRows: 6,
    nCols: 2,
    values: Float32Array.from(rows.flat()),
    featureNames: ["x", "c"],
  });
  assert.deepEqual(Array.from(ts), margins);
});

Deno.test("exportLogistic: a fitted model with and without calibrator passes the parity gate (10k rows, NaN, ±∞, unseen codes)", async () => {
  const model = smallLogistic();
  const report = await checkOnnxParity({ kind: "logistic", model }, exportLogistic(model));
  assert.ok(report.pass, report.failures.join("; "));
  assert.equal(report.rows, 10_000);
  assert.ok(report.maxAbsDiff < 1e-6);
  const { matrix, score } = syntheticTable(600, 4);
  const calibrator = fitCalibrator("isotonic", model.predict(matrix), score.map((s) => (s > 0.5 ? 1 : 0)));
  const bytes = exportLogistic(model, { calibrator });
  const cal = await checkOnnxParity({ kind: "logistic", model, calibrator }, bytes, { randomRows: 3000 });
  assert.ok(cal.pass, cal.failures.join("; "));
  const meta = Object.fromEntries(decodeModel(bytes).metadataProps!.map((m) => [m.key, m.value]));
  assert.equal(meta.kind, "logistic");
  assert.deepEqual(JSON.parse(meta.encoder!).columns, model.encoder.toJSON().columns);
});
