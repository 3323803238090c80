/**
 * The wide & deep network in tfjs: variables built from {@link WideDeepWeights}, the forward pass to
 * logits, the training loss, and snapshots back to plain arrays.
 *
 * Embedding lookups use {@link embeddingLookup}: `tf.gather` with a custom gradient computed by
 * `tf.scatterND` (duplicate rows summed). tfjs-backend-wasm has no `UnsortedSegmentSum` kernel, which
 * is `tf.gather`'s built-in gradient, so this keeps training working on both backends.
 *
 * @example
 * ```ts
 * import { initTf } from "../tf_backend.ts";
 * import { TfWideDeep } from "./tf_network.ts";
 * import { initWeights } from "./network.ts";
 * import { Rng } from "../../random/mod.ts";
 * const tf = await initTf("cpu");
 * const shape = { embeddingRows: 3, embeddingDim: 2, nCategorical: 1, nNumeric: 0, wideSize: 3, nWideSlots: 1, hiddenUnits: [] };
 * const net = new TfWideDeep(tf, shape, initWeights(shape, new Rng(1), 0), []);
 * const logits = net.predictLogits({ nRows: 1, deepIds: Int32Array.of(1), wideIds: Int32Array.of(2), numeric: new Float32Array(0) });
 * net.dispose();
 * ```
 * @module
 */
