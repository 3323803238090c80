/**
 * The **layer list**: a plain, JSON-safe description of a feed-forward network over 2-D tensors
 * `[batch, width]`, the one network description of the project: wide & deep and the two-tower towers
 * emit it from their weights, the TypeScript evaluator (`layer_list_eval.ts`) predicts with it and the
 * ONNX exporter (`lib/export/onnx/layer_list_to_onnx.ts`) compiles it. Models never touch protobuf.
 * The format is documented in `mod.ts`.
 *
 * @example
 * ```ts
 * import { validateLayerList, type LayerList } from "./layer_list.ts";
 * const g: LayerList = {
 *   name: "tiny",
 *   inputs: [{ name: "x", type: "float32", width: 2 }],
 *   layers: [{ kind: "dense", name: "y", input: "x", inDim: 2, outDim: 1, weights: [1, 2], bias: [0.5], activation: "sigmoid" }],
 *   outputs: ["y"],
 * };
 * validateLayerList(g).get("y"); // 1 (the output width)
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";

/** Element-wise activation functions. */
export type Activation = "linear" | "relu" | "sigmoid" | "tanh";
/** The activations, for validation. */
export const ACTIVATIONS: readonly Activation[] = ["linear", "relu", "sigmoid", "tanh"];

/** A numeric vector: plain array (JSON) or Float32Array/Float64Array. */
export type Vec = ArrayLike<number>;

/** A graph input: float32 features or int64 row indices (for `embedding`), shape `[batch, width]`. */
export interface LayerListInput {
  name: string;
  type: "float32" | "int64";
  width: number;
}

/**
 * Embedding lookup: `input` is an int64 tensor `[batch, k]` of row indices into `table`
 * (`rows × dim`, row-major). `combine` says how the k looked-up rows become one 2-D tensor:
 * `"concat"` → `[batch, k·dim]` (field embeddings side by side), `"sum"` / `"mean"` → `[batch, dim]`.
 * A wide (linear) part over hashed crosses is an embedding with `dim: 1` and `combine: "sum"`.
 */
export interface EmbeddingLayer {
  kind: "embedding";
  name: string;
  input: string;
  rows: number;
  dim: number;
  table: Vec;
  combine: "concat" | "sum" | "mean";
}

/** Fully connected: `act(x · W + b)` with `weights` `inDim × outDim` row-major (`W[i][o]` at `i·outDim + o`). */
export interface DenseLayer {
  kind: "dense";
  name: string;
  input: string;
  inDim: number;
  outDim: number;
  weights: Vec;
  /** Length `outDim`; omitted = no bias. */
  bias?: Vec;
  /** Default `"linear"`. */
  activation?: Activation;
}

/** Element-wise activation. */
export interface ActivationLayer {
  kind: "activation";
  name: string;
  input: string;
  fn: Activation;
}

/** Per-column affine map `y[:, j] = x[:, j] · scale[j] + shift[j]` (e.g. standardisation). */
export interface AffineLayer {
  kind: "affine";
  name: string;
  input: string;
  scale: Vec;
  shift: Vec;
}

/** Column-wise concatenation of two or more tensors. */
export interface ConcatLayer {
  kind: "concat";
  name: string;
  inputs: string[];
}

/** Element-wise sum of two or more tensors of equal width. */
export interface AddLayer {
  kind: "add";
  name: string;
  inputs: string[];
}

/**
 * Row-wise L2 normalisation with tfjs's `tf.l2Normalize` semantics:
 * `y = x / sqrt(max(Σ_j x_j², epsilon))`; `epsilon` defaults to 1e-12.
 */
export interface L2NormLayer {
  kind: "l2norm";
  name: string;
  input: string;
  epsilon?: number;
}

/** Row-wise dot product of two equal-width tensors → `[batch, 1]` (two-tower scoring). */
export interface DotLayer {
  kind: "dot";
  name: string;
  inputs: [string, string];
}

/** Any layer. */
export type Layer =
  | EmbeddingLayer
  | DenseLayer
  | ActivationLayer
  | AffineLayer
  | ConcatLayer
  | AddLayer
  | L2NormLayer
  | DotLayer;

/** The layer kinds, for validation. */
export const LAYER_KINDS: readonly Layer["kind"][] = [
  "embedding",
  "dense",
  "activation",
  "affine",
  "concat",
  "add",
  "l2norm",
  "dot",
];

/** A whole network: inputs, layers in evaluation order, and the names exposed as outputs. */
export interface LayerList {
  name: string;
  inputs: LayerListInput[];
  layers: Layer[];
  /** Layer (or input) names to expose as graph outputs, each float32 `[batch, width]`. */
  outputs: string[];
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.:\-]*$/;

function fail(field: string, problem: string): never {
  throw new InputError(field, problem);
}

function checkPosInt(field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) fail(field, `must be an integer ≥ 1, got ${v}`);
  return v;
}

function checkVec(field: string, v: unknown, length: number): void {
  const arr = v as ArrayLike<number> | undefined;
  if (arr === undefined || arr === null || typeof arr !== "object" || typeof arr.length !== "number") {
    fail(field, "must be an array of numbers");
  }
  if (arr.length !== length) fail(field, `must have length ${length}, got ${arr.length}`);
  for (let i = 0; i < length; i++) {
    const x = arr[i];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      fail(field, `value at index ${i} is ${x}; expected a finite number`);
    }
  }
}

/**
 * Checks names, references, shapes and weights (finite, right lengths). Returns the width of every
 * tensor by name (inputs and layers). Throws InputError naming the field, e.g. `layers[2].weights`.
 */
