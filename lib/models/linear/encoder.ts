/**
 * Fit-time feature encoding for linear models, stored in the model so prediction repeats it exactly:
 *
 * - numeric feature: missing (NaN) → the training mean of the observed values (mean imputation); then,
 *   with standardisation, `(x − mean) / sd` with the population sd of the imputed column (the same as
 *   sklearn's `SimpleImputer(strategy="mean")` followed by `StandardScaler`; weighted when weights are
 *   given; a constant column keeps scale 1);
 * - categorical feature: one-hot over the integer codes seen in training (ascending), one column per
 *   code, never scaled. A missing value or a code not seen in training encodes as all zeros, i.e. the
 *   row gets no contribution from that feature (like sklearn's `OneHotEncoder(handle_unknown="ignore")`).
 *   A categorical feature with more than `maxCategories` distinct training values (the fit parameter,
 *   default 1000) is rejected with an InputError naming it, whether it was listed or came in as a string
 *   column: a 5,000-level id column would otherwise become 5,000 columns and a fit of minutes.
 *
 * @example
 * ```ts
 * import { FeatureEncoder } from "./encoder.ts";
 * const m = { nRows: 3, nCols: 2, values: new Float32Array([1, 0, 3, 2, NaN, 0]), featureNames: ["x", "c"] };
 * const enc = FeatureEncoder.fit(m, new Set([1]), true);
 * enc.encodedNames; // ["x", "c=0", "c=2"]
 * ```
 * @module
 */
import { InputError, ModelFormatError } from "../../errors.ts";
import type { Matrix } from "../../data/types.ts";
import { type CategoryVocabulary, parseVocabulary, trainingVocabulary } from "../category_codes.ts";

/** How one input feature is encoded. */
export type ColumnEncoding =
  | { readonly kind: "numeric"; readonly impute: number; readonly center: number; readonly scale: number }
  | { readonly kind: "categorical"; readonly codes: readonly number[] };

/** Serialized encoder. */
export interface FeatureEncoderJSON {
  featureNames: string[];
  columns: ColumnEncoding[];
  /** Training category strings of categorical features that had them (absent in older files). */
  categories?: CategoryVocabulary[];
}

/** The stored encoding of every input feature. */
export class FeatureEncoder {
  /** Number of encoded columns. */
  readonly nEncoded: number;
  /** Names of the encoded columns: the feature name, or `name=category` for one-hot columns. */
  readonly encodedNames: readonly string[];
  /** Input feature index of each numeric feature, ascending. */
  readonly numericFeatures: Int32Array;
  /** Encoded column index of each numeric feature (parallel to {@link numericFeatures}). */
  readonly numericColumns: Int32Array;
  /** Input feature index of each categorical feature, ascending. */
  readonly categoricalFeatures: Int32Array;
  /** Training category strings per categorical feature (prediction matrices are re-coded to them). */
  readonly vocabulary: readonly CategoryVocabulary[];
  readonly #offsets: Int32Array;
  readonly #codeIndex: (Map<number, number> | null)[];

