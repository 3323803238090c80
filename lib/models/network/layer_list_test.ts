import assert from "node:assert/strict";
import { type LayerList, validateLayerList } from "./layer_list.ts";
import { InputError } from "../../errors.ts";
import { randomLayerList } from "./_random_layer_list.ts";

function base(): LayerList {
  return {
    name: "g",
    inputs: [{ name: "ids", type: "int64", width: 2 }, { name: "x", type: "float32", width: 3 }],
    layers: [
      {
        kind: "embedding",
        name: "e",
        input: "ids",
        rows: 4,
        dim: 2,
        table: new Float32Array(8),
        combine: "concat",
      },
      { kind: "concat", name: "h", inputs: ["e", "x"] },
      { kind: "dense", name: "y", input: "h", inDim: 7, outDim: 1, weights: new Float32Array(7), bias: [0] },
    ],
    outputs: ["y"],
  };
}

Deno.test("validateLayerList: widths of every tensor", () => {
  const w = validateLayerList(base());
  assert.deepEqual([...w], [["ids", 2], ["x", 3], ["e", 4], ["h", 7], ["y", 1]]);
  for (let s = 0; s < 20; s++) validateLayerList(randomLayerList(s)); // the generator only makes valid lists
});

Deno.test("validateLayerList: bad lists throw InputError naming the field", () => {
  const cases: [(g: LayerList) => void, RegExp][] = [
    [(g) => (g.layers[2] = { ...g.layers[2]!, inDim: 6 } as never), /layers\[2\]\.inDim.*width 7/],
    [
      (g) => ((g.layers[0] as unknown as { table: Float32Array }).table = new Float32Array(7)),
      /layers\[0\]\.table.*length 8/,
    ],
    [
      (g) => ((g.layers[2] as unknown as { weights: number[] }).weights = [1, 2, 3, 4, 5, 6, NaN]),
      /layers\[2\]\.weights.*index 6 is NaN/,
    ],
    [
      (g) => ((g.layers[1] as unknown as { inputs: string[] }).inputs = ["e", "zzz"]),
      /layers\[1\]\.inputs\[1\].*"zzz"/,
    ],
    [
      (g) => ((g.layers[1] as unknown as { inputs: string[] }).inputs = ["ids", "x"]),
      /int64; expected float32/,
    ],
    [(g) => ((g.layers[0] as unknown as { input: string }).input = "x"), /float32; expected int64/],
    [(g) => (g.layers[1]!.name = "e"), /defined twice/],
    [(g) => (g.outputs = ["y", "y"]), /listed twice/],
    [(g) => (g.outputs = ["ids"]), /outputs\[0\]/],
    [
      (g) => ((g.layers[2] as unknown as { activation: string }).activation = "gelu"),
      /layers\[2\]\.activation/,
    ],
    [(g) => ((g.layers[0] as unknown as { kind: string }).kind = "conv"), /layers\[0\]\.kind/],
    [(g) => (g.inputs[0]!.width = 0), /inputs\[0\]\.width/],
    [(g) => (g.inputs[0]!.name = "bad name"), /inputs\[0\]\.name/],
    [(g) => g.layers.push({ kind: "add", name: "s", inputs: ["e", "x"] }), /widths differ/],
    [(g) => g.layers.push({ kind: "l2norm", name: "n", input: "h", epsilon: 0 }), /epsilon/],
  ];
  for (const [mutate, re] of cases) {
    const g = base();
    mutate(g);
    assert.throws(
      () => validateLayerList(g),
      (e: unknown) => e instanceof InputError && re.test(e.message),
      String(re),
    );
  }
});
