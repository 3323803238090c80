/**
 * Wide & deep hyper-parameters: type, default, allowed range and meaning of each, checked once at the
 * start of `fitWideDeep` ({@link validateWideDeepParams}).
 *
 * The network: `logit = wide + deep`, `P(y = 1) = σ(logit)`, where
 * - **wide** = Σ over wide slots of a learned weight per slot value: one slot per categorical feature
 *   (its vocabulary index, when `wideSingles`) and one per cross in `crosses` (the hashed combination of
 *   the crossed features' indices, `crossBuckets` buckets per cross);
 * - **deep** = an MLP (`hiddenUnits`, ReLU, then one linear unit) over the concatenation of one
 *   `embeddingDim`-dim embedding per categorical feature and the standardised numeric features.
 * Trained with Adam on the mean log loss; early stopping on validation AUC when a validation set is given.
 *
 * @example
 * ```ts
 * import { resolveWideDeepParams, validateWideDeepParams } from "./params.ts";
 * const p = resolveWideDeepParams({ categoricalFeatures: ["city", "hour"], crosses: [["city", "hour"]], hiddenUnits: [32] });
 * validateWideDeepParams(p, ["city", "hour", "price"]); // throws InputError on bad values
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";

/** Every wide & deep hyper-parameter (all resolved; see {@link DEFAULT_WIDE_DEEP_PARAMS}). */
export interface WideDeepParams {
  /** Names of categorical features (merged with `Matrix.categorical`). Values are integer codes ≥ 0. */
  categoricalFeatures: string[];
  /** Feature-name tuples crossed in the wide part, each ≥ 2 distinct categorical features. */
  crosses: string[][];
  /** Hash buckets per cross, integer in [1, 2^24]. Collisions share a weight. */
  crossBuckets: number;
  /** Also give each categorical feature its own (unhashed) wide slot. */
  wideSingles: boolean;
  /** Embedding width per categorical feature in the deep part, integer in [1, 256]. */
  embeddingDim: number;
  /** Hidden layer widths of the deep MLP (ReLU), each an integer in [1, 4096]; 0–8 layers. */
  hiddenUnits: number[];
  /** Adam learning rate, in (0, 1]. */
  learningRate: number;
  /** Mini-batch size, integer in [1, 65536]. */
  batchSize: number;
  /** Maximum passes over the training data, integer in [1, 10000]. */
  maxEpochs: number;
  /**
   * Early stopping (only with a validation set): stop after this many epochs without a validation-AUC
   * gain of more than `minDelta`, and restore the weights of the best epoch. Integer in [0, 1000];
   * 0 = never stop early (the best epoch is still restored).
   */
  patience: number;
  /** Smallest validation-AUC gain that counts as an improvement, in [0, 1). */
  minDelta: number;
  /** L2 penalty on the dense kernels (added to the mean log loss as `l2 · Σ w²`), in [0, 10]. */
  l2: number;
  /**
   * L2 penalty on the embedding table and the wide weights (`l2Embeddings · (Σ e² + Σ w_wide²)`), in
   * [0, 10]. Applied to the whole table every step (weight decay), which keeps rare categories and
   * hashed crosses from memorising their few rows.
   */
  l2Embeddings: number;
  /** Categories seen fewer times than this in training share the unknown row (index 0). Integer ≥ 1. */
  minCategoryCount: number;
  /**
   * A categorical value that is missing (NaN) or was not in the training vocabulary at predict time:
   * `"oov"` maps it to the shared unknown row (index 0: trained by the rare categories, zero if none);
   * `"error"` throws InputError naming the feature and row.
   */
  unknownCategory: "oov" | "error";
  /**
   * A missing (NaN) numeric value: `"error"` throws InputError naming the feature and row (default; a
   * NaN never flows silently into a score); `"mean"` replaces it with the training mean. ±Infinity
   * always throws.
   */
  numericMissing: "error" | "mean";
}

/** Defaults: one 8-dim embedding per categorical, MLP [64, 32], Adam 0.005, batch 256, 20 epochs. */
export const DEFAULT_WIDE_DEEP_PARAMS: Readonly<WideDeepParams> = Object.freeze({
  categoricalFeatures: [],
  crosses: [],
  crossBuckets: 1024,
  wideSingles: true,
  embeddingDim: 8,
  hiddenUnits: [64, 32],
  learningRate: 0.005,
  batchSize: 256,
  maxEpochs: 20,
  patience: 3,
  minDelta: 1e-4,
  l2: 0,
  l2Embeddings: 0,
  minCategoryCount: 1,
  unknownCategory: "oov",
  numericMissing: "error",
});

