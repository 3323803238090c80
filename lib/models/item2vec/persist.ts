/**
 * Saves an item2vec model as an artifact bundle (`lib/io/bundle.ts`) and loads it back: `vectors.bin`
 * holds the tensors `vectors` (float32, `nItems × dim`), `counts` (float64) and `itemIds` (int32); the
 * config holds the envelope, parameters, fit info and the tensor manifest. Loading checks checksums,
 * shapes and that every vector entry and count is finite.
 *
 * @example
 * ```ts
 * import { loadItem2Vec, saveItem2Vec } from "./persist.ts";
 * import { fitItem2Vec } from "./fit.ts";
 * const model = fitItem2Vec([[1, 2], [2, 3]], { params: { dim: 4 }, seed: 1 });
 * const dir = await Deno.makeTempDir();
 * await saveItem2Vec(model, dir);
 * (await loadItem2Vec(dir)).similar(2, 1);
 * ```
 * @module
 */
import { ModelFormatError } from "../../errors.ts";
import { packTensors, requireTensor, unpackTensors } from "../../io/bundle_tensors.ts";
import { loadWithCodec, type ModelCodec, saveWithCodec } from "../contract_envelope.ts";
import { ITEM2VEC_FORMAT_VERSION, type Item2VecFitInfo, Item2VecModel } from "./model.ts";
import { DEFAULT_ITEM2VEC_PARAMS, type Item2VecParams } from "./params.ts";

const VECTORS = "vectors.bin";

/** The item2vec codec of the model contract. */
export const item2vecCodec: ModelCodec<Item2VecModel> = {
  kind: "item2vec",
  formatVersion: ITEM2VEC_FORMAT_VERSION,
  encode(model) {
    const { bytes, tensors } = packTensors([
      { name: "itemIds", data: model.itemIds },
      { name: "counts", data: model.counts },
      { name: "vectors", data: model.vectors },
    ]);
    return {
      config: {
        kind: "item2vec",
        formatVersion: ITEM2VEC_FORMAT_VERSION,
        featureNames: [],
        categorical: [],
        params: { ...model.params },
        fitInfo: { ...model.fitInfo },
        tensors,
      },
      files: { [VECTORS]: bytes },
    };
  },
  decode(config, files) {
    const bytes = files[VECTORS];
    if (bytes === undefined) throw new ModelFormatError(`config.json does not list ${VECTORS}`, VECTORS);
    const t = unpackTensors(bytes, config.tensors, VECTORS);
    const params = { ...DEFAULT_ITEM2VEC_PARAMS, ...(config.params ?? {}) } as Item2VecParams;
    const itemIds = requireTensor<Int32Array>(t, "itemIds", VECTORS, undefined, "int32");
    const n = itemIds.length;
    return new Item2VecModel(
      params,
      itemIds,
      requireTensor<Float64Array>(t, "counts", VECTORS, n, "float64"),
      requireTensor(t, "vectors", VECTORS, n * params.dim),
      config.fitInfo as Item2VecFitInfo,
    );
  },
};

/** Writes the model as a bundle at `dir` (atomically). */
export function saveItem2Vec(model: Item2VecModel, dir: string): Promise<void> {
  return saveWithCodec(item2vecCodec, model, dir);
}

/** Loads a bundle written by {@link saveItem2Vec}; NotFoundError / ModelFormatError naming the problem. */
export function loadItem2Vec(dir: string): Promise<Item2VecModel> {
  return loadWithCodec(item2vecCodec, dir);
}
