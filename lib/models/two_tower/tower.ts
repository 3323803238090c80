/**
 * One tower's weights as plain Float32Arrays (the serving structure: saved, loaded, described, exported)
 * and its tfjs forward pass (the training structure):
 *
 *   x = concat[ idEmb[id], catEmb_1[code_1], …, (numeric − mean) / scale ]
 *   h = relu(x W_1 + b_1) … ; e = h W_L + b_L ; out = e / sqrt(max(‖e‖², 1e-12))
 *
 * The ID table has one extra last row, the OOV row, used for unknown entities (cold start) and trained
 * through ID dropout; each categorical table has an extra last row for missing codes (−1).
 * Initialisation uses `lib/random` only (uniform ±0.05 embeddings, Glorot-uniform dense, zero biases),
 * so it is identical on every backend.
 * @module
 */
import { Rng } from "../../random/mod.ts";
import type { Tf } from "../tf_backend.ts";
import type { tf as tfNs } from "../tf_backend.ts";
import type { FeatureSpec } from "./features.ts";
import type { TwoTowerParams } from "./params.ts";

/** A dense layer: `w` is row-major inDim × outDim. */
export interface DenseWeights {
  readonly inDim: number;
  readonly outDim: number;
  readonly w: Float32Array;
  readonly b: Float32Array;
  readonly activation: "relu" | "linear";
}

/** All weights of one tower. */
export interface TowerWeights {
  /** Known IDs (the OOV row is index `nIds`). */
  readonly nIds: number;
  readonly idDim: number;
  /** (nIds + 1) × idDim. */
  readonly idEmbedding: Float32Array;
  readonly featureDim: number;
  /** Per categorical feature: (cardinality + 1) × featureDim. */
  readonly catEmbeddings: readonly Float32Array[];
  /** Standardisation of numeric inputs (fitted on the entity table). */
  readonly numericMean: Float32Array;
  readonly numericScale: Float32Array;
  readonly dense: readonly DenseWeights[];
}

/** L2-normalisation epsilon (on the squared norm), as tf.math.l2_normalize. */
export const L2_EPSILON = 1e-12;

/** Width of the first dense layer's input. */
export function towerInputWidth(spec: FeatureSpec, idDim: number, featureDim: number): number {
  return idDim + spec.categorical.length * featureDim + spec.numericNames.length;
}

/** Fresh weights for a tower over `nIds` entities with features `spec`. */
export function initTowerWeights(
  rng: Rng,
  spec: FeatureSpec,
  nIds: number,
  numericMean: Float32Array,
  numericScale: Float32Array,
  p: TwoTowerParams,
): TowerWeights {
  const uniform = (n: number, a: number) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = (rng.float() * 2 - 1) * a;
    return out;
  };
  const idEmbedding = uniform((nIds + 1) * p.idDim, 0.05);
  const catEmbeddings = spec.categorical.map((c) => uniform((c.cardinality + 1) * p.featureDim, 0.05));
  const widths = [towerInputWidth(spec, p.idDim, p.featureDim), ...p.hidden, p.embeddingDim];
  const dense: DenseWeights[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const inDim = widths[l]!, outDim = widths[l + 1]!;
    dense.push({
      inDim,
      outDim,
      w: uniform(inDim * outDim, Math.sqrt(6 / (inDim + outDim))),
      b: new Float32Array(outDim),
      activation: l + 2 < widths.length ? "relu" : "linear",
    });
  }
  return {
    nIds,
    idDim: p.idDim,
    idEmbedding,
    featureDim: p.featureDim,
    catEmbeddings,
    numericMean,
    numericScale,
    dense,
  };
}

/** Column means and scales (sd, or 1 where the sd is 0) of a row-major n × w block. */
export function standardisation(
  values: Float32Array,
  n: number,
  w: number,
): { mean: Float32Array; scale: Float32Array } {
  const mean = new Float32Array(w), scale = new Float32Array(w).fill(1);
  if (n === 0) return { mean, scale };
  for (let f = 0; f < w; f++) {
    let s = 0, ss = 0;
    for (let r = 0; r < n; r++) s += values[r * w + f]!;
    const m = s / n;
    for (let r = 0; r < n; r++) ss += (values[r * w + f]! - m) ** 2;
    mean[f] = m;
    const sd = Math.sqrt(ss / n);
    scale[f] = sd > 0 ? sd : 1;
  }
  return { mean, scale };
}

