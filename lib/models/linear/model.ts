/**
 * A fitted logistic-regression model: the stored feature encoding, coefficients on the encoded
 * columns and the intercept. Same verbs as the other model families: `predict` (probabilities),
 * `predictRaw` (log-odds), `toJSON` / `fromJSON` (versioned).
 * @module
 */
import { ModelFormatError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { checkCategoryCodes, recodeToTraining } from "../category_codes.ts";
import { buildDesign, designMargins } from "./_design.ts";
import { FeatureEncoder, type FeatureEncoderJSON } from "./encoder.ts";
import { DEFAULT_LOGISTIC_PARAMS, type LogisticParams } from "./params.ts";
import { requireTrainingLayout } from "../training_layout.ts";

/** Version of the logistic model file this code reads and writes. */
export const LOGISTIC_FORMAT_VERSION = 1;

/** How the solver finished. */
export interface LogisticFitInfo {
  iterations: number;
  converged: boolean;
  /** Final objective, sklearn's divided by C: `Σ s_i logloss_i + ‖w‖² / (2C)`. */
  objective: number;
  gradientNorm: number;
  /** Which solver ran (absent in files written before the L-BFGS solver existed). */
  solver?: "newton" | "lbfgs";
}

/** The model file. */
export interface LogisticModelJSON {
  formatVersion: number;
  kind: "logistic";
  params: LogisticParams;
  encoder: FeatureEncoderJSON;
  /** Coefficients on the encoded columns (standardised numerics, one-hot columns), in encoder order. */
  coefficients: number[];
  encodedNames: string[];
  intercept: number;
  fitInfo: LogisticFitInfo;
}

/** A fitted L2-regularised logistic regression. */
export class LogisticModel {
  /** Model family, the key of the model contract (`../contract.ts`). */
  readonly kind = "logistic" as const;

  constructor(
    readonly params: LogisticParams,
    readonly encoder: FeatureEncoder,
    readonly coefficients: Float64Array,
    readonly intercept: number,
    readonly fitInfo: LogisticFitInfo,
  ) {}

  /** Names of the input features the model expects, in order. */
  get featureNames(): readonly string[] {
    return this.encoder.featureNames;
  }

  /**
   * Log-odds `b + w·encode(x)` per row. Categorical codes are re-coded to the training categories by
   * string when the matrix carries category strings (see `../category_codes.ts`); a category not seen in
   * training encodes as all zeros.
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

  /** Probabilities `σ(predictRaw)` of the positive class. */
  predict(matrix: Matrix): Float64Array {
    const z = this.predictRaw(matrix);
    for (let i = 0; i < z.length; i++) {
      const v = z[i]!;
      z[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }
    return z;
  }

  /** Coefficients by encoded column name (`feature` or `feature=category`). */
  namedCoefficients(): { name: string; coefficient: number }[] {
    return this.encoder.encodedNames.map((name, j) => ({ name, coefficient: this.coefficients[j]! }));
  }

  /** Versioned plain object (JSON-safe). */
  toJSON(): LogisticModelJSON {
    return {
      formatVersion: LOGISTIC_FORMAT_VERSION,
      kind: "logistic",
      params: { ...this.params },
      encoder: this.encoder.toJSON(),
      coefficients: [...this.coefficients],
      encodedNames: [...this.encoder.encodedNames],
      intercept: this.intercept,
      fitInfo: { ...this.fitInfo },
    };
  }

  /** Rebuilds a model from {@link LogisticModelJSON}; throws ModelFormatError on a wrong kind, version or shape. */
  static fromJSON(json: unknown): LogisticModel {
    const o = json as Partial<LogisticModelJSON> | null;
    if (o === null || typeof o !== "object" || o.kind !== "logistic") {
      throw new ModelFormatError('expected a logistic model ({ kind: "logistic" })', "kind");
    }
    if (o.formatVersion !== LOGISTIC_FORMAT_VERSION) {
      throw new ModelFormatError(
        `unsupported logistic model format version ${o.formatVersion}; expected ${LOGISTIC_FORMAT_VERSION}`,
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
    const params = { ...DEFAULT_LOGISTIC_PARAMS, ...(o.params ?? {}) };
    const fitInfo = o.fitInfo ?? { iterations: 0, converged: true, objective: NaN, gradientNorm: NaN };
    return new LogisticModel(params, encoder, Float64Array.from(coef), o.intercept!, fitInfo);
  }
}
