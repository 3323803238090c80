/**
 * Category vocabularies: a model's categorical codes must mean the same strings at prediction as in
 * training.
 *
 * `toMatrix` codes a string column by the dictionary of *that* table, so the same code can name a
 * different category in a prediction table (another day's rows, one row from a request). Models
 * (GBDT, logistic regression) therefore store the training categories of each categorical feature, when
 * the training Matrix carried them, and {@link recodeToTraining} re-codes a prediction Matrix by string:
 *
 * - a category seen in training gets its training code;
 * - a category the model never saw gets the code `categories.length` (outside the training vocabulary),
 *   so it takes the model's unseen-category path (GBDT: the right child of every categorical split;
 *   logistic regression: no one-hot column, i.e. all zeros); a missing value stays NaN;
 * - a prediction Matrix without category strings for a feature is taken to use the training codes.
 *
 * {@link checkCategoryCodes} rejects codes that are not non-negative integers (training rejects them
 * too), so a stray 2.5 or -1 is an InputError rather than a silent truncation.
 *
 * @example
 * ```ts
 * import { recodeToTraining } from "./category_codes.ts";
 * const vocab = [{ feature: 0, categories: ["bike", "car"] }];
 * const m = { nRows: 2, nCols: 1, values: Float32Array.of(0, 1), featureNames: ["vehicle"],
 *   categorical: [{ feature: 0, categories: ["car", "van"] }] };
 * recodeToTraining(m, vocab).values; // Float32Array [1, 2]: "car" → 1, unseen "van" → 2
 * ```
 * @module
 */
import type { Matrix } from "../data/types.ts";
import { InputError, ModelFormatError } from "../errors.ts";

/** The training categories of one categorical feature: `categories[code]` is the code's string. */
export interface CategoryVocabulary {
  feature: number;
  categories: string[];
}

/** The vocabularies `matrix` carries for `features` (ascending by feature; features without strings are skipped). */
export function trainingVocabulary(matrix: Matrix, features: Iterable<number>): CategoryVocabulary[] {
  const wanted = new Set(features);
  return (matrix.categorical ?? [])
    .filter((c) => wanted.has(c.feature))
    .map((c) => ({ feature: c.feature, categories: [...c.categories] }))
    .sort((a, b) => a.feature - b.feature);
}

/**
 * Throws InputError (field `field`) when a categorical column holds a value that is neither NaN nor a
 * non-negative integer code, naming the column and row.
 */
export function checkCategoryCodes(matrix: Matrix, features: Iterable<number>, field = "matrix"): void {
  const { values, nCols, nRows } = matrix;
  for (const f of features) {
    for (let i = 0; i < nRows; i++) {
      const v = values[i * nCols + f]!;
      if (v === v && !(Number.isInteger(v) && v >= 0)) {
        throw new InputError(
          field,
          `categorical column ${f} ("${matrix.featureNames[f]}") has ${v} at row ${i}; ` +
            "expected a non-negative integer code or NaN",
        );
      }
    }
  }
}

/**
 * `matrix` with the categorical codes of every feature in `vocabulary` translated into the training codes
 * (see the module doc). Returns `matrix` itself when nothing needs translating (no strings on the
 * matrix, or the same vocabulary); otherwise a copy. Codes outside the matrix's own dictionary count as
 * unseen.
 */
export function recodeToTraining(matrix: Matrix, vocabulary: readonly CategoryVocabulary[]): Matrix {
  const own = matrix.categorical;
  if (vocabulary.length === 0 || !own || own.length === 0) return matrix;
  const maps: { feature: number; map: Float64Array; unseen: number }[] = [];
  for (const v of vocabulary) {
    const info = own.find((c) => c.feature === v.feature);
    if (!info || sameStrings(info.categories, v.categories)) continue;
    const index = new Map(v.categories.map((s, code) => [s, code]));
    const unseen = v.categories.length;
    maps.push({
      feature: v.feature,
      map: Float64Array.from(info.categories, (s) => index.get(s) ?? unseen),
      unseen,
    });
  }
  if (maps.length === 0) return matrix;
  const { nRows, nCols } = matrix;
  const values = Float32Array.from(matrix.values);
  for (const { feature, map, unseen } of maps) {
    for (let i = 0, o = feature; i < nRows; i++, o += nCols) {
      const x = values[o]!;
      if (x !== x) continue;
      values[o] = Number.isInteger(x) && x >= 0 && x < map.length ? map[x]! : unseen;
    }
  }
  const byFeature = new Map(vocabulary.map((v) => [v.feature, v.categories]));
  return {
    ...matrix,
    values,
    categorical: own.map((c) => ({
      feature: c.feature,
      categories: byFeature.get(c.feature) ?? c.categories,
    })),
  };
}

/** Validates stored vocabularies (model files); throws ModelFormatError naming `field`. */
export function parseVocabulary(json: unknown, nFeatures: number, field: string): CategoryVocabulary[] {
  if (json === undefined) return [];
  const ok = Array.isArray(json) &&
    json.every((v) =>
      v !== null && typeof v === "object" && Number.isInteger(v.feature) && v.feature >= 0 &&
      v.feature < nFeatures && Array.isArray(v.categories) &&
      v.categories.every((s: unknown) => typeof s === "string")
    );
  if (!ok) {
    throw new ModelFormatError(
      `${field} must be a list of { feature, categories: string[] } for features in [0, ${nFeatures})`,
      field,
    );
  }
  return (json as CategoryVocabulary[]).map((v) => ({ feature: v.feature, categories: [...v.categories] }));
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
