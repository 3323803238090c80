import assert from "node:assert/strict";
import fc from "fast-check";
import { layerListToOnnx } from "./layer_list_to_onnx.ts";
import { evaluateLayerList } from "../../models/network/mod.ts";
import { runLayerListOnnx } from "./run.ts";
import { decodeModel } from "./proto.ts";
import type { LayerList } from "../../models/network/mod.ts";
import { randomFeeds, randomLayerList } from "../../models/network/mod.ts";

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

Deno.test("layerListToOnnx: onnxruntime matches the TypeScript evaluator on random networks (1e-4)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.integer({ min: 1, max: 7 }),
      async (seed, nRows) => {
        const g = randomLayerList(seed);
        const feeds = randomFeeds(g, nRows, seed + 1);
        const ref = evaluateLayerList(g, feeds, nRows);
        const got = await runLayerListOnnx(layerListToOnnx(g), g, feeds, nRows);
        for (const o of g.outputs) {
          const name = o === "x" ? "x_out" : o;
          assert.ok(got[name], `output ${name} missing`);
          assert.ok(maxAbsDiff(got[name]!, ref[o]!) < 1e-4, `output ${o} differs (seed ${seed})`);
        }
      },
    ),
    { numRuns: 40, seed: 7 },
  );
});

Deno.test("layerListToOnnx: hand-checked wide-style sum embedding + dense sigmoid", async () => {
  const g: LayerList = {
    name: "wide",
    inputs: [{ name: "ids", type: "int64", width: 3 }, { name: "x", type: "float32", width: 1 }],
    layers: [
      {
        kind: "embedding",
        name: "wide",
        input: "ids",
        rows: 4,
        dim: 1,
        table: [0.5, -1, 2, 0.25],
        combine: "sum",
      },
      { kind: "dense", name: "deep", input: "x", inDim: 1, outDim: 1, weights: [2], bias: [-1] },
      { kind: "add", name: "logit", inputs: ["wide", "deep"] },
      { kind: "activation", name: "p", input: "logit", fn: "sigmoid" },
    ],
    outputs: ["logit", "p"],
  };
  // Row 0: ids 0,1,2 → 0.5 - 1 + 2 = 1.5; deep 2·1 - 1 = 1 → logit 2.5.
  // Row 1: ids 3,3,0 → 0.25 + 0.25 + 0.5 = 1; deep 2·0 - 1 = -1 → logit 0.
  const out = await runLayerListOnnx(layerListToOnnx(g), g, { ids: [0, 1, 2, 3, 3, 0], x: [1, 0] }, 2);
  assert.ok(maxAbsDiff(out.logit!, [2.5, 0]) < 1e-6);
  assert.ok(maxAbsDiff(out.p!, [1 / (1 + Math.exp(-2.5)), 0.5]) < 1e-6);
});

Deno.test("layerListToOnnx: the model declares IR 8, opset 17, a symbolic batch dim and metadata", () => {
  const g = randomLayerList(3);
  const m = decodeModel(layerListToOnnx(g, { metadata: { kind: "test" } }));
  assert.equal(Number(m.irVersion), 8);
  assert.deepEqual(m.opsetImport.map((o) => [o.domain, Number(o.version)]), [["", 17]]);
  assert.equal(m.graph!.input![0]!.type!.tensorType!.shape!.dim![0]!.dimParam, "batch");
  assert.deepEqual(m.metadataProps.map((p) => [p.key, p.value]), [["kind", "test"]]);
  assert.deepEqual(m.graph!.output!.map((o) => o.name), g.outputs.map((o) => (o === "x" ? "x_out" : o)));
});

Deno.test("layerListToOnnx: onnxruntime rejects an out-of-range index (no silent garbage)", async () => {
  const g: LayerList = {
    name: "e",
    inputs: [{ name: "ids", type: "int64", width: 1 }],
    layers: [{ kind: "embedding", name: "e", input: "ids", rows: 2, dim: 1, table: [1, 2], combine: "sum" }],
    outputs: ["e"],
  };
  await assert.rejects(() => runLayerListOnnx(layerListToOnnx(g), g, { ids: [5] }, 1));
});