import type { Tf } from "../tf_backend.ts";
import type { Tensor, Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs";
import type { EncodedBatch } from "./encoder.ts";
import type { NetworkShape, WideDeepWeights } from "./network.ts";

/** `tf.gather(table, ids)` (ids flat int32) whose gradient w.r.t. `table` is a dense scatter-add. */
export function embeddingLookup(tf: Tf, table: Tensor2D, ids: Tensor1D): Tensor2D {
  const f = tf.customGrad((...args) => {
    const t = args[0] as Tensor;
    return {
      value: tf.gather(t, ids) as Tensor2D,
      gradFunc: (dy: Tensor) => tf.scatterND(tf.reshape(ids, [-1, 1]), dy, t.shape),
    };
  });
  return f(table) as Tensor2D;
}

/** Tensors for one batch (disposed by the caller's `tf.tidy`). */
interface BatchTensors {
  n: number;
  deepIds?: Tensor1D;
  wideIds?: Tensor1D;
  numeric?: Tensor2D;
}

/** tfjs variables of a wide & deep network. Call {@link dispose} when done. */
export class TfWideDeep {
  readonly embeddings?: Variable;
  readonly wide?: Variable;
  readonly kernels: Variable[];
  readonly biases: Variable[];
  readonly #scale?: Tensor2D;
  readonly #shift?: Tensor2D;

  constructor(
    readonly tf: Tf,
    readonly shape: NetworkShape,
    w: WideDeepWeights,
    numericStats: readonly { mean: number; std: number }[],
  ) {
    const s = shape;
    if (s.nCategorical > 0) {
      this.embeddings = tf.variable(tf.tensor2d(w.embeddings, [s.embeddingRows, s.embeddingDim]));
    }
    if (s.nWideSlots > 0) this.wide = tf.variable(tf.tensor2d(w.wide, [s.wideSize, 1]));
    this.kernels = w.dense.map((d) => tf.variable(tf.tensor2d(d.kernel, [d.inDim, d.outDim])));
    this.biases = w.dense.map((d) => tf.variable(tf.tensor1d(d.bias)));
    if (s.nNumeric > 0) {
      this.#scale = tf.tensor2d(numericStats.map((u) => 1 / u.std), [1, s.nNumeric]);
      this.#shift = tf.tensor2d(numericStats.map((u) => -u.mean / u.std), [1, s.nNumeric]);
    }
  }

  /** The trainable variables (for the optimizer). */
  get variables(): Variable[] {
    const v: Variable[] = [];
    if (this.embeddings) v.push(this.embeddings);
    if (this.wide) v.push(this.wide);
    return [...v, ...this.kernels, ...this.biases];
  }

  /** Uploads rows `[start, end)` of an encoded batch (call inside `tf.tidy`). */
  batchTensors(b: EncodedBatch, rows: Int32Array | null, start: number, end: number): BatchTensors {
    const tf = this.tf, s = this.shape, n = end - start;
    const pick = <T extends Int32Array | Float32Array>(src: T, width: number): T => {
      const out = new (src.constructor as new (n: number) => T)(n * width);
      for (let i = 0; i < n; i++) {
        const r = rows === null ? start + i : rows[start + i]!;
        out.set(src.subarray(r * width, (r + 1) * width), i * width);
      }
      return out;
    };
    const t: BatchTensors = { n };
    if (s.nCategorical > 0) t.deepIds = tf.tensor1d(pick(b.deepIds, s.nCategorical), "int32");
    if (s.nWideSlots > 0) t.wideIds = tf.tensor1d(pick(b.wideIds, s.nWideSlots), "int32");
    if (s.nNumeric > 0) t.numeric = tf.tensor2d(pick(b.numeric, s.nNumeric), [n, s.nNumeric]);
    return t;
  }

  /** Logits `[n]` for a batch. */
  logits(t: BatchTensors): Tensor1D {
    const tf = this.tf, s = this.shape;
    const parts: Tensor2D[] = [];
    if (this.embeddings && t.deepIds) {
      const e = embeddingLookup(tf, this.embeddings as unknown as Tensor2D, t.deepIds);
      parts.push(tf.reshape(e, [t.n, s.nCategorical * s.embeddingDim]));
    }
    if (t.numeric) parts.push(tf.add(tf.mul(t.numeric, this.#scale!), this.#shift!));
    let h: Tensor2D = parts.length === 1 ? parts[0]! : tf.concat(parts, 1);
    const last = this.kernels.length - 1;
    this.kernels.forEach((k, i) => {
      const z = tf.add(tf.matMul(h, k as unknown as Tensor2D), this.biases[i]!) as Tensor2D;
      h = i === last ? z : tf.relu(z);
    });
    let logit = tf.reshape(h, [t.n]) as Tensor1D;
    if (this.wide && t.wideIds) {
      const wv = embeddingLookup(tf, this.wide as unknown as Tensor2D, t.wideIds);
      logit = tf.add(logit, tf.sum(tf.reshape(wv, [t.n, s.nWideSlots]), 1));
    }
    return logit;
  }

  /** Mean log loss (+ `l2 · Σ kernel²` + `l2Embeddings · (Σ emb² + Σ wide²)`) on a batch with labels. */
  loss(t: BatchTensors, labels: Tensor1D, l2: number, l2Embeddings = 0): Tensor {
    const tf = this.tf;
    let loss: Tensor = tf.losses.sigmoidCrossEntropy(labels, this.logits(t));
    if (l2 > 0) { for (const k of this.kernels) loss = tf.add(loss, tf.mul(l2, tf.sum(tf.square(k)))); }
    if (l2Embeddings > 0) {
      for (const v of [this.embeddings, this.wide]) {
        if (v) loss = tf.add(loss, tf.mul(l2Embeddings, tf.sum(tf.square(v))));
      }
    }
    return loss;
  }

  /** Logits for every row of an encoded batch, in chunks. */
  predictLogits(b: EncodedBatch, chunk = 4096): Float32Array {
    const out = new Float32Array(b.nRows);
    for (let start = 0; start < b.nRows; start += chunk) {
      const end = Math.min(b.nRows, start + chunk);
      const z = this.tf.tidy(() => this.logits(this.batchTensors(b, null, start, end)));
      out.set(z.dataSync() as Float32Array, start);
      z.dispose();
    }
    return out;
  }

  /** Copies the current variable values into plain arrays. */
  snapshot(): WideDeepWeights {
    const s = this.shape;
    return {
      embeddings: this.embeddings ? Float32Array.from(this.embeddings.dataSync()) : new Float32Array(0),
      wide: this.wide ? Float32Array.from(this.wide.dataSync()) : new Float32Array(s.wideSize),
      dense: this.kernels.map((k, i) => ({
        inDim: k.shape[0]!,
        outDim: k.shape[1]!,
        kernel: Float32Array.from(k.dataSync()),
        bias: Float32Array.from(this.biases[i]!.dataSync()),
      })),
    };
  }

  /** Frees the variables. */
  dispose(): void {
    for (const v of this.variables) v.dispose();
    this.#scale?.dispose();
    this.#shift?.dispose();
  }
}
