/**
 * The describe() contract end to end: a trained tower → its layer list → ONNX →
 * onnxruntime-node gives the tfjs embeddings within 1e-4 (known IDs, OOV IDs, missing categorical codes).
 */
import assert from "node:assert/strict";
import { scoringLayerList } from "../../models/network/mod.ts";
import { fitTwoTower, plantedLog } from "../../models/two_tower/mod.ts";
import { layerListToOnnx } from "./layer_list_to_onnx.ts";
import { runLayerListOnnx } from "./run.ts";
import { twoTowerToOnnx } from "./two_tower.ts";

Deno.test("ONNX export of both towers matches tfjs within 1e-4", async () => {
  const { log, users, items } = plantedLog(21);
  const m = await fitTwoTower({ train: log, users, items }, {
    seed: 4,
    params: { embeddingDim: 8, idDim: 4, featureDim: 3, hidden: [10], batchSize: 16, epochs: 2 },
  });
  const n = items.n;
  const ids = Int32Array.from({ length: n }, (_, j) => (j % 7 === 0 ? -1 : j));
  const feeds = (side: "user" | "item") => m.feeds(side, side === "user" ? users : items, ids);
  for (const side of ["user", "item"] as const) {
    const g = m.describe(side);
    const onnx = await runLayerListOnnx(twoTowerToOnnx(m, side), g, feeds(side), n);
    const tfjs = await m.embed(side, side === "user" ? users : items, ids);
    const got = onnx[g.outputs[0]!]!;
    let maxDiff = 0;
    for (let j = 0; j < tfjs.length; j++) maxDiff = Math.max(maxDiff, Math.abs(got[j]! - tfjs[j]!));
    assert.ok(maxDiff < 1e-4, `${side}: max |onnx − tfjs| = ${maxDiff}`);
  }
  // One scoring graph: score = u · v, against the model's precomputed matrices for known IDs.
  const s = scoringLayerList(m.describe("user"), m.describe("item"));
  const uf = feeds("user"), itf = feeds("item");
  const joint: Record<string, ArrayLike<number>> = {};
  for (const [k, v] of Object.entries(uf)) joint[`user_${k}`] = v;
  for (const [k, v] of Object.entries(itf)) joint[`item_${k}`] = v;
  const scores = (await runLayerListOnnx(layerListToOnnx(s), s, joint, n)).score!;
  const known = Array.from({ length: n }, (_, j) => j).filter((j) => ids[j]! >= 0);
  const ref = m.scorePairs(known, known);
  known.forEach((j, r) => assert.ok(Math.abs(scores[j]! - ref[r]!) < 1e-4, `row ${j}`));
});
