import assert from "node:assert/strict";
import { evaluateLayerList } from "./layer_list_eval.ts";
import type { LayerList } from "./layer_list.ts";
import { InputError } from "../../errors.ts";

const g: LayerList = {
  name: "hand",
  inputs: [{ name: "ids", type: "int64", width: 2 }, { name: "x", type: "float32", width: 2 }],
  layers: [
    // table rows: r0 = [1, 0], r1 = [0, 2], r2 = [3, 4]
    {
      kind: "embedding",
      name: "cat",
      input: "ids",
      rows: 3,
      dim: 2,
      table: [1, 0, 0, 2, 3, 4],
      combine: "concat",
    },
    {
      kind: "embedding",
      name: "avg",
      input: "ids",
      rows: 3,
      dim: 2,
      table: [1, 0, 0, 2, 3, 4],
      combine: "mean",
    },
    { kind: "affine", name: "xs", input: "x", scale: [2, -1], shift: [1, 0] },
    {
      kind: "dense",
      name: "d",
      input: "xs",
      inDim: 2,
      outDim: 2,
      weights: [1, 0, 1, 1],
      bias: [0, -10],
      activation: "relu",
    },
    { kind: "l2norm", name: "n", input: "avg" },
    { kind: "dot", name: "s", inputs: ["avg", "xs"] },
    { kind: "activation", name: "t", input: "s", fn: "tanh" },
  ],
  outputs: ["cat", "avg", "xs", "d", "n", "s", "t"],
};

Deno.test("evaluateLayerList: every layer kind against hand-computed values", () => {
  const out = evaluateLayerList(g, { ids: [0, 2], x: [1, 3] }, 1);
  assert.deepEqual(Array.from(out.cat!), [1, 0, 3, 4]);
  assert.deepEqual(Array.from(out.avg!), [2, 2]); // ([1,0] + [3,4]) / 2
  assert.deepEqual(Array.from(out.xs!), [3, -3]); // [1·2+1, 3·-1+0]
  assert.deepEqual(Array.from(out.d!), [0, 0]); // [3-3, -3-10] → relu
  for (const v of out.n!) assert.ok(Math.abs(v - Math.SQRT1_2) < 1e-15);
  assert.deepEqual(Array.from(out.s!), [0]); // 2·3 + 2·-3
  assert.deepEqual(Array.from(out.t!), [0]);
});

Deno.test("evaluateLayerList: zero rows give empty outputs; l2norm of a zero row is zero (eps guard)", () => {
  assert.equal(evaluateLayerList(g, { ids: [], x: [] }, 0).d!.length, 0);
  const z: LayerList = {
    name: "z",
    inputs: [{ name: "x", type: "float32", width: 2 }],
    layers: [{ kind: "l2norm", name: "n", input: "x" }],
    outputs: ["n"],
  };
  assert.deepEqual(Array.from(evaluateLayerList(z, { x: [0, 0] }, 1).n!), [0, 0]);
});

Deno.test("evaluateLayerList: bad feeds throw InputError naming the input", () => {
  assert.throws(() => evaluateLayerList(g, { ids: [0, 2] }, 1), /feeds\.x.*missing/);
  assert.throws(() => evaluateLayerList(g, { ids: [0, 2], x: [1] }, 1), /feeds\.x.*expected nRows·width = 2/);
  assert.throws(() => evaluateLayerList(g, { ids: [0, 2], x: [1, NaN] }, 1), /feeds\.x.*NaN/);
  assert.throws(() => evaluateLayerList(g, { ids: [0, 3], x: [1, 1] }, 1), /feeds\.ids.*index 3.*outside/);
  assert.throws(() => evaluateLayerList(g, { ids: [0, 0.5], x: [1, 1] }, 1), InputError);
});
