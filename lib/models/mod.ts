/**
 * What every model family shares: the model contract (`saveModel` / `loadModel` over one bundle
 * format, the `Scorer` interface, the envelope), packaged models (model + calibrator + feature list +
 * lineage as one unit), the tfjs backend (chosen in one place), category re-coding between training
 * and prediction matrices, and the training layout check. Each family has its own door (`gbdt/mod.ts`,
 * `linear/mod.ts`, `wide_deep/mod.ts`, `two_tower/mod.ts`, `item2vec/mod.ts`); tree serving is
 * `tree/mod.ts`.
 * @module
 */
export {
  activeBackend,
  defaultBackend,
  initTf,
  type Tf,
  tf,
  TF_BACKENDS,
  type TfBackend,
} from "./tf_backend.ts";
export {
  type CategoricalMeta,
  checkEnvelope,
  codecFor,
  type EncodedModel,
  type FamilyKind,
  isScorer,
  loadModel,
  type Model,
  MODEL_CODECS,
  MODEL_KINDS,
  type ModelCodec,
  type ModelEnvelope,
  modelKind,
  saveModel,
  type Scorer,
} from "./contract.ts";
export {
  type JsonValue,
  loadPackage,
  PACKAGE_FORMAT_VERSION,
  packageCodec,
  PackagedModel,
  type PackageParts,
  savePackage,
} from "./package.ts";
