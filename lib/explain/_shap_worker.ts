/**
 * Worker side of {@link treeShapParallel} (internal): explains rows `[rowStart, rowEnd)` of a shared
 * input matrix and writes their SHAP values into the shared output.
 * @module
 */
/// <reference lib="deno.worker" />
import type { TreeEnsemble } from "../models/tree/mod.ts";
import { treeShap } from "./tree_shap.ts";

/** A job: shared input values (nRows × nFeatures float32) and shared output (float64, same shape). */
export interface ShapWorkerRequest {
  ensemble: TreeEnsemble;
  values: Float32Array;
  out: Float64Array;
  nFeatures: number;
  rowStart: number;
  rowEnd: number;
  output: number;
  algorithm: "auto" | "recursive" | "tables";
}

self.onmessage = (e: MessageEvent<ShapWorkerRequest>) => {
  const { ensemble, values, out, nFeatures, rowStart, rowEnd, output, algorithm } = e.data;
  try {
    const nRows = rowEnd - rowStart;
    const r = treeShap(ensemble, {
      nRows,
      nCols: nFeatures,
      values: values.subarray(rowStart * nFeatures, rowEnd * nFeatures),
      // the caller checked the matrix's names against the ensemble's (treeShapParallel's head call)
      featureNames: ensemble.featureNames
        ? [...ensemble.featureNames]
        : Array.from({ length: nFeatures }, (_, j) => `f${j}`),
    }, { output, algorithm });
    out.set(r.values, rowStart * nFeatures);
    self.postMessage({ ok: true });
  } catch (err) {
    self.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
