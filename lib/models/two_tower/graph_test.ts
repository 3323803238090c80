import assert from "node:assert/strict";
import { plantedLog } from "./_toy.ts";
import { makeEntityFeatures } from "./features.ts";
import { fitTwoTower } from "./fit.ts";

Deno.test("describe(): the graph (standardisation folded in) reproduces tfjs embeddings, known and OOV ids", async () => {
  const { log, users, items } = plantedLog(9);
  const m = await fitTwoTower({ train: log, users, items }, {
    seed: 1,
    params: { embeddingDim: 8, idDim: 4, featureDim: 3, hidden: [12, 6], batchSize: 16, epochs: 1 },
  });
  const g = m.describe("item");
  assert.equal(g.name, "item_tower");
  assert.deepEqual(g.inputs, [
    { name: "id", type: "int64", width: 1 },
    { name: "group", type: "int64", width: 1 },
    { name: "numeric", type: "float32", width: 1 },
  ]);
  assert.deepEqual(g.layers.map((l) => l.kind), [
    "embedding",
    "embedding",
    "concat",
    "dense",
    "dense",
    "dense",
    "l2norm",
  ]);
  assert.deepEqual(
    g.layers.map((l) => (l.kind === "dense" ? l.activation : "")),
    ["", "", "", "relu", "relu", "linear", ""],
  );
  const concat = g.layers[2]!, first = g.layers[3]!;
  assert.ok(concat.kind === "concat" && first.kind === "dense");
  assert.deepEqual(concat.inputs, ["id_embedding", "group_embedding", "numeric"]);
  assert.deepEqual([first.input, first.inDim, first.outDim], ["dense_0_input", 4 + 3 + 1, 12]);
  assert.deepEqual(g.outputs, ["embedding"]);
  const ids = Array.from({ length: items.n }, (_, j) => (j % 5 === 0 ? -1 : j));
  for (const side of ["user", "item"] as const) {
    const f = side === "user" ? users : items;
    const tfjs = await m.embed(side, f, ids), ref = m.embedReference(side, f, ids);
    let maxDiff = 0;
    for (let j = 0; j < tfjs.length; j++) maxDiff = Math.max(maxDiff, Math.abs(tfjs[j]! - ref[j]!));
    assert.ok(maxDiff < 1e-5, `${side}: max |tfjs − reference| = ${maxDiff}`);
  }
  // The precomputed matrix equals batch inference on the training features.
  assert.ok((await m.embed("item", items)).every((v, j) => Math.abs(v - m.itemEmbeddings[j]!) < 1e-6));
  // Missing categorical codes (−1) use the extra row and still run.
  const missing = makeEntityFeatures(1, {
    categorical: [{ name: "group", cardinality: 4, codes: [-1] }],
    numeric: { signal: [3] },
  });
  assert.equal(m.embedReference("item", missing, [-1]).length, 8);
});
