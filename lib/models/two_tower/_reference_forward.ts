/**
 * The naive twin of the tfjs tower: evaluates a {@link TowerGraph} with plain loops in double precision.
 * Used to check that `describe()` says exactly what tfjs computes (and as the reference an ONNX export
 * must match).
 * @module
 */
import { InputError } from "../../errors.ts";
import type { TowerGraph } from "./graph.ts";

/** Graph inputs by name: Int32Array for index inputs, Float32Array (N × width) for "numeric". */
export type GraphFeeds = Readonly<Record<string, Int32Array | Float32Array>>;

/** Runs the graph on N rows; returns N × width embeddings. */
export function referenceForward(g: TowerGraph, feeds: GraphFeeds, n: number): Float32Array {
  const values = new Map<string, { data: Float64Array; width: number }>();
  for (const inp of g.inputs) {
    const x = feeds[inp.name];
    if (x === undefined) throw new InputError(`feeds.${inp.name}`, "missing");
    if (inp.kind === "float") values.set(inp.name, { data: Float64Array.from(x), width: inp.width });
  }
  for (const layer of g.layers) {
    if (layer.kind === "embedding") {
      const idx = feeds[layer.input]!, [rows, dim] = layer.shape;
      const out = new Float64Array(n * dim);
      for (let r = 0; r < n; r++) {
        const i = idx[r]!;
        if (!(i >= 0 && i < rows)) {
          throw new InputError(`feeds.${layer.input}`, `row ${r}: index ${i} outside [0, ${rows})`);
        }
        for (let d = 0; d < dim; d++) out[r * dim + d] = layer.weights[i * dim + d]!;
      }
      values.set(layer.name, { data: out, width: dim });
    } else if (layer.kind === "dense") {
      const parts = layer.inputs.map((name) => values.get(name)!);
      const [inDim, outDim] = layer.shape;
      const out = new Float64Array(n * outDim);
      for (let r = 0; r < n; r++) {
        for (let o = 0; o < outDim; o++) {
          let s = layer.bias[o]!, row = 0;
          for (const p of parts) {
            for (let c = 0; c < p.width; c++) {
              s += p.data[r * p.width + c]! * layer.weights[(row + c) * outDim + o]!;
            }
            row += p.width;
          }
          if (row !== inDim) {
            throw new InputError(
              "graph",
              `layer ${layer.name}: inputs give ${row} columns, weights expect ${inDim}`,
            );
          }
          out[r * outDim + o] = layer.activation === "relu" ? Math.max(0, s) : s;
        }
      }
      values.set(layer.name, { data: out, width: outDim });
    } else {
      const x = values.get(layer.input)!, out = new Float64Array(n * x.width);
      for (let r = 0; r < n; r++) {
        let ss = 0;
        for (let c = 0; c < x.width; c++) ss += x.data[r * x.width + c]! ** 2;
        const inv = 1 / Math.sqrt(Math.max(ss, layer.epsilon));
        for (let c = 0; c < x.width; c++) out[r * x.width + c] = x.data[r * x.width + c]! * inv;
      }
      values.set(layer.name, { data: out, width: x.width });
    }
  }
  const outName = g.outputs[0]!.from;
  return Float32Array.from(values.get(outName)!.data);
}