export function validateLayerList(g: LayerList): Map<string, number> {
  if (g === null || typeof g !== "object") fail("layerList", "must be an object");
  if (typeof g.name !== "string" || g.name === "") fail("name", "must be a non-empty string");
  if (!Array.isArray(g.inputs) || g.inputs.length === 0) fail("inputs", "must be a non-empty array");
  if (!Array.isArray(g.layers)) fail("layers", "must be an array");
  if (!Array.isArray(g.outputs) || g.outputs.length === 0) fail("outputs", "must be a non-empty array");
  const widths = new Map<string, number>();
  const types = new Map<string, "float32" | "int64">();
  const define = (field: string, name: unknown, width: number, type: "float32" | "int64") => {
    if (typeof name !== "string" || !NAME_RE.test(name)) fail(field, `must match ${NAME_RE}, got "${name}"`);
    if (widths.has(name)) fail(field, `name "${name}" is defined twice`);
    widths.set(name, width);
    types.set(name, type);
  };
  const ref = (field: string, name: unknown, want: "float32" | "int64" = "float32"): number => {
    if (typeof name !== "string" || !widths.has(name)) {
      fail(field, `refers to "${name}", which is not defined earlier`);
    }
    if (types.get(name) !== want) fail(field, `"${name}" is ${types.get(name)}; expected ${want}`);
    return widths.get(name)!;
  };
  g.inputs.forEach((inp, i) => {
    if (inp.type !== "float32" && inp.type !== "int64") {
      fail(`inputs[${i}].type`, `must be "float32" or "int64", got "${inp.type}"`);
    }
    define(`inputs[${i}].name`, inp.name, checkPosInt(`inputs[${i}].width`, inp.width), inp.type);
  });
  g.layers.forEach((l, i) => {
    const f = `layers[${i}]`;
    if (l === null || typeof l !== "object" || !LAYER_KINDS.includes(l.kind)) {
      fail(`${f}.kind`, `must be one of ${LAYER_KINDS.join(", ")}, got "${(l as { kind?: unknown })?.kind}"`);
    }
    let width: number;
    switch (l.kind) {
      case "embedding": {
        const k = ref(`${f}.input`, l.input, "int64");
        const rows = checkPosInt(`${f}.rows`, l.rows), dim = checkPosInt(`${f}.dim`, l.dim);
        checkVec(`${f}.table`, l.table, rows * dim);
        if (l.combine !== "concat" && l.combine !== "sum" && l.combine !== "mean") {
          fail(`${f}.combine`, `must be "concat", "sum" or "mean", got "${l.combine}"`);
        }
        width = l.combine === "concat" ? k * dim : dim;
        break;
      }
      case "dense": {
        const w = ref(`${f}.input`, l.input);
        const inDim = checkPosInt(`${f}.inDim`, l.inDim), outDim = checkPosInt(`${f}.outDim`, l.outDim);
        if (w !== inDim) fail(`${f}.inDim`, `is ${inDim} but "${l.input}" has width ${w}`);
        checkVec(`${f}.weights`, l.weights, inDim * outDim);
        if (l.bias !== undefined) checkVec(`${f}.bias`, l.bias, outDim);
        if (l.activation !== undefined && !ACTIVATIONS.includes(l.activation)) {
          fail(`${f}.activation`, `must be one of ${ACTIVATIONS.join(", ")}, got "${l.activation}"`);
        }
        width = outDim;
        break;
      }
      case "activation":
        width = ref(`${f}.input`, l.input);
        if (!ACTIVATIONS.includes(l.fn)) {
          fail(`${f}.fn`, `must be one of ${ACTIVATIONS.join(", ")}, got "${l.fn}"`);
        }
        break;
      case "affine":
        width = ref(`${f}.input`, l.input);
        checkVec(`${f}.scale`, l.scale, width);
        checkVec(`${f}.shift`, l.shift, width);
        break;
      case "concat":
      case "add": {
        if (!Array.isArray(l.inputs) || l.inputs.length < 2) {
          fail(`${f}.inputs`, "must name at least two tensors");
        }
        const ws = l.inputs.map((n, j) => ref(`${f}.inputs[${j}]`, n));
        if (l.kind === "add" && ws.some((w) => w !== ws[0])) {
          fail(`${f}.inputs`, `widths differ (${ws.join(", ")}); "add" needs equal widths`);
        }
        width = l.kind === "concat" ? ws.reduce((a, b) => a + b, 0) : ws[0]!;
        break;
      }
      case "l2norm":
        width = ref(`${f}.input`, l.input);
        if (
          l.epsilon !== undefined &&
          !(typeof l.epsilon === "number" && l.epsilon > 0 && Number.isFinite(l.epsilon))
        ) {
          fail(`${f}.epsilon`, `must be a finite number > 0, got ${l.epsilon}`);
        }
        break;
      case "dot": {
        if (!Array.isArray(l.inputs) || l.inputs.length !== 2) {
          fail(`${f}.inputs`, "must name exactly two tensors");
        }
        const a = ref(`${f}.inputs[0]`, l.inputs[0]), b = ref(`${f}.inputs[1]`, l.inputs[1]);
        if (a !== b) fail(`${f}.inputs`, `widths differ (${a}, ${b})`);
        width = 1;
        break;
      }
    }
    define(`${f}.name`, l.name, width, "float32");
  });
  const seen = new Set<string>();
  g.outputs.forEach((o, i) => {
    ref(`outputs[${i}]`, o);
    if (seen.has(o)) fail(`outputs[${i}]`, `"${o}" is listed twice`);
    seen.add(o);
  });
  return widths;
}
