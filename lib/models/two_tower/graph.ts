/**
 * A tower as a {@link LayerList} (`lib/models/network/`), the project's one network description: the
 * ONNX exporter compiles it, {@link TwoTowerModel.embedReference} evaluates it in plain TypeScript.
 *
 * Inputs (all of batch size N, see {@link TwoTowerModel.feeds}):
 * - `"id"`: int64 index into the ID table (`nIds + 1` rows); unknown entities use the last row, `nIds`;
 * - one int64 input per categorical feature (its name), missing codes (−1) replaced by its last row
 *   (the cardinality);
 * - `"numeric"`: float32 N × width raw values (when the tower has numeric features, per-interaction
 *   context columns included).
 *
 * Layers, in order: an `embedding` per index input (`<name>_embedding`, or `id_embedding`); the first
 * `dense` layer reads their `concat` with `"numeric"` (`dense_0_input`), its weights and bias with the
 * numeric standardisation `(x − mean) / scale` already folded in, so the graph consumes raw values;
 * further `dense` layers; `l2norm` (`x / sqrt(max(Σx², epsilon))`) named `"embedding"`, the output
 * (N × embeddingDim, unit L2 norm).
 *
 * @example
 * ```ts ignore
 * const g = model.describe("item");
 * g.layers.map((l) => l.kind); // ["embedding", "embedding", "concat", "dense", "dense", "l2norm"]
 * ```
 * @module
 */
import type { Layer, LayerList, LayerListInput } from "../network/mod.ts";
import type { FeatureSpec } from "./features.ts";
import { L2_EPSILON, type TowerWeights } from "./tower.ts";

/** Describes a tower as a layer list named `<tower>_tower`; weights are copies (the caller may keep or mutate them). */
export function describeTower(tower: "user" | "item", w: TowerWeights, spec: FeatureSpec): LayerList {
  const inputs: LayerListInput[] = [{ name: "id", type: "int64", width: 1 }];
  const layers: Layer[] = [{
    kind: "embedding",
    name: "id_embedding",
    input: "id",
    rows: w.nIds + 1,
    dim: w.idDim,
    table: w.idEmbedding.slice(),
    combine: "concat",
  }];
  spec.categorical.forEach((c, k) => {
    inputs.push({ name: c.name, type: "int64", width: 1 });
    layers.push({
      kind: "embedding",
      name: `${c.name}_embedding`,
      input: c.name,
      rows: c.cardinality + 1,
      dim: w.featureDim,
      table: w.catEmbeddings[k]!.slice(),
      combine: "concat",
    });
  });
  const nNum = spec.numericNames.length;
  const firstInputs = layers.map((l) => l.name);
  if (nNum > 0) {
    inputs.push({ name: "numeric", type: "float32", width: nNum });
    firstInputs.push("numeric");
  }
  let prev = firstInputs[0]!;
  if (firstInputs.length > 1) {
    layers.push({ kind: "concat", name: "dense_0_input", inputs: firstInputs });
    prev = "dense_0_input";
  }
  w.dense.forEach((d, l) => {
    let W: Float32Array = d.w.slice(), b: Float32Array = d.b.slice();
    if (l === 0 && nNum > 0) {
      [W, b] = foldStandardisation(d.w, d.b, d.inDim, d.outDim, w.numericMean, w.numericScale);
    }
    const name = `dense_${l}`;
    layers.push({
      kind: "dense",
      name,
      input: prev,
      inDim: d.inDim,
      outDim: d.outDim,
      weights: W,
      bias: b,
      activation: d.activation,
    });
    prev = name;
  });
  layers.push({ kind: "l2norm", name: "embedding", input: prev, epsilon: L2_EPSILON });
  return { name: `${tower}_tower`, inputs, layers, outputs: ["embedding"] };
}

/**
 * Folds `(x − mean) / scale` on the last `mean.length` input rows into W and b:
 * W'[r] = W[r] / scale, b' = b − Σ_r (mean_r / scale_r) · W[r].
 */
function foldStandardisation(
  w: Float32Array,
  b: Float32Array,
  inDim: number,
  outDim: number,
  mean: Float32Array,
  scale: Float32Array,
): [Float32Array, Float32Array] {
  const W = w.slice(), bias = Float64Array.from(b);
  const first = inDim - mean.length;
  for (let f = 0; f < mean.length; f++) {
    const r = first + f, s = scale[f]!, m = mean[f]!;
    for (let o = 0; o < outDim; o++) {
      const v = w[r * outDim + o]! / s;
      W[r * outDim + o] = v;
      bias[o]! -= m * v;
    }
  }
  return [W, Float32Array.from(bias)];
}
