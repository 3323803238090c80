import assert from "node:assert/strict";
import { fitCalibrator } from "../../calibration/mod.ts";
import type { Matrix } from "../../data/types.ts";
import { fitWideDeep, plantedCrossData } from "../../models/wide_deep/mod.ts";
import { exportWithParity, paritySummary } from "./model_export.ts";
import { compareOutput } from "./parity.ts";
import { decodeModel } from "./proto.ts";
import { runOnnx } from "./run.ts";
import { smallGbdt, smallLogistic, syntheticTable } from "./_test_models.ts";

Deno.test("exportWithParity: GBDT + calibrator, logistic and wide & deep are exportable; the bytes run", async () => {
  const gbdt = smallGbdt("binary", 8);
  const { matrix, score } = syntheticTable(500, 3);
  const calibrator = fitCalibrator("platt", gbdt.predict(matrix), score.map((s) => (s > 0 ? 1 : 0)));
  const g = await exportWithParity(gbdt, calibrator, { randomRows: 1000 });
  assert.ok(g.report.exportable, g.report.reason ?? "");
  assert.equal(g.report.family, "gbdt");
  assert.deepEqual(g.report.opsets, [{ domain: "", version: 17 }, { domain: "ai.onnx.ml", version: 5 }]);
  assert.equal(g.report.bytes, g.bytes!.length);
  const out = await runOnnx(g.bytes!, {
    features: { type: "float32", data: matrix.values.subarray(0, 4), dims: [1, 4] },
  });
  assert.ok(
    Math.abs(
      out.prediction![0]! -
        calibrator.predict(gbdt.predict({ ...matrix, nRows: 1, values: matrix.values.slice(0, 4) }))[0]!,
    ) < 1e-7,
  );

  const logistic = await exportWithParity(smallLogistic(), undefined, { randomRows: 1000 });
  assert.ok(logistic.report.exportable, logistic.report.reason ?? "");
  assert.equal(logistic.report.family, "logistic");

  const wd = await fitWideDeep(plantedCrossData(300, 2), {
    params: { hiddenUnits: [4], maxEpochs: 1 },
    seed: 1,
  });
  const w = await exportWithParity(wd, undefined, { randomRows: 500 });
  assert.ok(w.report.exportable, w.report.reason ?? "");
  assert.equal(w.report.family, "wide_deep");
  const meta = Object.fromEntries(decodeModel(w.bytes!).metadataProps!.map((m) => [m.key, m.value]));
  assert.deepEqual(JSON.parse(meta.encoder!), wd.encoder.toJSON());
});

Deno.test("exportWithParity: a model whose TypeScript predictions the graph does not reproduce is not exportable", async () => {
  const gbdt = smallGbdt("regression", 5);
  // Same trees, but a predictor that adds 1e-3 to every value: the graph cannot match it.
  const drifted = {
    ensemble: gbdt.ensemble,
    objective: gbdt.objective,
    featureNames: gbdt.featureNames,
    categoricalFeatures: gbdt.categoricalFeatures,
    predict: (m: Matrix) => gbdt.predict(m).map((v) => v + 1e-3),
    predictRaw: (m: Matrix) => gbdt.predictRaw(m),
  };
  const r = await exportWithParity(drifted, undefined, { randomRows: 500 });
  assert.equal(r.report.exportable, false);
  assert.equal(r.bytes, undefined);
  assert.match(r.report.reason!, /parity: output "prediction"/);
  assert.equal(r.report.parity!.leafMismatches, 0);

  const unknown = await exportWithParity(
    { kind: "item2vec", predict: () => new Float64Array(), predictRaw: () => new Float64Array() } as never,
  );
  assert.equal(unknown.report.exportable, false);
  assert.match(unknown.report.reason!, /item2vec/);
  const bad = await exportWithParity({ ...drifted, objective: "huber" });
  assert.equal(bad.report.exportable, false);
  assert.match(bad.report.reason!, /export failed: .*huber/);
});

Deno.test("ExportReport is JSON-safe in the registry's shape (format, numeric tolerance, finite differences)", async () => {
  const { report } = await exportWithParity(smallGbdt("binary", 3), undefined, { randomRows: 200 });
  const back = JSON.parse(JSON.stringify(report));
  assert.equal(back.format, "onnx");
  assert.equal(back.exportable, true);
  assert.equal(back.parity.tolerance, 1e-6);
  assert.equal(back.parity.rawRelativeTolerance, 1e-5);
  for (const k of ["rows", "maxAbsDiff", "maxRelDiff", "leafMismatches"]) {
    assert.equal(typeof back.parity[k], "number", k);
  }
  assert.deepEqual(back.parity, report.parity);
  // a missing output is an infinite difference: written as MAX_VALUE, which JSON keeps
  const broken = paritySummary({
    ...report.parity!,
    tolerance: { probability: 1e-6, rawRelative: 1e-5 },
    maxAbsDiff: Infinity,
    outputs: [compareOutput("prediction", "probability", undefined, [1])],
  });
  assert.equal(JSON.parse(JSON.stringify(broken)).maxAbsDiff, Number.MAX_VALUE);
  assert.equal(broken.outputs[0]!.maxAbsDiff, Number.MAX_VALUE);
});
