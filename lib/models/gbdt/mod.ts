/**
 * Histogram gradient-boosted decision trees (LightGBM / scikit-learn HistGradientBoosting style):
 * byte bins, histogram subtraction, leaf-wise or depth-wise growth (`growPolicy`), missing-value
 * directions, categorical splits, monotone constraints, bagging and column sampling, sample weights,
 * early stopping on any lib/metrics metric, and a flat serving ensemble. Histograms are built on `params.nThreads` threads (Deno Workers
 * sharing `SharedArrayBuffer`s; default min(2, cores), training sets of ≥ 50,000 rows) with results
 * bit-identical to one thread; prediction walks packed node arrays, eight rows at a time.
 *
 * `params.objective` is required: `"binary"` (0/1 labels, both classes present), `"regression"`
 * (L2), `"poisson"`, `"lambdarank"` (with `groups`) or `"multiclass"` (with `numClass`). There is no
 * default and no guess from the labels: a missing objective is an InputError naming "objective"
 * (0/1 labels fitted without one used to become an L2 regression with "probabilities" beyond [0, 1]).
 *
 * @example
 * ```ts
 * import { fitGbdt, GbdtModel } from "./mod.ts";
 * const values = Float32Array.from({ length: 400 }, (_, i) => (i % 200) / 10);
 * const matrix = { nRows: 400, nCols: 1, values, featureNames: ["x"] };
 * const labels = Float64Array.from(values, (x) => 2 * x);
 * const model = fitGbdt({ matrix, labels }, { params: { objective: "regression", nEstimators: 50 }, seed: 7 });
 * const again = GbdtModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
 * again.predict(matrix)[0] === model.predict(matrix)[0]; // true
 * ```
 * @module
 */
export { fitGbdt, MIN_CELLS_FOR_THREADS } from "./booster.ts";
export type { FitGbdtOptions, GbdtData, GbdtProgress } from "./booster.ts";
export { GBDT_FORMAT_VERSION, GbdtModel, OBJECTIVE_LINKS } from "./model.ts";
export type { FlatTreeJSON, GbdtMetrics, GbdtModelJSON } from "./model.ts";
export { gbdtCodec, loadGbdt, saveGbdt } from "./persist.ts";
export { DEFAULT_PARAMS, resolveParams, validateParams } from "./params.ts";
export type { GbdtParams } from "./params.ts";
export { predictRaw } from "../tree/predictor.ts";
export { BinMapper } from "./binning.ts";
export type { BinnedMatrix, FeatureBins } from "./binning.ts";
export type { Objective, ObjectiveName, ObjectiveOptions } from "./objective.ts";
