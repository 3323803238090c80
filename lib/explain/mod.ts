/**
 * Explanations for tree ensembles: exact path-dependent TreeSHAP over the flat serving structure and
 * mean-|SHAP| importance; `treeShapParallel` spreads the rows over Web Workers.
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
export { treeShapParallel, type TreeShapParallelOptions } from "./parallel.ts";
/** Seeded random trees, ensembles and matrices: fixtures for explainer tests and benchmarks. */
export {
  randomEnsemble,
  randomLeafWiseTree,
  randomMatrix,
  randomTree,
  type RandomTreeSpec,
  rawMargin,
  SMALL_SPEC,
} from "./_random_tree.ts";
