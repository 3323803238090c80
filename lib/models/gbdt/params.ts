/**
 * GBDT hyper-parameters: one place for each parameter's type, default, allowed range and meaning
 * (after LightGBM's `config.h` and sklearn's `_parameter_constraints`). {@link resolveParams} fills
 * defaults; {@link validateParams} checks everything once, at the start of `fit`.
 *
 * `objective` has no default: 0/1 labels fitted without one used to become an L2 regression whose
 * "probabilities" fell outside [0, 1], so {@link resolveParams} throws an InputError naming it.
 *
 * @example
 * ```ts
 * import { resolveParams, validateParams } from "./params.ts";
 * const p = resolveParams({ objective: "regression", numLeaves: 15 });
 * validateParams(p, 4); // throws InputError: Cannot fit GBDT: "maxBins" must be ... on bad values
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import type { ObjectiveName } from "./objective.ts";

/** Every GBDT hyper-parameter (all resolved; see {@link DEFAULT_PARAMS}). */
export interface GbdtParams {
  /** Training loss; required (no default, see {@link resolveParams}). */
  objective: ObjectiveName;
  /** Number of boosting iterations (trees per output), in [1, 100000]. */
  nEstimators: number;
  /** Shrinkage applied to each leaf value, in (0, 1]. */
  learningRate: number;
  /**
   * How a tree grows (XGBoost's `grow_policy`): `"lossguide"` = leaf-wise (best-first, LightGBM's
   * growth): the open leaf with the largest gain is split next, until `numLeaves`; `"depthwise"` =
   * level by level (XGBoost's default): every leaf of depth d that has a valid split (gain >
   * `minSplitGain`, `minDataInLeaf`, `minSumHessian`) is split, in node order, before any leaf of
   * depth d + 1, until `maxDepth` or `numLeaves`. With `numLeaves` ≥ 2^maxDepth the two give the
   * same trees. Default `"lossguide"`: in 2×5-fold CV on the training files of LightGBM's examples
   * (bench gbdt_defaults_cv --quick), at the same 16-leaf budget (depth-wise depth 4 vs leaf-wise 16
   * leaves without a depth limit) depth-wise was not better: binary AUC +0.0013 ± 0.0012 (s.e.),
   * regression RMSE worse by 0.0017 ± 0.0004, lambdarank NDCG@5 −0.0023 ± 0.0055.
   */
  growPolicy: "lossguide" | "depthwise";
  /**
   * Maximum leaves per tree, in [2, 131072]; with `growPolicy: "depthwise"` also 0 = no limit (only
   * `maxDepth` bounds the tree, as XGBoost's `max_leaves = 0`), the default there: 31 otherwise.
   */
  numLeaves: number;
  /**
   * Maximum depth of a tree (edges from the root to a leaf); -1 = unlimited. In {-1} ∪ [1, 64];
   * in [1, 17] when `numLeaves` is 0 (2^17 = the most leaves a tree may have).
   */
  maxDepth: number;
  /** Minimum number of (bagged) rows in a leaf, ≥ 1. */
  minDataInLeaf: number;
  /**
   * How `minDataInLeaf` counts a candidate child's rows: `"rows"` exactly, or `"hessian"` as LightGBM
   * does (its hessian sum × the leaf's rows / the leaf's hessian sum, rounded), which makes the limit a
   * share of the leaf's hessian mass when hessians differ between rows (log loss, lambdarank).
   */
  minDataInLeafBy: "rows" | "hessian";
  /** Minimum sum of hessians in a leaf, ≥ 0. */
  minSumHessian: number;
  /** L2 regularisation on leaf values, ≥ 0. */
  lambdaL2: number;
  /** L1 regularisation on leaf values (soft-thresholds the gradient sum), ≥ 0. */
  alphaL1: number;
  /** Minimum gain for a split to be made, ≥ 0. */
  minSplitGain: number;
  /** Bins per feature including the missing bin, in [2, 255]: ≤ maxBins−1 value bins + 1 missing bin. */
  maxBins: number;
  /**
   * Rows used to compute bin edges (a seeded sample when the data is larger), ≥ 100. Default 1,000,000:
   * edges from all rows up to that size (as XGBoost's exact quantiles), not LightGBM's 200,000-row
   * sample — on the 400k-row benchmark set a 200k sample moved test AUC by ±0.0015 across seeds.
   */
  binSampleSize: number;
  /**
   * How numeric bin edges are learnt: `"lightgbm"` = LightGBM's `GreedyFindBin` with zero as its own
   * bin and `minDataInBin` (lightgbm_bins.ts); `"quantile"` = every distinct value its own bin when
   * they fit, else count quantiles (binning.ts).
   */
  binning: "lightgbm" | "quantile";
  /** `binning: "lightgbm"` only: minimum rows in a value bin (LightGBM's `min_data_in_bin`), ≥ 1. */
  minDataInBin: number;
  /**
   * Where a numeric split's threshold goes when several bin edges give the same partition of the
   * leaf's rows (bins empty in this leaf lie between its two sides): `"left"` = the edge just above the
   * left child's largest value (XGBoost-like), `"right"` = just below the right child's smallest value
   * (LightGBM's reverse scan), `"middle"` = the edge nearest the middle of that gap. Training is the
   * same for all three; only rows with values inside the gap (unseen in the leaf) go differently.
   * Default `"right"`: in 10×5-fold CV on the training files of LightGBM's examples it beat `"left"` by
   * 3–4 standard errors on binary AUC and log loss and 2 on regression RMSE, and was level on lambdarank
   * (bench gbdt_defaults_cv).
   */
  thresholdPlacement: "left" | "middle" | "right";
  /** Fraction of rows used per bagging round, in (0, 1]; 1 disables bagging. */
  baggingFraction: number;
  /** Re-draw the bag every `baggingFreq` iterations; 0 disables bagging. */
  baggingFreq: number;
  /** Fraction of features considered per tree, in (0, 1]. */
  featureFraction: number;
  /** Weight multiplier of positive rows (binary objective), > 0. */
  scalePosWeight: number;
  /** Per-feature monotone constraint: -1 decreasing, 0 none, 1 increasing (numeric features only). */
  monotoneConstraints: number[] | undefined;
  /**
   * Indices of categorical features (merged with `Matrix.categorical`). Values are integer codes; a
   * feature with more categories than value bins keeps its most frequent ones (binning.ts).
   */
  categoricalFeatures: number[] | undefined;
  /** Maximum number of categories on the left side of a categorical split, ≥ 1. */
  maxCatThreshold: number;
  /** Smoothing added to the hessian when ordering categories by sum_grad / sum_hess, ≥ 0. */
  catSmooth: number;
  /** Categorical features with at most this many categories try every one-vs-rest split, ≥ 0. */
  maxCatToOnehot: number;
  /** Number of classes (multiclass only), in [2, 1000]. */
  numClass: number;
  /** NDCG truncation level for lambdarank. */
  ndcgTruncation: number;
  /**
   * Stop when the validation metric has not improved for this many rounds; 0 disables. Needs a
   * validation set (`FitGbdtOptions.valid`): without one, a positive value is an InputError.
   */
  earlyStoppingRounds: number;
  /** Name of the validation metric (lib/metrics registry); undefined = the objective's default. */
  evalMetric: string | undefined;
  /** Seed for bagging, feature sampling and bin sampling, integer in [0, 2^32). */
  seed: number;
  /**
   * Threads for histogram building, split search and gradients (the main thread plus
   * `nThreads − 1` workers), in [1, 256].
   * Results are bit-identical for any value. Training sets under 1,000,000 cells (rows × features)
   * use one thread (see `MIN_CELLS_FOR_THREADS`).
   * Default: min(2, the machine's cores).
   */
  nThreads: number;
}

