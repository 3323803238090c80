/**
 * What the fitted linear regressions share (internal): the stored feature encoding, coefficients on the
 * encoded columns and the intercept, the linear predictor `b + w·encode(x)` with the training-layout and
 * category checks, and the checked parts of their model files.
 * @module
 */
import { ModelFormatError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { checkCategoryCodes, recodeToTraining } from "../category_codes.ts";
import { requireTrainingLayout } from "../training_layout.ts";
import { buildDesign, designMargins } from "./_design.ts";
import { FeatureEncoder, type FeatureEncoderJSON } from "./encoder.ts";

/** How a regression solver finished. */
export interface RegressionFitInfo {
  iterations: number;
  converged: boolean;
  /** Final value of the model's objective (see its params doc). */
  objective: number;
  /** Final max |gradient| (ridge: of the normal equations, i.e. half the objective's gradient). */
  gradientNorm: number;
  solver: string;
}

/** The fields every linear regression model file has. */
export interface LinearModelFileJSON {
  formatVersion: number;
  encoder: FeatureEncoderJSON;
  /** Coefficients on the encoded columns (standardised numerics, one-hot columns), in encoder order. */
  coefficients: number[];
  encodedNames: string[];
  intercept: number;
  fitInfo: RegressionFitInfo;
}

/** Encoder, coefficients and intercept of a fitted linear model. */
export abstract class EncodedLinearModel {
  constructor(
    readonly encoder: FeatureEncoder,
    readonly coefficients: Float64Array,
    readonly intercept: number,
    readonly fitInfo: RegressionFitInfo,
  ) {}

  /** Names of the input features the model expects, in order. */
  get featureNames(): readonly string[] {
    return this.encoder.featureNames;
  }

  /**
   * The linear predictor `b + w·encode(x)` per row. Categorical codes are re-coded to the training
   * categories by string when the matrix carries them; an unseen category encodes as all zeros.
   * Throws InputError when the columns differ from training or a categorical value is not NaN or a
   * non-negative integer code.
   */
  predictRaw(matrix: Matrix): Float64Array {
    requireTrainingLayout(matrix, this.encoder.featureNames);
    checkCategoryCodes(matrix, this.encoder.categoricalFeatures);
    const recoded = recodeToTraining(matrix, this.encoder.vocabulary);
    const out = new Float64Array(matrix.nRows);
    designMargins(buildDesign(this.encoder, recoded), this.coefficients, this.intercept, out);
    return out;
  }

  /** Coefficients by encoded column name (`feature` or `feature=category`). */
  namedCoefficients(): { name: string; coefficient: number }[] {
    return this.encoder.encodedNames.map((name, j) => ({ name, coefficient: this.coefficients[j]! }));
  }

  /** The shared part of the model file. */
  protected fileJSON(formatVersion: number): LinearModelFileJSON {
    return {
      formatVersion,
      encoder: this.encoder.toJSON(),
      coefficients: [...this.coefficients],
      encodedNames: [...this.encoder.encodedNames],
      intercept: this.intercept,
      fitInfo: { ...this.fitInfo },
    };
  }
}

/** Checks kind, version, encoder, coefficients and intercept of a model file; ModelFormatError naming the field. */
export function parseLinearFile(
  json: unknown,
  kind: string,
  formatVersion: number,
): {
  encoder: FeatureEncoder;
  coefficients: Float64Array;
  intercept: number;
  params: Record<string, unknown>;
  fitInfo: RegressionFitInfo;
} {
  const o = json as (Partial<LinearModelFileJSON> & { kind?: unknown; params?: unknown }) | null;
  if (o === null || typeof o !== "object" || o.kind !== kind) {
    throw new ModelFormatError(`expected a ${kind} model ({ kind: "${kind}" })`, "kind");
  }
  if (o.formatVersion !== formatVersion) {
    throw new ModelFormatError(
      `unsupported ${kind} model format version ${o.formatVersion}; expected ${formatVersion}`,
      "formatVersion",
    );
  }
  const encoder = FeatureEncoder.fromJSON(o.encoder);
  const coef = o.coefficients;
  if (!Array.isArray(coef) || coef.length !== encoder.nEncoded || !coef.every(Number.isFinite)) {
    throw new ModelFormatError(`coefficients must be ${encoder.nEncoded} finite numbers`, "coefficients");
  }
  if (!Number.isFinite(o.intercept)) {
    throw new ModelFormatError("intercept must be a finite number", "intercept");
  }
  const params = o.params !== null && typeof o.params === "object" ? o.params as Record<string, unknown> : {};
  const fitInfo = o.fitInfo ??
    { iterations: 0, converged: true, objective: NaN, gradientNorm: NaN, solver: "" };
  return { encoder, coefficients: Float64Array.from(coef), intercept: o.intercept!, params, fitInfo };
}
