/**
 * A fitted two-tower model: both towers' weights, the precomputed L2-normalised embedding matrices of
 * every known user and item (Float32Array, row-major n × embeddingDim), item popularity for fallback,
 * and the config it was trained with. Scores are dot products (= cosine similarity).
 *
 * Cold start (documented behaviour, tested):
 * - a user or item not seen in training but with features → the tower runs with the OOV ID row (trained
 *   by ID dropout) and the given features: the feature-only tower ({@link TwoTowerModel.embed} with
 *   id −1, {@link TwoTowerModel.recommendForNewUser} with features);
 * - a new user without features → the most popular training items (`source: "popularity"`);
 * - users/items that are in the ID space but had no training pair get the feature-only embedding in
 *   the precomputed matrices too (their ID rows were never trained);
 * - an unknown index passed to {@link TwoTowerModel.recommend} is an InputError (indices must be known);
 *   {@link TwoTowerModel.recommendOrPopular} instead takes −1 for unknown users and serves them the
 *   popularity list, and {@link TwoTowerModel.indexOf} maps external ids (a log loaded by the CSV
 *   loader) to indices with −1 for ids unseen in training.
 * @module
 */
import { InputError, ModelFormatError } from "../../errors.ts";
import type { Csr } from "../../recsys/interactions.ts";
import { checkRecommendArgs, csrHas, type Recommender } from "../../recsys/recommender.ts";
import { evaluateLayerList, type LayerList } from "../network/mod.ts";
import { exactTopK } from "../../retrieval/mod.ts";
import { initTf, type tf as tfNs } from "../tf_backend.ts";
import { type BatchContext, gatherBatch } from "./batch.ts";
import { checkEntityFeatures, type EntityFeatures, type FeatureSpec } from "./features.ts";
import { describeTower } from "./graph.ts";
import type { TwoTowerParams } from "./params.ts";
import { disposeTower, towerForward, towerVariables, type TowerWeights } from "./tower.ts";

/** Loss and speed of one epoch. */
export interface EpochStats {
  readonly epoch: number;
  readonly loss: number;
  readonly seconds: number;
  readonly examplesPerSecond: number;
}

/** Everything about a model except its arrays (saved as config.json). */
export interface TwoTowerConfig {
  readonly kind: "two_tower";
  /** {@link TWO_TOWER_FORMAT_VERSION}. */
  readonly formatVersion: number;
  readonly params: TwoTowerParams;
  readonly seed: number;
  readonly nUsers: number;
  readonly nItems: number;
  readonly userSpec: FeatureSpec;
  readonly itemSpec: FeatureSpec;
  /** Names of the per-interaction user context columns (see `TwoTowerData.userContext`), if any. */
  readonly userContextNames?: readonly string[];
  /** Names of the per-interaction item context columns (see `TwoTowerData.itemContext`), if any. */
  readonly itemContextNames?: readonly string[];
  readonly userIds?: readonly string[];
  readonly itemIds?: readonly string[];
  /** Backend the model was trained on. */
  readonly backend: string;
  readonly history: readonly EpochStats[];
}

/**
 * Version of the two-tower config this code writes and reads. Version 2 (the model contract) renamed
 * `format: "two-tower", version: 1` to `kind: "two_tower", formatVersion`; version 1 folders are not read.
 */
export const TWO_TOWER_FORMAT_VERSION = 2;

/** The shapes of one tower's weights (the arrays travel separately). */
export interface TowerShape {
  nIds: number;
  idDim: number;
  featureDim: number;
  dense: { inDim: number; outDim: number; activation: "relu" | "linear" }[];
}

/** Everything about a model but its arrays: the config and both towers' shapes. */
export interface TwoTowerMeta extends TwoTowerConfig {
  readonly towers: Record<Side, TowerShape>;
}

/** The JSON form ({@link TwoTowerModel.toJSON}): the meta plus every array as numbers, by name. */
export interface TwoTowerModelJSON extends TwoTowerMeta {
  readonly arrays: Record<string, number[]>;
}

/** Which tower. */
export type Side = "user" | "item";

/** Rows per tfjs inference call. */
const INFERENCE_CHUNK = 4096;

/** A trained two-tower retrieval model. */
export class TwoTowerModel implements Recommender {
  /** Model family, the key of the model contract (`../contract.ts`). */
  readonly kind = "two_tower" as const;
  readonly name = "two-tower";
  #idIndex: { user?: Map<string, number>; item?: Map<string, number> } = {};
  #popularOrder?: number[];

