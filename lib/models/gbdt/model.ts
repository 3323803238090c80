/**
 * The fitted GBDT: a flat {@link TreeEnsemble} plus everything needed to predict, explain, save and
 * load it. `toJSON()` is the single source of truth for the model file (versioned by
 * {@link GBDT_FORMAT_VERSION}); numbers are stored as JSON doubles, so a save/load round trip gives
 * bit-identical predictions.
 *
 * Categorical features: the model keeps the training category strings (when the training Matrix had
 * them) and re-codes prediction matrices by string (see `../category_codes.ts`), so a code means the
 * same category in both. A category not seen in training, like a missing value, takes the right child
 * of every categorical split. Categorical values must be NaN or non-negative integer codes.
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import { ModelFormatError } from "../../errors.ts";
import {
  type CategoryVocabulary,
  checkCategoryCodes,
  parseVocabulary,
  recodeToTraining,
} from "../category_codes.ts";
import type { FlatTree, TreeEnsemble } from "../tree/ensemble.ts";
import { BinMapper, type BinMapperJSON } from "./binning.ts";
import type { Objective, ObjectiveName } from "./objective.ts";
import { createObjective } from "./objectives/mod.ts";
import { DEFAULT_PARAMS, type GbdtParams } from "./params.ts";
import { predictRaw } from "./predictor.ts";
import { requireTrainingLayout } from "../training_layout.ts";

/** Version of the JSON model format written by {@link GbdtModel.toJSON}. */
export const GBDT_FORMAT_VERSION = 1;

/**
 * Parameters added after format version 1 was first written, with the behaviour of the files written
 * before them: a file without the key was trained that way (its params must say so, so that retraining
 * from them reproduces the model), not with today's default.
 */
const PARAMS_OF_EARLIER_FILES: Partial<GbdtParams> = { thresholdPlacement: "left", minDataInLeafBy: "rows" };

/** Training record kept with the model. */
export interface GbdtMetrics {
  /** Name of the validation metric, when a validation set was given. */
  validMetric?: string;
  /** Validation metric after each iteration. */
  validHistory?: number[];
  /** 1-based iteration kept (trees after it were dropped by early stopping). */
  bestIteration: number;
  bestScore?: number;
}

/** JSON form of a flat tree. */
export interface FlatTreeJSON {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  defaultLeft: number[];
  value: number[];
  cover: number[];
  catOffset: number[];
  catWords: number[];
  catBits: number[];
}

/** The model file. */
export interface GbdtModelJSON {
  formatVersion: number;
  kind: "gbdt";
  objective: ObjectiveName;
  params: GbdtParams;
  featureNames: string[];
  categoricalFeatures: number[];
  /** Training category strings of categorical features that had them (absent in older files). */
  categories?: CategoryVocabulary[];
  binMapper: BinMapperJSON;
  nOutputs: number;
  baseScore: number[];
  treeClass: number[];
  trees: FlatTreeJSON[];
  importanceSplit: number[];
  importanceGain: number[];
  metrics: GbdtMetrics;
}

/** Everything a model is built from. */
export interface GbdtModelParts {
  params: GbdtParams;
  featureNames: readonly string[];
  categoricalFeatures: readonly number[];
  /** Training category strings per categorical feature (default none: codes are used as given). */
  categoryVocabulary?: readonly CategoryVocabulary[];
  binMapper: BinMapper;
  ensemble: TreeEnsemble;
  importanceSplit: Float64Array;
  importanceGain: Float64Array;
  metrics: GbdtMetrics;
  /** The training objective (defaults to `createObjective(params.objective, …)`). */
  objective?: Objective;
}

/** A fitted gradient-boosted tree ensemble. */
export class GbdtModel {
  readonly params: GbdtParams;
  readonly featureNames: readonly string[];
  readonly categoricalFeatures: readonly number[];
  readonly categoryVocabulary: readonly CategoryVocabulary[];
  readonly binMapper: BinMapper;
  readonly ensemble: TreeEnsemble;
  readonly metrics: GbdtMetrics;
  readonly #importanceSplit: Float64Array;
  readonly #importanceGain: Float64Array;
  readonly #objective: Objective;

  constructor(parts: GbdtModelParts) {
    this.params = parts.params;
    this.featureNames = parts.featureNames;
    this.categoricalFeatures = parts.categoricalFeatures;
    this.categoryVocabulary = parts.categoryVocabulary ?? [];
    this.binMapper = parts.binMapper;
    this.ensemble = parts.ensemble;
    this.metrics = parts.metrics;
    this.#importanceSplit = parts.importanceSplit;
    this.#importanceGain = parts.importanceGain;
    this.#objective = parts.objective ??
      createObjective(parts.params.objective, {
        numClass: parts.params.numClass,
        scalePosWeight: parts.params.scalePosWeight,
        ndcgTruncation: parts.params.ndcgTruncation,
      });
  }

  /** Name of the training objective. */
  get objective(): ObjectiveName {
    return this.params.objective;
  }

  /** Number of trees in the ensemble. */
  get nTrees(): number {
    return this.ensemble.trees.length;
  }

  /** Raw margins, row-major `n · nOutputs`. Throws InputError when the columns differ from training. */
  predictRaw(matrix: Matrix): Float64Array {
    return predictRaw(this.ensemble, this.prepareMatrix(matrix));
  }

