/**
 * Histogram gradient-boosted decision trees (LightGBM / scikit-learn HistGradientBoosting style):
 * byte bins, histogram subtraction, leaf-wise growth, missing-value directions, categorical splits,
 * monotone constraints, bagging, early stopping, and a flat serving ensemble.
 *
 * @example
 * ```ts
 * import { fitGbdt, GbdtModel } from "./mod.ts";
 * const values = Float32Array.from({ length: 400 }, (_, i) => (i % 200) / 10);
 * const matrix = { nRows: 400, nCols: 1, values, featureNames: ["x"] };
 * const labels = Float64Array.from(values, (x) => 2 * x);
 * const model = fitGbdt({ matrix, labels }, { params: { nEstimators: 50 }, seed: 7 });
 * const again = GbdtModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
 * again.predict(matrix)[0] === model.predict(matrix)[0]; // true
 * ```
 * @module
 */
export { fitGbdt } from "./booster.ts";
export type { FitGbdtOptions, GbdtData, GbdtProgress } from "./booster.ts";
export { GBDT_FORMAT_VERSION, GbdtModel } from "./model.ts";
export type { FlatTreeJSON, GbdtMetrics, GbdtModelJSON } from "./model.ts";
export { DEFAULT_PARAMS, resolveParams, validateParams } from "./params.ts";
export type { GbdtParams } from "./params.ts";
export { predictRaw } from "./predictor.ts";
export { BinMapper } from "./binning.ts";
export type { BinnedMatrix, FeatureBins } from "./binning.ts";
export type { Objective, ObjectiveName, ObjectiveOptions } from "./objective.ts";
