import assert from "node:assert/strict";
import { fitCalibrator } from "../../calibration/mod.ts";
import { NotFoundError } from "../../errors.ts";
import { PackagedModel, savePackage } from "../../models/package.ts";
import { exportPackage, ONNX_FILE } from "./package_export.ts";
import { decodeModel } from "./proto.ts";
import { runOnnx } from "./run.ts";
import { smallGbdt, smallLogistic, syntheticTable } from "./_test_models.ts";

Deno.test("exportPackage: a packaged GBDT + calibrator exports model.onnx beside the bundle; its predictions are the package's", async () => {
  const root = await Deno.makeTempDir();
  try {
    const model = smallGbdt("binary", 8);
    const { matrix, score } = syntheticTable(400, 6);
    const calibrator = fitCalibrator("isotonic", model.predict(matrix), score.map((s) => (s > 0 ? 1 : 0)));
    const pkg = new PackagedModel({ model, calibrator, lineage: { seed: 1 } });
    const dir = `${root}/v1`;
    await savePackage(pkg, dir);
    const report = await exportPackage(dir, { randomRows: 1000 });
    assert.ok(report.exportable, report.reason ?? "");
    assert.equal(report.file, ONNX_FILE);
    const bytes = await Deno.readFile(`${dir}/${ONNX_FILE}`);
    assert.equal(bytes.length, report.bytes);
    assert.equal(decodeModel(bytes).metadataProps!.find((m) => m.key === "kind")!.value, "gbdt");
    const out = await runOnnx(bytes, { features: { type: "float32", data: matrix.values, dims: [400, 4] } });
    const expected = pkg.predict(matrix);
    let maxDiff = 0;
    for (let i = 0; i < 400; i++) maxDiff = Math.max(maxDiff, Math.abs(out.prediction![i]! - expected[i]!));
    assert.ok(maxDiff < 1e-7, `max |Δ| ${maxDiff}`);

    // logistic in a package, package in a subfolder
    await savePackage(new PackagedModel({ model: smallLogistic() }), `${root}/v2/package`);
    const r2 = await exportPackage(`${root}/v2`, { packageDir: `${root}/v2/package`, randomRows: 500 });
    assert.ok(r2.exportable, r2.reason ?? "");
    assert.ok((await Deno.stat(`${root}/v2/${ONNX_FILE}`)).isFile);

    // A zero tolerance fails the gate (the outputs are float32 roundings): no file, the old one removed.
    const strict = await exportPackage(dir, {
      randomRows: 200,
      tolerance: { probability: 0, rawRelative: 0 },
    });
    assert.equal(strict.exportable, false);
    assert.match(strict.reason!, /^parity: /);
    await assert.rejects(() => Deno.stat(`${dir}/${ONNX_FILE}`), Deno.errors.NotFound);

    await assert.rejects(() => exportPackage(`${root}/missing`), NotFoundError);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
