/**
 * Logistic regression (`lib/models/linear`) as ONNX, its feature encoder baked into the graph (double
 * arithmetic after one exact cast of the float32 input):
 *
 * ```text
 * features float[batch, F] → Cast(double) → x
 * numeric:     Gather(x, numeric columns) → Where(IsNaN, impute, ·) → (· − center) / scale → MatMul(w_num)
 * categorical: Gather(x, one column per one-hot slot) → Equal(slot codes) → Cast(double) → MatMul(w_cat)
 * margin = num + cat + intercept;  prediction = Sigmoid(margin) [→ calibrator]
 * outputs: margin float[batch, 1], prediction float[batch, 1]
 * ```
 *
 * This is `FeatureEncoder.encodeRow` column for column: mean imputation of NaN, then standardisation;
 * one-hot over the training codes, where NaN and unseen codes match no slot (all zeros). Categorical
 * inputs are training codes (re-coding strings happens outside the graph; the vocabulary is in the
 * metadata). ±∞ propagate as in TypeScript (`∞ · 0` is NaN on both sides).
 *
 * @example
 * ```ts ignore
 * const bytes = exportLogistic(model, { calibrator });
 * // runOnnx(bytes, { features: { type: "float32", data: matrix.values, dims: [n, F] } }).prediction
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import type { CategoryVocabulary } from "../../models/category_codes.ts";
import type { ColumnEncoding } from "../../models/linear/mod.ts";
import { addCalibrator, calibratorJSON, type CalibratorLike } from "./calibrator_onnx.ts";
import { attr, OnnxGraphBuilder } from "./graph_builder.ts";
import type { FeatureSpace } from "./parity_rows.ts";
import { ElemType } from "./proto.ts";
import { addFloatOutput, FEATURES_INPUT, toDouble } from "./tree_ensemble_onnx.ts";

/** What the exporter reads from a logistic model (structurally: `LogisticModel` fits). */
export interface LogisticLike {
  readonly encoder: {
    readonly featureNames: readonly string[];
    readonly columns: readonly ColumnEncoding[];
    readonly vocabulary?: readonly CategoryVocabulary[];
  };
  readonly coefficients: ArrayLike<number>;
  readonly intercept: number;
}

/** Options of {@link exportLogistic}. */
export interface ExportLogisticOptions {
  calibrator?: CalibratorLike;
  metadata?: Readonly<Record<string, string>>;
}

/** Exports a logistic model (and calibrator) to ONNX bytes; see the module doc. */
export function exportLogistic(model: LogisticLike, options: ExportLogisticOptions = {}): Uint8Array {
  const { columns, featureNames } = model.encoder;
  const numFeatures: number[] = [], impute: number[] = [], center: number[] = [], scale: number[] = [];
  const wNum: number[] = [], slotFeature: number[] = [], slotCode: number[] = [], wCat: number[] = [];
  if (columns.length === 0) throw new InputError("encoder", "the model has no input features");
  let offset = 0;
  columns.forEach((c, j) => {
    if (c.kind === "numeric") {
      numFeatures.push(j), impute.push(c.impute), center.push(c.center), scale.push(c.scale);
      wNum.push(model.coefficients[offset++]!);
    } else {
      for (const code of c.codes) {
        slotFeature.push(j), slotCode.push(code), wCat.push(model.coefficients[offset++]!);
      }
    }
  });
  if (offset !== model.coefficients.length) {
    throw new InputError(
      "coefficients",
      `has ${model.coefficients.length} values for ${offset} encoded columns`,
    );
  }
  const b = new OnnxGraphBuilder("logistic");
  b.addInput(FEATURES_INPUT, ElemType.FLOAT, ["batch", columns.length]);
  const x = toDouble(b, FEATURES_INPUT);
  const row = (values: number[], prefix: string) =>
    b.addInitializer({ type: "double", values }, [1, values.length], undefined, prefix);
  const column = (values: number[], prefix: string) =>
    b.addInitializer({ type: "double", values }, [values.length, 1], undefined, prefix);
  const parts: string[] = [];
  if (numFeatures.length > 0) {
    const xn = b.op("Gather", [x, b.addInts(numFeatures, [numFeatures.length], "numeric_columns")], {
      axis: attr.int(1),
    });
    const imputed = b.op("Where", [b.op("IsNaN", [xn]), row(impute, "impute"), xn]);
    const z = b.op("Div", [b.op("Sub", [imputed, row(center, "center")]), row(scale, "scale")]);
    parts.push(b.op("MatMul", [z, column(wNum, "w_numeric")]));
  }
  if (slotFeature.length > 0) {
    const xc = b.op("Gather", [x, b.addInts(slotFeature, [slotFeature.length], "onehot_columns")], {
      axis: attr.int(1),
    });
    const hot = b.op("Cast", [b.op("Equal", [xc, row(slotCode, "onehot_codes")])], {
      to: attr.int(ElemType.DOUBLE),
    });
    parts.push(b.op("MatMul", [hot, column(wCat, "w_onehot")]));
  }
  const intercept = b.addInitializer(
    { type: "double", values: [model.intercept] },
    [1, 1],
    undefined,
    "intercept",
  );
  if (parts.length === 0) {
    // No encoded column (e.g. categorical features that saw no code): a [batch, 1] zero column, NaN-proof.
    const first = b.op("Gather", [x, b.addInts([0], [1], "first_column")], { axis: attr.int(1) });
    const zero = b.addInitializer({ type: "double", values: [0] }, [], undefined, "zero");
    parts.push(
      b.op("Mul", [b.op("Cast", [b.op("IsNaN", [first])], { to: attr.int(ElemType.DOUBLE) }), zero]),
    );
  }
  const sum = parts.length === 2 ? b.op("Add", [parts[0]!, parts[1]!]) : parts[0]!;
  const margin = b.op("Add", [intercept, sum]);
  let prediction = b.op("Sigmoid", [margin]);
  if (options.calibrator !== undefined) prediction = addCalibrator(b, prediction, options.calibrator);
  addFloatOutput(b, margin, "margin", 1);
  addFloatOutput(b, prediction, "prediction", 1);
  return b.toBytes({
    docString:
      "Logistic regression with its imputation, standardisation and one-hot encoding: features → margin, prediction",
    metadata: {
      kind: "logistic",
      featureNames: JSON.stringify(featureNames),
      encoder: JSON.stringify({ featureNames, columns, categories: model.encoder.vocabulary ?? [] }),
      ...(options.calibrator ? { calibrator: JSON.stringify(calibratorJSON(options.calibrator)) } : {}),
      ...options.metadata,
    },
  });
}

/** The parity gate's feature space for a logistic model: numerics over mean ± 3 sd, codes past the vocabulary. */
export function linearFeatureSpace(model: LogisticLike): FeatureSpace {
  const categorical = new Map<number, number>(), numericPoints = new Map<number, number[]>();
  model.encoder.columns.forEach((c, j) => {
    if (c.kind === "categorical") categorical.set(j, Math.max(0, ...c.codes));
    else numericPoints.set(j, [c.impute - 3 * c.scale, c.impute + 3 * c.scale]);
  });
  return { featureNames: model.encoder.featureNames, categorical, numericPoints };
}
