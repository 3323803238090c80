/**
 * `crossValidate`: fits a model on each fold's training rows, predicts its test rows, and returns the
 * out-of-fold predictions with every metric per fold and its mean and standard deviation over folds.
 * Works with any model (the caller's `fit` and `predict`) and any folds ({@link Fold}: k-fold,
 * stratified, grouped, time series, or your own).
 *
 * @example
 * ```ts
 * import { crossValidate, kFold } from "./mod.ts";
 * const x = [1, 2, 3, 4, 5, 6];
 * const data = {
 *   matrix: { nRows: 6, nCols: 1, values: Float32Array.from(x), featureNames: ["x"] },
 *   labels: x.map((v) => 2 * v),
 * };
 * const cv = crossValidate({
 *   data,
 *   folds: kFold(6, { k: 3, seed: 1 }),
 *   fit: (train) => { // the mean ratio label / x
 *     let s = 0;
 *     for (let i = 0; i < train.labels.length; i++) s += train.labels[i]! / train.matrix!.values[i]!;
 *     return s / train.labels.length;
 *   },
 *   predict: (slope, test) => Float64Array.from(test.matrix!.values, (v) => slope * v),
 *   metrics: { maxError: (test, p) => Math.max(...p.map((v, i) => Math.abs(v - test.labels[i]!))) },
 * });
 * cv.outOfFold; // Float64Array [2, 4, 6, 8, 10, 12]
 * cv.summary.maxError!.mean; // 0
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { Fold } from "./fold.ts";
import { type LabeledRows, selectRows } from "./rows.ts";

/** A metric of a fold's predictions: `(test rows, predictions of them) → value`. */
export type FoldMetric<D> = (test: D, predictions: Float64Array) => number;

/** Options of {@link crossValidate}; `D` is the data type, `M` the fitted model. */
export interface CrossValidateOptions<D extends { readonly labels: ArrayLike<number> }, M> {
  /** All rows; the row count is `data.labels.length`. */
  readonly data: D;
  readonly folds: readonly Fold[];
  /** Fits a model on a fold's training rows (`fold`: its index). */
  readonly fit: (train: D, fold: number) => M;
  /** Predictions for a fold's test rows, one per row. */
  readonly predict: (model: M, test: D, fold: number) => ArrayLike<number>;
  /** Metrics computed on every fold's test rows, by name. */
  readonly metrics?: Readonly<Record<string, FoldMetric<D>>>;
  /**
   * The given rows (ascending) of `data`. Default {@link selectRows}, for {@link LabeledRows} (it refuses
   * data with other fields, which it could not subset).
   */
  readonly subset?: (data: D, rows: Int32Array) => D;
  /** Return the fitted models (default false: they are dropped after predicting). */
  readonly keepModels?: boolean;
}

/** Result of {@link crossValidate}. */
export interface CrossValidateResult<M> {
  /** Each row's prediction by the model that did not train on it; NaN for rows no fold tests. */
  readonly outOfFold: Float64Array;
  /** Test fold of each row, −1 for rows no fold tests. */
  readonly testFold: Int32Array;
  /** Metric name → value per fold, in fold order. */
  readonly perFold: Record<string, number[]>;
  /** Metric name → mean and sample standard deviation (n − 1; NaN for one fold) over folds. */
  readonly summary: Record<string, { mean: number; sd: number }>;
  /** The fitted models in fold order, with `keepModels`. */
  readonly models?: M[];
}

/** Mean and sample standard deviation of `v`. */
export function meanAndSd(v: readonly number[]): { mean: number; sd: number } {
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, sd: NaN };
  const ss = v.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

function checkFolds(folds: readonly Fold[], n: number): Int32Array {
  if (folds.length === 0) throw new InputError("folds", "must not be empty");
  const testFold = new Int32Array(n).fill(-1), inTrain = new Int32Array(n).fill(-1);
  folds.forEach((fold, f) => {
    for (const [part, rows] of [["train", fold.train], ["test", fold.test]] as const) {
      if (rows.length === 0) throw new InputError("folds", `fold ${f} has no ${part} rows`);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        if (!(r >= 0 && r < n) || (i > 0 && r <= rows[i - 1]!)) {
          throw new InputError("folds", `fold ${f} ${part} row ${r} is out of [0, ${n}) or not ascending`);
        }
        if (part === "train") inTrain[r] = f;
        else if (inTrain[r] === f) throw new InputError("folds", `fold ${f} trains and tests row ${r}`);
        else if (testFold[r] !== -1) {
          throw new InputError("folds", `row ${r} is tested by folds ${testFold[r]} and ${f}`);
        } else testFold[r] = f;
      }
    }
  });
  return testFold;
}

/**
 * Cross-validates: for each fold, `fit` on its training rows, `predict` its test rows, score them.
 * @throws InputError on bad folds (empty, out of range, not ascending, a row both trained and tested on
 *   in one fold, or tested by two folds) or a prediction count that differs from the test rows
 */
export function crossValidate<D extends { readonly labels: ArrayLike<number> }, M>(
  options: CrossValidateOptions<D, M>,
): CrossValidateResult<M> {
  const { data, folds, fit, predict } = options;
  const metrics = Object.entries(options.metrics ?? {});
  const subset = options.subset ??
    ((d: D, rows: Int32Array) => selectRows(d as unknown as LabeledRows, rows) as unknown as D);
  const n = data.labels.length;
  const testFold = checkFolds(folds, n);
  const outOfFold = new Float64Array(n).fill(NaN);
  const perFold: Record<string, number[]> = Object.fromEntries(metrics.map(([name]) => [name, []]));
  const models: M[] = [];
  folds.forEach((fold, f) => {
    const model = fit(subset(data, fold.train), f);
    const test = subset(data, fold.test);
    const raw = predict(model, test, f);
    if (raw.length !== fold.test.length) {
      throw new InputError("predict", `returned ${raw.length} predictions for ${fold.test.length} test rows`);
    }
    const pred = Float64Array.from(raw);
    for (let i = 0; i < pred.length; i++) outOfFold[fold.test[i]!] = pred[i]!;
    for (const [name, metric] of metrics) perFold[name]!.push(metric(test, pred));
    if (options.keepModels) models.push(model);
  });
  const summary = Object.fromEntries(Object.entries(perFold).map(([name, v]) => [name, meanAndSd(v)]));
  return { outOfFold, testFold, perFold, summary, ...(options.keepModels ? { models } : {}) };
}