/** Default values (LightGBM's defaults where they exist). `objective` has none: it must be given. */
export const DEFAULT_PARAMS: Readonly<Omit<GbdtParams, "objective">> = Object.freeze({
  nEstimators: 100,
  learningRate: 0.1,
  growPolicy: "lossguide",
  numLeaves: 31,
  maxDepth: -1,
  minDataInLeaf: 20,
  minDataInLeafBy: "rows",
  minSumHessian: 1e-3,
  lambdaL2: 0,
  alphaL1: 0,
  minSplitGain: 0,
  maxBins: 255,
  binSampleSize: 1_000_000,
  binning: "quantile",
  minDataInBin: 3,
  thresholdPlacement: "right",
  baggingFraction: 1,
  baggingFreq: 0,
  featureFraction: 1,
  scalePosWeight: 1,
  monotoneConstraints: undefined,
  categoricalFeatures: undefined,
  maxCatThreshold: 32,
  catSmooth: 10,
  maxCatToOnehot: 4,
  numClass: 2,
  ndcgTruncation: 30,
  earlyStoppingRounds: 0,
  evalMetric: undefined,
  seed: 0,
  nThreads: Math.min(2, globalThis.navigator?.hardwareConcurrency || 1),
} as Omit<GbdtParams, "objective">);

