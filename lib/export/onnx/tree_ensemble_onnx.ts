/**
 * A {@link TreeEnsemble} as one ONNX `TreeEnsemble` node (`ai.onnx.ml` opset 5).
 *
 * ## Why `ai.onnx.ml` 5 `TreeEnsemble`, and why double
 *
 * onnxruntime-node 1.30 runs the opset-5 operator (checked by the tests here), and it is the one that
 * carries our trees without contortions:
 * - **categorical splits** are one `BRANCH_MEMBER` node with the category set in `membership_values`
 *   (opset 3 would need a chain of `BRANCH_EQ` nodes per split, all pointing at one shared left subtree);
 * - **splits and leaf weights are tensors of the input's type**, so with a double input the whole walk
 *   and the leaf sums are double, like the TypeScript predictor. Measured with 500 stumps: float leaf
 *   sums drift 2.3e-6 from the double sum, more than the 1e-6 parity budget on probabilities once the
 *   link's slope is counted; double sums were exact.
 *
 * The exported graph takes `features: float[batch, F]` (the Matrix's float32 values), casts them to
 * double (exact) and compares `x <= t` in double, exactly the TypeScript rule. Thresholds are then
 * stored as they are. With `precision: "float32"` (for runtimes without double tree kernels) the walk
 * is in float32 and each threshold `t` is stored as the largest float32 `f <= t`
 * ({@link float32AtOrBelow}), for which `x <= t ⟺ x <= f` on every float32 `x`; leaf sums are float32.
 *
 * Routing as in `lib/models/tree/ensemble.ts`: numeric split `BRANCH_LEQ` (true = left), categorical
 * split `BRANCH_MEMBER` over the codes whose bit is set (an unseen code is in no set and goes right),
 * `nodes_missing_value_tracks_true = defaultLeft` (NaN goes left exactly when the model says so). A
 * tree that is a single leaf gets a dummy root whose both branches reach that leaf. A categorical split
 * with an empty set (never produced by the grower) becomes `x < −∞` (false for every code).
 *
 * `post_transform` is always NONE: the link is added as `ai.onnx` operators by the caller. onnxruntime
 * 1.30 does not follow the opset-5 enum there (measured: for one target it ignores LOGISTIC; for
 * several targets value 1 computes a logistic and 2 a softmax, in float32), so graph ops are the
 * portable and exact choice. There is no base-value attribute in opset 5 either: the base score is an
 * `Add` after the node.
 *
 * @example
 * ```ts
 * import { treeEnsembleToOnnx } from "./tree_ensemble_onnx.ts";
 * const stump = {
 *   feature: Int32Array.of(0, -1, -1), threshold: Float64Array.of(0.5, 0, 0),
 *   left: Int32Array.of(1, -1, -1), right: Int32Array.of(2, -1, -1), defaultLeft: Uint8Array.of(1, 0, 0),
 *   value: Float64Array.of(0, -1, 1), cover: Float64Array.of(2, 1, 1),
 *   catOffset: Int32Array.of(-1, -1, -1), catWords: Int32Array.of(0, 0, 0), catBits: new Uint32Array(0),
 * };
 * const bytes = treeEnsembleToOnnx({
 *   nFeatures: 1, nOutputs: 1, baseScore: Float64Array.of(0.25), trees: [stump], treeClass: Int32Array.of(0),
 * });
 * // features [[0.2], [0.9]] → margin [[-0.75], [1.25]]
 * ```
 * @module
 */
import { InputError, ModelFormatError } from "../../errors.ts";
import type { FlatTree, TreeEnsemble } from "../../models/tree/mod.ts";
import { float32AtOrBelow } from "./float32.ts";
import { attr, makeTensor, type ModelOptions, OnnxGraphBuilder } from "./graph_builder.ts";
import { decodeModel, ElemType, ONNX_ML_DOMAIN, type OnnxTypes } from "./proto.ts";

/** `ai.onnx.ml` opset of the `TreeEnsemble` operator. */
export const TREE_ENSEMBLE_ML_OPSET = 5;

/** Arithmetic of the tree walk and leaf sums: double (default, exact) or float32 (thresholds rounded down). */
export type TreePrecision = "float64" | "float32";

/** Name of the float32 feature input of every tree graph. */
export const FEATURES_INPUT = "features";

const BATCH = "batch";

/** `nodes_modes` values of opset 5. */
const MODE = { BRANCH_LEQ: 0, BRANCH_LT: 1, BRANCH_MEMBER: 6 } as const;

