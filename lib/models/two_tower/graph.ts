/**
 * A tower as a plain graph description — the contract with the ONNX exporter (and any other runtime).
 *
 * Inputs (all of batch size N):
 * - `"id"`: int index into the ID table; unknown entities use `oovIndex` (= the number of known IDs);
 * - one int input per categorical feature (its name), missing codes (−1) replaced by `missingIndex`;
 * - `"numeric"`: float N × width raw values (when the tower has numeric features).
 *
 * Layers, applied in order:
 * - `embedding`: `out = weights[index]` (weights row-major `shape = [rows, dim]`), one per index input;
 * - `dense`: `out = act(concat(inputs) · W + b)` with W row-major `shape = [in, out]`; the first dense
 *   layer concatenates the embedding outputs and `"numeric"` in the listed order. The numeric
 *   standardisation `(x − mean) / scale` is already folded into its weights and bias, so the graph
 *   consumes raw numeric values;
 * - `l2norm`: `out = x / sqrt(max(Σx², epsilon))`.
 *
 * Output `"embedding"`: N × embeddingDim, unit L2 norm.
 *
 * @example
 * ```ts ignore
 * const g = model.describe("item");
 * g.layers.map((l) => l.kind); // ["embedding", "embedding", "dense", "dense", "l2norm"]
 * ```
 * @module
 */
import { type FeatureSpec } from "./features.ts";
import { L2_EPSILON, type TowerWeights } from "./tower.ts";

/** An input of a tower graph. */
export type GraphInput =
  | {
    readonly name: string;
    readonly kind: "index";
    readonly rows: number;
    readonly oovIndex?: number;
    readonly missingIndex?: number;
  }
  | {
    readonly name: "numeric";
    readonly kind: "float";
    readonly width: number;
    readonly featureNames: readonly string[];
  };

/** A layer of a tower graph. */
export type GraphLayer =
  | {
    readonly kind: "embedding";
    readonly name: string;
    readonly input: string;
    readonly shape: readonly [number, number];
    readonly weights: Float32Array;
    readonly activation: "linear";
  }
  | {
    readonly kind: "dense";
    readonly name: string;
    readonly inputs: readonly string[];
    readonly shape: readonly [number, number];
    readonly weights: Float32Array;
    readonly bias: Float32Array;
    readonly activation: "relu" | "linear";
  }
  | {
    readonly kind: "l2norm";
    readonly name: string;
    readonly input: string;
    readonly epsilon: number;
    readonly weights: null;
    readonly activation: "linear";
  };

/** The whole description of one tower. */
export interface TowerGraph {
  readonly tower: "user" | "item";
  readonly inputs: readonly GraphInput[];
  readonly layers: readonly GraphLayer[];
  readonly outputs: readonly { readonly name: "embedding"; readonly from: string; readonly width: number }[];
}

/** Describes a tower; weights are copies (the caller may keep or mutate them). */
export function describeTower(tower: "user" | "item", w: TowerWeights, spec: FeatureSpec): TowerGraph {
  const inputs: GraphInput[] = [{ name: "id", kind: "index", rows: w.nIds + 1, oovIndex: w.nIds }];
  const layers: GraphLayer[] = [{
    kind: "embedding",
    name: "id_embedding",
    input: "id",
    shape: [w.nIds + 1, w.idDim],
    weights: w.idEmbedding.slice(),
    activation: "linear",
  }];
  spec.categorical.forEach((c, k) => {
    inputs.push({ name: c.name, kind: "index", rows: c.cardinality + 1, missingIndex: c.cardinality });
    layers.push({
      kind: "embedding",
      name: `${c.name}_embedding`,
      input: c.name,
      shape: [c.cardinality + 1, w.featureDim],
      weights: w.catEmbeddings[k]!.slice(),
      activation: "linear",
    });
  });
  const nNum = spec.numericNames.length;
  const firstInputs = layers.map((l) => l.name);
  if (nNum > 0) {
    inputs.push({ name: "numeric", kind: "float", width: nNum, featureNames: [...spec.numericNames] });
    firstInputs.push("numeric");
  }
  let prev = "";
  w.dense.forEach((d, l) => {
    let W: Float32Array = d.w.slice(), b: Float32Array = d.b.slice();
    if (l === 0 && nNum > 0) {
      [W, b] = foldStandardisation(d.w, d.b, d.inDim, d.outDim, w.numericMean, w.numericScale);
    }
    const name = `dense_${l}`;
    layers.push({
      kind: "dense",
      name,
      inputs: l === 0 ? firstInputs : [prev],
      shape: [d.inDim, d.outDim],
      weights: W,
      bias: b,
      activation: d.activation,
    });
    prev = name;
  });
  layers.push({
    kind: "l2norm",
    name: "l2norm",
    input: prev,
    epsilon: L2_EPSILON,
    weights: null,
    activation: "linear",
  });
  return {
    tower,
    inputs,
    layers,
    outputs: [{ name: "embedding", from: "l2norm", width: w.dense[w.dense.length - 1]!.outDim }],
  };
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
