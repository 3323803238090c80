/**
 * Gathers tower inputs for a batch: the entity rows' categorical codes (−1 → the missing row) and
 * numeric values, and the ID column (unknown IDs → the OOV row).
 * @module
 */
import type { EntityFeatures } from "./features.ts";
import type { TowerBatch } from "./tower.ts";

/**
 * Inputs for entities whose features are rows `rows` of `features` and whose IDs are `ids`
 * (`ids[j] < 0` or ≥ nIds → OOV; `ids` omitted → the IDs are the rows themselves).
 */
export function gatherBatch(
  features: EntityFeatures,
  rows: ArrayLike<number>,
  nIds: number,
  ids?: ArrayLike<number>,
): TowerBatch {
  const n = rows.length, w = features.numericNames.length;
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
  for (let j = 0; j < n; j++) numeric.set(features.numeric.subarray(rows[j]! * w, rows[j]! * w + w), j * w);
  return { ids: idCol, cats, numeric };
}
