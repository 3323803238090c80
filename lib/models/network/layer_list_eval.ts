/**
 * Evaluates a {@link LayerList} in plain TypeScript (Float64 arithmetic, row-major typed arrays). It is
 * the reference twin of the ONNX graph (tests compare the two) and a dependency-free way for a model
 * to predict synchronously from its serving structure.
 *
 * @example
 * ```ts
 * import { evaluateLayerList } from "./layer_list_eval.ts";
 * const out = evaluateLayerList({
 *   name: "t",
 *   inputs: [{ name: "x", type: "float32", width: 2 }],
 *   layers: [{ kind: "dense", name: "y", input: "x", inDim: 2, outDim: 1, weights: [1, 2], bias: [0.5] }],
 *   outputs: ["y"],
 * }, { x: [1, 1, 0, 2] }, 2);
 * out.y; // Float64Array [3.5, 4.5]
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { type Activation, type LayerList, validateLayerList } from "./layer_list.ts";

/** Row-major input values per graph input name (`nRows × width`). */
export type LayerListFeeds = Readonly<Record<string, ArrayLike<number>>>;

function activate(fn: Activation | undefined, x: Float64Array): void {
  switch (fn ?? "linear") {
    case "linear":
      return;
    case "relu":
      for (let i = 0; i < x.length; i++) if (!(x[i]! > 0)) x[i] = 0;
      return;
    case "sigmoid":
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        x[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
      }
      return;
    case "tanh":
      for (let i = 0; i < x.length; i++) x[i] = Math.tanh(x[i]!);
      return;
  }
}

/** Layer lists already validated (by object identity): a model predicting repeatedly checks its weights once. */
const validated = new WeakMap<LayerList, Map<string, number>>();

/**
 * Runs the network on `nRows` rows. The list is validated on first use of each object (so do not
 * mutate a layer list after evaluating it). Every input must be given with `nRows × width` values (int64 inputs
 * as integer row indices within their table). Returns the listed outputs, row-major `nRows × width`.
 * @throws InputError on a missing/misshaped feed, a non-finite float feed, or an index out of range.
 */
export function evaluateLayerList(
  g: LayerList,
  feeds: LayerListFeeds,
  nRows: number,
): Record<string, Float64Array> {
  let widths = validated.get(g);
  if (widths === undefined) {
    widths = validateLayerList(g);
    validated.set(g, widths);
  }
  if (!Number.isInteger(nRows) || nRows < 0) {
    throw new InputError("nRows", `must be an integer ≥ 0, got ${nRows}`);
  }
  const values = new Map<string, ArrayLike<number>>();
  for (const inp of g.inputs) {
    const v = feeds[inp.name];
    if (v === undefined) throw new InputError(`feeds.${inp.name}`, "is missing");
    if (v.length !== nRows * inp.width) {
      throw new InputError(
        `feeds.${inp.name}`,
        `has ${v.length} values; expected nRows·width = ${nRows * inp.width}`,
      );
    }
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (!Number.isFinite(x) || (inp.type === "int64" && !Number.isInteger(x))) {
        throw new InputError(
          `feeds.${inp.name}`,
          `value at index ${i} is ${x}; expected a finite ${inp.type === "int64" ? "integer" : "number"}`,
        );
      }
    }
    values.set(inp.name, v);
  }
  const get = (name: string) => values.get(name)!;
  for (const l of g.layers) {
    const w = widths.get(l.name)!;
    const out = new Float64Array(nRows * w);
    switch (l.kind) {
      case "embedding": {
        const ids = get(l.input), k = widths.get(l.input)!, d = l.dim, t = l.table;
        for (let r = 0; r < nRows; r++) {
          for (let j = 0; j < k; j++) {
            const id = ids[r * k + j]!;
            if (id < 0 || id >= l.rows) {
              throw new InputError(
                `feeds.${l.input}`,
                `index ${id} at row ${r} is outside the ${l.rows}-row table of "${l.name}"`,
              );
            }
            const base = l.combine === "concat" ? r * w + j * d : r * w;
            for (let c = 0; c < d; c++) out[base + c]! += t[id * d + c]!;
          }
          if (l.combine === "mean") { for (let c = 0; c < d; c++) out[r * w + c]! /= k; }
        }
        break;
      }
      case "dense": {
        const x = get(l.input), n = l.inDim, m = l.outDim, W = l.weights, b = l.bias;
        for (let r = 0; r < nRows; r++) {
          for (let o = 0; o < m; o++) {
            let s = b === undefined ? 0 : b[o]!;
            for (let i = 0; i < n; i++) s += x[r * n + i]! * W[i * m + o]!;
            out[r * m + o] = s;
          }
        }
        activate(l.activation, out);
        break;
      }
      case "activation": {
        const x = get(l.input);
        for (let i = 0; i < out.length; i++) out[i] = x[i]!;
        activate(l.fn, out);
        break;
      }
      case "affine": {
        const x = get(l.input);
        for (let r = 0; r < nRows; r++) {
          for (let j = 0; j < w; j++) out[r * w + j] = x[r * w + j]! * l.scale[j]! + l.shift[j]!;
        }
        break;
      }
      case "concat": {
        let off = 0;
        for (const name of l.inputs) {
          const x = get(name), wi = widths.get(name)!;
          for (let r = 0; r < nRows; r++) for (let j = 0; j < wi; j++) out[r * w + off + j] = x[r * wi + j]!;
          off += wi;
        }
        break;
      }
      case "add":
        for (const name of l.inputs) {
          const x = get(name);
          for (let i = 0; i < out.length; i++) out[i]! += x[i]!;
        }
        break;
      case "l2norm": {
        const x = get(l.input), eps = l.epsilon ?? 1e-12;
        for (let r = 0; r < nRows; r++) {
          let s = 0;
          for (let j = 0; j < w; j++) s += x[r * w + j]! ** 2;
          const inv = 1 / Math.sqrt(Math.max(s, eps));
          for (let j = 0; j < w; j++) out[r * w + j] = x[r * w + j]! * inv;
        }
        break;
      }
      case "dot": {
        const a = get(l.inputs[0]), b = get(l.inputs[1]), wi = widths.get(l.inputs[0])!;
        for (let r = 0; r < nRows; r++) {
          let s = 0;
          for (let j = 0; j < wi; j++) s += a[r * wi + j]! * b[r * wi + j]!;
          out[r] = s;
        }
        break;
      }
    }
    values.set(l.name, out);
  }
  const result: Record<string, Float64Array> = {};
  for (const o of g.outputs) {
    const v = get(o);
    result[o] = v instanceof Float64Array ? v : Float64Array.from(v);
  }
  return result;
}
