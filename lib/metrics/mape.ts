/**
 * Mean absolute percentage error as a fraction: `Σ w_i |y_i − ŷ_i| / |y_i| / Σ w_i`
 * (0.1 means 10 %; scikit-learn's `mean_absolute_percentage_error` returns the same fraction).
 *
 * Zero labels: the percentage error is undefined there. scikit-learn divides by `max(|y|, 2.2e-16)`,
 * which turns one zero into an astronomically large number; we refuse instead. By default
 * (`zeroLabels: "error"`) a zero label throws an InputError; with `zeroLabels: "skip"` rows whose label
 * is 0 are left out of the mean (and an all-zero label set still throws).
 *
 * @example
 * ```ts
 * import { meanAbsolutePercentageError } from "./mape.ts";
 * meanAbsolutePercentageError([100, 200], [110, 180]); // (0.1 + 0.1) / 2 = 0.1
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { requireOneOf } from "../validate.ts";
import type { NumArray } from "../validate.ts";
import { checkPair, checkWeights, weightAt } from "./_check.ts";

/** Options for {@link meanAbsolutePercentageError}. */
export interface MapeOptions {
  /** Non-negative sample weights. */
  readonly weights?: NumArray;
  /** What to do with rows whose label is 0: "error" (default) or "skip". */
  readonly zeroLabels?: "error" | "skip";
}

/**
 * Mean (weighted) absolute percentage error, as a fraction.
 * @throws InputError on bad input, a zero label (unless skipped), or when every row is skipped.
 */
export function meanAbsolutePercentageError(
  labels: NumArray,
  predictions: NumArray,
  options: MapeOptions = {},
): number {
  checkPair(labels, predictions, "predictions");
  checkWeights(options.weights, labels.length);
  const mode = requireOneOf("zeroLabels", options.zeroLabels ?? "error", ["error", "skip"] as const);
  let sum = 0, wSum = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y === 0) {
      if (mode === "error") {
        throw new InputError(
          "labels",
          `value at index ${i} is 0; MAPE is undefined for zero labels (use zeroLabels: "skip" to leave them out)`,
        );
      }
      continue;
    }
    const w = weightAt(options.weights, i);
    sum += w * Math.abs(y - predictions[i]!) / Math.abs(y);
    wSum += w;
  }
  if (!(wSum > 0)) {
    throw new InputError("labels", "no row with a non-zero label (and positive weight) is left");
  }
  return sum / wSum;
}
