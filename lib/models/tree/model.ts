/**
 * A tree model ready to serve: a flat {@link TreeEnsemble}, its {@link Link}, and the input contract
 * (feature names, categorical features and their training category strings). It is everything that
 * prediction, TreeSHAP and ONNX export read; the GBDT's `GbdtModel` extends it with what only training
 * needs (parameters, bin mapper, importances, training record).
 *
 * Categorical features: prediction matrices whose categorical columns carry category strings are
 * re-coded to the training codes by string (see `../category_codes.ts`), so a code means the same
 * category in both; a category not seen in training, like a missing value, takes the right child of
 * every categorical split. Categorical values must be NaN or non-negative integer codes.
 *
 * @example
 * ```ts
 * import { TreeModel } from "./model.ts";
 * const leaf = { feature: Int32Array.of(-1), threshold: Float64Array.of(0), left: Int32Array.of(-1),
 *   right: Int32Array.of(-1), defaultLeft: Uint8Array.of(0), value: Float64Array.of(0), cover: Float64Array.of(1),
 *   catOffset: Int32Array.of(-1), catWords: Int32Array.of(0), catBits: new Uint32Array(0) };
 * const model = new TreeModel({
 *   ensemble: { nFeatures: 1, nOutputs: 1, baseScore: Float64Array.of(0), trees: [leaf], treeClass: Int32Array.of(0) },
 *   link: "sigmoid",
 *   featureNames: ["x"],
 * });
 * model.predict({ nRows: 1, nCols: 1, values: Float32Array.of(3), featureNames: ["x"] })[0]; // 0.5
 * ```
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import { type CategoryVocabulary, checkCategoryCodes, recodeToTraining } from "../category_codes.ts";
import { requireTrainingLayout } from "../training_layout.ts";
import type { TreeEnsemble } from "./ensemble.ts";
import { applyLink, type Link } from "./link.ts";
import { predictRaw } from "./predictor.ts";

/** What a {@link TreeModel} is made of. */
export interface TreeModelParts {
  readonly ensemble: TreeEnsemble;
  readonly link: Link;
  readonly featureNames: readonly string[];
  /** Indices of categorical features, ascending (default none). */
  readonly categoricalFeatures?: readonly number[];
  /** Training category strings per categorical feature (default none: codes are used as given). */
  readonly categoryVocabulary?: readonly CategoryVocabulary[];
}

/** A flat tree ensemble with its link and input contract; see the module doc. */
export class TreeModel {
  readonly ensemble: TreeEnsemble;
  readonly link: Link;
  readonly featureNames: readonly string[];
  readonly categoricalFeatures: readonly number[];
  readonly categoryVocabulary: readonly CategoryVocabulary[];

  constructor(parts: TreeModelParts) {
    // the ensemble carries the names, so that treeShap(model.ensemble, matrix) checks them too
    this.ensemble = { ...parts.ensemble, featureNames: [...parts.featureNames] };
    this.link = parts.link;
    this.featureNames = parts.featureNames;
    this.categoricalFeatures = parts.categoricalFeatures ?? [];
    this.categoryVocabulary = parts.categoryVocabulary ?? [];
  }

  /** Number of trees in the ensemble. */
  get nTrees(): number {
    return this.ensemble.trees.length;
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

  /** Raw margins, row-major `n · nOutputs`. Throws InputError when the columns differ from training. */
  predictRaw(matrix: Matrix): Float64Array {
    return predictRaw(this.ensemble, this.prepareMatrix(matrix));
  }

  /** Predictions: the link of the raw margins (probabilities, values, counts, scores; n · K for softmax). */
  predict(matrix: Matrix): Float64Array {
    return applyLink(this.link, this.predictRaw(matrix), this.ensemble.nOutputs);
  }
}