/** The codes whose bit is set in categorical node `n`'s bitset, ascending. */
export function categorySet(tree: FlatTree, n: number): number[] {
  const out: number[] = [];
  const off = tree.catOffset[n]!, words = tree.catWords[n]!;
  for (let w = 0; w < words; w++) {
    const bits = tree.catBits[off + w]!;
    for (let b = 0; b < 32; b++) if ((bits >>> b) & 1) out.push(w * 32 + b);
  }
  return out;
}

/** Throws ModelFormatError naming the tree and node when the ensemble cannot be exported as it is. */
export function checkExportableEnsemble(e: TreeEnsemble): void {
  if (e.trees.length === 0) throw new ModelFormatError("tree ensemble has no trees", "trees");
  if (e.baseScore.length !== e.nOutputs || e.treeClass.length !== e.trees.length) {
    throw new ModelFormatError("baseScore/treeClass do not match nOutputs/trees", "trees");
  }
  if (!e.baseScore.every(Number.isFinite)) throw new ModelFormatError("baseScore is not finite", "baseScore");
  e.trees.forEach((t, ti) => {
    const k = e.treeClass[ti]!;
    if (!(k >= 0 && k < e.nOutputs)) {
      throw new ModelFormatError(`tree ${ti}: class ${k} out of range`, "treeClass");
    }
    for (let n = 0; n < t.feature.length; n++) {
      const f = t.feature[n]!;
      const where = `tree ${ti} node ${n}`;
      if (f < 0) {
        if (!Number.isFinite(t.value[n]!)) {
          throw new ModelFormatError(`${where}: leaf value is not finite`, "trees");
        }
        continue;
      }
      if (f >= e.nFeatures) throw new ModelFormatError(`${where}: feature ${f} out of range`, "trees");
      if (t.catOffset[n]! < 0 && Number.isNaN(t.threshold[n]!)) {
        throw new ModelFormatError(`${where}: threshold is NaN`, "trees");
      }
      if (
        !(t.left[n]! > n && t.right[n]! > n && t.left[n]! < t.feature.length &&
          t.right[n]! < t.feature.length)
      ) {
        throw new ModelFormatError(`${where}: bad children`, "trees");
      }
    }
  });
}

/** Options of {@link addTreeEnsemble}. */
export interface TreeEnsembleNodeOptions {
  precision?: TreePrecision;
  /**
   * Instead of the margins, output one column per tree holding the index (in the TypeScript tree's
   * node numbering) of the leaf each row reaches: the same nodes and splits, only the leaf weights
   * change, so it checks every row's route tree by tree.
   */
  leafIndices?: boolean;
}

/**
 * Adds the ensemble's `TreeEnsemble` node reading `input` (`[batch, nFeatures]`, double for
 * "float64", float for "float32"). Returns the name of its output: `[batch, nOutputs]` sums of leaf
 * values (no base score, no link), or `[batch, nTrees]` leaf indices. Throws ModelFormatError on a
 * malformed ensemble.
 */