/** The tower's trainable tfjs variables. */
export interface TowerVariables {
  readonly idEmbedding: tfNs.Variable;
  readonly catEmbeddings: readonly tfNs.Variable[];
  readonly dense: readonly { w: tfNs.Variable; b: tfNs.Variable; activation: "relu" | "linear" }[];
  readonly numericMean: tfNs.Tensor1D;
  readonly numericScale: tfNs.Tensor1D;
}

/** Creates variables from weights (named `<prefix>/…`). */
export function towerVariables(tf: Tf, weights: TowerWeights, prefix: string): TowerVariables {
  const v = (data: Float32Array, shape: number[], name: string) => {
    const init = tf.tensor(data, shape, "float32");
    const out = tf.variable(init, true, `${prefix}/${name}`);
    init.dispose(); // the variable keeps its own reference to the data
    return out;
  };
  return {
    idEmbedding: v(weights.idEmbedding, [weights.nIds + 1, weights.idDim], "id_embedding"),
    catEmbeddings: weights.catEmbeddings.map((e, k) =>
      v(e, [e.length / weights.featureDim, weights.featureDim], `cat_${k}`)
    ),
    dense: weights.dense.map((d, l) => ({
      w: v(d.w, [d.inDim, d.outDim], `dense_${l}/w`),
      b: v(d.b, [d.outDim], `dense_${l}/b`),
      activation: d.activation,
    })),
    numericMean: tf.tensor1d(weights.numericMean),
    numericScale: tf.tensor1d(weights.numericScale),
  };
}

/** Every trainable variable of a tower (for the optimizer's var list). */
export function variableList(v: TowerVariables): tfNs.Variable[] {
  return [v.idEmbedding, ...v.catEmbeddings, ...v.dense.flatMap((d) => [d.w, d.b])];
}

/** Reads variables back into plain weights (same layout as `like`). */
export function readWeights(v: TowerVariables, like: TowerWeights): TowerWeights {
  return {
    ...like,
    idEmbedding: v.idEmbedding.dataSync() as Float32Array,
    catEmbeddings: v.catEmbeddings.map((e) => e.dataSync() as Float32Array),
    dense: v.dense.map((d, l) => ({
      ...like.dense[l]!,
      w: d.w.dataSync() as Float32Array,
      b: d.b.dataSync() as Float32Array,
    })),
  };
}

/** Releases a tower's tensors. */
export function disposeTower(v: TowerVariables): void {
  for (const x of variableList(v)) x.dispose();
  v.numericMean.dispose();
  v.numericScale.dispose();
}

/** A batch of tower inputs: table row indices (OOV/missing already mapped) and raw numeric values. */
export interface TowerBatch {
  /** IDs in [0, nIds] (nIds = OOV). */
  readonly ids: Int32Array;
  /** Per categorical feature, indices in [0, cardinality] (cardinality = missing). */
  readonly cats: readonly Int32Array[];
  /** batch × numeric width, raw (standardised inside). */
  readonly numeric: Float32Array;
}

/** Forward pass to L2-normalised embeddings (batch × embeddingDim). Call inside tf.tidy / minimize. */
export function towerForward(tf: Tf, v: TowerVariables, batch: TowerBatch): tfNs.Tensor2D {
  const n = batch.ids.length;
  const parts: tfNs.Tensor2D[] = [tf.gather(v.idEmbedding, tf.tensor1d(batch.ids, "int32")) as tfNs.Tensor2D];
  v.catEmbeddings.forEach((e, k) =>
    parts.push(tf.gather(e, tf.tensor1d(batch.cats[k]!, "int32")) as tfNs.Tensor2D)
  );
  const w = v.numericMean.shape[0];
  if (w > 0) {
    parts.push(
      tf.div(tf.sub(tf.tensor2d(batch.numeric, [n, w]), v.numericMean), v.numericScale) as tfNs.Tensor2D,
    );
  }
  let h: tfNs.Tensor2D = parts.length === 1 ? parts[0]! : tf.concat(parts, 1);
  for (const d of v.dense) {
    h = tf.add(tf.matMul(h, d.w), d.b) as tfNs.Tensor2D;
    if (d.activation === "relu") h = tf.relu(h);
  }
  const sq = tf.sum(tf.square(h), 1, true);
  return tf.mul(h, tf.rsqrt(tf.maximum(sq, L2_EPSILON))) as tfNs.Tensor2D;
}
