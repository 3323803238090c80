/**
 * A wide & deep model as ONNX: its layer list (`WideDeepModel.toLayerList()`: inputs `deep_ids`,
 * `wide_ids`, `numeric`, the arrays of `model.encode(matrix)`; outputs `probability`, `logit`) compiled
 * by {@link exportNetwork}, optionally with a calibrator appended inside the graph (`calibrated`). The
 * encoder (vocabularies, numeric statistics, wide slots and their hash) travels in the metadata, so a
 * runtime outside this codebase can rebuild the int64 inputs (see `lib/models/wide_deep/encoder.ts`).
 *
 * @example
 * ```ts
 * import { wideDeepToOnnx } from "./wide_deep.ts";
 * import { fitWideDeep, plantedCrossData } from "../../models/wide_deep/mod.ts";
 * const { matrix, labels } = plantedCrossData(100, 1);
 * const model = await fitWideDeep({ matrix, labels }, { params: { maxEpochs: 1, hiddenUnits: [2] }, seed: 1, backend: "cpu" });
 * wideDeepToOnnx(model).length > 0; // true
 * ```
 * @module
 */
import type { WideDeepModel } from "../../models/wide_deep/mod.ts";
import type { CalibratorLike } from "./calibrator_onnx.ts";
import { exportNetwork } from "./network_onnx.ts";

/** The model's network (and calibrator) as ONNX protobuf bytes; run it on `model.encode(matrix)`'s arrays. */
export function wideDeepToOnnx(
  model: WideDeepModel,
  options: { calibrator?: CalibratorLike } = {},
): Uint8Array {
  return exportNetwork(model.toLayerList(), {
    calibrator: options.calibrator,
    model: {
      docString: "Wide & deep click/redemption model. Inputs are WideDeepModel.encode(matrix) arrays.",
      metadata: {
        kind: "wide_deep",
        formatVersion: String(model.toJSON().formatVersion),
        featureNames: JSON.stringify(model.featureNames),
        encoder: JSON.stringify(model.encoder.toJSON()),
      },
    },
  });
}
