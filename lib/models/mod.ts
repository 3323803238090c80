/**
 * What every model family shares: the tfjs backend (chosen in one place), category re-coding between
 * training and prediction matrices, and the training layout check. Each family has its own door
 * (`gbdt/mod.ts`, `linear/mod.ts`, `wide_deep/mod.ts`, `two_tower/mod.ts`, `item2vec/mod.ts`).
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
