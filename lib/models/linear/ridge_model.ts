/**
 * A fitted ridge regression: `predict` returns the values `b + w·encode(x)` (= `predictRaw`);
 * `toJSON` / `fromJSON` versioned like the logistic model.
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import { EncodedLinearModel, type LinearModelFileJSON, parseLinearFile } from "./_linear_model.ts";
import type { FeatureEncoder } from "./encoder.ts";
import { DEFAULT_RIDGE_PARAMS, type RidgeParams } from "./ridge_params.ts";
import type { RegressionFitInfo } from "./_linear_model.ts";

/** Version of the ridge model file this code reads and writes. */
export const RIDGE_FORMAT_VERSION = 1;

/** The model file. */
export interface RidgeModelJSON extends LinearModelFileJSON {
  kind: "ridge";
  params: RidgeParams;
}

/** A fitted ridge regression. */
export class RidgeModel extends EncodedLinearModel {
  /** Model family, for the model contract. */
  readonly kind = "ridge" as const;

  constructor(
    readonly params: RidgeParams,
    encoder: FeatureEncoder,
    coefficients: Float64Array,
    intercept: number,
    fitInfo: RegressionFitInfo,
  ) {
    super(encoder, coefficients, intercept, fitInfo);
  }

  /** Predicted values (the linear predictor). */
  predict(matrix: Matrix): Float64Array {
    return this.predictRaw(matrix);
  }

  /** Versioned plain object (JSON-safe). */
  toJSON(): RidgeModelJSON {
    return { ...this.fileJSON(RIDGE_FORMAT_VERSION), kind: "ridge", params: { ...this.params } };
  }

  /** Rebuilds a model from {@link RidgeModelJSON}; ModelFormatError on a wrong kind, version or shape. */
  static fromJSON(json: unknown): RidgeModel {
    const f = parseLinearFile(json, "ridge", RIDGE_FORMAT_VERSION);
    const params = { ...DEFAULT_RIDGE_PARAMS, ...f.params } as RidgeParams;
    return new RidgeModel(params, f.encoder, f.coefficients, f.intercept, f.fitInfo);
  }
}
