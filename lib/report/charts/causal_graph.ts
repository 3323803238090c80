/**
 * A causal-graph chart for simulators: nodes placed in layers (each node one layer right of its deepest
 * parent), directed edges drawn as arrows, effect sizes as labels at edge midpoints.
 *
 * @example
 * ```ts
 * import { layeredLayout } from "./causal_graph.ts";
 * const pos = layeredLayout(["price", "demand"], [{ from: "price", to: "demand" }]);
 * pos.get("demand")!.layer; // 1
 * ```
 * @module
 */
import { InputError } from "../../errors.ts";
import { baseLayout, type Figure, type Json } from "../figure.ts";

/** A node of the graph. */
export interface GraphNode {
  id: string;
  label?: string;
  /** Optional group (e.g. "treatment", "outcome", "confounder") used for colour. */
  group?: string;
}

/** A directed edge; `effect` is shown as a label (numbers formatted, sign kept). */
export interface GraphEdge {
  from: string;
  to: string;
  effect?: number | string;
}

/** Position of a node: its layer (x) and order within the layer (y), plus plot coordinates. */
export interface NodePosition {
  layer: number;
  order: number;
  x: number;
  y: number;
}

/**
 * Layered layout of a DAG: layer = length of the longest path from a source; order within a layer by the
 * mean order of the node's parents (one barycentre pass, ties by input order). Throws on cycles and on
 * edges naming unknown nodes.
 */
export function layeredLayout(
  nodeIds: readonly string[],
  edges: readonly Pick<GraphEdge, "from" | "to">[],
): Map<string, NodePosition> {
  const index = new Map<string, number>();
  nodeIds.forEach((id, i) => {
    if (index.has(id)) throw new InputError("nodes", `duplicate node id "${id}"`);
    index.set(id, i);
  });
  const parents: number[][] = nodeIds.map(() => []);
  const children: number[][] = nodeIds.map(() => []);
  for (const e of edges) {
    const a = index.get(e.from), b = index.get(e.to);
    if (a === undefined) throw new InputError("edges", `edge from unknown node "${e.from}"`);
    if (b === undefined) throw new InputError("edges", `edge to unknown node "${e.to}"`);
    parents[b]!.push(a);
    children[a]!.push(b);
  }
  // Kahn's algorithm; the layer of a node is 1 + the max layer of its parents.
  const n = nodeIds.length;
  const indeg = parents.map((p) => p.length);
  const layer = new Array<number>(n).fill(0);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (indeg[i] === 0) queue.push(i);
  const topo: number[] = [];
  while (queue.length > 0) {
    const v = queue.shift()!;
    topo.push(v);
    for (const c of children[v]!) {
      layer[c] = Math.max(layer[c]!, layer[v]! + 1);
      if (--indeg[c]! === 0) queue.push(c);
    }
  }
  if (topo.length < n) {
    const stuck = nodeIds.filter((_, i) => indeg[i]! > 0);
    throw new InputError("edges", `graph has a cycle through: ${stuck.join(", ")}`);
  }
  const nLayers = n === 0 ? 0 : Math.max(...layer) + 1;
  const byLayer: number[][] = Array.from({ length: nLayers }, () => []);
  for (let i = 0; i < n; i++) byLayer[layer[i]!]!.push(i);
  const order = new Array<number>(n).fill(0);
  for (const members of byLayer) {
    const key = (v: number) => {
      const p = parents[v]!;
      return p.length === 0 ? v : p.reduce((s, q) => s + order[q]!, 0) / p.length;
    };
    const sorted = [...members].sort((a, b) => key(a) - key(b) || a - b);
    sorted.forEach((v, k) => (order[v] = k));
  }
  const out = new Map<string, NodePosition>();
  for (let i = 0; i < n; i++) {
    const size = byLayer[layer[i]!]!.length;
    out.set(nodeIds[i]!, { layer: layer[i]!, order: order[i]!, x: layer[i]!, y: (size - 1) / 2 - order[i]! });
  }
  return out;
}

const GROUP_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

/**
 * Causal graph chart: nodes as labelled markers, edges as arrows (annotations; edges that skip a layer
 * are bowed curves), effect labels at edge midpoints.
 */
