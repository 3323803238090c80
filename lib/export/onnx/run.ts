/**
 * Runs an ONNX model with onnxruntime-node (CPU) on row-major feeds, for equivalence tests and offline
 * scoring. Float inputs are passed as float32, int64 inputs as BigInt64Array.
 *
 * @example
 * ```ts
 * import { runLayerListOnnx } from "./run.ts";
 * import { layerListToOnnx } from "./layer_list_to_onnx.ts";
 * const g = {
 *   name: "t",
 *   inputs: [{ name: "x", type: "float32" as const, width: 1 }],
 *   layers: [{ kind: "activation" as const, name: "y", input: "x", fn: "relu" as const }],
 *   outputs: ["y"],
 * };
 * const out = await runLayerListOnnx(layerListToOnnx(g), g, { x: [-1, 2] }, 2);
 * out.y; // Float32Array [0, 2]
 * ```
 * @module
 */
import * as ort from "onnxruntime-node";
import { InputError } from "../../errors.ts";
import type { LayerList } from "../../models/network/mod.ts";
import type { LayerListFeeds } from "../../models/network/mod.ts";

/** One input tensor for {@link runOnnx}. */
export interface OnnxFeed {
  type: "float32" | "float64" | "int64";
  data: ArrayLike<number>;
  dims: readonly number[];
}

/**
 * An open onnxruntime session (CPU): load once, run many batches (latency benchmarks, the parity
 * gate). Call {@link release} when done.
 */
export class OnnxSession {
  private constructor(readonly session: ort.InferenceSession) {}

  /** Loads ONNX bytes. */
  static async open(bytes: Uint8Array): Promise<OnnxSession> {
    return new OnnxSession(await ort.InferenceSession.create(bytes));
  }

  /** Runs the feeds; returns every output as Float32Array (row-major); throws InputError on another type. */
  async run(feeds: Readonly<Record<string, OnnxFeed>>): Promise<Record<string, Float32Array>> {
    const res = await this.runNumeric(feeds);
    for (const [name, t] of Object.entries(res)) {
      if (!(t instanceof Float32Array)) throw new InputError(name, "output type double is not float32");
    }
    return res as Record<string, Float32Array>;
  }

  /** Runs the feeds; returns float and double outputs (row-major); throws InputError on another type. */
  async runNumeric(
    feeds: Readonly<Record<string, OnnxFeed>>,
  ): Promise<Record<string, Float32Array | Float64Array>> {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) {
      const dims = [...f.dims];
      inputs[name] = f.type === "int64"
        ? new ort.Tensor("int64", BigInt64Array.from(Array.from(f.data, (v) => BigInt(v))), dims)
        : f.type === "float64"
        ? new ort.Tensor("float64", f.data instanceof Float64Array ? f.data : Float64Array.from(f.data), dims)
        : new ort.Tensor(
          "float32",
          f.data instanceof Float32Array ? f.data : Float32Array.from(f.data),
          dims,
        );
    }
    const res = await this.session.run(inputs);
    const out: Record<string, Float32Array | Float64Array> = {};
    for (const [name, t] of Object.entries(res)) {
      if (!(t.data instanceof Float32Array) && !(t.data instanceof Float64Array)) {
        throw new InputError(name, `output type ${t.type} is not float32 or float64`);
      }
      out[name] = t.data;
    }
    return out;
  }

  /** Frees the native session. */
  release(): Promise<void> {
    return this.session.release();
  }
}

/** Runs `bytes` on the given feeds; returns every output as Float32Array (row-major). */
export async function runOnnx(
  bytes: Uint8Array,
  feeds: Readonly<Record<string, OnnxFeed>>,
): Promise<Record<string, Float32Array>> {
  const session = await OnnxSession.open(bytes);
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/** Runs a model compiled from `g` with feeds laid out as for `evaluateLayerList`. */
export function runLayerListOnnx(
  bytes: Uint8Array,
  g: LayerList,
  feeds: LayerListFeeds,
  nRows: number,
): Promise<Record<string, Float32Array>> {
  const f: Record<string, OnnxFeed> = {};
  for (const inp of g.inputs) {
    const data = feeds[inp.name];
    if (data === undefined) throw new InputError(`feeds.${inp.name}`, "is missing");
    f[inp.name] = { type: inp.type, data, dims: [nRows, inp.width] };
  }
  return runOnnx(bytes, f);
}
