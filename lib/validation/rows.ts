/**
 * Labelled rows as the models take them (a Matrix with labels, optional weights and ranking query
 * sizes), and the selection of a fold's rows from them.
 *
 * @example
 * ```ts
 * import { selectRows } from "./rows.ts";
 * const data = {
 *   matrix: { nRows: 3, nCols: 1, values: new Float32Array([1, 2, 3]), featureNames: ["x"] },
 *   labels: [0, 1, 0],
 * };
 * selectRows(data, Int32Array.of(0, 2)).labels; // Float64Array [0, 0]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { Matrix } from "../data/types.ts";
import { takeMatrixRows } from "../pipeline/mod.ts";

/** Rows to train or test on: features, labels, optional weights and query sizes (`groups`). */
export interface LabeledRows {
  readonly matrix?: Matrix;
  readonly labels: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
  /** Ranking query sizes in row order (each query's rows contiguous), as the GBDT's `groups`. */
  readonly groups?: ArrayLike<number>;
}

const FIELDS = new Set(["matrix", "labels", "weights", "groups"]);

function take<A extends ArrayLike<number>>(a: A, rows: Int32Array): A {
  const out = ArrayBuffer.isView(a)
    ? new (a.constructor as new (n: number) => { [i: number]: number })(rows.length)
    : new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]!]!;
  return out as unknown as A;
}

/**
 * The rows `rows` (ascending) of `data`: matrix rows, labels and weights (typed arrays keep their type,
 * plain arrays become Float64Array), and with `groups` the sizes of the queries kept, which must be kept
 * whole (use grouped folds).
 * @throws InputError when `data` has a field this function does not know how to subset (pass your own
 *   `subset` to `crossValidate`), a row index is out of range or not ascending, or a query is split
 */
export function selectRows<D extends LabeledRows>(data: D, rows: Int32Array): D {
  for (const key of Object.keys(data)) {
    if (!FIELDS.has(key)) {
      throw new InputError(
        key,
        `is not a per-row field selectRows knows (matrix, labels, weights, groups); pass a subset function`,
      );
    }
  }
  const n = data.labels.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!(r >= 0 && r < n) || (i > 0 && r <= rows[i - 1]!)) {
      throw new InputError("rows", `index ${r} at position ${i} is out of range [0, ${n}) or not ascending`);
    }
  }
  const out: Record<string, unknown> = { labels: take(data.labels, rows) };
  if (data.matrix) out.matrix = takeMatrixRows(data.matrix, rows);
  if (data.weights) out.weights = take(data.weights, rows);
  if (data.groups) {
    const kept: number[] = [];
    let start = 0, pos = 0;
    for (let q = 0; q < data.groups.length; q++) {
      const size = data.groups[q]!, end = start + size;
      let inside = 0;
      while (pos < rows.length && rows[pos]! < end) pos++, inside++;
      if (inside === size) kept.push(size);
      else if (inside > 0) {
        throw new InputError("rows", `split query ${q} (rows ${start}–${end - 1}); use grouped folds`);
      }
      start = end;
    }
    out.groups = ArrayBuffer.isView(data.groups)
      ? new (data.groups.constructor as new (xs: number[]) => ArrayLike<number>)(kept)
      : kept;
  }
  return out as unknown as D;
}
