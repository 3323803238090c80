/**
 * ONNX export for every model family, checked against onnxruntime-node by a parity gate.
 *
 * - **GBDT** (every objective): {@link exportGbdt} → `ai.onnx.ml` opset-5 `TreeEnsemble` in double,
 *   link as graph ops, optional calibrator (`gbdt_onnx.ts`, `tree_ensemble_onnx.ts` says why opset 5).
 * - **Logistic regression**: {@link exportLogistic}, its encoder baked in (`linear_onnx.ts`).
 * - **Networks** (wide & deep, two-tower towers): {@link exportNetwork} over their {@link LayerList}.
 * - **Calibrators** (Platt, isotonic) inside the same graph: {@link addCalibrator}.
 * - **Any model**: {@link exportWithParity} picks the exporter by kind and runs the gate →
 *   `{ bytes, report: ExportReport }` (`exportable: false` with the reason when it fails).
 * - **A registered version**: {@link exportPackage}`(versionDir)` (the registry's export hook) loads
 *   the package, exports, runs the gate and writes `model.onnx` when it passes.
 * - **Parity gate**: {@link checkOnnxParity} (10k random rows, threshold probes, NaN/±∞/unseen
 *   categories, per-tree leaf check) → {@link ParityReport}.
 *
 * ## Two levels
 *
 * 1. **{@link OnnxGraphBuilder}** (`graph_builder.ts`): inputs/outputs with symbolic dims, typed
 *    attributes (`attr.int`, `attr.floats`, `attr.strings`, …), initializers (`float32`, `double`,
 *    `int64`, `string`), nodes in any imported domain (`useOpset("ai.onnx.ml", 3)`), fresh names, and
 *    the model wrapper (IR 8, opset imports, metadata). A GBDT exporter builds its
 *    `TreeEnsembleRegressor` node with this same builder; nothing here is specific to neural nets.
 * 2. **The layer list** (`layer_list.ts`): a JSON-safe description of a feed-forward network that a
 *    model produces from its weights, compiled to ONNX by {@link layerListToOnnx} and evaluated in plain
 *    TypeScript by {@link evaluateLayerList} (the reference twin; also a sync `predict`).
 *
 * ## The network format
 *
 * The layer list (`lib/models/network/`) is the one network description: wide & deep
 * (`WideDeepModel.toLayerList()`) and the two-tower towers (`TwoTowerModel.describe(side)`) emit it,
 * this module compiles it ({@link layerListToOnnx}, {@link wideDeepToOnnx}, {@link twoTowerToOnnx}).
 * Export imports the models, never the reverse, and saving a model writes no ONNX file: the caller
 * (the registry) decides when to export and writes the bytes with {@link writeOnnx} (atomic).
 *
 * @example
 * ```ts
 * import { evaluateLayerList, layerListToOnnx, runLayerListOnnx, type LayerList } from "./mod.ts";
 * const g: LayerList = {
 *   name: "score",
 *   inputs: [{ name: "ids", type: "int64", width: 2 }],
 *   layers: [
 *     { kind: "embedding", name: "e", input: "ids", rows: 3, dim: 2, table: [1, 0, 0, 1, 1, 1], combine: "sum" },
 *     { kind: "l2norm", name: "u", input: "e" },
 *   ],
 *   outputs: ["u"],
 * };
 * const ts = evaluateLayerList(g, { ids: [0, 1] }, 1).u;                       // [0.7071, 0.7071]
 * const onnx = (await runLayerListOnnx(layerListToOnnx(g), g, { ids: [0, 1] }, 1)).u; // same, float32
 * ```
 * @module
 */
export {
  attr,
  type AttrValue,
  type Dim,
  type InitializerData,
  makeTensor,
  type ModelOptions,
  type NodeOptions,
  OnnxGraphBuilder,
} from "./graph_builder.ts";
export {
  type Activation,
  type ActivationLayer,
  ACTIVATIONS,
  type AddLayer,
  type AffineLayer,
  type ConcatLayer,
  type DenseLayer,
  type DotLayer,
  type EmbeddingLayer,
  evaluateLayerList,
  type L2NormLayer,
  type Layer,
  LAYER_KINDS,
  type LayerList,
  type LayerListFeeds,
  type LayerListInput,
  prefixLayerList,
  scoringLayerList,
  validateLayerList,
  type Vec,
} from "../../models/network/mod.ts";
export { addLayerListToGraph, layerListToOnnx } from "./layer_list_to_onnx.ts";
export { type OnnxFeed, OnnxSession, runLayerListOnnx, runOnnx } from "./run.ts";
export { float32AtOrBelow, nextFloat32Down, nextFloat32Up } from "./float32.ts";
export {
  addFloatOutput,
  addLink,
  addTreeEnsemble,
  addTreeEnsembleMargins,
  categorySet,
  checkExportableEnsemble,
  FEATURES_INPUT,
  TREE_ENSEMBLE_ML_OPSET,
  type TreeEnsembleNodeOptions,
  treeEnsembleToOnnx,
  type TreeGraphOptions,
  treeLeafIndexOnnx,
  type TreeLink,
  type TreePrecision,
} from "./tree_ensemble_onnx.ts";
export { exportGbdt, type ExportGbdtOptions, type GbdtLike, gbdtLink, linkOf } from "./gbdt_onnx.ts";
export {
  type ExportableModel,
  type ExportReport,
  exportWithParity,
  type ParitySummary,
  paritySummary,
} from "./model_export.ts";
export { exportPackage, type ExportPackageOptions, ONNX_FILE } from "./package_export.ts";
export { addCalibrator, calibratorJSON, type CalibratorLike } from "./calibrator_onnx.ts";
export {
  exportLogistic,
  type ExportLogisticOptions,
  linearFeatureSpace,
  type LogisticLike,
} from "./linear_onnx.ts";
export { exportNetwork, type ExportNetworkOptions } from "./network_onnx.ts";
export {
  checkOnnxParity,
  compareOutput,
  type MatrixPredictor,
  type OutputKind,
  type OutputParity,
  PARITY_TOLERANCE,
  type ParityOptions,
  type ParityReport,
  type ParitySubject,
  type ParityTolerance,
  randomLayerListFeeds,
} from "./parity.ts";
export {
  type FeatureSpace,
  type ProbeRows,
  randomRows,
  treeFeatureSpace,
  treeProbeRows,
} from "./parity_rows.ts";
export { writeOnnx } from "./write.ts";
export { wideDeepToOnnx } from "./wide_deep.ts";
export { twoTowerToOnnx } from "./two_tower.ts";
export {
  decodeModel,
  ElemType,
  encodeModel,
  onnx,
  ONNX_IR_VERSION,
  ONNX_ML_DOMAIN,
  ONNX_ML_OPSET,
  ONNX_OPSET,
  type OnnxTypes,
} from "./proto.ts";
