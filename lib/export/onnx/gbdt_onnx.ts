/**
 * A fitted GBDT (any objective), optionally with its calibrator, as one ONNX graph:
 *
 * ```text
 * features float[batch, F] → Cast(double) → TreeEnsemble (ai.onnx.ml 5) → + baseScore → margin
 *   → link (Sigmoid | Softmax(axis 1) | Exp | identity) → [calibrator] → prediction
 * outputs: margin float[batch, K], prediction float[batch, K]   (K = classes for multiclass, else 1)
 * ```
 *
 * | objective    | link     | prediction                                  |
 * |--------------|----------|---------------------------------------------|
 * | `binary`     | Sigmoid  | P(y = 1) (calibrated when a calibrator is given) |
 * | `multiclass` | Softmax  | class probabilities                         |
 * | `poisson`    | Exp      | expected count                              |
 * | `regression` | identity | value                                       |
 * | `lambdarank` | identity | ranking score                               |
 *
 * Everything after the cast runs in double; the two outputs are rounded to float32 once, at the end.
 * The input holds the model's column order and, for categorical features, the **training** category
 * codes (what `model.prepareMatrix(matrix).values` holds: re-coding strings is outside the graph);
 * the feature names, categorical columns and vocabularies are in the model's metadata
 * (`featureNames`, `categoricalFeatures`, `categories`, JSON).
 *
 * @example
 * ```ts
 * import { fitGbdt } from "../../models/gbdt/mod.ts";
 * import { exportGbdt } from "./gbdt_onnx.ts";
 * const values = Float32Array.from({ length: 200 }, (_, i) => i % 20);
 * const matrix = { nRows: 200, nCols: 1, values, featureNames: ["x"] };
 * const model = fitGbdt({ matrix, labels: Float64Array.from(values, (x) => 2 * x) }, {
 *   params: { objective: "regression", nEstimators: 5 }, seed: 1,
 * });
 * const bytes = exportGbdt(model); // run it with runOnnx(bytes, { features: {...} })
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import type { CategoryVocabulary } from "../../models/category_codes.ts";
import type { TreeEnsemble } from "../../models/tree/mod.ts";
import { addCalibrator, calibratorJSON, type CalibratorLike } from "./calibrator_onnx.ts";
import { OnnxGraphBuilder } from "./graph_builder.ts";
import {
  addFloatOutput,
  addLink,
  addTreeEnsembleMargins,
  type TreeLink,
  type TreePrecision,
} from "./tree_ensemble_onnx.ts";

/** What the exporter reads from a GBDT model (structurally: `GbdtModel` fits). */
export interface GbdtLike {
  readonly ensemble: TreeEnsemble;
  /** Objective name: binary, regression, poisson, lambdarank or multiclass (gives the link when `link` is absent). */
  readonly objective?: string;
  /** The prediction link (`identity`, `sigmoid`, `exp`, `softmax`), when the model states it. */
  readonly link?: string;
  readonly featureNames: readonly string[];
  readonly categoricalFeatures: readonly number[];
  readonly categoryVocabulary?: readonly CategoryVocabulary[];
}

/** Options of {@link exportGbdt}. */
export interface ExportGbdtOptions {
  /** A calibrator applied to the prediction (single-output models only). */
  calibrator?: CalibratorLike;
  /** Tree arithmetic (default "float64"; see tree_ensemble_onnx.ts). */
  precision?: TreePrecision;
  /** Extra metadata entries. */
  metadata?: Readonly<Record<string, string>>;
}

const LINKS: Readonly<Record<string, TreeLink>> = {
  binary: "sigmoid",
  multiclass: "softmax",
  poisson: "exp",
  regression: "identity",
  lambdarank: "identity",
};

/** The link of a GBDT objective; throws InputError naming `objective` for an unknown one. */
export function gbdtLink(objective: string): TreeLink {
  const link = LINKS[objective];
  if (link === undefined) {
    throw new InputError(
      "objective",
      `has no ONNX link: "${objective}" (expected ${Object.keys(LINKS).join(", ")})`,
    );
  }
  return link;
}

const TREE_LINKS: readonly string[] = ["identity", "sigmoid", "softmax", "exp"];

/** The model's link: its own `link` when it states one, else its objective's. InputError when neither names one. */
export function linkOf(model: Pick<GbdtLike, "link" | "objective">): TreeLink {
  if (model.link !== undefined) {
    if (!TREE_LINKS.includes(model.link)) {
      throw new InputError("link", `has no ONNX form: "${model.link}" (expected ${TREE_LINKS.join(", ")})`);
    }
    return model.link as TreeLink;
  }
  return gbdtLink(model.objective ?? "(none)");
}

/** Exports a GBDT model (and calibrator) to ONNX bytes; see the module doc for the graph. */
export function exportGbdt(model: GbdtLike, options: ExportGbdtOptions = {}): Uint8Array {
  const e = model.ensemble;
  const link = linkOf(model);
  const name = model.objective ?? link;
  if (model.featureNames.length !== e.nFeatures) {
    throw new InputError(
      "featureNames",
      `has ${model.featureNames.length} names for ${e.nFeatures} features`,
    );
  }
  if (options.calibrator !== undefined && e.nOutputs !== 1) {
    throw new InputError("calibrator", `applies to single-output models; this one has ${e.nOutputs} outputs`);
  }
  const precision = options.precision ?? "float64";
  const b = new OnnxGraphBuilder(`gbdt_${name}`);
  const margin = addTreeEnsembleMargins(b, e, { precision });
  let prediction = addLink(b, margin, link);
  if (options.calibrator !== undefined) prediction = addCalibrator(b, prediction, options.calibrator);
  addFloatOutput(b, margin, "margin", e.nOutputs);
  if (prediction === margin) prediction = b.op("Identity", [margin]);
  addFloatOutput(b, prediction, "prediction", e.nOutputs);
  return b.toBytes({
    docString: `GBDT (${name}, ${e.trees.length} trees): features → margin, prediction` +
      (options.calibrator ? " (calibrated)" : ""),
    metadata: {
      kind: "gbdt",
      ...(model.objective !== undefined ? { objective: model.objective } : {}),
      link,
      precision,
      featureNames: JSON.stringify(model.featureNames),
      categoricalFeatures: JSON.stringify(model.categoricalFeatures),
      categories: JSON.stringify(model.categoryVocabulary ?? []),
      ...(options.calibrator ? { calibrator: JSON.stringify(calibratorJSON(options.calibrator)) } : {}),
      ...options.metadata,
    },
  });
}
