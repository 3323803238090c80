import assert from "node:assert/strict";
import fc from "fast-check";
import { fitWideDeep, plantedCrossData, type WideDeepModel } from "../../models/wide_deep/mod.ts";
import type { Matrix } from "../../data/types.ts";
import { Rng } from "../../random/mod.ts";
import { decodeModel } from "./proto.ts";
import { runLayerListOnnx } from "./run.ts";
import { wideDeepToOnnx } from "./wide_deep.ts";

const data = plantedCrossData(400, 8);

function randomMatrix(seed: number, nRows: number, like: Matrix): Matrix {
  const rng = new Rng(seed);
  const values = new Float32Array(nRows * like.nCols);
  for (let i = 0; i < nRows; i++) {
    // categorical codes include unseen ones (a, b: 0..5 with 4 and 5 unknown; noise 0..11)
    values.set([rng.int(6), rng.int(6), rng.int(12), rng.uniform(-4, 4)], i * 4);
  }
  return { ...like, nRows, values };
}

async function assertOnnxMatchesTf(model: WideDeepModel, m: Matrix): Promise<void> {
  const b = model.encode(m);
  const onnx = await runLayerListOnnx(wideDeepToOnnx(model), model.toLayerList(), model.feeds(b), b.nRows);
  const tfProb = await model.predictTf(m);
  const tsLogit = model.predictRaw(m);
  for (let i = 0; i < m.nRows; i++) {
    assert.ok(
      Math.abs(onnx.probability![i]! - tfProb[i]!) < 1e-4,
      `row ${i}: onnx ${onnx.probability![i]} vs tfjs ${tfProb[i]}`,
    );
    assert.ok(
      Math.abs(onnx.logit![i]! - tsLogit[i]!) < 1e-4,
      `row ${i}: onnx logit ${onnx.logit![i]} vs ts ${tsLogit[i]}`,
    );
  }
}

Deno.test("wide & deep ONNX export: onnxruntime matches tfjs within 1e-4 on random inputs", async () => {
  const model = await fitWideDeep(data, {
    params: {
      crosses: [["a", "b"], ["a", "b", "noise"]],
      hiddenUnits: [16, 8],
      maxEpochs: 3,
      learningRate: 0.02,
    },
    seed: 3,
  });
  await fc.assert(
    fc.asyncProperty(
      fc.nat(1_000_000),
      fc.integer({ min: 1, max: 64 }),
      (seed, n) => assertOnnxMatchesTf(model, randomMatrix(seed, n, data.matrix)),
    ),
    { numRuns: 8, seed: 1 },
  );
});

Deno.test("wide & deep ONNX export: other shapes (no wide part; no hidden layers; numerics only)", async () => {
  const deepOnly = await fitWideDeep(data, {
    params: { wideSingles: false, hiddenUnits: [4], maxEpochs: 2 },
    seed: 1,
  });
  await assertOnnxMatchesTf(deepOnly, randomMatrix(2, 20, data.matrix));
  const linear = await fitWideDeep(data, {
    params: { crosses: [["a", "b"]], hiddenUnits: [], maxEpochs: 2 },
    seed: 1,
  });
  await assertOnnxMatchesTf(linear, randomMatrix(3, 20, data.matrix));
  const numOnly: Matrix = {
    nRows: 400,
    nCols: 1,
    featureNames: ["x"],
    values: data.matrix.values.filter((_, i) => i % 4 === 3),
  };
  const numeric = await fitWideDeep({ matrix: numOnly, labels: data.labels }, {
    params: { hiddenUnits: [3], maxEpochs: 2 },
    seed: 1,
  });
  assert.equal(numeric.toLayerList().inputs.length, 1);
  await assertOnnxMatchesTf(numeric, { ...numOnly, nRows: 5, values: Float32Array.of(-3, -1, 0, 1, 3) });
});

Deno.test("wide & deep ONNX export: the encoder and feature names travel in the model metadata", async () => {
  const model = await fitWideDeep(data, {
    params: { crosses: [["a", "b"]], hiddenUnits: [4], maxEpochs: 1 },
    seed: 2,
  });
  const meta = Object.fromEntries(
    decodeModel(wideDeepToOnnx(model)).metadataProps!.map((p) => [p.key, p.value]),
  );
  assert.equal(meta.kind, "wide_deep");
  assert.deepEqual(JSON.parse(meta.featureNames!), ["a", "b", "noise", "x"]);
  assert.deepEqual(JSON.parse(meta.encoder!), model.encoder.toJSON());
});
