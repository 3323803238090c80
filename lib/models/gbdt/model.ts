/**
 * The fitted GBDT: a {@link TreeModel} (flat ensemble, link, input contract: everything prediction
 * needs) plus what only training needs: parameters, the bin mapper (kept for continued training),
 * feature importances and the training record. `toJSON()` is the single source of truth for the model
 * file (versioned by {@link GBDT_FORMAT_VERSION}); numbers are stored as JSON doubles, so a save/load
 * round trip gives bit-identical predictions.
 *
 * Loading ({@link GbdtModel.fromJSON}) builds no training object: the link is read from the file (or,
 * for version 1 files, which lack it, from the objective's name), and the bin mapper is parsed only
 * when something asks for it. Every number the predictor reads is checked (`../tree/json.ts`): a leaf
 * value `"abc"` is a ModelFormatError naming `trees[t].value[n]`, never a NaN prediction.
 *
 * Categorical features: see `../tree/model.ts` (codes re-coded by string; unseen = missing).
 * @module
 */
import { ModelFormatError } from "../../errors.ts";
import { parseVocabulary } from "../category_codes.ts";
import { ensembleFromJSON, ensembleToJSON, type FlatTreeJSON } from "../tree/json.ts";
import { isLink, type Link } from "../tree/link.ts";
import { TreeModel } from "../tree/model.ts";
import type { TreeEnsemble } from "../tree/ensemble.ts";
import { BinMapper, type BinMapperJSON } from "./binning.ts";
import type { ObjectiveName } from "./objective.ts";
import { DEFAULT_PARAMS, type GbdtParams } from "./params.ts";

export type { FlatTreeJSON } from "../tree/json.ts";

/**
 * Version of the JSON model format written by {@link GbdtModel.toJSON}. Version 2 added `link`;
 * version 1 files still load (their link follows from `objective`).
 */
export const GBDT_FORMAT_VERSION = 2;

/** The link of each objective's predictions (lambdarank scores are the margins). */
export const OBJECTIVE_LINKS: Readonly<Record<ObjectiveName, Link>> = {
  binary: "sigmoid",
  regression: "identity",
  poisson: "exp",
  multiclass: "softmax",
  lambdarank: "identity",
};

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

/** The model file. */
export interface GbdtModelJSON {
  formatVersion: number;
  kind: "gbdt";
  objective: ObjectiveName;
  /** The prediction link (format version 2; derived from `objective` in version 1 files). */
  link?: Link;
  params: GbdtParams;
  featureNames: string[];
  categoricalFeatures: number[];
  /** Training category strings of categorical features that had them (absent in older files). */
  categories?: { feature: number; categories: string[] }[];
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
  categoryVocabulary?: readonly { feature: number; categories: string[] }[];
  /** The bin mapper, or its JSON (parsed on first use: prediction never needs it). */
  binMapper: BinMapper | BinMapperJSON;
  ensemble: TreeEnsemble;
  importanceSplit: Float64Array;
  importanceGain: Float64Array;
  metrics: GbdtMetrics;
  /** The prediction link (default: the link of `params.objective`). */
  link?: Link;
}

/** A fitted gradient-boosted tree ensemble. */
export class GbdtModel extends TreeModel {
  /** Model family, the key of the model contract (`../contract.ts`). */
  readonly kind = "gbdt" as const;
  readonly params: GbdtParams;
  readonly metrics: GbdtMetrics;
  readonly #importanceSplit: Float64Array;
  readonly #importanceGain: Float64Array;
  #binMapper: BinMapper | BinMapperJSON;

  constructor(parts: GbdtModelParts) {
    super({
      ensemble: parts.ensemble,
      link: parts.link ?? OBJECTIVE_LINKS[parts.params.objective],
      featureNames: parts.featureNames,
      categoricalFeatures: parts.categoricalFeatures,
      categoryVocabulary: parts.categoryVocabulary,
    });
    this.params = parts.params;
    this.metrics = parts.metrics;
    this.#binMapper = parts.binMapper;
    this.#importanceSplit = parts.importanceSplit;
    this.#importanceGain = parts.importanceGain;
  }

  /** Name of the training objective. */
  get objective(): ObjectiveName {
    return this.params.objective;
  }

