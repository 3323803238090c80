/**
 * The wide & deep network's weights (plain Float32Arrays, the serving structure), their seeded
 * initialisation, and their description as a {@link LayerList} (for ONNX export and the TypeScript
 * evaluator). The tfjs training graph over the same weights lives in `tf_network.ts`.
 *
 * Layout: `embeddings` is `embeddingRows × embeddingDim` (all categorical features share one table,
 * each owning a block of rows); `wide` holds one weight per wide-slot value; `dense[0..h-1]` are the
 * hidden layers (ReLU) and `dense[h]` the single-unit output layer; a kernel is `inDim × outDim`
 * row-major (tfjs's layout). The deep input is `[embeddings of each categorical feature,
 * standardised numerics]`.
 *
 * @example
 * ```ts
 * import { initWeights, networkToLayerList } from "./network.ts";
 * import { Rng } from "../../random/mod.ts";
 * const shape = { embeddingRows: 5, embeddingDim: 2, nCategorical: 1, nNumeric: 1, wideSize: 3, nWideSlots: 1, hiddenUnits: [4] };
 * const w = initWeights(shape, new Rng(1), 0);
 * networkToLayerList(shape, w, [{ mean: 0, std: 1 }]).outputs; // ["probability", "logit"]
 * ```
 * @module
 */
import type { Rng } from "../../random/mod.ts";
import type { Layer, LayerList, LayerListInput } from "../network/mod.ts";

/** Sizes that fix the network's shape. */
export interface NetworkShape {
  embeddingRows: number;
  embeddingDim: number;
  nCategorical: number;
  nNumeric: number;
  wideSize: number;
  nWideSlots: number;
  hiddenUnits: readonly number[];
}

/** One fully connected layer. */
export interface DenseWeights {
  inDim: number;
  outDim: number;
  kernel: Float32Array;
  bias: Float32Array;
}

/** All trainable weights. */
export interface WideDeepWeights {
  embeddings: Float32Array;
  wide: Float32Array;
  dense: DenseWeights[];
}

/** Width of the deep MLP's input. */
export function deepInputWidth(s: NetworkShape): number {
  return s.nCategorical * s.embeddingDim + s.nNumeric;
}

/**
 * Seeded initial weights: embeddings uniform(±0.05), wide weights 0, dense kernels Glorot-uniform,
 * hidden biases 0, output bias `priorLogit` (the log-odds of the training positive rate, so training
 * starts at the base rate).
 */
export function initWeights(s: NetworkShape, rng: Rng, priorLogit: number): WideDeepWeights {
  const embeddings = new Float32Array(s.embeddingRows * s.embeddingDim);
  for (let i = 0; i < embeddings.length; i++) embeddings[i] = rng.uniform(-0.05, 0.05);
  const dense: DenseWeights[] = [];
  let inDim = deepInputWidth(s);
  for (const outDim of [...s.hiddenUnits, 1]) {
    const limit = Math.sqrt(6 / (inDim + outDim));
    const kernel = new Float32Array(inDim * outDim);
    for (let i = 0; i < kernel.length; i++) kernel[i] = rng.uniform(-limit, limit);
    dense.push({ inDim, outDim, kernel, bias: new Float32Array(outDim) });
    inDim = outDim;
  }
  dense[dense.length - 1]!.bias[0] = priorLogit;
  return { embeddings, wide: new Float32Array(s.wideSize), dense };
}

/** Deep copy of a weight set. */
export function cloneWeights(w: WideDeepWeights): WideDeepWeights {
  return {
    embeddings: w.embeddings.slice(),
    wide: w.wide.slice(),
    dense: w.dense.map((d) => ({ ...d, kernel: d.kernel.slice(), bias: d.bias.slice() })),
  };
}

/**
 * The network as a layer list. Inputs (present only when non-empty): `deep_ids` int64
 * `[batch, nCategorical]`, `wide_ids` int64 `[batch, nWideSlots]`, `numeric` float32 `[batch, nNumeric]`
 * (raw; standardised inside by an `affine` layer). Outputs: `probability` and `logit`, each `[batch, 1]`.
 */
export function networkToLayerList(
  s: NetworkShape,
  w: WideDeepWeights,
  numericStats: readonly { mean: number; std: number }[],
  name = "wide_deep",
): LayerList {
  const inputs: LayerListInput[] = [];
  const layers: Layer[] = [];
  const deepParts: string[] = [];
  if (s.nCategorical > 0) {
    inputs.push({ name: "deep_ids", type: "int64", width: s.nCategorical });
    layers.push({
      kind: "embedding",
      name: "embeddings",
      input: "deep_ids",
      rows: s.embeddingRows,
      dim: s.embeddingDim,
      table: w.embeddings,
      combine: "concat",
    });
    deepParts.push("embeddings");
  }
  if (s.nNumeric > 0) {
    inputs.push({ name: "numeric", type: "float32", width: s.nNumeric });
    layers.push({
      kind: "affine",
      name: "numeric_std",
      input: "numeric",
      scale: numericStats.map((u) => 1 / u.std),
      shift: numericStats.map((u) => -u.mean / u.std),
    });
    deepParts.push("numeric_std");
  }
  let cur = deepParts[0]!;
  if (deepParts.length > 1) {
    layers.push({ kind: "concat", name: "deep_input", inputs: deepParts });
    cur = "deep_input";
  }
  const hasWide = s.nWideSlots > 0;
  w.dense.forEach((d, i) => {
    const last = i === w.dense.length - 1;
    const layerName = last ? (hasWide ? "deep_logit" : "logit") : `hidden_${i + 1}`;
    layers.push({
      kind: "dense",
      name: layerName,
      input: cur,
      inDim: d.inDim,
      outDim: d.outDim,
      weights: d.kernel,
      bias: d.bias,
      activation: last ? "linear" : "relu",
    });
    cur = layerName;
  });
  if (hasWide) {
    inputs.push({ name: "wide_ids", type: "int64", width: s.nWideSlots });
    layers.push({
      kind: "embedding",
      name: "wide_logit",
      input: "wide_ids",
      rows: s.wideSize,
      dim: 1,
      table: w.wide,
      combine: "sum",
    });
    layers.push({ kind: "add", name: "logit", inputs: ["deep_logit", "wide_logit"] });
  }
  layers.push({ kind: "activation", name: "probability", input: "logit", fn: "sigmoid" });
  return { name, inputs, layers, outputs: ["probability", "logit"] };
}
