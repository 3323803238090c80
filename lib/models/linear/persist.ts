/**
 * Saves a logistic-regression (or ridge, or Poisson) model as an artifact bundle (`lib/io/bundle.ts`) and loads it back: the
 * config is the model file ({@link LogisticModel.toJSON}: encoder, coefficients, intercept; all finite
 * numbers, checked on load) plus the envelope's feature names and categorical metadata.
 *
 * @example
 * ```ts
 * import { fitLogistic } from "./fit.ts";
 * import { loadLogistic, saveLogistic } from "./persist.ts";
 * const matrix = { nRows: 4, nCols: 1, values: Float32Array.of(0, 1, 2, 3), featureNames: ["x"] };
 * const model = fitLogistic({ matrix, labels: [0, 1, 0, 1] });
 * const dir = await Deno.makeTempDir();
 * await saveLogistic(model, dir);
 * (await loadLogistic(dir)).predict(matrix); // same as model.predict(matrix)
 * ```
 * @module
 */
import { categoricalMeta, loadWithCodec, type ModelCodec, saveWithCodec } from "../contract_envelope.ts";
import { LOGISTIC_FORMAT_VERSION, LogisticModel } from "./model.ts";
import { POISSON_FORMAT_VERSION, PoissonModel } from "./poisson_model.ts";
import { RIDGE_FORMAT_VERSION, RidgeModel } from "./ridge_model.ts";

/** The logistic-regression codec of the model contract. */
export const logisticCodec: ModelCodec<LogisticModel> = {
  kind: "logistic",
  formatVersion: LOGISTIC_FORMAT_VERSION,
  encode(model) {
    const e = model.encoder;
    return {
      config: {
        ...model.toJSON(),
        featureNames: [...e.featureNames],
        categorical: categoricalMeta(e.categoricalFeatures, e.vocabulary),
      },
      files: {},
    };
  },
  decode(config) {
    return LogisticModel.fromJSON(config);
  },
};

/** Writes the model as a bundle at `dir` (atomically). */
export function saveLogistic(model: LogisticModel, dir: string): Promise<void> {
  return saveWithCodec(logisticCodec, model, dir);
}

/** Loads a bundle written by {@link saveLogistic}; NotFoundError / ModelFormatError naming the problem. */
export function loadLogistic(dir: string): Promise<LogisticModel> {
  return loadWithCodec(logisticCodec, dir);
}

/** A codec whose config is the model file plus the envelope's feature names and categorical metadata. */
function linearCodec<M extends RidgeModel | PoissonModel>(
  kind: M["kind"],
  formatVersion: number,
  fromJSON: (json: unknown) => M,
): ModelCodec<M> {
  return {
    kind,
    formatVersion,
    encode(model) {
      const e = model.encoder;
      return {
        config: {
          ...model.toJSON(),
          featureNames: [...e.featureNames],
          categorical: categoricalMeta(e.categoricalFeatures, e.vocabulary),
        },
        files: {},
      };
    },
    decode: (config) => fromJSON(config),
  };
}

/** The ridge-regression codec of the model contract. */
export const ridgeCodec: ModelCodec<RidgeModel> = linearCodec(
  "ridge",
  RIDGE_FORMAT_VERSION,
  RidgeModel.fromJSON,
);

/** The Poisson-regression codec of the model contract. */
export const poissonCodec: ModelCodec<PoissonModel> = linearCodec(
  "poisson",
  POISSON_FORMAT_VERSION,
  PoissonModel.fromJSON,
);