export function addTreeEnsemble(
  b: OnnxGraphBuilder,
  e: TreeEnsemble,
  input: string,
  options: TreeEnsembleNodeOptions = {},
): string {
  checkExportableEnsemble(e);
  const precision = options.precision ?? "float64";
  const leafIndices = options.leafIndices ?? false;
  const roundSplit = precision === "float32" ? float32AtOrBelow : (t: number) => t;
  const roots: number[] = [], featureIds: number[] = [], splits: number[] = [], modes: number[] = [];
  const trueIds: number[] = [], trueLeafs: number[] = [], falseIds: number[] = [], falseLeafs: number[] = [];
  const missingTrue: number[] = [], membership: number[] = [];
  const leafTargets: number[] = [], leafWeights: number[] = [];
  let nMember = 0;

  e.trees.forEach((t, ti) => {
    const n = t.feature.length;
    // Global index of each TS node among the ONNX nodes (internal) or the ONNX leaves.
    const index = new Int32Array(n);
    const nodeBase = featureIds.length;
    let nInternal = 0;
    for (let i = 0; i < n; i++) {
      if (t.feature[i]! >= 0) index[i] = nodeBase + nInternal++;
      else {
        index[i] = leafTargets.length;
        leafTargets.push(leafIndices ? ti : e.treeClass[ti]!);
        leafWeights.push(leafIndices ? i : t.value[i]!);
      }
    }
    if (nInternal === 0) {
      // A single-leaf tree: a dummy root both of whose branches reach the leaf.
      roots.push(featureIds.length);
      featureIds.push(0), splits.push(0), modes.push(MODE.BRANCH_LEQ), missingTrue.push(0);
      trueIds.push(index[0]!), trueLeafs.push(1), falseIds.push(index[0]!), falseLeafs.push(1);
      return;
    }
    roots.push(index[0]!);
    for (let i = 0; i < n; i++) {
      const f = t.feature[i]!;
      if (f < 0) continue;
      featureIds.push(f);
      missingTrue.push(t.defaultLeft[i] ? 1 : 0);
      const l = t.left[i]!, r = t.right[i]!;
      trueIds.push(index[l]!), trueLeafs.push(t.feature[l]! < 0 ? 1 : 0);
      falseIds.push(index[r]!), falseLeafs.push(t.feature[r]! < 0 ? 1 : 0);
      if (t.catOffset[i]! < 0) {
        modes.push(MODE.BRANCH_LEQ);
        splits.push(roundSplit(t.threshold[i]!));
        continue;
      }
      const set = categorySet(t, i);
      if (set.length === 0) {
        modes.push(MODE.BRANCH_LT), splits.push(-Infinity);
        continue;
      }
      modes.push(MODE.BRANCH_MEMBER), splits.push(NaN);
      if (nMember++ > 0) membership.push(NaN);
      membership.push(...set);
    }
  });

  const valueType = precision === "float32" ? "float32" : "double";
  const tensor = (name: string, values: number[]) =>
    attr.tensor(makeTensor(name, { type: valueType, values }, [values.length]));
  const attributes: Record<string, OnnxTypes.Attribute> = {
    aggregate_function: attr.int(1), // SUM
    post_transform: attr.int(0), // NONE
    n_targets: attr.int(leafIndices ? e.trees.length : e.nOutputs),
    tree_roots: attr.ints(roots),
    nodes_featureids: attr.ints(featureIds),
    nodes_splits: tensor("nodes_splits", splits),
    nodes_modes: attr.tensor(uint8Tensor("nodes_modes", modes)),
    nodes_truenodeids: attr.ints(trueIds),
    nodes_trueleafs: attr.ints(trueLeafs),
    nodes_falsenodeids: attr.ints(falseIds),
    nodes_falseleafs: attr.ints(falseLeafs),
    nodes_missing_value_tracks_true: attr.ints(missingTrue),
    leaf_targetids: attr.ints(leafTargets),
    leaf_weights: tensor("leaf_weights", leafWeights),
  };
  if (nMember > 0) attributes.membership_values = tensor("membership_values", membership);
  b.useOpset(ONNX_ML_DOMAIN, TREE_ENSEMBLE_ML_OPSET);
  return b.op("TreeEnsemble", [input], attributes, undefined, { domain: ONNX_ML_DOMAIN });
}

function uint8Tensor(name: string, values: number[]): OnnxTypes.Tensor {
  return { name, dims: [values.length], dataType: 2, /* UINT8 */ rawData: Uint8Array.from(values) };
}

/** How margins become predictions. */
export type TreeLink = "identity" | "sigmoid" | "softmax" | "exp";

/** Options of {@link addTreeEnsembleMargins}. */
export interface TreeGraphOptions {
  precision?: TreePrecision;
}

/**
 * Declares the `features` input and adds the ensemble plus its base score. Returns the double
 * `[batch, nOutputs]` margin tensor (`baseScore + Σ trees`, in double whatever the precision).
 */
export function addTreeEnsembleMargins(
  b: OnnxGraphBuilder,
  e: TreeEnsemble,
  options: TreeGraphOptions = {},
): string {
  const precision = options.precision ?? "float64";
  b.addInput(FEATURES_INPUT, ElemType.FLOAT, [BATCH, e.nFeatures]);
  const sums = precision === "float32"
    ? toDouble(b, addTreeEnsemble(b, e, FEATURES_INPUT, { precision }))
    : addTreeEnsemble(b, e, toDouble(b, FEATURES_INPUT), { precision });
  const base = b.addInitializer(
    { type: "double", values: e.baseScore },
    [1, e.nOutputs],
    undefined,
    "base_score",
  );
  return b.op("Add", [sums, base]);
}

/** Adds the link to double margins; returns the double prediction tensor. */
export function addLink(b: OnnxGraphBuilder, margin: string, link: TreeLink): string {
  switch (link) {
    case "identity":
      return margin;
    case "sigmoid":
      return b.op("Sigmoid", [margin]);
    case "exp":
      return b.op("Exp", [margin]);
    case "softmax":
      return b.op("Softmax", [margin], { axis: attr.int(1) });
  }
}

