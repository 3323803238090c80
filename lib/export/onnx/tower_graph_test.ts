import assert from "node:assert/strict";
import { type TowerGraphLike, towerGraphToLayerList, twoTowerScoringLayerList } from "./tower_graph.ts";
import { layerListToOnnx } from "./layer_list_to_onnx.ts";
import { runLayerListOnnx } from "./run.ts";
import { evaluateLayerList } from "./layer_list_eval.ts";
import { Rng } from "../../random/mod.ts";

function rand(rng: Rng, n: number): Float32Array {
  return Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
}

/** A tower shaped like lib/models/two_tower/graph.ts's describeTower output. */
function tower(seed: number): TowerGraphLike {
  const rng = new Rng(seed);
  return {
    inputs: [{ name: "id", kind: "index", rows: 5 }, { name: "city", kind: "index", rows: 3 }, {
      name: "numeric",
      kind: "float",
      width: 2,
    }],
    layers: [
      { kind: "embedding", name: "id_embedding", input: "id", shape: [5, 3], weights: rand(rng, 15) },
      { kind: "embedding", name: "city_embedding", input: "city", shape: [3, 2], weights: rand(rng, 6) },
      {
        kind: "dense",
        name: "dense_0",
        inputs: ["id_embedding", "city_embedding", "numeric"],
        shape: [7, 4],
        weights: rand(rng, 28),
        bias: rand(rng, 4),
        activation: "relu",
      },
      {
        kind: "dense",
        name: "dense_1",
        inputs: ["dense_0"],
        shape: [4, 4],
        weights: rand(rng, 16),
        bias: rand(rng, 4),
        activation: "linear",
      },
      { kind: "l2norm", name: "l2norm", input: "dense_1", epsilon: 1e-12 },
    ],
    outputs: [{ name: "embedding", from: "l2norm", width: 4 }],
  };
}

/** Independent forward pass of the tower for one row, straight from the description. */
function naiveTower(g: TowerGraphLike, id: number, city: number, x: [number, number]): number[] {
  const L = g.layers as unknown as { weights: Float32Array; bias: Float32Array }[];
  const idE = Array.from(L[0]!.weights.subarray(id * 3, id * 3 + 3));
  const cE = Array.from(L[1]!.weights.subarray(city * 2, city * 2 + 2));
  const h0 = [...idE, ...cE, ...x];
  const dense = (h: number[], W: Float32Array, b: Float32Array, out: number, relu: boolean) =>
    Array.from({ length: out }, (_, o) => {
      const z = h.reduce((s, v, i) => s + v * W[i * out + o]!, b[o]!);
      return relu ? Math.max(0, z) : z;
    });
  const h1 = dense(h0, L[2]!.weights, L[2]!.bias, 4, true);
  const h2 = dense(h1, L[3]!.weights, L[3]!.bias, 4, false);
  const norm = Math.sqrt(Math.max(h2.reduce((s, v) => s + v * v, 0), 1e-12));
  return h2.map((v) => v / norm);
}

Deno.test("towerGraphToLayerList: onnxruntime reproduces an independent forward pass of the tower", async () => {
  const g = tower(1);
  const ll = towerGraphToLayerList(g, "user_tower");
  const feeds = { id: [0, 4, 2], city: [2, 0, 1], numeric: [0.5, -1, 2, 0, -0.3, 0.7] };
  const onnx = await runLayerListOnnx(layerListToOnnx(ll), ll, feeds, 3);
  for (let r = 0; r < 3; r++) {
    const want = naiveTower(g, feeds.id[r]!, feeds.city[r]!, [
      feeds.numeric[2 * r]!,
      feeds.numeric[2 * r + 1]!,
    ]);
    for (let j = 0; j < 4; j++) assert.ok(Math.abs(onnx.embedding![r * 4 + j]! - want[j]!) < 1e-5);
  }
});

Deno.test("twoTowerScoringLayerList: score = dot of the two unit embeddings, via onnxruntime", async () => {
  const ll = twoTowerScoringLayerList(tower(1), tower(2));
  assert.deepEqual(ll.outputs, ["score", "user_embedding", "item_embedding"]);
  const feeds = {
    user_id: [1, 3],
    user_city: [0, 2],
    user_numeric: [1, 1, -1, 0.5],
    item_id: [4, 0],
    item_city: [1, 1],
    item_numeric: [0, 2, 0.1, -0.2],
  };
  const onnx = await runLayerListOnnx(layerListToOnnx(ll), ll, feeds, 2);
  const ts = evaluateLayerList(ll, feeds, 2);
  for (let r = 0; r < 2; r++) {
    let dot = 0;
    for (let j = 0; j < 4; j++) dot += onnx.user_embedding![r * 4 + j]! * onnx.item_embedding![r * 4 + j]!;
    assert.ok(Math.abs(onnx.score![r]! - dot) < 1e-6);
    assert.ok(Math.abs(onnx.score![r]! - ts.score![r]!) < 1e-5);
    assert.ok(Math.abs(onnx.score![r]!) <= 1 + 1e-6);
  }
});
