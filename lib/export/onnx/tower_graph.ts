/**
 * Adapter from the two-tower model's tower description (`lib/models/two_tower/graph.ts`,
 * `TwoTowerModel.describe("user" | "item")`) to a {@link LayerList}, so the towers export to ONNX with
 * the same writer as wide & deep. The input type is structural ({@link TowerGraphLike}): this module
 * does not import the model (the engine's export layer never depends on a model family).
 *
 * Mapping: each `index` input → an int64 input of width 1; `float` input → float32 input; an
 * `embedding` layer (`shape [rows, dim]`) → `embedding` with `combine: "concat"`; a `dense` layer with
 * several `inputs` → `concat` then `dense`; `l2norm` → `l2norm`; each output → an identity
 * `activation` layer named after the output. {@link twoTowerScoringLayerList} joins a user and an item
 * tower (names prefixed `user_` / `item_`) and adds the row-wise dot product `score`.
 *
 * @example
 * ```ts
 * import { towerGraphToLayerList } from "./tower_graph.ts";
 * const g = towerGraphToLayerList({
 *   inputs: [{ name: "id", kind: "index", rows: 3 }],
 *   layers: [
 *     { kind: "embedding", name: "id_embedding", input: "id", shape: [3, 2], weights: new Float32Array(6) },
 *     { kind: "l2norm", name: "l2norm", input: "id_embedding", epsilon: 1e-12 },
 *   ],
 *   outputs: [{ name: "embedding", from: "l2norm", width: 2 }],
 * }, "user_tower");
 * g.outputs; // ["embedding"]
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import type { Activation, Layer, LayerList, LayerListInput } from "./layer_list.ts";

/** A tower input: an index into a table (one per row) or the raw numeric block. */
export type TowerGraphInputLike =
  | { readonly name: string; readonly kind: "index"; readonly rows: number }
  | { readonly name: string; readonly kind: "float"; readonly width: number };

/** A tower layer as `lib/models/two_tower/graph.ts` describes it. */
export type TowerGraphLayerLike =
  | {
    readonly kind: "embedding";
    readonly name: string;
    readonly input: string;
    readonly shape: readonly [number, number];
    readonly weights: ArrayLike<number>;
  }
  | {
    readonly kind: "dense";
    readonly name: string;
    readonly inputs: readonly string[];
    readonly shape: readonly [number, number];
    readonly weights: ArrayLike<number>;
    readonly bias: ArrayLike<number>;
    readonly activation: Activation;
  }
  | { readonly kind: "l2norm"; readonly name: string; readonly input: string; readonly epsilon: number };

/** The structural shape of a two-tower `TowerGraph`. */
export interface TowerGraphLike {
  readonly inputs: readonly TowerGraphInputLike[];
  readonly layers: readonly TowerGraphLayerLike[];
  readonly outputs: readonly { readonly name: string; readonly from: string; readonly width: number }[];
}

/** Converts a tower description to a layer list named `name`; tensor names get `prefix` (default none). */
export function towerGraphToLayerList(g: TowerGraphLike, name: string, prefix = ""): LayerList {
  const p = (n: string) => prefix + n;
  const inputs: LayerListInput[] = g.inputs.map((i) =>
    i.kind === "index"
      ? { name: p(i.name), type: "int64", width: 1 }
      : { name: p(i.name), type: "float32", width: i.width }
  );
  const layers: Layer[] = [];
  g.layers.forEach((l, k) => {
    switch (l.kind) {
      case "embedding":
        layers.push({
          kind: "embedding",
          name: p(l.name),
          input: p(l.input),
          rows: l.shape[0],
          dim: l.shape[1],
          table: l.weights,
          combine: "concat",
        });
        break;
      case "dense": {
        let input = p(l.inputs[0] ?? "");
        if (l.inputs.length > 1) {
          input = p(`${l.name}_input`);
          layers.push({ kind: "concat", name: input, inputs: l.inputs.map(p) });
        }
        layers.push({
          kind: "dense",
          name: p(l.name),
          input,
          inDim: l.shape[0],
          outDim: l.shape[1],
          weights: l.weights,
          bias: l.bias,
          activation: l.activation,
        });
        break;
      }
      case "l2norm":
        layers.push({ kind: "l2norm", name: p(l.name), input: p(l.input), epsilon: l.epsilon });
        break;
      default:
        throw new InputError(
          `layers[${k}].kind`,
          `unsupported tower layer kind "${(l as { kind: string }).kind}"`,
        );
    }
  });
  const outputs = g.outputs.map((o) => {
    layers.push({ kind: "activation", name: p(o.name), input: p(o.from), fn: "linear" });
    return p(o.name);
  });
  return { name, inputs, layers, outputs };
}

/**
 * One graph scoring user–item pairs: both towers (tensor names prefixed `user_` / `item_`) and
 * `score = user_<out> · item_<out>` (row-wise). Outputs: `score`, then both towers' outputs.
 */
export function twoTowerScoringLayerList(
  user: TowerGraphLike,
  item: TowerGraphLike,
  name = "two_tower_score",
): LayerList {
  const u = towerGraphToLayerList(user, name, "user_"), i = towerGraphToLayerList(item, name, "item_");
  const uo = u.outputs[0], io = i.outputs[0];
  if (uo === undefined || io === undefined) throw new InputError("outputs", "each tower needs an output");
  return {
    name,
    inputs: [...u.inputs, ...i.inputs],
    layers: [...u.layers, ...i.layers, { kind: "dot", name: "score", inputs: [uo, io] }],
    outputs: ["score", ...u.outputs, ...i.outputs],
  };
}