  /**
   * The matrix as the ensemble reads it: columns checked against training (InputError on another count
   * or name), categorical codes checked and re-coded to the training categories. Pass its result to
   * `treeShap(model.ensemble, …)` to explain rows of a table whose string dictionaries may differ.
   */
  prepareMatrix(matrix: Matrix): Matrix {
    requireTrainingLayout(matrix, this.featureNames);
    checkCategoryCodes(matrix, this.categoricalFeatures);
    return recodeToTraining(matrix, this.categoryVocabulary);
  }

  /** Predictions on the objective's scale (probabilities, values, counts, scores; n · K for multiclass). */
  predict(matrix: Matrix): Float64Array {
    return this.#objective.transform(this.predictRaw(matrix));
  }

  /** Per-feature importance: number of splits ("split") or total split gain ("gain"). */
  featureImportance(type: "split" | "gain" = "gain"): Float64Array {
    return (type === "split" ? this.#importanceSplit : this.#importanceGain).slice();
  }

  toJSON(): GbdtModelJSON {
    const e = this.ensemble;
    return {
      formatVersion: GBDT_FORMAT_VERSION,
      kind: "gbdt",
      objective: this.params.objective,
      params: JSON.parse(JSON.stringify(this.params)), // drops undefined entries, as a file would
      featureNames: [...this.featureNames],
      categoricalFeatures: [...this.categoricalFeatures],
      categories: this.categoryVocabulary.map((v) => ({ feature: v.feature, categories: [...v.categories] })),
      binMapper: this.binMapper.toJSON(),
      nOutputs: e.nOutputs,
      baseScore: Array.from(e.baseScore),
      treeClass: Array.from(e.treeClass),
      trees: e.trees.map(treeToJSON),
      importanceSplit: Array.from(this.#importanceSplit),
      importanceGain: Array.from(this.#importanceGain),
      metrics: structuredClone(this.metrics),
    };
  }

  /** Loads a model written by {@link toJSON}; throws ModelFormatError on another version or a malformed file. */
  static fromJSON(json: GbdtModelJSON): GbdtModel {
    if (!json || typeof json !== "object" || json.kind !== "gbdt") {
      throw new ModelFormatError("not a GBDT model file", "kind");
    }
    if (json.formatVersion !== GBDT_FORMAT_VERSION) {
      throw new ModelFormatError(
        `GBDT model formatVersion ${json.formatVersion} is not supported (expected ${GBDT_FORMAT_VERSION})`,
        "formatVersion",
      );
    }
    const nF = json.featureNames?.length;
    if (!Array.isArray(json.featureNames) || !Array.isArray(json.trees) || !Array.isArray(json.baseScore)) {
      throw new ModelFormatError("GBDT model: missing featureNames, trees or baseScore");
    }
    if (json.treeClass?.length !== json.trees.length || json.baseScore.length !== json.nOutputs) {
      throw new ModelFormatError("GBDT model: treeClass/baseScore do not match trees/nOutputs");
    }
    const trees = json.trees.map((t, i) => treeFromJSON(t, i, nF));
    const ensemble: TreeEnsemble = {
      nFeatures: nF,
      nOutputs: json.nOutputs,
      baseScore: Float64Array.from(json.baseScore),
      trees,
      treeClass: Int32Array.from(json.treeClass),
    };
    return new GbdtModel({
      params: { ...DEFAULT_PARAMS, ...PARAMS_OF_EARLIER_FILES, ...json.params },
      featureNames: json.featureNames,
      categoricalFeatures: json.categoricalFeatures ?? [],
      categoryVocabulary: parseVocabulary(json.categories, nF, "categories"),
      binMapper: BinMapper.fromJSON(json.binMapper),
      ensemble,
      importanceSplit: Float64Array.from(json.importanceSplit ?? new Array(nF).fill(0)),
      importanceGain: Float64Array.from(json.importanceGain ?? new Array(nF).fill(0)),
      metrics: json.metrics ?? { bestIteration: trees.length },
    });
  }
}

function treeToJSON(t: FlatTree): FlatTreeJSON {
  return {
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold),
    left: Array.from(t.left),
    right: Array.from(t.right),
    defaultLeft: Array.from(t.defaultLeft),
    value: Array.from(t.value),
    cover: Array.from(t.cover),
    catOffset: Array.from(t.catOffset),
    catWords: Array.from(t.catWords),
    catBits: Array.from(t.catBits),
  };
}

function treeFromJSON(t: FlatTreeJSON, index: number, nFeatures: number): FlatTree {
  const n = t?.feature?.length;
  const keys = [
    "threshold",
    "left",
    "right",
    "defaultLeft",
    "value",
    "cover",
    "catOffset",
    "catWords",
  ] as const;
  if (!n || keys.some((k) => !Array.isArray(t[k]) || t[k].length !== n) || !Array.isArray(t.catBits)) {
    throw new ModelFormatError(`GBDT model: tree ${index} is malformed`, "trees");
  }
  for (let i = 0; i < n; i++) {
    const f = t.feature[i]!;
    const ok = f === -1 ? true : f >= 0 && f < nFeatures && t.left[i]! > i && t.right[i]! > i &&
      t.left[i]! < n && t.right[i]! < n;
    if (!ok) throw new ModelFormatError(`GBDT model: tree ${index} node ${i} is malformed`, "trees");
  }
  return {
    feature: Int32Array.from(t.feature),
    threshold: Float64Array.from(t.threshold),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    defaultLeft: Uint8Array.from(t.defaultLeft),
    value: Float64Array.from(t.value),
    cover: Float64Array.from(t.cover),
    catOffset: Int32Array.from(t.catOffset),
    catWords: Int32Array.from(t.catWords),
    catBits: Uint32Array.from(t.catBits),
  };
}