  /** The training bin mapper (parsed from the file on first access; ModelFormatError when malformed). */
  get binMapper(): BinMapper {
    if (!(this.#binMapper instanceof BinMapper)) this.#binMapper = BinMapper.fromJSON(this.#binMapper);
    return this.#binMapper;
  }

  /** Per-feature importance: number of splits ("split") or total split gain ("gain"). */
  featureImportance(type: "split" | "gain" = "gain"): Float64Array {
    return (type === "split" ? this.#importanceSplit : this.#importanceGain).slice();
  }

  toJSON(): GbdtModelJSON {
    const mapper = this.#binMapper;
    return {
      formatVersion: GBDT_FORMAT_VERSION,
      kind: "gbdt",
      objective: this.params.objective,
      link: this.link,
      params: JSON.parse(JSON.stringify(this.params)), // drops undefined entries, as a file would
      featureNames: [...this.featureNames],
      categoricalFeatures: [...this.categoricalFeatures],
      categories: this.categoryVocabulary.map((v) => ({ feature: v.feature, categories: [...v.categories] })),
      binMapper: mapper instanceof BinMapper ? mapper.toJSON() : structuredClone(mapper),
      ...ensembleToJSON(this.ensemble),
      importanceSplit: Array.from(this.#importanceSplit),
      importanceGain: Array.from(this.#importanceGain),
      metrics: structuredClone(this.metrics),
    };
  }

  /**
   * Loads a model written by {@link toJSON} (format version 1 or 2). Throws ModelFormatError naming the
   * field on another kind or version, or on any malformed or non-finite value the predictor reads.
   */
  static fromJSON(json: GbdtModelJSON): GbdtModel {
    if (!json || typeof json !== "object" || json.kind !== "gbdt") {
      throw new ModelFormatError(`not a GBDT model file (kind ${JSON.stringify(json?.kind)})`, "kind");
    }
    if (json.formatVersion !== 1 && json.formatVersion !== GBDT_FORMAT_VERSION) {
      throw new ModelFormatError(
        `GBDT model formatVersion ${json.formatVersion} is not supported (expected 1 to ${GBDT_FORMAT_VERSION})`,
        "formatVersion",
      );
    }
    const names = json.featureNames;
    if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) {
      throw new ModelFormatError("GBDT model: featureNames must be a list of strings", "featureNames");
    }
    const nF = names.length;
    const link = json.formatVersion === 1 ? OBJECTIVE_LINKS[json.objective] : json.link;
    if (!isLink(link)) {
      throw new ModelFormatError(
        json.formatVersion === 1
          ? `GBDT model: unknown objective ${JSON.stringify(json.objective)}`
          : `GBDT model: link ${JSON.stringify(json.link)} is not one of identity, sigmoid, exp, softmax`,
        json.formatVersion === 1 ? "objective" : "link",
      );
    }
    const categorical = json.categoricalFeatures ?? [];
    if (
      !Array.isArray(categorical) ||
      !categorical.every((f) => Number.isInteger(f) && f >= 0 && f < nF)
    ) {
      throw new ModelFormatError(
        `GBDT model: categoricalFeatures must be feature indices in [0, ${nF})`,
        "categoricalFeatures",
      );
    }
    const ensemble = ensembleFromJSON(json, nF);
    return new GbdtModel({
      params: { ...DEFAULT_PARAMS, ...PARAMS_OF_EARLIER_FILES, ...json.params },
      featureNames: names,
      categoricalFeatures: categorical,
      categoryVocabulary: parseVocabulary(json.categories, nF, "categories"),
      binMapper: json.binMapper,
      ensemble,
      importanceSplit: importance(json.importanceSplit, nF, "importanceSplit"),
      importanceGain: importance(json.importanceGain, nF, "importanceGain"),
      metrics: json.metrics ?? { bestIteration: ensemble.trees.length },
      link,
    });
  }
}

function importance(v: unknown, nF: number, field: string): Float64Array {
  if (v === undefined) return new Float64Array(nF);
  if (!Array.isArray(v) || v.length !== nF || !v.every((x) => typeof x === "number" && Number.isFinite(x))) {
    throw new ModelFormatError(`GBDT model: ${field} must be ${nF} finite numbers`, field);
  }
  return Float64Array.from(v);
}
