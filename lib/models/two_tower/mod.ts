/**
 * Two-tower retrieval on tfjs: user and item towers (ID embedding + categorical feature embeddings +
 * numeric features → MLP → L2-normalised 64-dim embedding), dot-product scores, trained with an
 * in-batch sampled softmax (log-Q correction, temperature, optional random negatives); batch inference
 * to Float32Array matrices; save/load as a model bundle; cold start through the OOV ID row
 * (feature-only tower) or popularity (`recommendForNewUser`, `recommendOrPopular` with `indexOf` over
 * the log's external ids); `describe()` gives each tower as a layer list (`lib/models/network/`), which
 * `embedReference` evaluates in TypeScript and `lib/export/onnx`'s `twoTowerToOnnx` compiles.
 *
 * @example
 * ```ts
 * import { makeInteractions } from "../../recsys/mod.ts";
 * import { fitTwoTower } from "./mod.ts";
 * const train = makeInteractions({ user: [0, 1, 2, 3], item: [0, 1, 0, 1], timestamp: [1, 2, 3, 4] });
 * const model = await fitTwoTower({ train }, { seed: 1, params: { epochs: 1, batchSize: 4, embeddingDim: 8, hidden: [], backend: "cpu" } });
 * model.userEmbeddings.length; // 4 users × 8
 * ```
 * @module
 */
export { resolveTwoTowerParams, TWO_TOWER_DEFAULTS, type TwoTowerParams } from "./params.ts";
export {
  type CategoricalFeature,
  checkEntityFeatures,
  type EntityFeatures,
  type FeatureSpec,
  makeEntityFeatures,
  noFeatures,
  specOf,
} from "./features.ts";
export { type DenseWeights, L2_EPSILON, type TowerWeights } from "./tower.ts";
export { describeTower } from "./graph.ts";
export { plantedLog } from "./_toy.ts";
export { buildLossBatch, type LossBatch, MASKED_LOGIT, sampledSoftmaxLoss } from "./loss.ts";
export {
  type EpochStats,
  type Side,
  type TowerShape,
  TWO_TOWER_FORMAT_VERSION,
  type TwoTowerConfig,
  type TwoTowerMeta,
  TwoTowerModel,
  type TwoTowerModelJSON,
} from "./model.ts";
export { fitTwoTower, type TowerContext, type TwoTowerData, type TwoTowerFitOptions } from "./fit.ts";
export { loadTwoTower, saveTwoTower, twoTowerCodec } from "./persist.ts";