  constructor(
    readonly config: TwoTowerConfig,
    readonly userTower: TowerWeights,
    readonly itemTower: TowerWeights,
    /** nUsers × embeddingDim, unit rows. */
    readonly userEmbeddings: Float32Array,
    /** nItems × embeddingDim, unit rows. */
    readonly itemEmbeddings: Float32Array,
    /** Summed train rating per item (the popularity fallback). */
    readonly itemPopularity: Float64Array,
  ) {}

  /** Every array of the model by name, in a fixed order (what persistence stores). */
  arrays(): [string, Float32Array][] {
    return [
      ...towerArrays("user", this.userTower),
      ...towerArrays("item", this.itemTower),
      ["user_embeddings", this.userEmbeddings],
      ["item_embeddings", this.itemEmbeddings],
      ["item_popularity", Float32Array.from(this.itemPopularity)],
    ];
  }

  /** The config and the towers' shapes: everything but {@link arrays}. */
  meta(): TwoTowerMeta {
    return {
      ...structuredClone(this.config),
      towers: { user: towerShape(this.userTower), item: towerShape(this.itemTower) },
    };
  }

  /**
   * Rebuilds a model from its {@link meta} and a lookup of its arrays by name (`get` throws when an
   * array is missing or has another length). Throws ModelFormatError on a wrong kind, version or shape.
   */
  static fromArrays(meta: unknown, get: (name: string, length?: number) => Float32Array): TwoTowerModel {
    const m = meta as TwoTowerMeta;
    if (m === null || typeof m !== "object" || m.kind !== "two_tower") {
      throw new ModelFormatError(`expected a two-tower model, got kind ${JSON.stringify(m?.kind)}`, "kind");
    }
    if (m.formatVersion !== TWO_TOWER_FORMAT_VERSION) {
      throw new ModelFormatError(
        `two-tower formatVersion ${m.formatVersion} is not supported (expected ${TWO_TOWER_FORMAT_VERSION})`,
        "formatVersion",
      );
    }
    try {
      const tower = (side: Side, spec: FeatureSpec): TowerWeights => {
        const s = m.towers[side];
        const ints = [s.nIds, s.idDim, s.featureDim, ...s.dense.flatMap((d) => [d.inDim, d.outDim])];
        if (!ints.every((v) => Number.isInteger(v) && v >= 0)) {
          throw new ModelFormatError(`towers.${side}: sizes must be non-negative integers`, `towers.${side}`);
        }
        return {
          nIds: s.nIds,
          idDim: s.idDim,
          featureDim: s.featureDim,
          idEmbedding: get(`${side}/id_embedding`, (s.nIds + 1) * s.idDim),
          catEmbeddings: spec.categorical.map((c, k) =>
            get(`${side}/cat_${k}`, (c.cardinality + 1) * s.featureDim)
          ),
          numericMean: get(`${side}/numeric_mean`, spec.numericNames.length),
          numericScale: get(`${side}/numeric_scale`, spec.numericNames.length),
          dense: s.dense.map((d, l) => ({
            inDim: d.inDim,
            outDim: d.outDim,
            activation: d.activation === "relu" ? "relu" : "linear",
            w: get(`${side}/dense_${l}/w`, d.inDim * d.outDim),
            b: get(`${side}/dense_${l}/b`, d.outDim),
          })),
        };
      };
      const { towers: _t, ...config } = m;
      const d = m.params.embeddingDim;
      return new TwoTowerModel(
        structuredClone(config),
        tower("user", withContext(m.userSpec, m.userContextNames)),
        tower("item", withContext(m.itemSpec, m.itemContextNames)),
        get("user_embeddings", m.nUsers * d),
        get("item_embeddings", m.nItems * d),
        Float64Array.from(get("item_popularity", m.nItems)),
      );
    } catch (e) {
      if (e instanceof ModelFormatError) throw e;
      throw new ModelFormatError(`two-tower config is malformed: ${(e as Error).message}`);
    }
  }

  /** Versioned plain object (JSON-safe; arrays inline as numbers, which round-trip float32 exactly). */
  toJSON(): TwoTowerModelJSON {
    return { ...this.meta(), arrays: Object.fromEntries(this.arrays().map(([n, a]) => [n, Array.from(a)])) };
  }

