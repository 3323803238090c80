import assert from "node:assert/strict";
import { fitCalibrator } from "../../calibration/mod.ts";
import { NotFoundError } from "../../errors.ts";
import { saveModel } from "../../models/contract.ts";
import { PackagedModel, savePackage } from "../../models/package.ts";
import { fitTwoTower } from "../../models/two_tower/mod.ts";
import { Rng } from "../../random/mod.ts";
import { makeInteractions } from "../../recsys/mod.ts";
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

Deno.test("exportPackage: plain model bundles export too (GBDT, two-tower as its scoring graph); a calibrator alone does not", async () => {
  const root = await Deno.makeTempDir();
  try {
    await saveModel(smallGbdt("poisson", 4), `${root}/gbdt`);
    const g = await exportPackage(`${root}/gbdt`, { randomRows: 500 });
    assert.ok(g.exportable, g.reason ?? "");
    assert.equal(g.family, "gbdt");

    const rng = new Rng(2);
    const user: number[] = [], item: number[] = [], timestamp: number[] = [];
    for (let u = 0; u < 20; u++) {
      for (let j = 0; j < 4; j++) user.push(u), item.push(rng.int(20)), timestamp.push(j);
    }
    const tt = await fitTwoTower({
      train: makeInteractions({ user, item, timestamp, nUsers: 20, nItems: 20 }),
    }, {
      seed: 1,
      params: { embeddingDim: 4, idDim: 4, hidden: [6], batchSize: 16, epochs: 1 },
    });
    await saveModel(tt, `${root}/tt`);
    const t = await exportPackage(`${root}/tt`, { randomRows: 500 });
    assert.ok(t.exportable, t.reason ?? "");
    assert.equal(t.family, "two_tower");
    const graph = decodeModel(await Deno.readFile(`${root}/tt/${ONNX_FILE}`)).graph!;
    assert.equal(graph.output![0]!.name, "score");
    assert.equal(t.parity!.outputs.length, 3); // score and both embeddings

    await saveModel(fitCalibrator("platt", [0.1, 0.4, 0.6, 0.9], [0, 1, 0, 1]), `${root}/cal`);
    const c = await exportPackage(`${root}/cal`);
    assert.equal(c.exportable, false);
    assert.match(c.reason!, /no ONNX exporter for model kind "platt"/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
