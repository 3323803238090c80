/**
 * Saves a two-tower model as an artifact bundle (`lib/io/bundle.ts`) and loads it back without
 * retraining (e.g. `models/feed_two_tower/`): `weights.bin` holds every array of
 * {@link TwoTowerModel.arrays} (towers, embedding matrices, popularity) as a little-endian float32
 * tensor; the config holds the envelope and {@link TwoTowerModel.meta} (training config, feature specs,
 * tower shapes) with the tensor manifest. A changed or mixed-up file is a ModelFormatError on load,
 * never a silently wrong model. Saving writes no ONNX file: export is `lib/export/onnx`'s job.
 *
 * @example
 * ```ts ignore
 * await saveTwoTower(model, "models/feed_two_tower");
 * const again = await loadTwoTower("models/feed_two_tower");
 * ```
 * @module
 */
import { ModelFormatError } from "../../errors.ts";
import { packTensors, requireTensor, unpackTensors } from "../../io/bundle_tensors.ts";
import { loadWithCodec, type ModelCodec, saveWithCodec } from "../contract_envelope.ts";
import { TWO_TOWER_FORMAT_VERSION, TwoTowerModel } from "./model.ts";

const WEIGHTS = "weights.bin";

/** The two-tower codec of the model contract. */
export const twoTowerCodec: ModelCodec<TwoTowerModel> = {
  kind: "two_tower",
  formatVersion: TWO_TOWER_FORMAT_VERSION,
  encode(model) {
    const { bytes, tensors } = packTensors(model.arrays().map(([name, data]) => ({ name, data })));
    const meta = model.meta();
    return {
      config: {
        ...meta,
        featureNames: [
          ...meta.userSpec.categorical.map((c) => `user.${c.name}`),
          ...meta.userSpec.numericNames.map((n) => `user.${n}`),
          ...meta.itemSpec.categorical.map((c) => `item.${c.name}`),
          ...meta.itemSpec.numericNames.map((n) => `item.${n}`),
        ],
        categorical: [
          ...meta.userSpec.categorical.map((_, k) => ({ feature: k })),
          ...meta.itemSpec.categorical.map((_, k) => ({
            feature: meta.userSpec.categorical.length + meta.userSpec.numericNames.length + k,
          })),
        ],
        tensors,
      },
      files: { [WEIGHTS]: bytes },
    };
  },
  decode(config, files) {
    const bytes = files[WEIGHTS];
    if (bytes === undefined) throw new ModelFormatError(`config.json does not list ${WEIGHTS}`, WEIGHTS);
    const t = unpackTensors(bytes, config.tensors, WEIGHTS);
    const { tensors: _t, featureNames: _f, categorical: _c, ...meta } = config;
    // Copies: a model owns its arrays (tensors of one file must not alias each other's buffers).
    return TwoTowerModel.fromArrays(meta, (name, length) => requireTensor(t, name, WEIGHTS, length).slice());
  },
};

/** Writes the model as a bundle at `dir` (atomically; no ONNX side effect). */
export function saveTwoTower(model: TwoTowerModel, dir: string): Promise<void> {
  return saveWithCodec(twoTowerCodec, model, dir);
}

/** Loads a bundle written by {@link saveTwoTower}; NotFoundError / ModelFormatError naming the problem. */
export function loadTwoTower(dir: string): Promise<TwoTowerModel> {
  return loadWithCodec(twoTowerCodec, dir);
}
