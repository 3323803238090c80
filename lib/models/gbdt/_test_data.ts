/**
 * Test helpers: a minimal reader for the LightGBM example TSV files (label + features, tab-separated)
 * and tiny synthetic matrices. Not part of the public API.
 * @module
 */
import type { Matrix } from "../../data/types.ts";
import { DEFAULT_LIGHTGBM_EXAMPLES_DIR } from "../../data/lightgbm_examples.ts";

/** Directory of the LightGBM example files. */
export const LIGHTGBM_EXAMPLES: string = DEFAULT_LIGHTGBM_EXAMPLES_DIR;

/** Reads a "label\tf1\tf2…" file into a Matrix (features named f0…) and labels. */
export function readTsv(path: string): { matrix: Matrix; labels: Float64Array } {
  const lines = Deno.readTextFileSync(path).split("\n").filter((l) => l.trim() !== "");
  const nCols = lines[0]!.split("\t").length - 1;
  const values = new Float32Array(lines.length * nCols);
  const labels = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const parts = line.split("\t");
    labels[i] = Number(parts[0]);
    for (let j = 0; j < nCols; j++) values[i * nCols + j] = Number(parts[j + 1]);
  });
  const featureNames = Array.from({ length: nCols }, (_, j) => `f${j}`);
  return { matrix: { nRows: lines.length, nCols, values, featureNames }, labels };
}

/** A row-major Matrix from rows of numbers (features named x0…). */
export function matrixOf(rows: number[][], featureNames?: string[]): Matrix {
  const nRows = rows.length, nCols = rows[0]?.length ?? 0;
  const values = new Float32Array(nRows * nCols);
  rows.forEach((r, i) => r.forEach((v, j) => (values[i * nCols + j] = v)));
  return {
    nRows,
    nCols,
    values,
    featureNames: featureNames ?? Array.from({ length: nCols }, (_, j) => `x${j}`),
  };
}

/** Root mean squared error. */
export function rmse(pred: ArrayLike<number>, labels: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += (pred[i]! - labels[i]!) ** 2;
  return Math.sqrt(s / labels.length);
}
