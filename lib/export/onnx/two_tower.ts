/**
 * The two-tower towers as ONNX: each tower's layer list (`TwoTowerModel.describe(side)`) compiled by
 * {@link layerListToOnnx}. Inputs: `id` (int64; OOV = the table's last row), one int64 input per
 * categorical feature (missing = its last row) and `numeric` (float32, raw: the standardisation is
 * folded into the first dense layer); output `embedding` (unit L2 norm). `model.feeds(side, …)` builds
 * the inputs. `scoringLayerList(model.describe("user"), model.describe("item"))` (from
 * `lib/models/network/`) makes one graph scoring pairs.
 *
 * @example
 * ```ts ignore
 * const bytes = twoTowerToOnnx(model, "item");
 * ```
 * @module
 */
import type { Side, TwoTowerModel } from "../../models/two_tower/mod.ts";
import { layerListToOnnx } from "./layer_list_to_onnx.ts";

/** One tower as ONNX protobuf bytes, for onnxruntime. */
export function twoTowerToOnnx(model: TwoTowerModel, side: Side): Uint8Array {
  return layerListToOnnx(model.describe(side), {
    docString: `Two-tower ${side} tower: L2-normalised ${model.embeddingDim}-dim embedding.`,
    metadata: { kind: "two_tower", side, formatVersion: String(model.config.formatVersion) },
  });
}
