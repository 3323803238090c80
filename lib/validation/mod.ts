/**
 * Cross-validation in one place: fold makers that return train/test row indices — k-fold (seeded
 * shuffle or row order), stratified k-fold (binary or multiclass labels), grouped k-fold (a query or a
 * customer never split across folds; ids per row or ranking query sizes) and time-series folds
 * (expanding window with a gap, on row order or a time column) — and `crossValidate`, which fits and
 * scores any model over any folds and returns out-of-fold predictions and per-fold metrics with their
 * mean and standard deviation. Every fold maker is seeded and reproducible bit for bit, and throws an
 * `InputError` naming the field for a bad `k` or too few rows, classes or groups.
 *
 * @example
 * ```ts
 * import { groupKFold, kFold, stratifiedKFold, timeSeriesFolds } from "./mod.ts";
 * kFold(100, { k: 5, seed: 7 }).length; // 5
 * stratifiedKFold([0, 1, 0, 1, 0, 1], { k: 3 })[0]!.test.length; // 2
 * groupKFold({ ids: [1, 1, 2, 2, 3, 3] }, { k: 3 }).length; // 3
 * timeSeriesFolds({ times: [5, 1, 4, 2, 3, 6] }, { k: 2 })[0]!.test; // Int32Array [2, 4] (times 4 and 3)
 * ```
 * @module
 */
export { type Fold, foldsFromAssignment, testFoldOfRows } from "./fold.ts";
export { type ShuffleOptions } from "./_check.ts";
export { kFold, kFoldAssignment, type KFoldOptions } from "./k_fold.ts";
export {
  stratifiedKFold,
  stratifiedKFoldAssignment,
  type StratifiedKFoldOptions,
} from "./stratified_k_fold.ts";
export { groupKFold, groupKFoldAssignment, type GroupKFoldOptions, type GroupSpec } from "./group_k_fold.ts";
export { timeSeriesFolds, type TimeSeriesFoldsOptions, type TimeSpec } from "./time_series_folds.ts";
export { type LabeledRows, selectRows } from "./rows.ts";
export {
  crossValidate,
  type CrossValidateOptions,
  type CrossValidateResult,
  type FoldMetric,
  meanAndSd,
} from "./cross_validate.ts";
