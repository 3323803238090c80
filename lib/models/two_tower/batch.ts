/**
 * Gathers tower inputs for a batch: the entity rows' categorical codes (−1 → the missing row) and
 * numeric values (plus optional per-row context), and the ID column (unknown IDs → the OOV row).
 * @module
 */
import type { EntityFeatures } from "./features.ts";
import type { TowerBatch } from "./tower.ts";

/**
 * Per-row numeric context appended after the entity's numeric features (e.g. an item's age at the time
 * of the interaction): row j of the batch takes `values` row `rows[j]` (or row j when `rows` is omitted).
 */
export interface BatchContext {
  readonly values: Float32Array;
  readonly width: number;
  readonly rows?: ArrayLike<number>;
}

/**
 * Inputs for entities whose features are rows `rows` of `features` and whose IDs are `ids`
 * (`ids[j] < 0` or ≥ nIds → OOV; `ids` omitted → the IDs are the rows themselves).
 */
export function gatherBatch(
  features: EntityFeatures,
  rows: ArrayLike<number>,
  nIds: number,
  ids?: ArrayLike<number>,
  context?: BatchContext,
): TowerBatch {
  const n = rows.length, we = features.numericNames.length, wc = context?.width ?? 0, w = we + wc;
  const idCol = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const id = ids ? ids[j]! : rows[j]!;
    idCol[j] = id >= 0 && id < nIds ? id : nIds;
  }
  const cats = features.categorical.map((c) => {
    const out = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const code = c.codes[rows[j]!]!;
      out[j] = code < 0 ? c.cardinality : code;
    }
    return out;
  });
  const numeric = new Float32Array(n * w);
  for (let j = 0; j < n; j++) {
    numeric.set(features.numeric.subarray(rows[j]! * we, rows[j]! * we + we), j * w);
    if (context) {
      const c = context.rows ? context.rows[j]! : j;
      numeric.set(context.values.subarray(c * wc, c * wc + wc), j * w + we);
    }
  }
  return { ids: idCol, cats, numeric };
}
