/**
 * The boosting loop. Per iteration: objective gradients from the current raw scores, an optional
 * bag of rows (re-drawn every `baggingFreq` iterations) and a per-tree feature subset, one tree per
 * output (K for multiclass), score updates for train and validation, and early stopping on the
 * validation metric. All randomness comes from one seeded {@link Rng}: the same data, params and
 * seed give the same model, bit for bit.
 *
 * @example
 * ```ts
 * import { fitGbdt } from "./booster.ts";
 * const x = new Float32Array(200).map((_, i) => i % 100);
 * const matrix = { nRows: 200, nCols: 1, values: x, featureNames: ["x"] };
 * const labels = Float64Array.from(x, (v) => (v < 50 ? 0 : 1));
 * const model = fitGbdt({ matrix, labels }, { params: { objective: "binary", nEstimators: 10 }, seed: 1 });
 * model.predict(matrix)[0]! < 0.5; // true
 * ```
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import { InputError } from "../../errors.ts";
import type { Metric } from "../../metrics/metric.ts";
import { Rng } from "../../random/mod.ts";
import { recodeToTraining, trainingVocabulary } from "../category_codes.ts";
import { requireDistinctFeatureNames } from "../training_layout.ts";
import { requireFinite } from "../../validate.ts";
import type { FlatTree } from "../tree/ensemble.ts";
import { BinMapper, type BinnedMatrix } from "./binning.ts";
import { defaultMetricName, evaluatorByName, fromMetric, type RawEvaluator } from "./eval.ts";
import { type GrowConfig, GrowerWorkspace, type GrownTree, type GrowResult, growTree } from "./grower.ts";
import type { GradientSource } from "./histogram_parallel.ts";
import { type GbdtMetrics, GbdtModel } from "./model.ts";
import type { Objective } from "./objective.ts";
import { createObjective } from "./objectives/mod.ts";
import { type GbdtParams, leafLimit, paramError, resolveParams, validateParams } from "./params.ts";
import { toFlatTree } from "./predictor.ts";
import type { SplitFeatures } from "./split.ts";

/** Training (or validation) data. */
export interface GbdtData {
  readonly matrix: Matrix;
  readonly labels: ArrayLike<number>;
  /** Positive finite sample weights (default 1). */
  readonly weights?: ArrayLike<number>;
  /** Query sizes for lambdarank (positive integers summing to the row count). */
  readonly groups?: ArrayLike<number>;
}

/** Progress after each iteration. */
export interface GbdtProgress {
  /** 1-based iteration just finished. */
  iteration: number;
  nIterations: number;
  /** Validation metric after this iteration, when a validation set is given. */
  validScore?: number;
  metricName?: string;
}

/** Options of {@link fitGbdt}. */
export interface FitGbdtOptions {
  params?: Partial<GbdtParams>;
  valid?: GbdtData;
  /** Overrides `params.seed`. */
  seed?: number;
  onProgress?: (p: GbdtProgress) => void;
  /**
   * Validation metric: a lib/metrics {@link Metric} object or a registry name ("auc", "ndcg@5", …);
   * wins over `params.evalMetric`.
   */
  evalMetric?: Metric | string;
  /**
   * A custom objective (wins over `params.objective` for training; the model records
   * `params.objective`, or this objective's `name` when `params.objective` is not given).
   */
  objective?: Objective;
  /**
   * Fewest training cells (rows × features) for which `params.nThreads > 1` starts workers (default
   * {@link MIN_CELLS_FOR_THREADS}).
   */
  minCellsForThreads?: number;
  /**
   * With workers, histogram builds of fewer row × feature updates still run on the main thread only
   * (default `MIN_PARALLEL_WORK` of histogram_parallel.ts); tests set 0 to send every build to them.
   */
  minParallelWork?: number;
}

/**
 * Training sets with fewer cells (rows × features) than this train on the main thread only: starting
 * a worker costs tens of milliseconds (seconds under `deno test`, which type-checks the worker
 * module), more than threads save on small data. Cells rather than rows, because the work per row
 * grows with the width: 48,000 rows × 200 features took 6.4 s on one thread (bench gbdt_wide) while
 * a 50,000-row threshold kept it there. Override per fit with `FitGbdtOptions.minCellsForThreads`.
 */
