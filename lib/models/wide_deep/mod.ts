/**
 * Wide & deep click/redemption model on tfjs: a wide linear part over categorical features and their
 * hashed crosses plus a deep part (embeddings + MLP); Adam; early stopping on validation AUC; seeded;
 * saved as a model bundle (`config.json` + `weights.bin`) under a folder; ONNX export is `lib/export/onnx`'s `wideDeepToOnnx`.
 *
 * Missing/unknown inputs (see `params.ts`): a categorical value that is NaN or unseen in training maps
 * to the feature's shared unknown row (`unknownCategory: "oov"`, default) or throws InputError
 * (`"error"`); a NaN numeric throws InputError (`numericMissing: "error"`, default) or takes the
 * training mean (`"mean"`).
 *
 * @example
 * ```ts
 * import { fitWideDeep } from "./mod.ts";
 * import { plantedCrossData } from "./_planted.ts";
 * const { matrix, labels } = plantedCrossData(400, 1);
 * const model = await fitWideDeep({ matrix, labels }, {
 *   params: { crosses: [["a", "b"]], maxEpochs: 2, hiddenUnits: [8] },
 *   seed: 7,
 *   backend: "cpu",
 * });
 * model.predict(matrix)[0]; // a probability
 * ```
 * @module
 */
export { fitWideDeep, type FitWideDeepOptions, type WideDeepData, type WideDeepEpoch } from "./fit.ts";
export {
  checkWeights,
  networkShape,
  WIDE_DEEP_FORMAT_VERSION,
  type WideDeepFitInfo,
  WideDeepModel,
  type WideDeepModelJSON,
} from "./model.ts";
export {
  type CategoricalField,
  crossHash,
  type EncodedBatch,
  type NumericField,
  WideDeepEncoder,
  type WideDeepEncoderJSON,
  type WideSlot,
} from "./encoder.ts";
export { type NetworkShape, networkToLayerList, type WideDeepWeights } from "./network.ts";
export {
  DEFAULT_WIDE_DEEP_PARAMS,
  resolveWideDeepParams,
  validateWideDeepParams,
  type WideDeepParams,
} from "./params.ts";
export { loadWideDeep, saveWideDeep, wideDeepCodec } from "./persist.ts";
/** Seeded data with a planted feature cross, for tests, examples and benchmarks. */
export { plantedCrossData } from "./_planted.ts";