/** Fills defaults for unspecified parameters (arrays are copied). */
export function resolveWideDeepParams(partial: Partial<WideDeepParams> = {}): WideDeepParams {
  const out: WideDeepParams = {
    ...DEFAULT_WIDE_DEEP_PARAMS,
    categoricalFeatures: [...DEFAULT_WIDE_DEEP_PARAMS.categoricalFeatures],
    crosses: [],
    hiddenUnits: [...DEFAULT_WIDE_DEEP_PARAMS.hiddenUnits],
  };
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

function paramError(field: string, problem: string): InputError {
  const err = new InputError(field, problem);
  err.message = `Cannot fit wide & deep: "${field}" ${problem}`;
  return err;
}

function checkInt(field: string, v: unknown, min: number, max: number): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw paramError(field, `must be an integer in [${min}, ${max}], got ${v}`);
  }
}

/**
 * Checks every parameter against the training matrix's feature names; throws InputError naming the
 * first bad one. `categorical` is the full set of categorical feature names (params ∪ matrix metadata).
 */
export function validateWideDeepParams(
  p: WideDeepParams,
  featureNames: readonly string[],
  categorical: ReadonlySet<string> = new Set(p.categoricalFeatures),
): void {
  const known = new Set(Object.keys(DEFAULT_WIDE_DEEP_PARAMS));
  for (const k of Object.keys(p)) if (!known.has(k)) throw paramError(k, "is not a wide & deep parameter");
  const names = new Set(featureNames);
  if (!Array.isArray(p.categoricalFeatures)) {
    throw paramError("categoricalFeatures", "must be an array of feature names");
  }
  for (const f of p.categoricalFeatures) {
    if (!names.has(f)) {
      throw paramError("categoricalFeatures", `names "${f}", which is not a feature of the matrix`);
    }
  }
  if (!Array.isArray(p.crosses)) throw paramError("crosses", "must be an array of feature-name arrays");
  p.crosses.forEach((c, i) => {
    if (!Array.isArray(c) || c.length < 2) {
      throw paramError(`crosses[${i}]`, "must name at least two features");
    }
    if (new Set(c).size !== c.length) throw paramError(`crosses[${i}]`, "names a feature twice");
    for (const f of c) {
      if (!categorical.has(f)) {
        throw paramError(`crosses[${i}]`, `names "${f}", which is not a categorical feature`);
      }
    }
  });
  checkInt("crossBuckets", p.crossBuckets, 1, 2 ** 24);
  if (typeof p.wideSingles !== "boolean") {
    throw paramError("wideSingles", `must be true or false, got ${p.wideSingles}`);
  }
  checkInt("embeddingDim", p.embeddingDim, 1, 256);
  if (!Array.isArray(p.hiddenUnits) || p.hiddenUnits.length > 8) {
    throw paramError("hiddenUnits", "must be an array of at most 8 layer widths");
  }
  p.hiddenUnits.forEach((u, i) => checkInt(`hiddenUnits[${i}]`, u, 1, 4096));
  if (typeof p.learningRate !== "number" || !(p.learningRate > 0 && p.learningRate <= 1)) {
    throw paramError("learningRate", `must be a number in (0, 1], got ${p.learningRate}`);
  }
  checkInt("batchSize", p.batchSize, 1, 65536);
  checkInt("maxEpochs", p.maxEpochs, 1, 10000);
  checkInt("patience", p.patience, 0, 1000);
  if (typeof p.minDelta !== "number" || !(p.minDelta >= 0 && p.minDelta < 1)) {
    throw paramError("minDelta", `must be a number in [0, 1), got ${p.minDelta}`);
  }
  if (typeof p.l2 !== "number" || !(p.l2 >= 0 && p.l2 <= 10)) {
    throw paramError("l2", `must be a number in [0, 10], got ${p.l2}`);
  }
  if (typeof p.l2Embeddings !== "number" || !(p.l2Embeddings >= 0 && p.l2Embeddings <= 10)) {
    throw paramError("l2Embeddings", `must be a number in [0, 10], got ${p.l2Embeddings}`);
  }
  checkInt("minCategoryCount", p.minCategoryCount, 1, 2 ** 31 - 1);
  if (p.unknownCategory !== "oov" && p.unknownCategory !== "error") {
    throw paramError("unknownCategory", `must be "oov" or "error", got "${p.unknownCategory}"`);
  }
  if (p.numericMissing !== "error" && p.numericMissing !== "mean") {
    throw paramError("numericMissing", `must be "error" or "mean", got "${p.numericMissing}"`);
  }
}
