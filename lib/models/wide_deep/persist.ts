/**
 * Saves a wide & deep model under a folder and loads it back without retraining:
 *
 * - `weights.bin`: every weight as little-endian float32, in the order embeddings, wide, then each
 *   dense layer's kernel and bias (the `layout` in `config.json` lists names and lengths);
 * - `config.json`: format version, parameters, encoder, fit info, layout, byte length and an FNV-1a
 *   checksum of `weights.bin` (a mismatch is a ModelFormatError, never silently wrong weights);
 * - `model.onnx` (unless `onnx: false`): the network for onnxruntime (inputs = `model.encode(matrix)`).
 *
 * Each file is written atomically; `config.json` is written last, so a reader that finds it finds the
 * weights it describes (a concurrent re-save is caught by the checksum).
 *
 * @example
 * ```ts
 * import { loadWideDeep, saveWideDeep } from "./persist.ts";
 * import { fitWideDeep } from "./fit.ts";
 * import { plantedCrossData } from "./_planted.ts";
 * const { matrix, labels } = plantedCrossData(200, 1);
 * const model = await fitWideDeep({ matrix, labels }, { params: { maxEpochs: 1, hiddenUnits: [4] }, seed: 1, backend: "cpu" });
 * const dir = await Deno.makeTempDir();
 * await saveWideDeep(model, dir);
 * (await loadWideDeep(dir)).predict(matrix); // same as model.predict(matrix)
 * ```
 * @module
 */
import { ModelFormatError, NotFoundError } from "../../errors.ts";
import { writeBytesAtomic, writeJsonAtomic } from "../../io/atomic.ts";
import { writeOnnx } from "../../export/onnx/mod.ts";
import { WideDeepEncoder, type WideDeepEncoderJSON } from "./encoder.ts";
import type { WideDeepWeights } from "./network.ts";
import {
  checkWeights,
  networkShape,
  WIDE_DEEP_FORMAT_VERSION,
  type WideDeepFitInfo,
  WideDeepModel,
} from "./model.ts";
import { DEFAULT_WIDE_DEEP_PARAMS, type WideDeepParams } from "./params.ts";

/** `config.json` of a saved model. */
export interface WideDeepConfigJSON {
  formatVersion: number;
  kind: "wide_deep";
  params: WideDeepParams;
  encoder: WideDeepEncoderJSON;
  fitInfo: WideDeepFitInfo;
  weightsFile: "weights.bin";
  weightsBytes: number;
  /** FNV-1a 32-bit hash of weights.bin, 8 hex digits. */
  weightsChecksum: string;
  /** Arrays stored in weights.bin, in order. */
  layout: { name: string; length: number; rows?: number; cols?: number }[];
}

/** FNV-1a 32-bit hash of bytes as 8 hex digits. */
export function fnv1aHex(bytes: Uint8Array): string {
  let h = 2166136261;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 16777619);
  return (h >>> 0).toString(16).padStart(8, "0");
}

function weightArrays(
  w: WideDeepWeights,
): { name: string; data: Float32Array; rows?: number; cols?: number }[] {
  return [
    { name: "embeddings", data: w.embeddings },
    { name: "wide", data: w.wide },
    ...w.dense.flatMap((d, i) => [
      { name: `dense_${i}.kernel`, data: d.kernel, rows: d.inDim, cols: d.outDim },
      { name: `dense_${i}.bias`, data: d.bias, cols: d.outDim },
    ]),
  ];
}

/** Writes `config.json`, `weights.bin` and (by default) `model.onnx` under `dir`. */
export async function saveWideDeep(
  model: WideDeepModel,
  dir: string,
  options: { onnx?: boolean } = {},
): Promise<void> {
  const arrays = weightArrays(model.weights);
  const total = arrays.reduce((s, a) => s + a.data.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let k = 0;
  for (const a of arrays) for (const v of a.data) view.setFloat32(4 * k++, v, true);
  await writeBytesAtomic(`${dir}/weights.bin`, bytes);
  if (options.onnx ?? true) await writeOnnx(`${dir}/model.onnx`, model.toOnnx());
  const config: WideDeepConfigJSON = {
    formatVersion: WIDE_DEEP_FORMAT_VERSION,
    kind: "wide_deep",
    params: structuredClone(model.params),
    encoder: model.encoder.toJSON(),
    fitInfo: structuredClone(model.fitInfo),
    weightsFile: "weights.bin",
    weightsBytes: bytes.length,
    weightsChecksum: fnv1aHex(bytes),
    layout: arrays.map((a) => ({ name: a.name, length: a.data.length, rows: a.rows, cols: a.cols })),
  };
  await writeJsonAtomic(`${dir}/config.json`, config);
}

async function readOrNotFound(path: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new NotFoundError(path, "wide & deep model file");
    throw e;
  }
}

/** Loads a model saved by {@link saveWideDeep}. NotFoundError if files are missing; ModelFormatError if they disagree. */
export async function loadWideDeep(dir: string): Promise<WideDeepModel> {
  let config: WideDeepConfigJSON;
  try {
    config = JSON.parse(new TextDecoder().decode(await readOrNotFound(`${dir}/config.json`)));
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new ModelFormatError(`config.json is not JSON: ${e.message}`, "config.json");
    }
    throw e;
  }
  if (config === null || typeof config !== "object" || config.kind !== "wide_deep") {
    throw new ModelFormatError('config.json is not a wide & deep model ({ kind: "wide_deep" })', "kind");
  }
  if (config.formatVersion !== WIDE_DEEP_FORMAT_VERSION) {
    throw new ModelFormatError(
      `unsupported wide & deep format version ${config.formatVersion}; expected ${WIDE_DEEP_FORMAT_VERSION}`,
      "formatVersion",
    );
  }
  const bytes = await readOrNotFound(`${dir}/${config.weightsFile}`);
  if (bytes.length !== config.weightsBytes || fnv1aHex(bytes) !== config.weightsChecksum) {
    throw new ModelFormatError(
      `weights.bin (${bytes.length} bytes, checksum ${
        fnv1aHex(bytes)
      }) does not match config.json (${config.weightsBytes} bytes, ${config.weightsChecksum})`,
      "weightsChecksum",
    );
  }
  const params = { ...DEFAULT_WIDE_DEEP_PARAMS, ...config.params } as WideDeepParams;
  const encoder = WideDeepEncoder.fromJSON(config.encoder);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let k = 0;
  const read = (length: number) => {
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++) out[i] = view.getFloat32(4 * k++, true);
    return out;
  };
  const shape = networkShape(params, encoder);
  const layout = config.layout;
  const nDense = shape.hiddenUnits.length + 1;
  if (!Array.isArray(layout) || layout.length !== 2 + 2 * nDense) {
    throw new ModelFormatError(`layout must list ${2 + 2 * nDense} arrays`, "layout");
  }
  if (layout.reduce((s, a) => s + a.length, 0) * 4 !== bytes.length) {
    throw new ModelFormatError("layout lengths do not add up to weights.bin's size", "layout");
  }
  const embeddings = read(layout[0]!.length), wide = read(layout[1]!.length);
  const dense = Array.from({ length: nDense }, (_, i) => {
    const kl = layout[2 + 2 * i]!, bl = layout[3 + 2 * i]!;
    return { inDim: kl.rows ?? 0, outDim: kl.cols ?? 0, kernel: read(kl.length), bias: read(bl.length) };
  });
  const weights: WideDeepWeights = { embeddings, wide, dense };
  checkWeights(shape, weights);
  return new WideDeepModel(params, encoder, weights, config.fitInfo);
}
