/**
 * Explanations for tree ensembles: exact path-dependent TreeSHAP over the flat serving structure and
 * mean-|SHAP| importance.
 * @module
 */
export {
  addTreeShap,
  createShapWorkspace,
  meanAbsShap,
  type ShapResult,
  type ShapWorkspace,
  treeDepth,
  treeExpectedValue,
  treeShap,
  type TreeShapOptions,
} from "./tree_shap.ts";
