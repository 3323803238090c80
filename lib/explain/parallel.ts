/**
 * {@link treeShap} on several cores: the rows are split into contiguous blocks, one per Web Worker;
 * input and output live in SharedArrayBuffers so nothing but the (small) ensemble is copied. The values
 * are bit-for-bit those of {@link treeShap}: every row is computed by the same code in the same order.
 * Workers start per call (~0.1–0.3 s), so small batches run in the calling thread.
 *
 * @example
 * ```ts
 * import { treeShapParallel } from "./parallel.ts";
 * import type { TreeEnsemble } from "../models/tree/mod.ts";
 * const ensemble: TreeEnsemble = {
 *   nFeatures: 1, nOutputs: 1, baseScore: new Float64Array([0]), treeClass: new Int32Array([0]),
 *   trees: [{
 *     feature: new Int32Array([0, -1, -1]), threshold: new Float64Array([0.5, 0, 0]),
 *     left: new Int32Array([1, -1, -1]), right: new Int32Array([2, -1, -1]),
 *     defaultLeft: new Uint8Array([1, 0, 0]), value: new Float64Array([-0.5, -1, 1]),
 *     cover: new Float64Array([4, 3, 1]), catOffset: new Int32Array([-1, -1, -1]),
 *     catWords: new Int32Array(3), catBits: new Uint32Array(0),
 *   }],
 * };
 * const matrix = { nRows: 1, nCols: 1, values: new Float32Array([0.9]), featureNames: ["x0"] };
 * const { values } = await treeShapParallel(ensemble, matrix, { workers: 2 });
 * // values[0] = 1.5 (computed in the calling thread: one row is below minRowsPerWorker)
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import type { Matrix } from "../data/types.ts";
import type { TreeEnsemble } from "../models/tree/mod.ts";
import { type ShapResult, treeShap, type TreeShapOptions } from "./tree_shap.ts";
import type { ShapWorkerRequest } from "./_shap_worker.ts";

/** Options for {@link treeShapParallel}. */
export interface TreeShapParallelOptions extends TreeShapOptions {
  /** Number of workers, integer in [1, 64]; default: the machine's cores (at most 8). */
  readonly workers?: number;
  /** Fewer rows than this per worker run in the calling thread instead; default 1000. */
  readonly minRowsPerWorker?: number;
}

/**
 * Exact path-dependent SHAP values of `ensemble` for every row of `matrix`, on `workers` threads.
 * Same result and errors as {@link treeShap} (feature names included, checked before any worker starts).
 */
export async function treeShapParallel(
  ensemble: TreeEnsemble,
  matrix: Matrix,
  options: TreeShapParallelOptions = {},
): Promise<ShapResult> {
  const workers = options.workers ?? Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1));
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new InputError("workers", `must be an integer in [1, 64], got ${workers}`);
  }
  const minRows = options.minRowsPerWorker ?? 1000;
  if (matrix.values.length !== matrix.nRows * matrix.nCols) {
    throw new InputError(
      "matrix",
      `values length ${matrix.values.length} is not nRows × nCols = ${matrix.nRows * matrix.nCols}`,
    );
  }
  // Validates everything else (feature names against the ensemble's included) and computes the base
  // value, on zero rows, so it costs nothing.
  const head = treeShap(ensemble, { ...matrix, nRows: 0, values: matrix.values.subarray(0, 0) }, options);
  const nRows = matrix.nRows, nFeatures = matrix.nCols;
  const nWorkers = Math.min(workers, Math.floor(nRows / Math.max(1, minRows)));
  if (nWorkers <= 1) return treeShap(ensemble, matrix, options);

  const values = new Float32Array(new SharedArrayBuffer(matrix.values.byteLength));
  values.set(matrix.values);
  const out = new Float64Array(new SharedArrayBuffer(nRows * nFeatures * 8));
  const started: Worker[] = [];
  try {
    const jobs = Array.from({ length: nWorkers }, (_, w) => {
      const rowStart = Math.floor((w * nRows) / nWorkers), rowEnd = Math.floor(((w + 1) * nRows) / nWorkers);
      const worker = new Worker(new URL("./_shap_worker.ts", import.meta.url).href, { type: "module" });
      started.push(worker);
      return new Promise<void>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<{ ok: boolean; error?: string }>) =>
          e.data.ok ? resolve() : reject(new Error(`TreeSHAP worker: ${e.data.error}`));
        worker.onerror = (e) => {
          e.preventDefault();
          reject(new Error(`TreeSHAP worker failed: ${e.message}`));
        };
        const request: ShapWorkerRequest = {
          ensemble,
          values,
          out,
          nFeatures,
          rowStart,
          rowEnd,
          output: options.output ?? 0,
          algorithm: options.algorithm ?? "auto",
        };
        worker.postMessage(request);
      });
    });
    await Promise.all(jobs);
  } finally {
    for (const w of started) w.terminate();
  }
  return { values: Float64Array.from(out), baseValue: head.baseValue, nRows, nFeatures };
}