/** `Cast(x, to=DOUBLE)`. */
export function toDouble(b: OnnxGraphBuilder, x: string): string {
  return b.op("Cast", [x], { to: attr.int(ElemType.DOUBLE) });
}

/** Casts a double tensor to a float graph output named `name`. */
export function addFloatOutput(b: OnnxGraphBuilder, x: string, name: string, width: number): void {
  b.op("Cast", [x], { to: attr.int(ElemType.FLOAT) }, name);
  b.addOutput(name, ElemType.FLOAT, [BATCH, width]);
}

/**
 * The ensemble alone: `features` → `margin` (float `[batch, nOutputs]`, base score included) and,
 * with a link, `prediction`.
 */
export function treeEnsembleToOnnx(
  e: TreeEnsemble,
  options: TreeGraphOptions & { link?: TreeLink; model?: ModelOptions } = {},
): Uint8Array {
  const b = new OnnxGraphBuilder("tree_ensemble");
  const margin = addTreeEnsembleMargins(b, e, options);
  addFloatOutput(b, margin, "margin", e.nOutputs);
  if (options.link !== undefined) {
    addFloatOutput(b, addLink(b, margin, options.link), "prediction", e.nOutputs);
  }
  return b.toBytes(options.model);
}

/**
 * The leaf-index twin of an exported tree graph: the first `TreeEnsemble` node of `bytes` with its
 * nodes, splits, modes, category sets and missing directions as they are, and only its leaves changed
 * to write, per tree, the TypeScript index of the leaf (`features` → `leaf`, float `[batch, nTrees]`,
 * exact integers). The parity gate runs it to check every row's route through the very splits the
 * file holds. The leaves of `bytes` must be laid out as {@link addTreeEnsemble} lays out `e`'s (tree
 * by tree, in node order); throws ModelFormatError when their count differs.
 */
export function treeLeafIndexOnnx(bytes: Uint8Array, e: TreeEnsemble): Uint8Array {
  const node = decodeModel(bytes).graph?.node?.find((n) =>
    n.opType === "TreeEnsemble" && n.domain === ONNX_ML_DOMAIN
  );
  if (!node) throw new ModelFormatError("the ONNX graph has no ai.onnx.ml TreeEnsemble node", "graph");
  const attrs = new Map((node.attribute ?? []).map((a) => [a.name!, a]));
  const splits = attrs.get("nodes_splits")?.t;
  const nLeaves = attrs.get("leaf_targetids")?.ints?.length ?? -1;
  const leafTree: number[] = [], leafNode: number[] = [];
  e.trees.forEach((t, ti) => {
    for (let i = 0; i < t.feature.length; i++) if (t.feature[i]! < 0) leafTree.push(ti), leafNode.push(i);
  });
  if (!splits || nLeaves !== leafTree.length) {
    throw new ModelFormatError(
      `the TreeEnsemble node has ${nLeaves} leaves, the ensemble ${leafTree.length}`,
      "graph",
    );
  }
  if (e.trees.some((t) => t.feature.length >= 2 ** 24)) {
    throw new InputError("trees", "a tree has too many nodes for float leaf indices");
  }
  const double = splits.dataType === ElemType.DOUBLE;
  const b = new OnnxGraphBuilder("tree_leaf_index").useOpset(ONNX_ML_DOMAIN, TREE_ENSEMBLE_ML_OPSET);
  b.addInput(FEATURES_INPUT, ElemType.FLOAT, [BATCH, e.nFeatures]);
  const input = double ? toDouble(b, FEATURES_INPUT) : FEATURES_INPUT;
  const attributes: Record<string, OnnxTypes.Attribute> = {};
  for (const [name, a] of attrs) attributes[name] = { ...a, name: undefined } as OnnxTypes.Attribute;
  attributes.n_targets = attr.int(e.trees.length);
  attributes.leaf_targetids = attr.ints(leafTree);
  attributes.leaf_weights = attr.tensor(
    makeTensor("leaf_weights", { type: double ? "double" : "float32", values: leafNode }, [leafNode.length]),
  );
  attributes.post_transform = attr.int(0);
  const leaf = b.op("TreeEnsemble", [input], attributes, undefined, { domain: ONNX_ML_DOMAIN });
  b.op("Cast", [leaf], { to: attr.int(ElemType.FLOAT) }, "leaf");
  b.addOutput("leaf", ElemType.FLOAT, [BATCH, e.trees.length]);
  return b.toBytes();
}
