import assert from "node:assert/strict";
import { fitCalibrator } from "../../calibration/mod.ts";
import { fitTwoTower } from "../../models/two_tower/mod.ts";
import { fitWideDeep, plantedCrossData } from "../../models/wide_deep/mod.ts";
import { makeInteractions } from "../../recsys/mod.ts";
import { Rng } from "../../random/mod.ts";
import { exportNetwork } from "./network_onnx.ts";
import { checkOnnxParity } from "./parity.ts";
import { scoringLayerList } from "../../models/network/mod.ts";

Deno.test("exportNetwork (wide & deep): the layer list through onnxruntime passes the gate, with and without calibrator", async () => {
  const data = plantedCrossData(600, 8);
  const model = await fitWideDeep(data, {
    params: { crosses: [["a", "b"]], hiddenUnits: [16, 8], maxEpochs: 2 },
    seed: 3,
  });
  const g = model.toLayerList();
  const encoded = model.encode(data.matrix);
  const rows = [{ feeds: model.feeds(encoded), nRows: encoded.nRows }];
  const report = await checkOnnxParity(
    { kind: "network", layerList: g, feeds: rows, family: "wide_deep" },
    exportNetwork(g),
  );
  assert.ok(report.pass, report.failures.join("; "));
  assert.equal(report.rows, 10_000 + 600);
  assert.deepEqual(report.outputs.map((o) => [o.name, o.kind]), [["probability", "probability"], [
    "logit",
    "raw",
  ]]);
  const calibrator = fitCalibrator("platt", model.predict(data.matrix), data.labels);
  const cal = await checkOnnxParity(
    { kind: "network", layerList: g, feeds: rows, calibrator },
    exportNetwork(g, { calibrator }),
    { randomRows: 2000 },
  );
  assert.ok(cal.pass, cal.failures.join("; "));
});

Deno.test("exportNetwork (two-tower): both towers and the scoring graph pass the gate", async () => {
  const rng = new Rng(5);
  const user: number[] = [], item: number[] = [], timestamp: number[] = [];
  for (let u = 0; u < 30; u++) {
    for (let j = 0; j < 5; j++) user.push(u), item.push((u % 5) * 6 + rng.int(6)), timestamp.push(j);
  }
  const train = makeInteractions({ user, item, timestamp, nUsers: 30, nItems: 30 });
  const m = await fitTwoTower({ train }, {
    seed: 4,
    params: { embeddingDim: 8, idDim: 4, hidden: [10], batchSize: 16, epochs: 1 },
  });
  for (const side of ["user", "item"] as const) {
    const g = m.describe(side);
    const r = await checkOnnxParity(
      { kind: "network", layerList: g, family: "two_tower" },
      exportNetwork(g),
      {
        randomRows: 3000,
      },
    );
    assert.ok(r.pass, `${side}: ${r.failures.join("; ")}`);
    assert.equal(r.outputs[0]!.kind, "raw");
  }
  const s = scoringLayerList(m.describe("user"), m.describe("item"));
  const r = await checkOnnxParity({ kind: "network", layerList: s }, exportNetwork(s), { randomRows: 3000 });
  assert.ok(r.pass, r.failures.join("; "));
});