export const MIN_CELLS_FOR_THREADS = 1_000_000;

/**
 * Fits a gradient-boosted tree ensemble. `params.objective` is required (or a custom
 * `options.objective`): there is no default loss. Throws InputError on bad data or parameters.
 */
export function fitGbdt(train: GbdtData, options: FitGbdtOptions = {}): GbdtModel {
  const params = resolveParams({
    // a custom objective names itself; without one, params.objective is required (no default)
    ...(options.objective ? { objective: options.objective.name } : {}),
    ...options.params,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const { matrix, labels, weights, groups } = train;
  checkData(train, "");
  validateParams(params, matrix.nCols);
  if (params.earlyStoppingRounds > 0 && options.valid === undefined) {
    throw paramError(
      "earlyStoppingRounds",
      `is ${params.earlyStoppingRounds} but no validation set was given: pass options.valid, or 0 to train all ${params.nEstimators} trees`,
    );
  }
  const n = matrix.nRows, nF = matrix.nCols;

  const catSet = new Set<number>(params.categoricalFeatures ?? []);
  for (const c of matrix.categorical ?? []) catSet.add(c.feature);
  if (params.monotoneConstraints) {
    for (const f of catSet) {
      if (params.monotoneConstraints[f] !== 0) {
        throw paramError(
          "monotoneConstraints",
          `feature ${f} is categorical and cannot be monotone-constrained`,
        );
      }
    }
  }
  checkFeatureValues(matrix, catSet, "matrix");
  const vocabulary = trainingVocabulary(matrix, catSet);

  const objectiveOptions = {
    groups: groups === undefined ? undefined : Int32Array.from(groups),
    ndcgTruncation: params.ndcgTruncation,
    numClass: params.numClass,
    scalePosWeight: params.scalePosWeight,
  };
  const objective = options.objective ?? createObjective(params.objective, objectiveOptions);
  objective.validate(labels, groups);
  const K = objective.nOutputs;

  const mapper = BinMapper.fit(matrix, {
    maxBins: params.maxBins,
    categorical: catSet,
    sampleSize: params.binSampleSize,
    seed: params.seed,
    binning: params.binning,
    minDataInBin: params.minDataInBin,
  });
  const nThreads = params.nThreads;
  const threaded = nThreads > 1 && n * nF >= (options.minCellsForThreads ?? MIN_CELLS_FOR_THREADS);
  const binned = mapper.transform(matrix, threaded);
  const feats = splitFeatures(mapper, params);

  // Scores. With threads and a built-in objective, the threads compute the gradients too (a range of
  // rows each): they read the labels, weights and scores from shared buffers.
  const threadGradients = threaded && options.objective === undefined && objective.rowRanges === true;
  const base = objective.initScore(labels, weights);
  const raw = new Float64Array(
    threadGradients ? new SharedArrayBuffer(n * K * 8) : new ArrayBuffer(n * K * 8),
  );
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) raw[i * K + k] = base[k]!;

  // Validation.
  let validBinned: BinnedMatrix | undefined;
  let validRaw: Float64Array | undefined;
  let evaluator: RawEvaluator | undefined;
  const valid = options.valid;
  if (valid) {
    checkData(valid, "valid.");
    if (valid.matrix.nCols !== nF) {
      throw new InputError("valid.matrix", `has ${valid.matrix.nCols} columns; train has ${nF}`);
    }
    checkFeatureValues(valid.matrix, catSet, "valid.matrix");
    // the validation table's string dictionaries may differ from training's: bin it in training codes
    validBinned = mapper.transform(recodeToTraining(valid.matrix, vocabulary));
    validRaw = new Float64Array(valid.matrix.nRows * K);
    for (let i = 0; i < valid.matrix.nRows; i++) for (let k = 0; k < K; k++) validRaw[i * K + k] = base[k]!;
    const chosen = options.evalMetric ?? params.evalMetric ?? defaultMetricName(params.objective);
    evaluator = typeof chosen === "string" ? evaluatorByName(chosen, K) : fromMetric(chosen, K);
  }

  // numLeaves 0 (depth-wise, no limit) becomes the most leaves maxDepth allows
  const cfg: GrowConfig = params.numLeaves === 0 ? { ...params, numLeaves: leafLimit(params) } : params;
  const growData = { bins: binned.bins, nRows: n, feats, weights };
  const gradientSource: GradientSource | undefined = threadGradients
    ? {
      objective: params.objective,
      options: objectiveOptions,
      labels: sharedCopy(labels),
      raw,
      weights: weights ? sharedCopy(weights) : undefined,
    }
    : undefined;
  const ws = new GrowerWorkspace(growData, {
    numLeaves: cfg.numLeaves,
    nThreads: threaded ? nThreads : 1,
    nOutputs: K,
    minParallelWork: options.minParallelWork,
    gradientSource,
    splitSearch: { feats, cfg },
  });
  const grad = ws.grad, hess = ws.hess; // shared with the worker threads
  try {
    return boost();
  } finally {
    ws.close();
  }

  function boost(): GbdtModel {
    const rng = new Rng(params.seed);
    const bagRng = rng.fork(1), featRng = rng.fork(2);
    const bagging = params.baggingFreq > 0 && params.baggingFraction < 1;
    const bagSize = bagging ? Math.max(1, Math.floor(n * params.baggingFraction)) : n;
    const bag = new Uint32Array(n);
    for (let i = 0; i < n; i++) bag[i] = i;
    const shuffleBuf = bagging ? Uint32Array.from(bag) : bag;
    const rows = ws.rows;
    const usable: number[] = [];
    for (let f = 0; f < nF; f++) if (feats.trivial[f] === 0) usable.push(f);
    const nPick = Math.max(1, Math.round(params.featureFraction * usable.length));
    const featureMask = new Uint8Array(nF);

    const trees: FlatTree[] = [];
    const treeClass: number[] = [];
    const impSplit = new Float64Array(nF), impGain = new Float64Array(nF);
    const history: number[] = [];
    let bestIter = 0, bestScore = NaN;

    for (let iter = 0; iter < params.nEstimators; iter++) {
      if (gradientSource) ws.builder.computeGradients(objective);
      else objective.gradients(labels, raw, weights, grad, hess);
      if (bagging && iter % params.baggingFreq === 0) {
        for (let i = 0; i < bagSize; i++) {
          const j = i + bagRng.int(n - i);
          const t = shuffleBuf[i]!;
          shuffleBuf[i] = shuffleBuf[j]!;
          shuffleBuf[j] = t;
        }
        bag.set(shuffleBuf.subarray(0, bagSize));
        bag.subarray(0, bagSize).sort();
      }
      for (let k = 0; k < K; k++) {
        pickFeatures(featureMask, usable, nPick, featRng);
        rows.set(bag.subarray(0, bagSize));
        const g = grad.subarray(k * n, (k + 1) * n), h = hess.subarray(k * n, (k + 1) * n);
        const res = growTree(
          growData,
          g,
          h,
          bagSize,
          featureMask,
          cfg,
          ws,
        );
        const tree = res.tree;
        requireFiniteLeaves(res, trees.length, labels, weights);
        if (!bagging) addLeafValues(raw, K, k, rows, res);
        else addTreeScores(raw, K, k, tree, binned.bins, n, feats.nValueBins);
        if (validBinned && validRaw) {
          addTreeScores(validRaw, K, k, tree, validBinned.bins, validBinned.nRows, feats.nValueBins);
        }
        for (let node = 0; node < tree.nNodes; node++) {
          const f = tree.feature[node]!;
          if (f >= 0) {
            impSplit[f] = impSplit[f]! + 1;
            impGain[f] = impGain[f]! + tree.gain[node]!;
          }
        }
        trees.push(toFlatTree(tree, mapper));
        treeClass.push(k);
      }
      let score: number | undefined;
      if (valid && validRaw && evaluator) {
        score = evaluator.evaluate(
          validRaw,
          objective.transform(validRaw),
          valid.labels,
          valid.weights,
          valid.groups,
        );
        history.push(score);
        const better = Number.isNaN(bestScore) ||
          (evaluator.higherIsBetter ? score > bestScore : score < bestScore);
        if (better) {
          bestScore = score;
          bestIter = iter + 1;
        }
      } else bestIter = iter + 1;
      options.onProgress?.({
        iteration: iter + 1,
        nIterations: params.nEstimators,
        validScore: score,
        metricName: evaluator?.name,
      });
      if (params.earlyStoppingRounds > 0 && valid && iter + 1 - bestIter >= params.earlyStoppingRounds) break;
    }

    // Early stopping keeps the best iteration's trees (importances count every grown tree).
    const keep = params.earlyStoppingRounds > 0 && valid ? bestIter * K : trees.length;
    const metrics: GbdtMetrics = { bestIteration: keep / K };
    if (evaluator) {
      metrics.validMetric = evaluator.name;
      metrics.validHistory = history;
      metrics.bestScore = bestScore;
    }
    return new GbdtModel({
      params,
      featureNames: [...matrix.featureNames],
      categoricalFeatures: [...catSet].sort((a, b) => a - b),
      categoryVocabulary: vocabulary,
      binMapper: mapper,
      ensemble: {
        nFeatures: nF,
        nOutputs: K,
        baseScore: base,
        trees: trees.slice(0, keep),
        treeClass: Int32Array.from(treeClass.slice(0, keep)),
      },
      importanceSplit: impSplit,
      importanceGain: impGain,
      metrics,
    });
  }
}

/**
 * Stops a fit whose gradients were not finite, before the leaf value poisons every later score and tree.
 * Gradients are float32 (|g| ≤ 3.4·10³⁸): labels or weights of extreme magnitude overflow them.
 */
function requireFiniteLeaves(
  res: GrowResult,
  treeIndex: number,
  labels: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
): void {
  for (const node of res.leafNodes) {
    const v = res.tree.value[node]!;
    if (Number.isFinite(v)) continue;
    const largest = (xs: ArrayLike<number>) => {
      let m = 0;
      for (let i = 0; i < xs.length; i++) m = Math.max(m, Math.abs(xs[i]!));
      return m;
    };
    const w = weights ? `, largest weight ${largest(weights)}` : "";
    throw new InputError(
      "labels",
      `tree ${treeIndex + 1} got a leaf value of ${v}: the gradients were not finite. They are float32 ` +
        `(|gradient| ≤ 3.4e38); largest |label| ${largest(labels)}${w}: rescale the labels${
          weights ? " or weights" : ""
        }`,
    );
  }
}

// The score updates live in their own small functions: inside the long boosting loop V8 compiled
// them on stack replacement and dropped back to the interpreter at every loop exit.

/** Adds each leaf's value to output k (of K) of the raw scores of the rows the grower put in it. */
function addLeafValues(raw: Float64Array, K: number, k: number, rows: Uint32Array, res: GrowResult): void {
  const value = res.tree.value;
  for (let l = 0; l < res.leafNodes.length; l++) {
    const v = value[res.leafNodes[l]!]!;
    for (let i = res.leafStart[l]!, end = res.leafEnd[l]!; i < end; i++) {
      const j = rows[i]! * K + k;
      raw[j] = raw[j]! + v;
    }
  }
}

/** Adds the tree's output to output k (of K) of every row of a binned matrix (out-of-bag or validation rows). */
function addTreeScores(
  raw: Float64Array,
  K: number,
  k: number,
  tree: GrownTree,
  bins: Uint8Array,
  nRows: number,
  nValueBins: Int32Array,
): void {
  for (let i = 0; i < nRows; i++) {
    raw[i * K + k] = raw[i * K + k]! + tree.value[tree.leafOf(bins, nRows, i, nValueBins)]!;
  }
}

/** `values` copied into a SharedArrayBuffer. */
function sharedCopy(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(values.length * 8));
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

/** Split-finder view of the mapper and constraints. */
function splitFeatures(mapper: BinMapper, params: GbdtParams): SplitFeatures {
  const nF = mapper.nFeatures;
  const nValueBins = new Int32Array(nF), categorical = new Uint8Array(nF), trivial = new Uint8Array(nF);
  const monotone = new Int8Array(nF);
  const upperEdges = new Float64Array(mapper.totalBins);
  for (let f = 0; f < nF; f++) {
    const fb = mapper.features[f]!;
    upperEdges.set(fb.thresholds, mapper.binOffset[f]!);
    nValueBins[f] = fb.nValueBins;
    categorical[f] = fb.kind === "categorical" ? 1 : 0;
    trivial[f] = fb.trivial ? 1 : 0;
    monotone[f] = params.monotoneConstraints?.[f] ?? 0;
  }
  return { binOffset: mapper.binOffset, nValueBins, categorical, trivial, monotone, upperEdges };
}

/** Sets `mask[f] = 1` for `nPick` features drawn from `usable` (all of them when nPick covers it). */
function pickFeatures(mask: Uint8Array, usable: number[], nPick: number, rng: Rng): void {
  if (nPick >= usable.length) {
    mask.fill(0);
    for (const f of usable) mask[f] = 1;
    return;
  }
  mask.fill(0);
  const pool = usable.slice();
  for (let i = 0; i < nPick; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
    mask[pool[i]!] = 1; // the feature drawn into position i
  }
}

function checkData(data: GbdtData, prefix: string): void {
  const { matrix, labels, weights, groups } = data;
  if (!matrix || !(matrix.values instanceof Float32Array)) {
    throw new InputError(`${prefix}matrix`, "must be a Matrix with Float32Array values");
  }
  if (matrix.nRows <= 0) throw new InputError(`${prefix}matrix`, "must have at least one row");
  if (matrix.nCols <= 0) throw new InputError(`${prefix}matrix`, "must have at least one column");
  if (matrix.values.length !== matrix.nRows * matrix.nCols) {
    throw new InputError(
      `${prefix}matrix`,
      `values length ${matrix.values.length} is not nRows·nCols = ${matrix.nRows * matrix.nCols}`,
    );
  }
  if (matrix.featureNames.length !== matrix.nCols) {
    throw new InputError(
      `${prefix}featureNames`,
      `has ${matrix.featureNames.length} names for ${matrix.nCols} columns`,
    );
  }
  requireDistinctFeatureNames(matrix.featureNames, `${prefix}featureNames`);
  if (labels.length !== matrix.nRows) {
    throw new InputError(
      `${prefix}labels`,
      `length ${labels.length} does not match the ${matrix.nRows} matrix rows`,
    );
  }
  requireFinite(`${prefix}labels`, labels);
  if (weights) {
    if (weights.length !== matrix.nRows) {
      throw new InputError(
        `${prefix}weights`,
        `length ${weights.length} does not match the ${matrix.nRows} matrix rows`,
      );
    }
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (!(w > 0 && w < Infinity)) {
        throw new InputError(`${prefix}weights`, `value at index ${i} is ${w}; expected > 0 and finite`);
      }
    }
  }
  if (groups) {
    let s = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (!Number.isInteger(g) || g < 1) {
        throw new InputError(`${prefix}groups`, `value at index ${i} is ${g}; expected a positive integer`);
      }
      s += g;
    }
    if (s !== matrix.nRows) {
      throw new InputError(`${prefix}groups`, `sum to ${s}, not the ${matrix.nRows} matrix rows`);
    }
  }
}

/** Feature values must be finite or NaN; categorical ones non-negative integers (codes) or NaN. */
function checkFeatureValues(matrix: Matrix, catSet: ReadonlySet<number>, field: string): void {
  const { values, nCols } = matrix;
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    if (v === Infinity || v === -Infinity) {
      throw new InputError(
        field,
        `row ${Math.floor(j / nCols)} column ${j % nCols} is ${v}; use NaN for missing values`,
      );
    }
  }
  for (const f of catSet) {
    for (let i = 0; i < matrix.nRows; i++) {
      const v = values[i * nCols + f]!;
      if (v === v && !(Number.isInteger(v) && v >= 0)) {
        throw new InputError(
          field,
          `categorical column ${f} has ${v} at row ${i}; expected a non-negative integer code or NaN`,
        );
      }
    }
  }
}
