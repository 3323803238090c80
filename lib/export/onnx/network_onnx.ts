/**
 * Neural models (wide & deep, the two-tower towers, any MLP) as ONNX: their one network description,
 * the {@link LayerList}, compiled by `layer_list_to_onnx.ts`, with an optional calibrator appended to
 * the `probability` output inside the same graph (output `calibrated`, float `[batch, 1]`).
 *
 * The graph reads the network's own inputs (int64 ids, float32 values: what the model's encoder
 * produces, e.g. `WideDeepModel.encode(matrix)`), so imputation, vocabularies and hashed crosses stay
 * with the encoder, whose JSON travels in the model's metadata.
 *
 * @example
 * ```ts
 * import { exportNetwork } from "./network_onnx.ts";
 * const bytes = exportNetwork({
 *   name: "t",
 *   inputs: [{ name: "x", type: "float32", width: 2 }],
 *   layers: [
 *     { kind: "dense", name: "logit", input: "x", inDim: 2, outDim: 1, weights: [1, 2] },
 *     { kind: "activation", name: "probability", input: "logit", fn: "sigmoid" },
 *   ],
 *   outputs: ["probability", "logit"],
 * }, { calibrator: { kind: "platt", version: 1, a: 1.5, b: -0.2, input: "probability" } });
 * bytes.length > 0; // true
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { addCalibrator, calibratorJSON, type CalibratorLike } from "./calibrator_onnx.ts";
import { type ModelOptions, OnnxGraphBuilder } from "./graph_builder.ts";
import type { LayerList } from "../../models/network/mod.ts";
import { addLayerListToGraph } from "./layer_list_to_onnx.ts";
import { addFloatOutput, toDouble } from "./tree_ensemble_onnx.ts";

/** Options of {@link exportNetwork}. */
export interface ExportNetworkOptions {
  /** Calibrates the `probability` output (which must have width 1) into a `calibrated` output. */
  calibrator?: CalibratorLike;
  model?: ModelOptions;
}

/** Compiles a layer list (and calibrator) to ONNX bytes. */
export function exportNetwork(g: LayerList, options: ExportNetworkOptions = {}): Uint8Array {
  const b = new OnnxGraphBuilder(g.name);
  addLayerListToGraph(b, g);
  const model = { ...options.model, metadata: { ...options.model?.metadata } as Record<string, string> };
  if (options.calibrator !== undefined) {
    if (!g.outputs.includes("probability")) {
      throw new InputError("calibrator", 'needs a network with a "probability" output');
    }
    addFloatOutput(b, addCalibrator(b, toDouble(b, "probability"), options.calibrator), "calibrated", 1);
    model.metadata.calibrator = JSON.stringify(calibratorJSON(options.calibrator));
  }
  return b.toBytes(model);
}