  /** Rebuilds a model from {@link toJSON}; ModelFormatError on a wrong kind, version, shape or a non-finite value. */
  static fromJSON(json: unknown): TwoTowerModel {
    const arrays = (json as Partial<TwoTowerModelJSON> | null)?.arrays;
    return TwoTowerModel.fromArrays(json, (name, length) => {
      const a = arrays?.[name];
      if (!Array.isArray(a)) {
        throw new ModelFormatError(`two-tower array "${name}" is missing`, `arrays.${name}`);
      }
      if (length !== undefined && a.length !== length) {
        throw new ModelFormatError(
          `two-tower array "${name}" has ${a.length} values; expected ${length}`,
          `arrays.${name}`,
        );
      }
      a.forEach((v, i) => {
        if (typeof v !== "number" || !Number.isFinite(v)) {
          throw new ModelFormatError(
            `two-tower arrays.${name}[${i}] is ${JSON.stringify(v)}; expected a finite number`,
            `arrays.${name}[${i}]`,
          );
        }
      });
      return Float32Array.from(a);
    });
  }

  /** Output width. */
  get embeddingDim(): number {
    return this.config.params.embeddingDim;
  }

  /** One tower as a layer list (`./graph.ts`: inputs, layers, the `embedding` output), for export and {@link embedReference}. */
  describe(side: Side): LayerList {
    const { weights, spec } = this.#side(side);
    const context = (side === "user" ? this.config.userContextNames : this.config.itemContextNames) ?? [];
    return describeTower(side, weights, { ...spec, numericNames: [...spec.numericNames, ...context] });
  }

  /**
   * Batch inference with tfjs: embeddings of entities whose features are the rows of `features` and
   * whose IDs are `ids` (−1 or unknown → OOV, i.e. the feature-only tower; omitted → row j has ID j).
   * A model trained with item context needs `context` (n × itemContextNames.length) for the item side,
   * e.g. item ages at the time the embeddings will be served.
   */
  async embed(
    side: Side,
    features: EntityFeatures,
    ids?: ArrayLike<number>,
    context?: Float32Array,
  ): Promise<Float32Array> {
    const { weights, ctx } = this.#checkInputs(side, features, ids, context);
    const tf = await initTf(this.config.params.backend);
    const vars = towerVariables(tf, weights, side);
    try {
      return embedWith(tf, vars, features, weights.nIds, this.embeddingDim, ids, ctx);
    } finally {
      disposeTower(vars);
    }
  }

  /**
   * The inputs of {@link describe}'s graph for entities with `features`, `ids` and `context` as in
   * {@link embed}: `id` (OOV = the last row), one index per categorical feature, `numeric` (raw).
   */
  feeds(
    side: Side,
    features: EntityFeatures,
    ids?: ArrayLike<number>,
    context?: Float32Array,
  ): Record<string, Int32Array | Float32Array> {
    const { weights, spec, ctx } = this.#checkInputs(side, features, ids, context);
    const rows = Int32Array.from({ length: features.n }, (_, j) => j);
    const b = gatherBatch(features, rows, weights.nIds, ids, ctx);
    const feeds: Record<string, Int32Array | Float32Array> = { id: b.ids };
    if (spec.numericNames.length > 0 || ctx) feeds.numeric = b.numeric;
    spec.categorical.forEach((c, k) => feeds[c.name] = b.cats[k]!);
    return feeds;
  }

  /** The same as {@link embed} through the TypeScript evaluation of the described graph (no tfjs). */
  embedReference(
    side: Side,
    features: EntityFeatures,
    ids?: ArrayLike<number>,
    context?: Float32Array,
  ): Float32Array {
    const g = this.describe(side);
    return Float32Array.from(
      evaluateLayerList(g, this.feeds(side, features, ids, context), features.n).embedding!,
    );
  }

  /** Dot-product scores of (user, item) index pairs from the precomputed matrices. */
  scorePairs(users: ArrayLike<number>, items: ArrayLike<number>): Float64Array {
    if (users.length !== items.length) {
      throw new InputError("items", `length ${items.length} does not match users length ${users.length}`);
    }
    const d = this.embeddingDim, out = new Float64Array(users.length);
    for (let j = 0; j < users.length; j++) {
      const u = users[j]!, i = items[j]!;
      if (!(u >= 0 && u < this.config.nUsers)) {
        throw new InputError("users", `index ${u} at ${j} is outside [0, ${this.config.nUsers})`);
      }
      if (!(i >= 0 && i < this.config.nItems)) {
        throw new InputError("items", `index ${i} at ${j} is outside [0, ${this.config.nItems})`);
      }
      let s = 0;
      for (let c = 0; c < d; c++) s += this.userEmbeddings[u * d + c]! * this.itemEmbeddings[i * d + c]!;
      out[j] = s;
    }
    return out;
  }

