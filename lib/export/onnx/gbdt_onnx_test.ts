import assert from "node:assert/strict";
import { fitCalibrator } from "../../calibration/mod.ts";
import { InputError } from "../../errors.ts";
import type { ObjectiveName } from "../../models/gbdt/mod.ts";
import { exportGbdt } from "./gbdt_onnx.ts";
import { checkOnnxParity } from "./parity.ts";
import { decodeModel } from "./proto.ts";
import { runOnnx } from "./run.ts";
import { smallGbdt, syntheticTable } from "./_test_models.ts";

const OBJECTIVES: ObjectiveName[] = ["binary", "regression", "poisson", "multiclass", "lambdarank"];

for (const objective of OBJECTIVES) {
  Deno.test(`exportGbdt (${objective}): parity gate passes through onnxruntime (10k random rows + probes, same leaves)`, async () => {
    const model = smallGbdt(objective);
    assert.ok(model.ensemble.trees.some((t) => t.catBits.length > 0), "the model has categorical splits");
    const report = await checkOnnxParity({ kind: "gbdt", model }, exportGbdt(model));
    assert.ok(report.pass, report.failures.join("; "));
    assert.equal(report.leafMismatches, 0);
    assert.equal(report.leafChecks, report.rows * model.nTrees);
    assert.equal(report.randomRows, 10_000);
    // every internal node gets 4 probes (3 floats or categories + unseen + NaN for categorical)
    assert.ok(
      report.probeRows >= 4 * model.ensemble.trees.reduce((s, t) => s + (t.feature.length - 1) / 2, 0),
    );
    assert.ok(
      report.probesReached / report.probeRows > 0.95,
      `only ${report.probesReached} of ${report.probeRows} reached`,
    );
    // outputs are float32 roundings of double results
    assert.ok(report.maxRelDiff < 2e-7, `max rel ${report.maxRelDiff}`);
    const kinds = Object.fromEntries(report.outputs.map((o) => [o.name, o.kind]));
    assert.equal(
      kinds.prediction,
      objective === "binary" || objective === "multiclass" ? "probability" : "raw",
    );
  });
}

Deno.test("exportGbdt: calibrated binary models (Platt on probabilities, isotonic) pass the gate; the calibrator moves predictions", async () => {
  const model = smallGbdt("binary");
  const { matrix, score } = syntheticTable(800, 9);
  const p = model.predict(matrix), y = score.map((s) => (s > 0.3 ? 1 : 0));
  for (const kind of ["platt", "isotonic"] as const) {
    const calibrator = fitCalibrator(kind, p, y);
    const bytes = exportGbdt(model, { calibrator });
    const report = await checkOnnxParity({ kind: "gbdt", model, calibrator }, bytes, { randomRows: 3000 });
    assert.ok(report.pass, `${kind}: ${report.failures.join("; ")}`);
    const out = await runOnnx(bytes, {
      features: { type: "float32", data: matrix.values.subarray(0, 40), dims: [10, 4] },
    });
    const expected = calibrator.predict(p.subarray(0, 10));
    for (let i = 0; i < 10; i++) assert.ok(Math.abs(out.prediction![i]! - expected[i]!) < 1e-7);
    assert.ok(expected.some((q, i) => Math.abs(q - p[i]!) > 1e-3), "the calibrator changes something");
    const meta = Object.fromEntries(decodeModel(bytes).metadataProps!.map((m) => [m.key, m.value]));
    assert.deepEqual(JSON.parse(meta.calibrator!), calibrator.toJSON());
  }
});

Deno.test("exportGbdt: float32 precision keeps every route (thresholds rounded down) on the probes", async () => {
  const model = smallGbdt("regression", 10);
  const report = await checkOnnxParity({ kind: "gbdt", model }, exportGbdt(model, { precision: "float32" }), {
    randomRows: 2000,
  });
  assert.equal(report.leafMismatches, 0);
  assert.ok(report.pass, report.failures.join("; "));
});

Deno.test("exportGbdt: metadata carries names, categorical columns, link; bad inputs are InputErrors", () => {
  const model = smallGbdt("poisson", 3);
  const meta = Object.fromEntries(decodeModel(exportGbdt(model)).metadataProps!.map((m) => [m.key, m.value]));
  assert.equal(meta.kind, "gbdt");
  assert.equal(meta.link, "exp");
  assert.deepEqual(JSON.parse(meta.featureNames!), ["a", "c", "d", "e"]);
  assert.deepEqual(JSON.parse(meta.categoricalFeatures!), [1]);
  const multi = smallGbdt("multiclass", 2);
  assert.throws(
    () => exportGbdt(multi, { calibrator: { kind: "platt", version: 1, a: 1, b: 0, input: "probability" } }),
    InputError,
  );
  const parts = { ensemble: model.ensemble, featureNames: model.featureNames, categoricalFeatures: [] };
  assert.throws(() => exportGbdt({ ...parts, objective: "huber" }), /huber/);
  assert.throws(() => exportGbdt({ ...parts, link: "probit" }), /probit/);
  // a stated link wins over the objective's
  const meta2 = Object.fromEntries(
    decodeModel(exportGbdt({ ...parts, objective: "regression", link: "exp" })).metadataProps!.map((
      m,
    ) => [m.key, m.value]),
  );
  assert.equal(meta2.link, "exp");
});
