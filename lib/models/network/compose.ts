/**
 * Layer lists built from other layer lists: {@link prefixLayerList} renames every tensor (so two
 * graphs can share one), {@link scoringLayerList} joins a user and an item tower into one graph that
 * scores pairs (`score = user · item`, row-wise), e.g. for a single ONNX file serving two-tower scores.
 *
 * @example
 * ```ts
 * import { scoringLayerList } from "./compose.ts";
 * import type { LayerList } from "./layer_list.ts";
 * const tower: LayerList = {
 *   name: "t",
 *   inputs: [{ name: "id", type: "int64", width: 1 }],
 *   layers: [{ kind: "embedding", name: "embedding", input: "id", rows: 2, dim: 2, table: [1, 0, 0, 1], combine: "concat" }],
 *   outputs: ["embedding"],
 * };
 * scoringLayerList(tower, tower).outputs; // ["score", "user_embedding", "item_embedding"]
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import type { Layer, LayerList } from "./layer_list.ts";

/** `g` with every input, layer and output name prefixed by `prefix`. */
export function prefixLayerList(g: LayerList, prefix: string, name = g.name): LayerList {
  const p = (n: string) => prefix + n;
  const layers = g.layers.map((l): Layer => {
    switch (l.kind) {
      case "concat":
      case "add":
        return { ...l, name: p(l.name), inputs: l.inputs.map(p) };
      case "dot":
        return { ...l, name: p(l.name), inputs: [p(l.inputs[0]), p(l.inputs[1])] };
      default:
        return { ...l, name: p(l.name), input: p(l.input) };
    }
  });
  return {
    name,
    inputs: g.inputs.map((i) => ({ ...i, name: p(i.name) })),
    layers,
    outputs: g.outputs.map(p),
  };
}

/**
 * One graph scoring user–item pairs: both towers (tensor names prefixed `user_` / `item_`) and
 * `score = user_<first output> · item_<first output>` (row-wise). Outputs: `score`, then both towers'.
 */
export function scoringLayerList(user: LayerList, item: LayerList, name = "two_tower_score"): LayerList {
  const u = prefixLayerList(user, "user_", name), i = prefixLayerList(item, "item_", name);
  const uo = u.outputs[0], io = i.outputs[0];
  if (uo === undefined || io === undefined) throw new InputError("outputs", "each tower needs an output");
  return {
    name,
    inputs: [...u.inputs, ...i.inputs],
    layers: [...u.layers, ...i.layers, { kind: "dot", name: "score", inputs: [uo, io] }],
    outputs: ["score", ...u.outputs, ...i.outputs],
  };
}
