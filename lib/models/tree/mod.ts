/**
 * Tree-model serving: the flat ensemble (`ensemble.ts`), its link (`link.ts`), the packed-node
 * predictor (`predictor.ts`), the validated JSON form (`json.ts`) and {@link TreeModel}, which joins them
 * with the input contract. Prediction, TreeSHAP and ONNX export read only this module; training code
 * (`../gbdt/`) produces it and never has to be loaded to predict.
 *
 * @example
 * ```ts
 * import { applyLink, type Link, TreeModel } from "./mod.ts";
 * const link: Link = "exp";
 * applyLink(link, Float64Array.of(0), 1)[0]; // 1
 * typeof TreeModel; // "function"
 * ```
 * @module
 */
export { categoryGoesLeft, type FlatTree, leafIndex, nextNode, type TreeEnsemble } from "./ensemble.ts";
export { applyLink, isLink, type Link, LINKS } from "./link.ts";
export { predictRaw } from "./predictor.ts";
export {
  ensembleFromJSON,
  ensembleToJSON,
  type FlatTreeJSON,
  type TreeEnsembleJSON,
  treeFromJSON,
  treeToJSON,
} from "./json.ts";
export { TreeModel, type TreeModelParts } from "./model.ts";
