/**
 * Saves a GBDT as an artifact bundle (`lib/io/bundle.ts`) and loads it back for prediction. The
 * bundle's config is the model file ({@link GbdtModel.toJSON}: trees as JSON doubles, so predictions
 * are bit-identical after a round trip) plus the envelope's categorical metadata; there is no binary
 * file. Loading validates every number the predictor reads and builds no training object.
 *
 * @example
 * ```ts
 * import { fitGbdt } from "./booster.ts";
 * import { loadGbdt, saveGbdt } from "./persist.ts";
 * const values = Float32Array.from({ length: 200 }, (_, i) => i % 20);
 * const matrix = { nRows: 200, nCols: 1, values, featureNames: ["x"] };
 * const model = fitGbdt({ matrix, labels: Float64Array.from(values) }, {
 *   params: { objective: "regression", nEstimators: 5 },
 * });
 * const dir = await Deno.makeTempDir();
 * await saveGbdt(model, dir);
 * (await loadGbdt(dir)).predict(matrix)[3] === model.predict(matrix)[3]; // true
 * ```
 * @module
 */
import { categoricalMeta, loadWithCodec, type ModelCodec, saveWithCodec } from "../contract_envelope.ts";
import { GBDT_FORMAT_VERSION, GbdtModel, type GbdtModelJSON } from "./model.ts";

/** The GBDT codec of the model contract. */
export const gbdtCodec: ModelCodec<GbdtModel> = {
  kind: "gbdt",
  formatVersion: GBDT_FORMAT_VERSION,
  minFormatVersion: 1,
  encode(model) {
    const json = model.toJSON();
    return {
      config: { ...json, categorical: categoricalMeta(model.categoricalFeatures, model.categoryVocabulary) },
      files: {},
    };
  },
  decode(config) {
    const { categorical: _c, ...json } = config;
    return GbdtModel.fromJSON(json as unknown as GbdtModelJSON);
  },
};

/** Writes the model as a bundle at `dir` (atomically). */
export function saveGbdt(model: GbdtModel, dir: string): Promise<void> {
  return saveWithCodec(gbdtCodec, model, dir);
}

/** Loads a bundle written by {@link saveGbdt}; NotFoundError / ModelFormatError naming the problem. */
export function loadGbdt(dir: string): Promise<GbdtModel> {
  return loadWithCodec(gbdtCodec, dir);
}