  /** Top-k items for known users by exact inner-product search, skipping each user's `exclude` row. */
  recommend(users: ArrayLike<number>, k: number, exclude?: Csr): number[][] {
    checkRecommendArgs(users, k, this.config.nUsers);
    const d = this.embeddingDim, q = new Float32Array(users.length * d);
    for (let j = 0; j < users.length; j++) {
      q.set(this.userEmbeddings.subarray(users[j]! * d, users[j]! * d + d), j * d);
    }
    return this.recommendFor(q, users, k, exclude);
  }

  /**
   * Top-k items for arbitrary query embeddings (n × embeddingDim); row j skips `exclude` row `rows[j]`.
   */
  recommendFor(queries: Float32Array, rows: ArrayLike<number>, k: number, exclude?: Csr): number[][] {
    const d = this.embeddingDim, n = queries.length / d, nItems = this.config.nItems;
    let extra = 0;
    for (let j = 0; j < n; j++) {
      const u = rows[j]!;
      if (exclude && u + 1 < exclude.indptr.length) {
        extra = Math.max(extra, exclude.indptr[u + 1]! - exclude.indptr[u]!);
      }
    }
    const kk = Math.min(nItems, k + extra);
    const top = exactTopK(
      { values: this.itemEmbeddings, n: nItems, dim: d },
      { values: queries, n, dim: d },
      kk,
    );
    const out: number[][] = [];
    for (let j = 0; j < n; j++) {
      const list: number[] = [];
      for (let r = 0; r < kk && list.length < k; r++) {
        const i = top.ids[j * kk + r]!;
        if (i >= 0 && !csrHas(exclude, rows[j]!, i)) list.push(i);
      }
      out.push(list);
    }
    return out;
  }

  /**
   * Dense indices of external ids (the `userIds` / `itemIds` of the training log, e.g. from the CSV
   * loader), −1 for an id unseen in training. InputError when the model was trained without external ids.
   */
  indexOf(side: Side, ids: readonly string[]): Int32Array {
    this.#side(side);
    const known = side === "user" ? this.config.userIds : this.config.itemIds;
    if (!known) {
      throw new InputError("ids", `the model was trained without external ${side} ids (indices only)`);
    }
    const map = (this.#idIndex[side] ??= new Map(known.map((id, j) => [id, j])));
    return Int32Array.from(ids, (id) => map.get(id) ?? -1);
  }

  /**
   * Top-k for users by index where −1 marks a user unknown to the model (see {@link indexOf}): known
   * users get their embedding's list (skipping their `exclude` row), unknown ones the k most popular
   * training items; `sources[j]` says which. Other out-of-range indices are InputErrors.
   */
  recommendOrPopular(
    users: ArrayLike<number>,
    k: number,
    exclude?: Csr,
  ): { items: number[][]; sources: ("embedding" | "popularity")[] } {
    const known = Array.from(users).filter((u) => u !== -1);
    checkRecommendArgs(known, k, this.config.nUsers);
    const lists = this.recommend(known, k, exclude);
    const popular = this.#popular(k);
    const items: number[][] = [], sources: ("embedding" | "popularity")[] = [];
    let r = 0;
    for (let j = 0; j < users.length; j++) {
      if (users[j] === -1) {
        items.push([...popular]);
        sources.push("popularity");
      } else {
        items.push(lists[r++]!);
        sources.push("embedding");
      }
    }
    return { items, sources };
  }

  /** The k most popular training items (summed rating; ties: lower index). */
  #popular(k: number): number[] {
    const pop = this.itemPopularity;
    const order = this.#popularOrder ??= Array.from({ length: pop.length }, (_, i) => i).sort((a, b) =>
      pop[b]! - pop[a]! || a - b
    );
    return order.slice(0, k);
  }

  /**
   * Recommendations for a user unseen in training: with features (one row), the feature-only user tower;
   * without, the k most popular items.
   */
  async recommendForNewUser(
    features: EntityFeatures | undefined,
    k: number,
    context?: Float32Array,
  ): Promise<{ items: number[]; source: "features" | "popularity" }> {
    if (!Number.isInteger(k) || k < 1) throw new InputError("k", `must be an integer >= 1, got ${k}`);
    if (features === undefined) return { items: this.#popular(k), source: "popularity" };
    if (features.n !== 1) {
      throw new InputError("features", `must describe exactly one user, got ${features.n} rows`);
    }
    const e = await this.embed("user", features, [-1], context);
    return { items: this.recommendFor(e, [0], k)[0]!, source: "features" };
  }

  #checkInputs(side: Side, features: EntityFeatures, ids?: ArrayLike<number>, context?: Float32Array) {
    const { weights, spec } = this.#side(side);
    checkEntityFeatures(`${side}Features`, features, spec);
    if (ids && ids.length !== features.n) {
      throw new InputError("ids", `length ${ids.length}, expected ${features.n}`);
    }
    const names = (side === "item" ? this.config.itemContextNames : this.config.userContextNames) ?? [];
    if (names.length === 0) {
      if (context !== undefined) throw new InputError("context", `the ${side} tower takes no context`);
      return { weights, spec, ctx: undefined };
    }
    if (context === undefined) {
      throw new InputError("context", `required: ${features.n} × [${names.join(", ")}]`);
    }
    if (context.length !== features.n * names.length) {
      throw new InputError("context", `length ${context.length}, expected ${features.n} × ${names.length}`);
    }
    for (let j = 0; j < context.length; j++) {
      if (!Number.isFinite(context[j]!)) {
        throw new InputError(
          "context",
          `row ${Math.floor(j / names.length)}, "${names[j % names.length]}" is ${context[j]}`,
        );
      }
    }
    return { weights, spec, ctx: { values: context, width: names.length } };
  }

  #side(side: Side): { weights: TowerWeights; spec: FeatureSpec } {
    if (side === "user") return { weights: this.userTower, spec: this.config.userSpec };
    if (side === "item") return { weights: this.itemTower, spec: this.config.itemSpec };
    throw new InputError("side", `must be "user" or "item", got "${side}"`);
  }
}