  constructor(
    readonly featureNames: readonly string[],
    readonly columns: readonly ColumnEncoding[],
    vocabulary: readonly CategoryVocabulary[] = [],
  ) {
    this.vocabulary = vocabulary.filter((v) => columns[v.feature]?.kind === "categorical");
    const categoryNames = new Map(this.vocabulary.map((v) => [v.feature, v.categories]));
    this.#offsets = new Int32Array(columns.length);
    const names: string[] = [];
    this.#codeIndex = columns.map((c, j) => {
      this.#offsets[j] = names.length;
      if (c.kind === "numeric") {
        names.push(featureNames[j]!);
        return null;
      }
      const strings = categoryNames.get(j);
      c.codes.forEach((code) => names.push(`${featureNames[j]}=${strings?.[code] ?? code}`));
      return new Map(c.codes.map((code, k) => [code, k]));
    });
    this.nEncoded = names.length;
    this.encodedNames = names;
    const numeric: number[] = [], categorical: number[] = [];
    columns.forEach((c, j) => (c.kind === "numeric" ? numeric : categorical).push(j));
    this.numericFeatures = Int32Array.from(numeric);
    this.numericColumns = Int32Array.from(numeric, (j) => this.#offsets[j]!);
    this.categoricalFeatures = Int32Array.from(categorical);
  }

  /**
   * Learns the encoding from training rows. `weights` weight the statistics (default 1); `modelName`
   * prefixes the error messages.
   * @throws InputError when a categorical value is not a non-negative integer code, or when a categorical
   *   feature has more than `maxCategories` distinct values (the error names the feature; counting stops
   *   at the limit, so the check is cheap)
   */
  static fit(
    matrix: Matrix,
    categorical: ReadonlySet<number>,
    standardize: boolean,
    weights?: ArrayLike<number>,
    maxCategories = Infinity,
    modelName = "logistic regression",
  ): FeatureEncoder {
    const { nRows, nCols, values } = matrix;
    const columns: ColumnEncoding[] = [];
    for (let j = 0; j < nCols; j++) {
      if (categorical.has(j)) {
        const codes = new Set<number>();
        for (let i = 0; i < nRows; i++) {
          const v = values[i * nCols + j]!;
          if (Number.isNaN(v)) continue;
          if (!Number.isInteger(v) || v < 0) {
            throw new InputError(
              "matrix",
              `categorical feature "${
                matrix.featureNames[j]
              }" has value ${v} at row ${i}; expected an integer code >= 0 or NaN`,
            );
          }
          codes.add(v);
          if (codes.size > maxCategories) throw tooManyCategories(matrix, j, maxCategories, modelName);
        }
        columns.push({ kind: "categorical", codes: [...codes].sort((a, b) => a - b) });
        continue;
      }
      let sw = 0, swx = 0, swAll = 0;
      for (let i = 0; i < nRows; i++) {
        const v = values[i * nCols + j]!;
        const w = weights === undefined ? 1 : weights[i]!;
        swAll += w;
        if (Number.isNaN(v)) continue;
        sw += w, swx += w * v;
      }
      const mean = sw > 0 ? swx / sw : 0;
      // Variance of the imputed column (imputed rows sit at the mean and add no spread).
      let swd = 0;
      for (let i = 0; i < nRows; i++) {
        const v = values[i * nCols + j]!;
        if (!Number.isNaN(v)) swd += (weights === undefined ? 1 : weights[i]!) * (v - mean) ** 2;
      }
      const sd = swAll > 0 ? Math.sqrt(swd / swAll) : 0;
      columns.push({
        kind: "numeric",
        impute: mean,
        center: standardize ? mean : 0,
        scale: standardize && sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1,
      });
    }
    return new FeatureEncoder(matrix.featureNames, columns, trainingVocabulary(matrix, categorical));
  }

  /** Writes the encoded row `values[offset .. offset + nCols)` into `out[0 .. nEncoded)`. */
  encodeRow(values: ArrayLike<number>, offset: number, out: Float64Array): void {
    out.fill(0, 0, this.nEncoded);
    const cols = this.columns;
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j]!, v = values[offset + j]!;
      if (c.kind === "numeric") {
        out[this.#offsets[j]!] = ((Number.isNaN(v) ? c.impute : v) - c.center) / c.scale;
      } else {
        const k = this.#codeIndex[j]!.get(v);
        if (k !== undefined) out[this.#offsets[j]! + k] = 1;
      }
    }
  }

  /**
   * Sparse form of {@link encodeRow}: the encoded numeric values go to `numericOut[numericOffset + k]`
   * (k over {@link numericFeatures}) and, per categorical feature, the encoded column index of the row's
   * one-hot 1 to `categoryOut[categoryOffset + k]` (k over {@link categoricalFeatures}), or -1 when the
   * value is missing or unseen (all zeros).
   */
  encodeSparse(
    values: ArrayLike<number>,
    offset: number,
    numericOut: Float64Array,
    numericOffset: number,
    categoryOut: Int32Array,
    categoryOffset: number,
  ): void {
    const cols = this.columns, num = this.numericFeatures, cat = this.categoricalFeatures;
    for (let k = 0; k < num.length; k++) {
      const j = num[k]!, c = cols[j] as Extract<ColumnEncoding, { kind: "numeric" }>, v = values[offset + j]!;
      numericOut[numericOffset + k] = ((Number.isNaN(v) ? c.impute : v) - c.center) / c.scale;
    }
    for (let k = 0; k < cat.length; k++) {
      const j = cat[k]!, code = this.#codeIndex[j]!.get(values[offset + j]!);
      categoryOut[categoryOffset + k] = code === undefined ? -1 : this.#offsets[j]! + code;
    }
  }

  /** Plain object for the model file. */
  toJSON(): FeatureEncoderJSON {
    return {
      featureNames: [...this.featureNames],
      columns: this.columns.map((c) => ({ ...c })) as ColumnEncoding[],
      categories: this.vocabulary.map((v) => ({ feature: v.feature, categories: [...v.categories] })),
    };
  }

  /** Rebuilds from JSON; throws ModelFormatError on a bad shape. */
  static fromJSON(json: unknown): FeatureEncoder {
    const o = json as Partial<FeatureEncoderJSON> | null;
    if (
      !o || !Array.isArray(o.featureNames) || !Array.isArray(o.columns) ||
      o.featureNames.length !== o.columns.length
    ) {
      throw new ModelFormatError("encoder must have featureNames and columns of equal length", "encoder");
    }
    for (const c of o.columns) {
      const ok = c?.kind === "numeric"
        ? Number.isFinite(c.impute) && Number.isFinite(c.center) && Number.isFinite(c.scale) && c.scale > 0
        : c?.kind === "categorical" && Array.isArray(c.codes) &&
          c.codes.every((k) => Number.isInteger(k) && k >= 0);
      if (!ok) throw new ModelFormatError(`bad encoder column ${JSON.stringify(c)}`, "encoder");
    }
    const vocabulary = parseVocabulary(o.categories, o.columns.length, "encoder.categories");
    return new FeatureEncoder(o.featureNames, o.columns, vocabulary);
  }
}

function tooManyCategories(matrix: Matrix, feature: number, max: number, modelName: string): InputError {
  const name = matrix.featureNames[feature] ?? `#${feature}`;
  const fromTable = (matrix.categorical ?? []).some((c) => c.feature === feature);
  const err = new InputError(
    name,
    `categorical feature "${name}" (column ${feature}${
      fromTable ? ", a string column" : ""
    }) has more than ${max} distinct values (maxCategories); one-hot encoding adds a column per value. ` +
      `Drop or bucket the column, or raise params.maxCategories`,
  );
  err.message = `Cannot fit ${modelName}: ${err.detail}`;
  return err;
}
