/**
 * Turns a {@link Matrix} into the three inputs of the wide & deep network, with the vocabularies,
 * numeric statistics and cross definitions learned at fit time and stored in the model:
 *
 * - `deepIds` (`nRows × nCategorical`, Int32): per categorical feature, the row of the shared
 *   embedding table: `offset_f + index`, where `index` is 1 + the position of the code in the training
 *   vocabulary (codes ascending) and 0 means missing / unknown / rarer than `minCategoryCount`;
 * - `wideIds` (`nRows × nWideSlots`, Int32): per wide slot, the index into the wide weight vector:
 *   singles use `offset + index`; a cross uses `offset + hash(index_1, …, index_k) mod buckets` with
 *   {@link crossHash} (FNV-1a over the indices, salted by the cross number, murmur3 finaliser);
 * - `numeric` (`nRows × nNumeric`, Float32): raw values (standardisation is a layer of the network),
 *   NaN replaced by the training mean when `numericMissing = "mean"`.
 *
 * Unknown/missing categories and NaN numerics follow the model's `unknownCategory` / `numericMissing`
 * policy (see `params.ts`): either a documented mapping or an InputError naming the feature and row.
 *
 * @example
 * ```ts
 * import { WideDeepEncoder } from "./encoder.ts";
 * import { resolveWideDeepParams } from "./params.ts";
 * const m = { nRows: 2, nCols: 3, values: new Float32Array([0, 1, 0.5, 1, 0, 2]), featureNames: ["a", "b", "x"] };
 * const enc = WideDeepEncoder.fit(m, resolveWideDeepParams({ categoricalFeatures: ["a", "b"], crosses: [["a", "b"]] }));
 * enc.encode(m).deepIds; // Int32Array [1, 5, 2, 4]: a uses rows 0..2, b rows 3..5 (rows 0 and 3 = unknown)
 * ```
 * @module
 */