function towerArrays(side: Side, t: TowerWeights): [string, Float32Array][] {
  return [
    [`${side}/id_embedding`, t.idEmbedding],
    ...t.catEmbeddings.map((e, k): [string, Float32Array] => [`${side}/cat_${k}`, e]),
    [`${side}/numeric_mean`, t.numericMean],
    [`${side}/numeric_scale`, t.numericScale],
    ...t.dense.flatMap((
      d,
      l,
    ): [string, Float32Array][] => [[`${side}/dense_${l}/w`, d.w], [`${side}/dense_${l}/b`, d.b]]),
  ];
}

function towerShape(t: TowerWeights): TowerShape {
  return {
    nIds: t.nIds,
    idDim: t.idDim,
    featureDim: t.featureDim,
    dense: t.dense.map((d) => ({ inDim: d.inDim, outDim: d.outDim, activation: d.activation })),
  };
}

/** A tower's feature spec with its per-interaction context columns appended to the numeric block. */
function withContext(spec: FeatureSpec, context: readonly string[] | undefined): FeatureSpec {
  return context && context.length > 0 ? { ...spec, numericNames: [...spec.numericNames, ...context] } : spec;
}

/** Runs a tower over all rows of `features` in chunks; returns n × dim. */
export function embedWith(
  tf: typeof tfNs,
  vars: ReturnType<typeof towerVariables>,
  features: EntityFeatures,
  nIds: number,
  dim: number,
  ids?: ArrayLike<number>,
  context?: BatchContext,
): Float32Array {
  const out = new Float32Array(features.n * dim);
  for (let s = 0; s < features.n; s += INFERENCE_CHUNK) {
    const e = Math.min(features.n, s + INFERENCE_CHUNK);
    const rows = Int32Array.from({ length: e - s }, (_, j) => s + j);
    const batch = gatherBatch(
      features,
      rows,
      nIds,
      ids ? Array.from(rows, (r) => ids[r]!) : undefined,
      context && { values: context.values, width: context.width, rows },
    );
    const t = tf.tidy(() => towerForward(tf, vars, batch));
    out.set(t.dataSync() as Float32Array, s * dim);
    t.dispose();
  }
  return out;
}