const OBJECTIVES: readonly ObjectiveName[] = ["binary", "regression", "poisson", "lambdarank", "multiclass"];

/**
 * Fills unspecified parameters with {@link DEFAULT_PARAMS} (`numLeaves` defaults to 0, no limit, with
 * `growPolicy: "depthwise"`). Throws InputError on an unknown key and when `objective` is missing: it
 * has no default (a silent L2 regression on 0/1 labels is a wrong answer, not a convenience).
 */
export function resolveParams(partial: Partial<GbdtParams> = {}): GbdtParams {
  for (const key of Object.keys(partial)) {
    if (!(key in DEFAULT_PARAMS) && key !== "objective") throw paramError(key, "is not a GBDT parameter");
  }
  if (partial.objective === undefined) {
    throw paramError(
      "objective",
      `is required (there is no default): one of ${OBJECTIVES.map((o) => `"${o}"`).join(", ")}`,
    );
  }
  const out = { ...DEFAULT_PARAMS } as GbdtParams;
  if (partial.growPolicy === "depthwise") out.numLeaves = 0; // as XGBoost's max_leaves: maxDepth bounds
  for (const [k, v] of Object.entries(partial)) {
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Most leaves a tree of `p` may have: `numLeaves`, or 2^maxDepth when `numLeaves` is 0 (depth-wise). */
export function leafLimit(p: Pick<GbdtParams, "numLeaves" | "maxDepth">): number {
  return p.numLeaves === 0 ? 2 ** p.maxDepth : p.numLeaves;
}

/** InputError in the fit-boundary style: `Cannot fit GBDT: "maxBins" must be in [2, 255], got 300`. */
export function paramError(field: string, problem: string): InputError {
  const err = new InputError(field, problem);
  err.message = `Cannot fit GBDT: "${field}" ${problem}`;
  return err;
}

function intIn(p: GbdtParams, key: keyof GbdtParams, min: number, max: number): void {
  const v = p[key] as unknown as number;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw paramError(key, `must be an integer in [${min}, ${max}], got ${v}`);
  }
}

function numIn(p: GbdtParams, key: keyof GbdtParams, min: number, max: number, minOpen = false): void {
  const v = p[key] as unknown as number;
  if (typeof v !== "number" || Number.isNaN(v) || v < min || v > max || (minOpen && v === min)) {
    throw paramError(key, `must be in ${minOpen ? "(" : "["}${min}, ${max}], got ${v}`);
  }
}

/** Checks every parameter against its range; `nFeatures` sizes the per-feature lists. Throws InputError. */
export function validateParams(p: GbdtParams, nFeatures: number): void {
  if (!OBJECTIVES.includes(p.objective)) {
    throw paramError(
      "objective",
      `must be one of ${OBJECTIVES.map((o) => `"${o}"`).join(", ")}, got "${p.objective}"`,
    );
  }
  intIn(p, "nEstimators", 1, 100_000);
  numIn(p, "learningRate", 0, 1, true);
  if (p.growPolicy !== "lossguide" && p.growPolicy !== "depthwise") {
    throw paramError("growPolicy", `must be "lossguide" or "depthwise", got "${p.growPolicy}"`);
  }
  if (p.numLeaves === 0 && p.growPolicy === "depthwise") {
    if (p.maxDepth === -1) {
      throw paramError("maxDepth", "must be set (in [1, 17]) when numLeaves is 0 (no leaf limit), got -1");
    }
    intIn(p, "maxDepth", 1, 17);
  } else {
    if (p.numLeaves === 0) {
      throw paramError(
        "numLeaves",
        `0 (no limit) needs growPolicy "depthwise"; with "lossguide" it must be in [2, 131072]`,
      );
    }
    intIn(p, "numLeaves", 2, 131_072);
  }
  if (p.maxDepth !== -1) intIn(p, "maxDepth", 1, 64);
  intIn(p, "minDataInLeaf", 1, 2 ** 31 - 1);
  numIn(p, "minSumHessian", 0, Number.MAX_VALUE);
  numIn(p, "lambdaL2", 0, Number.MAX_VALUE);
  numIn(p, "alphaL1", 0, Number.MAX_VALUE);
  numIn(p, "minSplitGain", 0, Number.MAX_VALUE);
  intIn(p, "maxBins", 2, 255);
  intIn(p, "binSampleSize", 100, 2 ** 31 - 1);
  if (p.minDataInLeafBy !== "rows" && p.minDataInLeafBy !== "hessian") {
    throw paramError("minDataInLeafBy", `must be "rows" or "hessian", got "${p.minDataInLeafBy}"`);
  }
  if (!["left", "middle", "right"].includes(p.thresholdPlacement)) {
    throw paramError(
      "thresholdPlacement",
      `must be "left", "middle" or "right", got "${p.thresholdPlacement}"`,
    );
  }
  if (p.binning !== "lightgbm" && p.binning !== "quantile") {
    throw paramError("binning", `must be "lightgbm" or "quantile", got "${p.binning}"`);
  }
  intIn(p, "minDataInBin", 1, 2 ** 31 - 1);
  numIn(p, "baggingFraction", 0, 1, true);
  intIn(p, "baggingFreq", 0, 100_000);
  numIn(p, "featureFraction", 0, 1, true);
  numIn(p, "scalePosWeight", 0, Number.MAX_VALUE, true);
  intIn(p, "maxCatThreshold", 1, 255);
  numIn(p, "catSmooth", 0, Number.MAX_VALUE);
  intIn(p, "maxCatToOnehot", 0, 255);
  if (p.objective === "multiclass") intIn(p, "numClass", 2, 1000);
  intIn(p, "ndcgTruncation", 1, 100_000);
  intIn(p, "earlyStoppingRounds", 0, 100_000);
  if (p.evalMetric !== undefined && (typeof p.evalMetric !== "string" || p.evalMetric === "")) {
    throw paramError("evalMetric", `must be a metric name, got ${p.evalMetric}`);
  }
  intIn(p, "seed", 0, 4294967295);
  intIn(p, "nThreads", 1, 256);
  if (p.monotoneConstraints !== undefined) {
    const m = p.monotoneConstraints;
    if (m.length !== nFeatures) {
      throw paramError(
        "monotoneConstraints",
        `must have one entry per feature (${nFeatures}), got ${m.length}`,
      );
    }
    m.forEach((v, i) => {
      if (v !== -1 && v !== 0 && v !== 1) {
        throw paramError("monotoneConstraints", `entry ${i} must be -1, 0 or 1, got ${v}`);
      }
    });
  }
  if (p.categoricalFeatures !== undefined) {
    for (const f of p.categoricalFeatures) {
      if (!Number.isInteger(f) || f < 0 || f >= nFeatures) {
        throw paramError(
          "categoricalFeatures",
          `must hold feature indices in [0, ${nFeatures - 1}], got ${f}`,
        );
      }
      if (p.monotoneConstraints !== undefined && p.monotoneConstraints[f] !== 0) {
        throw paramError(
          "monotoneConstraints",
          `feature ${f} is categorical and cannot be monotone-constrained`,
        );
      }
    }
  }
}
