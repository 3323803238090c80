/**
 * Internal boundary checks shared by the metric entry points (not exported from mod.ts).
 * Each throws an InputError naming the field.
 * @module
 */
import { InputError } from "../errors.ts";
import {
  type NumArray,
  requireBinary,
  requireFinite,
  requireNonEmpty,
  requireProbabilities,
  requireSameLength,
  requireWeights,
} from "../validate.ts";

/** Labels and predictions: non-empty, same length, all finite. */
export function checkPair(labels: NumArray, predictions: NumArray, predField = "scores"): void {
  requireNonEmpty("labels", labels);
  requireNonEmpty(predField, predictions);
  requireSameLength("labels", labels, predField, predictions);
  requireFinite("labels", labels);
  requireFinite(predField, predictions);
}

/** As {@link checkPair}, plus labels in {0, 1}. */
export function checkBinaryPair(labels: NumArray, predictions: NumArray, predField = "scores"): void {
  checkPair(labels, predictions, predField);
  requireBinary("labels", labels);
}

/** Probabilities: every value in [0, 1] (see `requireProbabilities` in lib/validate.ts). */
export function checkProbabilities(field: string, xs: NumArray): void {
  requireProbabilities(field, xs);
}

/** Optional weights: same length as labels, finite, non-negative, positive sum (`requireWeights`). */
export function checkWeights(weights: NumArray | undefined, n: number): void {
  requireWeights(weights, "labels", n);
}

/** Query sizes: positive integers summing to `n`. */
export function checkGroups(groups: NumArray | undefined, n: number): asserts groups is NumArray {
  if (groups === undefined) throw new InputError("groups", "are required for a ranking metric (query sizes)");
  requireNonEmpty("groups", groups);
  let sum = 0;
  for (let q = 0; q < groups.length; q++) {
    const g = groups[q]!;
    if (!Number.isInteger(g) || g < 1) {
      throw new InputError("groups", `size of query ${q} is ${g}; expected a positive integer`);
    }
    sum += g;
  }
  if (sum !== n) throw new InputError("groups", `query sizes sum to ${sum} but there are ${n} rows`);
}

/** Cut-off: an integer >= 1. */
export function checkK(k: number, field = "k"): void {
  if (!Number.isInteger(k) || k < 1) throw new InputError(field, `must be an integer >= 1, got ${k}`);
}

/** Weight of row i (1 when unweighted). */
export function weightAt(weights: NumArray | undefined, i: number): number {
  return weights === undefined ? 1 : weights[i]!;
}