import { InputError, ModelFormatError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import type { WideDeepParams } from "./params.ts";
import { requireTrainingLayout } from "../training_layout.ts";

/** A categorical feature: its column, vocabulary (training codes, ascending) and embedding-row offset. */
export interface CategoricalField {
  feature: number;
  name: string;
  /** Training codes kept in the vocabulary; code `vocab[i]` has index `i + 1` (0 = unknown). */
  vocab: number[];
  /** First row of this feature in the shared embedding table (`vocab.length + 1` rows). */
  embeddingOffset: number;
}

/** A numeric feature with its training statistics (population std; 1 for a constant column). */
export interface NumericField {
  feature: number;
  name: string;
  mean: number;
  std: number;
}

/** A wide slot: a single categorical feature (unhashed) or a hashed cross of several. */
export interface WideSlot {
  /** Positions in the categorical field list. */
  fields: number[];
  /** Number of weights this slot owns. */
  size: number;
  /** First weight of the slot in the wide vector. */
  offset: number;
  /** true = hashed cross; false = single feature (index used directly). */
  hashed: boolean;
  /** Hash salt (the cross number). */
  salt: number;
}

/** Serialized encoder. */
export interface WideDeepEncoderJSON {
  featureNames: string[];
  categorical: CategoricalField[];
  numeric: NumericField[];
  wideSlots: WideSlot[];
  unknownCategory: "oov" | "error";
  numericMissing: "error" | "mean";
}

/** The network inputs for a batch of rows (row-major). */
export interface EncodedBatch {
  nRows: number;
  deepIds: Int32Array;
  wideIds: Int32Array;
  numeric: Float32Array;
}

/** Deterministic 32-bit hash of a cross: FNV-1a over the indices (salted), murmur3 finaliser. */
export function crossHash(indices: ArrayLike<number>, salt: number): number {
  let h = (2166136261 ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < indices.length; i++) {
    h = Math.imul(h ^ (indices[i]! & 0xffff), 16777619);
    h = Math.imul(h ^ (indices[i]! >>> 16), 16777619);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Learned input encoding of a wide & deep model; see the module doc. */
export class WideDeepEncoder {
  /** Rows of the shared embedding table. */
  readonly embeddingRows: number;
  /** Length of the wide weight vector. */
  readonly wideSize: number;
  readonly #lookup: Map<number, number>[];

  constructor(readonly json: WideDeepEncoderJSON) {
    this.#lookup = json.categorical.map((c) => new Map(c.vocab.map((code, i) => [code, i + 1])));
    this.embeddingRows = json.categorical.reduce((s, c) => s + c.vocab.length + 1, 0);
    this.wideSize = json.wideSlots.reduce((s, w) => s + w.size, 0);
  }

  /** Input feature names, in order. */
  get featureNames(): readonly string[] {
    return this.json.featureNames;
  }
  get nCategorical(): number {
    return this.json.categorical.length;
  }
  get nNumeric(): number {
    return this.json.numeric.length;
  }
  get nWideSlots(): number {
    return this.json.wideSlots.length;
  }

  /** Learns vocabularies, numeric statistics and wide slots from the training matrix. */
  static fit(matrix: Matrix, p: WideDeepParams): WideDeepEncoder {
    checkShape(matrix);
    const catNames = new Set(p.categoricalFeatures);
    for (const c of matrix.categorical ?? []) {
      const n = matrix.featureNames[c.feature];
      if (n !== undefined) catNames.add(n);
    }
    const { nRows, nCols, values } = matrix;
    const categorical: CategoricalField[] = [];
    const numeric: NumericField[] = [];
    let embeddingOffset = 0;
    for (let j = 0; j < nCols; j++) {
      const name = matrix.featureNames[j]!;
      if (catNames.has(name)) {
        const counts = new Map<number, number>();
        for (let i = 0; i < nRows; i++) {
          const v = values[i * nCols + j]!;
          if (Number.isNaN(v)) continue;
          if (!Number.isInteger(v) || v < 0) {
            throw new InputError(
              `matrix.${name}`,
              `categorical value at row ${i} is ${v}; expected an integer code ≥ 0 or NaN`,
            );
          }
          counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        const vocab = [...counts].filter(([, n]) => n >= p.minCategoryCount).map(([c]) => c).sort((a, b) =>
          a - b
        );
        categorical.push({ feature: j, name, vocab, embeddingOffset });
        embeddingOffset += vocab.length + 1;
      } else {
        let s = 0, ss = 0, n = 0;
        for (let i = 0; i < nRows; i++) {
          const v = values[i * nCols + j]!;
          if (Number.isNaN(v) && p.numericMissing === "mean") continue;
          if (!Number.isFinite(v)) {
            throw new InputError(
              `matrix.${name}`,
              `value at row ${i} is ${v}; expected a finite number (numericMissing = "${p.numericMissing}")`,
            );
          }
          s += v;
          ss += v * v;
          n++;
        }
        const mean = n > 0 ? s / n : 0;
        const variance = n > 0 ? Math.max(0, ss / n - mean * mean) : 0;
        const std = variance > 1e-24 ? Math.sqrt(variance) : 1;
        numeric.push({ feature: j, name, mean, std });
      }
    }
    const pos = new Map(categorical.map((c, i) => [c.name, i]));
    const wideSlots: WideSlot[] = [];
    let offset = 0;
    if (p.wideSingles) {
      categorical.forEach((c, i) => {
        wideSlots.push({ fields: [i], size: c.vocab.length + 1, offset, hashed: false, salt: 0 });
        offset += c.vocab.length + 1;
      });
    }
    p.crosses.forEach((cross, k) => {
      wideSlots.push({
        fields: cross.map((n) => pos.get(n)!),
        size: p.crossBuckets,
        offset,
        hashed: true,
        salt: k,
      });
      offset += p.crossBuckets;
    });
    return new WideDeepEncoder({
      featureNames: [...matrix.featureNames],
      categorical,
      numeric,
      wideSlots,
      unknownCategory: p.unknownCategory,
      numericMissing: p.numericMissing,
    });
  }

  /** Encodes a matrix with the training layout; throws InputError on a column mismatch or a policy violation. */
  encode(matrix: Matrix): EncodedBatch {
    checkShape(matrix);
    requireTrainingLayout(matrix, this.json.featureNames);
    const { nRows, nCols, values } = matrix;
    const cats = this.json.categorical, nums = this.json.numeric, slots = this.json.wideSlots;
    const nc = cats.length, nn = nums.length, nw = slots.length;
    const local = new Int32Array(nRows * nc);
    const deepIds = new Int32Array(nRows * nc);
    const strict = this.json.unknownCategory === "error";
    for (let f = 0; f < nc; f++) {
      const c = cats[f]!, lookup = this.#lookup[f]!;
      for (let i = 0; i < nRows; i++) {
        const v = values[i * nCols + c.feature]!;
        const idx = lookup.get(v) ?? 0;
        if (idx === 0 && strict) {
          throw new InputError(
            `matrix.${c.name}`,
            Number.isNaN(v)
              ? `row ${i} is missing (NaN) and unknownCategory is "error"`
              : `category ${v} at row ${i} was not in the training vocabulary (unknownCategory is "error")`,
          );
        }
        local[i * nc + f] = idx;
        deepIds[i * nc + f] = c.embeddingOffset + idx;
      }
    }
    const numeric = new Float32Array(nRows * nn);
    const impute = this.json.numericMissing === "mean";
    for (let f = 0; f < nn; f++) {
      const u = nums[f]!;
      for (let i = 0; i < nRows; i++) {
        let v = values[i * nCols + u.feature]!;
        if (Number.isNaN(v) && impute) v = u.mean;
        if (!Number.isFinite(v)) {
          throw new InputError(
            `matrix.${u.name}`,
            `value at row ${i} is ${v}; expected a finite number (numericMissing = "${this.json.numericMissing}")`,
          );
        }
        numeric[i * nn + f] = v;
      }
    }
    const wideIds = new Int32Array(nRows * nw);
    const buf: number[] = [];
    for (let s = 0; s < nw; s++) {
      const slot = slots[s]!;
      for (let i = 0; i < nRows; i++) {
        if (!slot.hashed) {
          wideIds[i * nw + s] = slot.offset + local[i * nc + slot.fields[0]!]!;
        } else {
          buf.length = 0;
          for (const f of slot.fields) buf.push(local[i * nc + f]!);
          wideIds[i * nw + s] = slot.offset + (crossHash(buf, slot.salt) % slot.size);
        }
      }
    }
    return { nRows, deepIds, wideIds, numeric };
  }

  /** Versioned-by-owner plain object. */
  toJSON(): WideDeepEncoderJSON {
    return structuredClone(this.json);
  }

  /** Rebuilds an encoder; throws ModelFormatError on an inconsistent layout. */
  static fromJSON(json: unknown): WideDeepEncoder {
    const o = json as Partial<WideDeepEncoderJSON> | null;
    if (
      o === null || typeof o !== "object" || !Array.isArray(o.featureNames) ||
      !Array.isArray(o.categorical) ||
      !Array.isArray(o.numeric) || !Array.isArray(o.wideSlots)
    ) {
      throw new ModelFormatError(
        "wide & deep encoder must have featureNames, categorical, numeric and wideSlots",
        "encoder",
      );
    }
    let off = 0;
    for (const c of o.categorical) {
      if (c.embeddingOffset !== off || !Array.isArray(c.vocab)) {
        throw new ModelFormatError("embedding offsets are inconsistent", "encoder.categorical");
      }
      off += c.vocab.length + 1;
    }
    o.numeric.forEach((f, k) => {
      if (
        f === null || typeof f !== "object" || !Number.isFinite(f.mean) || !Number.isFinite(f.std) ||
        !(f.std > 0)
      ) {
        throw new ModelFormatError(
          `encoder.numeric[${k}] must have a finite mean and a finite std > 0, got ${JSON.stringify(f)}`,
          `encoder.numeric[${k}]`,
        );
      }
    });
    off = 0;
    for (const w of o.wideSlots) {
      if (w.offset !== off || !(w.size >= 1)) {
        throw new ModelFormatError("wide slot offsets are inconsistent", "encoder.wideSlots");
      }
      off += w.size;
    }
    return new WideDeepEncoder(structuredClone(o as WideDeepEncoderJSON));
  }
}

function checkShape(m: Matrix): void {
  if (m.values.length !== m.nRows * m.nCols) {
    throw new InputError(
      "matrix",
      `values length ${m.values.length} is not nRows·nCols = ${m.nRows * m.nCols}`,
    );
  }
  if (m.featureNames.length !== m.nCols) {
    throw new InputError("matrix", `has ${m.featureNames.length} feature names for ${m.nCols} columns`);
  }
}
