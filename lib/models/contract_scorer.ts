/**
 * The scorer interface: a model that maps a feature {@link Matrix} to one or more numbers per row. It
 * stands beside `Recommender` (`lib/recsys/recommender.ts`: users → ranked items), the other serving
 * shape. GBDT, logistic regression, wide & deep and packaged models are scorers.
 * @module
 */
import type { Matrix } from "../data/types.ts";

/** A model that scores the rows of a Matrix. */
export interface Scorer {
  /** Model family (the contract's dispatch key). */
  readonly kind: string;
  /** The input columns the model expects, in order (a Matrix with others is an InputError). */
  readonly featureNames: readonly string[];
  /** Predictions on the model's scale: probabilities, values, counts, scores (`n · K` for K classes). */
  predict(matrix: Matrix): Float64Array;
  /** Raw outputs before the link: margins, logits (`n · K`). */
  predictRaw(matrix: Matrix): Float64Array;
}

/** True when a model offers the {@link Scorer} verbs. */
export function isScorer(model: unknown): model is Scorer {
  const m = model as Partial<Scorer> | null;
  return m !== null && typeof m === "object" && typeof m.predict === "function" &&
    typeof m.predictRaw === "function" && Array.isArray(m.featureNames);
}
