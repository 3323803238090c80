/**
 * Writes an ONNX model file atomically (temp file + rename), so a reader never sees half a model.
 *
 * @example
 * ```ts
 * import { writeOnnx } from "./write.ts";
 * import { layerListToOnnx } from "./layer_list_to_onnx.ts";
 * const bytes = layerListToOnnx({
 *   name: "t",
 *   inputs: [{ name: "x", type: "float32", width: 1 }],
 *   layers: [{ kind: "activation", name: "y", input: "x", fn: "sigmoid" }],
 *   outputs: ["y"],
 * });
 * await writeOnnx(await Deno.makeTempDir() + "/model.onnx", bytes);
 * ```
 * @module
 */
import { writeBytesAtomic } from "../../io/atomic.ts";
import { decodeModel } from "./proto.ts";

/** Checks that `bytes` parse as an ONNX model, then writes them atomically to `path`. */
export async function writeOnnx(path: string, bytes: Uint8Array): Promise<void> {
  decodeModel(bytes);
  await writeBytesAtomic(path, bytes);
}
