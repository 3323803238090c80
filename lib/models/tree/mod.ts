/** Flat tree ensembles: the serving structure shared by GBDT, TreeSHAP and ONNX export. @module */
export { categoryGoesLeft, type FlatTree, leafIndex, nextNode, type TreeEnsemble } from "./ensemble.ts";
