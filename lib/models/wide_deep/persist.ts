/**
 * Saves a wide & deep model as an artifact bundle (`lib/io/bundle.ts`) and loads it back without
 * retraining: `weights.bin` holds every weight as a little-endian float32 tensor (`embeddings`,
 * `wide`, then `dense_<i>.kernel` and `dense_<i>.bias` per layer; see `lib/io/bundle_tensors.ts`) and
 * the config holds the envelope, parameters, encoder, fit info and the tensor manifest. Loading checks
 * the checksums, the shapes against the encoder and parameters, and that every weight is finite.
 * Saving writes no ONNX file: export is `lib/export/onnx`'s job.
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
import { ModelFormatError } from "../../errors.ts";
import { packTensors, requireTensor, unpackTensors } from "../../io/bundle_tensors.ts";
import { categoricalMeta, loadWithCodec, type ModelCodec, saveWithCodec } from "../contract_envelope.ts";
import { WideDeepEncoder } from "./encoder.ts";
import type { WideDeepWeights } from "./network.ts";
import {
  checkWeights,
  networkShape,
  WIDE_DEEP_FORMAT_VERSION,
  type WideDeepFitInfo,
  WideDeepModel,
} from "./model.ts";
import { DEFAULT_WIDE_DEEP_PARAMS, type WideDeepParams } from "./params.ts";

const WEIGHTS = "weights.bin";

/** The wide & deep codec of the model contract. */
export const wideDeepCodec: ModelCodec<WideDeepModel> = {
  kind: "wide_deep",
  formatVersion: WIDE_DEEP_FORMAT_VERSION,
  encode(model) {
    const w = model.weights, enc = model.encoder.json;
    const { bytes, tensors } = packTensors([
      { name: "embeddings", data: w.embeddings },
      { name: "wide", data: w.wide },
      ...w.dense.flatMap((d, i) => [
        { name: `dense_${i}.kernel`, data: d.kernel },
        { name: `dense_${i}.bias`, data: d.bias },
      ]),
    ]);
    return {
      config: {
        kind: "wide_deep",
        formatVersion: WIDE_DEEP_FORMAT_VERSION,
        featureNames: [...model.featureNames],
        categorical: categoricalMeta(enc.categorical.map((c) => c.feature)),
        params: structuredClone(model.params),
        encoder: model.encoder.toJSON(),
        fitInfo: structuredClone(model.fitInfo),
        tensors,
      },
      files: { [WEIGHTS]: bytes },
    };
  },
  decode(config, files) {
    const params = { ...DEFAULT_WIDE_DEEP_PARAMS, ...(config.params ?? {}) } as WideDeepParams;
    const encoder = WideDeepEncoder.fromJSON(config.encoder);
    const bytes = files[WEIGHTS];
    if (bytes === undefined) throw new ModelFormatError(`config.json does not list ${WEIGHTS}`, WEIGHTS);
    const t = unpackTensors(bytes, config.tensors, WEIGHTS);
    const shape = networkShape(params, encoder);
    const dims = [shape.nCategorical * shape.embeddingDim + shape.nNumeric, ...shape.hiddenUnits, 1];
    const weights: WideDeepWeights = {
      embeddings: requireTensor(t, "embeddings", WEIGHTS, shape.embeddingRows * shape.embeddingDim),
      wide: requireTensor(t, "wide", WEIGHTS, shape.wideSize),
      dense: dims.slice(1).map((outDim, i) => ({
        inDim: dims[i]!,
        outDim,
        kernel: requireTensor(t, `dense_${i}.kernel`, WEIGHTS, dims[i]! * outDim),
        bias: requireTensor(t, `dense_${i}.bias`, WEIGHTS, outDim),
      })),
    };
    checkWeights(shape, weights);
    return new WideDeepModel(params, encoder, weights, structuredClone(config.fitInfo as WideDeepFitInfo));
  },
};

/** Writes the model as a bundle at `dir` (atomically; no ONNX side effect). */
export function saveWideDeep(model: WideDeepModel, dir: string): Promise<void> {
  return saveWithCodec(wideDeepCodec, model, dir);
}

/** Loads a bundle written by {@link saveWideDeep}; NotFoundError / ModelFormatError naming the problem. */
export function loadWideDeep(dir: string): Promise<WideDeepModel> {
  return loadWithCodec(wideDeepCodec, dir);
}
