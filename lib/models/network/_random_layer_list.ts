/**
 * Test helper: a random, valid layer list using every layer kind, plus matching random feeds.
 * @module
 */
import { Rng } from "../../random/mod.ts";
import { ACTIVATIONS, type Layer, type LayerList } from "./layer_list.ts";

function vec(rng: Rng, n: number, scale = 1): Float32Array {
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.uniform(-scale, scale);
  return v;
}

/** A random network over an int64 input `ids` (width k) and a float input `x` (width m). */
export function randomLayerList(seed: number): LayerList {
  const rng = new Rng(seed);
  const k = 1 + rng.int(3), m = 1 + rng.int(5), rows = 2 + rng.int(6), dim = 1 + rng.int(4);
  const combine = rng.pick(["concat", "sum", "mean"] as const);
  const layers: Layer[] = [
    { kind: "embedding", name: "emb", input: "ids", rows, dim, table: vec(rng, rows * dim), combine },
    { kind: "affine", name: "xs", input: "x", scale: vec(rng, m, 2), shift: vec(rng, m) },
    { kind: "concat", name: "h0", inputs: ["emb", "xs"] },
  ];
  let cur = "h0", width = (combine === "concat" ? k * dim : dim) + m;
  const depth = 1 + rng.int(3);
  for (let d = 0; d < depth; d++) {
    const out = 1 + rng.int(6);
    const name = `h${d + 1}`;
    layers.push({
      kind: "dense",
      name,
      input: cur,
      inDim: width,
      outDim: out,
      weights: vec(rng, width * out, 1 / Math.sqrt(width)),
      bias: rng.bernoulli(0.7) ? vec(rng, out, 0.5) : undefined,
      activation: rng.pick(ACTIVATIONS),
    });
    cur = name;
    width = out;
  }
  layers.push({ kind: "activation", name: "act", input: cur, fn: rng.pick(ACTIVATIONS) });
  layers.push({ kind: "add", name: "sum", inputs: [cur, "act"] });
  layers.push({ kind: "l2norm", name: "unit", input: "sum", epsilon: rng.bernoulli(0.5) ? 1e-12 : 1e-3 });
  layers.push({ kind: "dot", name: "score", inputs: ["unit", "sum"] });
  return {
    name: `random_${seed}`,
    inputs: [{ name: "ids", type: "int64", width: k }, { name: "x", type: "float32", width: m }],
    layers,
    outputs: rng.bernoulli(0.5) ? ["score", "unit"] : ["unit", "score", "x"],
  };
}

/** Random feeds for {@link randomLayerList}'s inputs. */
export function randomFeeds(
  g: LayerList,
  nRows: number,
  seed: number,
): Record<string, Float32Array | Int32Array> {
  const rng = new Rng(seed);
  const emb = g.layers[0]!;
  const rows = emb.kind === "embedding" ? emb.rows : 1;
  const feeds: Record<string, Float32Array | Int32Array> = {};
  for (const inp of g.inputs) {
    if (inp.type === "int64") {
      feeds[inp.name] = Int32Array.from({ length: nRows * inp.width }, () => rng.int(rows));
    } else {
      feeds[inp.name] = Float32Array.from({ length: nRows * inp.width }, () => rng.uniform(-3, 3));
    }
  }
  return feeds;
}
