/**
 * The network description shared by every neural model: the **layer list**, a JSON-safe list of layers
 * over 2-D tensors that wide & deep and the two-tower towers emit directly from their weights. The
 * TypeScript evaluator ({@link evaluateLayerList}) is their synchronous `predict` and the reference
 * twin of the ONNX graph that `lib/export/onnx` compiles from the same list: one graph format.
 *
 * ## The layer-list format (v1): the two-tower towers, wide & deep, any MLP
 *
 * ```ts ignore
 * {
 *   name: "user_tower",
 *   inputs: [                                   // every tensor is 2-D: [batch, width]
 *     { name: "user_ids", type: "int64", width: 1 },      // row indices into an embedding table
 *     { name: "user_feats", type: "float32", width: 8 },  // dense features (no NaN: impute first)
 *   ],
 *   layers: [                                   // evaluation order; each layer defines tensor `name`
 *     { kind: "embedding", name: "uid_emb", input: "user_ids", rows: 1000, dim: 32,
 *       table,                                  // Float32Array, rows·dim row-major
 *       combine: "concat" },                    // "concat" | "sum" | "mean"
 *     { kind: "affine", name: "feats_std", input: "user_feats", scale: [...8], shift: [...8] },
 *     { kind: "concat", name: "h0", inputs: ["uid_emb", "feats_std"] },
 *     { kind: "dense", name: "h1", input: "h0", inDim: 40, outDim: 64,
 *       weights,                                // inDim·outDim, W[i][o] at i·outDim+o (tfjs kernel layout)
 *       bias,                                   // outDim values; optional
 *       activation: "relu" },                   // linear | relu | sigmoid | tanh (default linear)
 *     { kind: "dense", name: "h2", input: "h1", inDim: 64, outDim: 64 },
 *     { kind: "l2norm", name: "user_embedding", input: "h2", epsilon: 1e-12 },  // tf.l2Normalize
 *   ],
 *   outputs: ["user_embedding"],                // float32 [batch, width] each
 * }
 * ```
 *
 * Other kinds: `{ kind: "activation", name, input, fn }`, `{ kind: "add", name, inputs: [..] }`
 * (element-wise sum, equal widths), `{ kind: "dot", name, inputs: [a, b] }` (row-wise dot → width 1,
 * e.g. a scoring graph with both towers). Weights may be plain arrays (JSON) or Float32/64Arrays.
 * Hashed crosses / categorical ids are computed outside the graph (the model's encoder) and enter as
 * int64 indices; a wide linear part is `{ kind: "embedding", dim: 1, combine: "sum" }` over them.
 * {@link validateLayerList} checks references, widths and weights and names the bad field
 * (`layers[3].weights`).
 *
 * A tfjs dense layer's kernel (`[in, out]`) and bias map directly to `weights`/`bias`; an embedding
 * layer's `[rows, dim]` matrix maps to `table`.
 *
 * **Two-tower towers**: `model.describe("user")` is the user tower's layer list (`lib/models/two_tower/
 * graph.ts`); {@link scoringLayerList} joins a user and an item tower into one graph with
 * `score = u · v`.
 *
 * @example
 * ```ts
 * import { evaluateLayerList, type LayerList } from "./mod.ts";
 * const g: LayerList = {
 *   name: "score",
 *   inputs: [{ name: "ids", type: "int64", width: 2 }],
 *   layers: [
 *     { kind: "embedding", name: "e", input: "ids", rows: 3, dim: 2, table: [1, 0, 0, 1, 1, 1], combine: "sum" },
 *     { kind: "l2norm", name: "u", input: "e" },
 *   ],
 *   outputs: ["u"],
 * };
 * evaluateLayerList(g, { ids: [0, 1] }, 1).u; // [0.7071, 0.7071]
 * ```
 * @module
 */
export {
  type Activation,
  type ActivationLayer,
  ACTIVATIONS,
  type AddLayer,
  type AffineLayer,
  type ConcatLayer,
  type DenseLayer,
  type DotLayer,
  type EmbeddingLayer,
  type L2NormLayer,
  type Layer,
  LAYER_KINDS,
  type LayerList,
  type LayerListInput,
  validateLayerList,
  type Vec,
} from "./layer_list.ts";
export { evaluateLayerList, type LayerListFeeds } from "./layer_list_eval.ts";
export { prefixLayerList, scoringLayerList } from "./compose.ts";
// Test fixtures: a random valid layer list using every kind, and matching feeds.
export { randomFeeds, randomLayerList } from "./_random_layer_list.ts";
