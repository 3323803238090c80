import assert from "node:assert/strict";
import { attr, makeTensor, OnnxGraphBuilder } from "./graph_builder.ts";
import { decodeModel, ElemType, ONNX_ML_DOMAIN, ONNX_ML_OPSET } from "./proto.ts";
import { runOnnx } from "./run.ts";
import { InputError } from "../../errors.ts";

Deno.test("OnnxGraphBuilder: Gemm + Relu with initializers runs in onnxruntime (hand-computed)", async () => {
  const b = new OnnxGraphBuilder("gemm");
  b.addInput("x", ElemType.FLOAT, ["batch", 2]);
  const W = b.addFloats([1, -1, 2, 0.5], [2, 2]);
  const bias = b.addFloats([0.5, -3], [2]);
  const z = b.op("Gemm", ["x", W, bias]);
  b.op("Relu", [z], {}, "y");
  b.addOutput("y", ElemType.FLOAT, ["batch", 2]);
  const out = await runOnnx(b.toBytes(), { x: { type: "float32", data: [1, 2, -1, 0], dims: [2, 2] } });
  // [1,2]·W = [1+4, -1+1] = [5, 0] + b = [5.5, -3] → relu [5.5, 0]; [-1,0]·W = [-1, 1] + b = [-0.5, -2] → [0, 0]
  assert.deepEqual(Array.from(out.y!), [5.5, 0, 0, 0]);
});

Deno.test("OnnxGraphBuilder: int64 initializers feed Gather", async () => {
  const b = new OnnxGraphBuilder("gather");
  b.addInput("table", ElemType.FLOAT, [3, 2]);
  const idx = b.addInts([2, 0], [2]);
  b.op("Gather", ["table", idx], { axis: attr.int(0) }, "rows");
  b.addOutput("rows", ElemType.FLOAT, [2, 2]);
  const out = await runOnnx(b.toBytes(), {
    table: { type: "float32", data: [1, 2, 3, 4, 5, 6], dims: [3, 2] },
  });
  assert.deepEqual(Array.from(out.rows!), [5, 6, 1, 2]);
});

Deno.test("OnnxGraphBuilder: ai.onnx.ml TreeEnsembleRegressor (the GBDT exporter's path) runs", async () => {
  // One stump: x0 <= 0.5 → -1, else +1; base 0.25.
  const b = new OnnxGraphBuilder("trees").useOpset(ONNX_ML_DOMAIN, ONNX_ML_OPSET);
  b.addInput("X", ElemType.FLOAT, ["batch", 1]);
  b.addNode("TreeEnsembleRegressor", ["X"], ["Y"], {
    n_targets: attr.int(1),
    nodes_treeids: attr.ints([0, 0, 0]),
    nodes_nodeids: attr.ints([0, 1, 2]),
    nodes_featureids: attr.ints([0, 0, 0]),
    nodes_modes: attr.strings(["BRANCH_LEQ", "LEAF", "LEAF"]),
    nodes_values: attr.floats([0.5, 0, 0]),
    nodes_truenodeids: attr.ints([1, 0, 0]),
    nodes_falsenodeids: attr.ints([2, 0, 0]),
    target_treeids: attr.ints([0, 0]),
    target_nodeids: attr.ints([1, 2]),
    target_ids: attr.ints([0, 0]),
    target_weights: attr.floats([-1, 1]),
    base_values: attr.floats([0.25]),
  }, { domain: ONNX_ML_DOMAIN });
  b.addOutput("Y", ElemType.FLOAT, ["batch", 1]);
  const model = decodeModel(b.toBytes());
  assert.deepEqual(model.opsetImport.map((o) => [o.domain, Number(o.version)]), [["", 17], [
    "ai.onnx.ml",
    3,
  ]]);
  const out = await runOnnx(b.toBytes(), { X: { type: "float32", data: [0.2, 0.5, 0.9], dims: [3, 1] } });
  assert.deepEqual(Array.from(out.Y!), [-0.75, -0.75, 1.25]);
});

Deno.test("OnnxGraphBuilder: attributes keep their types through encode/decode", () => {
  const b = new OnnxGraphBuilder("attrs");
  b.addInput("x", ElemType.FLOAT, ["n", 1]);
  b.op("Identity", ["x"], {
    i: attr.int(3),
    f: attr.float(0.5),
    s: attr.string("hé"),
    is: attr.ints([1, -2]),
  }, "y");
  b.addOutput("y", ElemType.FLOAT, ["n", 1]);
  const node = decodeModel(b.toBytes()).graph!.node![0]!;
  const byName = Object.fromEntries(node.attribute!.map((a) => [a.name, a]));
  assert.equal(Number(byName.i!.i), 3);
  assert.equal(byName.f!.f, 0.5);
  assert.equal(new TextDecoder().decode(byName.s!.s!), "hé");
  assert.deepEqual(byName.is!.ints!.map(Number), [1, -2]);
});

Deno.test("OnnxGraphBuilder: misuse throws InputError naming the problem", () => {
  const b = new OnnxGraphBuilder("bad");
  b.addInput("x", ElemType.FLOAT, ["n", 1]);
  assert.throws(() => b.addInput("x", ElemType.FLOAT, ["n", 1]), /already used/);
  assert.throws(() => b.op("Relu", ["nope"]), /not defined/);
  assert.throws(() => b.op("Foo", ["x"], {}, undefined, { domain: "ai.onnx.ml" }), /not imported/);
  assert.throws(() => b.addOutput("missing", ElemType.FLOAT, [1]), InputError);
  assert.throws(() => b.addFloats([1, 2, 3], [2, 2]), /need 4/);
  assert.throws(() => attr.int(1.5), InputError);
  assert.throws(() => new OnnxGraphBuilder("empty").toBytes(), /no outputs/);
  assert.throws(() => b.useOpset("", 13), /already imported/);
});

Deno.test("makeTensor: little-endian raw data for float32, double and int64", () => {
  const f = makeTensor("f", { type: "float32", values: [1.5] }, [1]);
  assert.equal(new DataView(f.rawData!.buffer).getFloat32(0, true), 1.5);
  const d = makeTensor("d", { type: "double", values: [0.1] }, [1]);
  assert.equal(new DataView(d.rawData!.buffer).getFloat64(0, true), 0.1);
  const i = makeTensor("i", { type: "int64", values: [-7, 2 ** 40] }, [2]);
  const v = new DataView(i.rawData!.buffer);
  assert.equal(v.getBigInt64(0, true), -7n);
  assert.equal(v.getBigInt64(8, true), 2n ** 40n);
  assert.throws(() => makeTensor("i", { type: "int64", values: [0.5] }, [1]), InputError);
});
