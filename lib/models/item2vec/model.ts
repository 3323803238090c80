/**
 * A fitted item2vec model: one vector per item kept in training, and nearest-neighbour queries for
 * candidate generation (`similar` for one item, `recommend` for a basket).
 *
 * Unknown items (never seen, or seen fewer than `minCount` times): `vector` and `similar` throw
 * InputError naming the item; `recommend` skips them and throws only when no item of the basket is
 * known (the caller then falls back to popularity).
 * @module
 */
import { InputError, ModelFormatError } from "../../errors.ts";
import { type Neighbors, normalizeRows, topKCosine } from "./neighbors.ts";
import { DEFAULT_ITEM2VEC_PARAMS, type Item2VecParams } from "./params.ts";

/** Version of the item2vec format this code reads and writes. */
export const ITEM2VEC_FORMAT_VERSION = 1;

/** Training figures. */
export interface Item2VecFitInfo {
  sessions: number;
  tokens: number;
  /** Positive (center, context) updates made. */
  pairs: number;
  seed: number;
}

/** Items (external ids) and cosine similarities, best first. */
export interface ItemNeighbors {
  items: Int32Array;
  scores: Float32Array;
}

/** The model file (vectors inline). */
export interface Item2VecModelJSON {
  formatVersion: number;
  kind: "item2vec";
  params: Item2VecParams;
  itemIds: number[];
  counts: number[];
  vectors: number[];
  fitInfo: Item2VecFitInfo;
}

/** A fitted item2vec model; see the module doc. */
export class Item2VecModel {
  /** Model family, the key of the model contract (`../contract.ts`). */
  readonly kind = "item2vec" as const;
  readonly #row: Map<number, number>;
  readonly #unit: Float32Array;

  /**
   * @param itemIds external id of each vector row
   * @param counts training occurrences of each row's item
   * @param vectors `itemIds.length × params.dim`, row-major
   */
  constructor(
    readonly params: Item2VecParams,
    readonly itemIds: Int32Array,
    readonly counts: Float64Array,
    readonly vectors: Float32Array,
    readonly fitInfo: Item2VecFitInfo,
  ) {
    if (vectors.length !== itemIds.length * params.dim || counts.length !== itemIds.length) {
      throw new ModelFormatError(`item2vec vectors must be ${itemIds.length} × ${params.dim}`, "vectors");
    }
    this.#row = new Map(Array.from(itemIds, (id, r) => [id, r]));
    this.#unit = normalizeRows(vectors, params.dim);
  }

  /** Embedding width. */
  get dim(): number {
    return this.params.dim;
  }

  /** Whether the item has a vector. */
  has(item: number): boolean {
    return this.#row.has(item);
  }

  #rowOf(item: number): number {
    const r = this.#row.get(item);
    if (r === undefined) {
      throw new InputError(
        "item",
        `${item} has no vector (not seen in training, or seen fewer than minCount = ${this.params.minCount} times)`,
      );
    }
    return r;
  }

  /** A copy of the item's vector. */
  vector(item: number): Float32Array {
    const r = this.#rowOf(item);
    return this.vectors.slice(r * this.dim, (r + 1) * this.dim);
  }

  /** Cosine similarity of two known items. */
  similarity(a: number, b: number): number {
    const ra = this.#rowOf(a) * this.dim, rb = this.#rowOf(b) * this.dim;
    let s = 0;
    for (let k = 0; k < this.dim; k++) s += this.#unit[ra + k]! * this.#unit[rb + k]!;
    return s;
  }

  #toItems(n: Neighbors): ItemNeighbors {
    return { items: Int32Array.from(n.rows, (r) => this.itemIds[r]!), scores: n.scores };
  }

  /** The k items most similar (cosine) to `item`, excluding itself. */
  similar(item: number, k: number): ItemNeighbors {
    checkK(k);
    const r = this.#rowOf(item);
    const q = this.#unit.subarray(r * this.dim, (r + 1) * this.dim);
    return this.#toItems(topKCosine(this.#unit, this.dim, q, k, (x) => x === r));
  }

  /**
   * Candidates for a basket: the k items closest to the mean of the basket's unit vectors, excluding
   * the basket's items. Unknown items are skipped; InputError when none is known.
   */
  recommend(basket: ArrayLike<number>, k: number): ItemNeighbors {
    checkK(k);
    const dim = this.dim, q = new Float64Array(dim), inBasket = new Set<number>();
    for (let i = 0; i < basket.length; i++) {
      const r = this.#row.get(basket[i]!);
      if (r === undefined || inBasket.has(r)) continue;
      inBasket.add(r);
      for (let j = 0; j < dim; j++) q[j]! += this.#unit[r * dim + j]!;
    }
    if (inBasket.size === 0) {
      throw new InputError("basket", "contains no item with a vector (fall back to popularity)");
    }
    return this.#toItems(topKCosine(this.#unit, dim, q, k, (x) => inBasket.has(x)));
  }

  /** Versioned plain object (JSON-safe). */
  toJSON(): Item2VecModelJSON {
    return {
      formatVersion: ITEM2VEC_FORMAT_VERSION,
      kind: "item2vec",
      params: { ...this.params },
      itemIds: Array.from(this.itemIds),
      counts: Array.from(this.counts),
      vectors: Array.from(this.vectors),
      fitInfo: { ...this.fitInfo },
    };
  }

  /** Rebuilds a model; throws ModelFormatError on a wrong kind, version or shape. */
  static fromJSON(json: unknown): Item2VecModel {
    const o = json as Partial<Item2VecModelJSON> | null;
    if (o === null || typeof o !== "object" || o.kind !== "item2vec") {
      throw new ModelFormatError('expected an item2vec model ({ kind: "item2vec" })', "kind");
    }
    if (o.formatVersion !== ITEM2VEC_FORMAT_VERSION) {
      throw new ModelFormatError(
        `unsupported item2vec format version ${o.formatVersion}; expected ${ITEM2VEC_FORMAT_VERSION}`,
        "formatVersion",
      );
    }
    if (!Array.isArray(o.itemIds) || !Array.isArray(o.counts) || !Array.isArray(o.vectors)) {
      throw new ModelFormatError("item2vec model needs itemIds, counts and vectors arrays", "vectors");
    }
    for (const field of ["itemIds", "counts", "vectors"] as const) {
      const bad = o[field]!.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
      if (bad >= 0) {
        throw new ModelFormatError(
          `item2vec ${field}[${bad}] is ${JSON.stringify(o[field]![bad])}; expected a finite number`,
          `${field}[${bad}]`,
        );
      }
    }
    const params = { ...DEFAULT_ITEM2VEC_PARAMS, ...(o.params ?? {}) } as Item2VecParams;
    return new Item2VecModel(
      params,
      Int32Array.from(o.itemIds),
      Float64Array.from(o.counts),
      Float32Array.from(o.vectors),
      o.fitInfo as Item2VecFitInfo,
    );
  }
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new InputError("k", `must be an integer ≥ 1, got ${k}`);
}
