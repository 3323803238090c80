/**
 * A fitted Poisson regression (log link): `predict` returns the mean `μ = exp(η)`, `predictRaw` the
 * linear predictor `η = b + w·encode(x)`; `toJSON` / `fromJSON` versioned like the logistic model.
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import { EncodedLinearModel, type LinearModelFileJSON, parseLinearFile } from "./_linear_model.ts";
import type { RegressionFitInfo } from "./_linear_model.ts";
import type { FeatureEncoder } from "./encoder.ts";
import { DEFAULT_POISSON_PARAMS, type PoissonParams } from "./poisson_params.ts";

/** Version of the Poisson model file this code reads and writes. */
export const POISSON_FORMAT_VERSION = 1;

/** The model file. */
export interface PoissonModelJSON extends LinearModelFileJSON {
  kind: "poisson";
  params: PoissonParams;
}

/** A fitted L2-regularised Poisson regression. */
export class PoissonModel extends EncodedLinearModel {
  /** Model family, for the model contract. */
  readonly kind = "poisson" as const;

  constructor(
    readonly params: PoissonParams,
    encoder: FeatureEncoder,
    coefficients: Float64Array,
    intercept: number,
    fitInfo: RegressionFitInfo,
  ) {
    super(encoder, coefficients, intercept, fitInfo);
  }

  /** Predicted means `exp(predictRaw)`. */
  predict(matrix: Matrix): Float64Array {
    const eta = this.predictRaw(matrix);
    for (let i = 0; i < eta.length; i++) eta[i] = Math.exp(eta[i]!);
    return eta;
  }

  /** Versioned plain object (JSON-safe). */
  toJSON(): PoissonModelJSON {
    return { ...this.fileJSON(POISSON_FORMAT_VERSION), kind: "poisson", params: { ...this.params } };
  }

  /** Rebuilds a model from {@link PoissonModelJSON}; ModelFormatError on a wrong kind, version or shape. */
  static fromJSON(json: unknown): PoissonModel {
    const f = parseLinearFile(json, "poisson", POISSON_FORMAT_VERSION);
    const params = { ...DEFAULT_POISSON_PARAMS, ...f.params } as PoissonParams;
    return new PoissonModel(params, f.encoder, f.coefficients, f.intercept, f.fitInfo);
  }
}