export function causalGraphChart(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  options: { title?: string } = {},
): Figure {
  if (nodes.length === 0) throw new InputError("nodes", "must hold at least one node");
  const pos = layeredLayout(nodes.map((n) => n.id), edges);
  const groups = [...new Set(nodes.map((n) => n.group ?? ""))];
  const color = (g: string | undefined) => GROUP_COLORS[groups.indexOf(g ?? "") % GROUP_COLORS.length]!;
  // Edges between adjacent layers are straight arrows; an edge that skips layers would run through the
  // nodes between, so it is drawn as a bowed quadratic Bézier curve with the arrowhead on its last part.
  const curveX: (number | null)[] = [], curveY: (number | null)[] = [];
  const annotations: Json[] = [];
  const labelX: number[] = [], labelY: number[] = [], labelText: string[] = [];
  let bowSign = 1, maxBow = 0;
  for (const e of edges) {
    const a = pos.get(e.from)!, b = pos.get(e.to)!;
    const span = b.layer - a.layer;
    let tail = { x: a.x, y: a.y }, mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    if (span > 1) {
      const bow = bowSign * 0.8 * (span - 1);
      bowSign = -bowSign;
      maxBow = Math.max(maxBow, Math.abs(bow));
      const cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2 + bow;
      const at = (t: number) => ({
        x: (1 - t) ** 2 * a.x + 2 * (1 - t) * t * cx + t * t * b.x,
        y: (1 - t) ** 2 * a.y + 2 * (1 - t) * t * cy + t * t * b.y,
      });
      for (let k = 0; k <= 24; k++) {
        const p = at(k / 24);
        curveX.push(p.x);
        curveY.push(p.y);
      }
      curveX.push(null);
      curveY.push(null);
      tail = at(0.85);
      mid = at(0.5);
    }
    annotations.push({
      x: b.x,
      y: b.y,
      ax: tail.x,
      ay: tail.y,
      xref: "x",
      yref: "y",
      axref: "x",
      ayref: "y",
      showarrow: true,
      arrowhead: 3,
      arrowsize: 1.2,
      arrowwidth: 1.5,
      arrowcolor: "#6b7280",
      standoff: 16,
      startstandoff: span > 1 ? 0 : 16,
      text: "",
    });
    if (e.effect !== undefined) {
      labelX.push(mid.x);
      labelY.push(mid.y + 0.08);
      labelText.push(formatEffect(e.effect));
    }
  }
  const data: import("../figure.ts").Trace[] = [];
  if (curveX.length > 0) {
    data.push({
      type: "scatter",
      mode: "lines",
      name: "edges",
      x: curveX,
      y: curveY,
      line: { color: "#6b7280", width: 1.5 },
      hoverinfo: "skip",
      showlegend: false,
    });
  }
  if (labelText.length > 0) {
    data.push({
      type: "scatter",
      mode: "text",
      name: "effects",
      x: labelX,
      y: labelY,
      text: labelText,
      textfont: { size: 12, color: "#374151" },
      hoverinfo: "skip",
      showlegend: false,
    });
  }
  data.push({
    type: "scatter",
    mode: "markers+text",
    name: "nodes",
    x: nodes.map((n) => pos.get(n.id)!.x),
    y: nodes.map((n) => pos.get(n.id)!.y),
    text: nodes.map((n) => n.label ?? n.id),
    textposition: "bottom center",
    marker: { size: 26, color: nodes.map((n) => color(n.group)), line: { color: "#ffffff", width: 2 } },
    hovertext: nodes.map((n) => (n.group ? `${n.label ?? n.id} (${n.group})` : n.label ?? n.id)),
    hoverinfo: "text",
    showlegend: false,
  });
  let maxLayer = 0, maxY = 0;
  for (const p of pos.values()) {
    maxLayer = Math.max(maxLayer, p.x);
    maxY = Math.max(maxY, Math.abs(p.y));
  }
  const layout = baseLayout(options.title ?? "Causal graph", "", "");
  const hidden = { visible: false, showgrid: false, zeroline: false };
  layout.xaxis = { ...hidden, range: [-0.5, maxLayer + 0.5] };
  layout.yaxis = { ...hidden, range: [-maxY - maxBow - 0.7, maxY + maxBow + 0.5] };
  layout.annotations = annotations;
  layout.height = Math.max(300, 140 + 90 * (2 * (maxY + maxBow) + 1));
  layout.showlegend = false;
  return { data, layout };
}

function formatEffect(effect: number | string): string {
  if (typeof effect === "string") return effect;
  const s = Math.abs(effect) >= 100
    ? effect.toFixed(0)
    : Math.abs(effect) >= 1
    ? effect.toFixed(2)
    : effect.toPrecision(2);
  return effect > 0 ? `+${s}` : s;
}
