/**
 * Compiles a {@link LayerList} to an ONNX model (`ai.onnx` opset 17). Each layer becomes a few standard
 * operators; every tensor is `[batch, width]` with the symbolic batch dim `"batch"`:
 *
 * | layer        | ONNX                                                                      |
 * |--------------|---------------------------------------------------------------------------|
 * | `embedding`  | `Gather(table, ids, axis=0)` → `[batch,k,dim]`, then `Reshape [0, k·dim]` (concat), `ReduceSum`/`ReduceMean` over axis 1 (sum/mean) |
 * | `dense`      | `Gemm(x, W, b)` (or `MatMul` without bias) + activation                  |
 * | `activation` | `Relu` / `Sigmoid` / `Tanh` / `Identity`                                  |
 * | `affine`     | `Mul(x, scale)` then `Add(·, shift)`                                      |
 * | `concat`     | `Concat(axis=1)`                                                          |
 * | `add`        | `Sum`                                                                     |
 * | `l2norm`     | `x / Sqrt(Max(ReduceSum(x·x, axis 1, keepdims), eps))`                    |
 * | `dot`        | `ReduceSum(Mul(a, b), axis 1, keepdims)`                                  |
 *
 * Graph inputs: float32 inputs as `tensor(float)`, int64 inputs as `tensor(int64)`; outputs are
 * `tensor(float)` named as in `outputs`.
 *
 * @example
 * ```ts
 * import { layerListToOnnx } from "./layer_list_to_onnx.ts";
 * const bytes = layerListToOnnx({
 *   name: "t",
 *   inputs: [{ name: "x", type: "float32", width: 2 }],
 *   layers: [{ kind: "dense", name: "y", input: "x", inDim: 2, outDim: 1, weights: [1, 2], activation: "sigmoid" }],
 *   outputs: ["y"],
 * });
 * bytes.length > 0; // true
 * ```
 * @module
 */
import { attr, type ModelOptions, OnnxGraphBuilder } from "./graph_builder.ts";
import { type Activation, type LayerList, validateLayerList } from "../../models/network/mod.ts";
import { ElemType } from "./proto.ts";

const BATCH = "batch";

function activationOp(fn: Activation): string {
  return { linear: "Identity", relu: "Relu", sigmoid: "Sigmoid", tanh: "Tanh" }[fn];
}

/** Adds the layer list's nodes to an existing builder (so a caller can combine it with other parts). */
export function addLayerListToGraph(b: OnnxGraphBuilder, g: LayerList): void {
  const widths = validateLayerList(g);
  b.reserve([...widths.keys()].flatMap((n) => [n, `${n}_out`]));
  for (const inp of g.inputs) {
    b.addInput(inp.name, inp.type === "int64" ? ElemType.INT64 : ElemType.FLOAT, [BATCH, inp.width]);
  }
  let axis1: string | undefined;
  const axesOne = () => (axis1 ??= b.addInts([1], [1], "axes1"));
  for (const l of g.layers) {
    const name = l.name;
    switch (l.kind) {
      case "embedding": {
        const table = b.addFloats(l.table, [l.rows, l.dim], `${name}_table`);
        const gathered = b.op("Gather", [table, l.input], { axis: attr.int(0) });
        if (l.combine === "concat") {
          const shape = b.addInts([0, widths.get(name)!], [2], `${name}_shape`);
          b.op("Reshape", [gathered, shape], {}, name);
        } else if (l.combine === "sum") {
          b.op("ReduceSum", [gathered, axesOne()], { keepdims: attr.int(0) }, name);
        } else {
          b.op("ReduceMean", [gathered], { axes: attr.ints([1]), keepdims: attr.int(0) }, name);
        }
        break;
      }
      case "dense": {
        const W = b.addFloats(l.weights, [l.inDim, l.outDim], `${name}_W`);
        const act = l.activation ?? "linear";
        const target = act === "linear" ? name : undefined;
        let z: string;
        if (l.bias !== undefined) {
          const bias = b.addFloats(l.bias, [l.outDim], `${name}_b`);
          z = b.op("Gemm", [l.input, W, bias], {}, target);
        } else {
          z = b.op("MatMul", [l.input, W], {}, target);
        }
        if (act !== "linear") b.op(activationOp(act), [z], {}, name);
        break;
      }
      case "activation":
        b.op(activationOp(l.fn), [l.input], {}, name);
        break;
      case "affine": {
        const w = widths.get(name)!;
        const scale = b.addFloats(l.scale, [1, w], `${name}_scale`);
        const shift = b.addFloats(l.shift, [1, w], `${name}_shift`);
        b.op("Add", [b.op("Mul", [l.input, scale]), shift], {}, name);
        break;
      }
      case "concat":
        b.op("Concat", l.inputs, { axis: attr.int(1) }, name);
        break;
      case "add":
        b.op("Sum", l.inputs, {}, name);
        break;
      case "l2norm": {
        const sq = b.op("Mul", [l.input, l.input]);
        const ss = b.op("ReduceSum", [sq, axesOne()], { keepdims: attr.int(1) });
        const eps = b.addFloats([l.epsilon ?? 1e-12], [], `${name}_eps`);
        const norm = b.op("Sqrt", [b.op("Max", [ss, eps])]);
        b.op("Div", [l.input, norm], {}, name);
        break;
      }
      case "dot": {
        const prod = b.op("Mul", [l.inputs[0], l.inputs[1]]);
        b.op("ReduceSum", [prod, axesOne()], { keepdims: attr.int(1) }, name);
        break;
      }
    }
  }
  const inputNames = new Set(g.inputs.map((i) => i.name));
  for (const o of g.outputs) {
    // An ONNX graph output must be produced by a node; expose a passed-through input via Identity.
    const produced = inputNames.has(o) ? b.op("Identity", [o], {}, `${o}_out`) : o;
    b.addOutput(produced, ElemType.FLOAT, [BATCH, widths.get(o)!]);
  }
}

/** Compiles a layer list to ONNX protobuf bytes. Throws InputError (via validation) on a bad list. */
export function layerListToOnnx(g: LayerList, options: ModelOptions = {}): Uint8Array {
  const b = new OnnxGraphBuilder(g.name);
  addLayerListToGraph(b, g);
  return b.toBytes(options);
}
