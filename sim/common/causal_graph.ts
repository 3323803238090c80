/**
 * A simulator's causal graph, declared as data: which causes, treatments and confounders drive which
 * outcomes, and by how much. Reports draw it; tests check the declared effects are recoverable.
 *
 * @example
 * ```ts
 * import { type CausalGraph, validateGraph, toMermaid } from "./causal_graph.ts";
 * const g: CausalGraph = {
 *   nodes: [{ id: "rain", label: "Rain", kind: "cause" }, { id: "accept", label: "Accept", kind: "outcome" }],
 *   edges: [{ from: "rain", to: "accept", effect: "×0.6 if bike", size: 0.6 }],
 * };
 * validateGraph(g);
 * toMermaid(g).startsWith("flowchart LR"); // true
 * ```
 * @module
 */
import { InputError } from "../../lib/errors.ts";

/** The role a node plays in the simulated mechanism. */
export type NodeKind = "cause" | "treatment" | "outcome" | "confounder" | "mediator" | "context" | "noise";

/** One variable of the mechanism. */
export interface CausalNode {
  /** Stable id, usually the column name it produces. */
  readonly id: string;
  /** Human-readable label. */
  readonly label: string;
  readonly kind: NodeKind;
}

/** A directed effect `from → to`. */
export interface CausalEdge {
  readonly from: string;
  readonly to: string;
  /** The effect in words, e.g. "×0.6 if rain & bike". */
  readonly effect: string;
  /** The effect size when it is one number (a multiplier, a slope, a log-odds coefficient). */
  readonly size?: number;
}

/** Nodes and edges of a simulator's mechanism. */
export interface CausalGraph {
  readonly nodes: readonly CausalNode[];
  readonly edges: readonly CausalEdge[];
}

/** Throws an {@link InputError} on duplicate node ids or edges naming unknown nodes. */
export function validateGraph(graph: CausalGraph): void {
  const ids = new Set<string>();
  for (const n of graph.nodes) {
    if (ids.has(n.id)) throw new InputError("graph.nodes", `duplicate node id "${n.id}"`);
    ids.add(n.id);
  }
  for (const e of graph.edges) {
    if (!ids.has(e.from)) throw new InputError("graph.edges", `edge from unknown node "${e.from}"`);
    if (!ids.has(e.to)) throw new InputError("graph.edges", `edge to unknown node "${e.to}"`);
  }
}

/** Returns the edges into `nodeId` (its direct causes). */
export function parentsOf(graph: CausalGraph, nodeId: string): readonly CausalEdge[] {
  return graph.edges.filter((e) => e.to === nodeId);
}

/** Renders the graph as a Mermaid flowchart (for reports and the README). */
export function toMermaid(graph: CausalGraph): string {
  const safe = (id: string) => id.replace(/[^A-Za-z0-9_]/g, "_");
  const shape: Record<NodeKind, [string, string]> = {
    cause: ["([", "])"],
    treatment: ["[[", "]]"],
    outcome: ["{{", "}}"],
    confounder: ["[/", "/]"],
    mediator: ["[", "]"],
    context: ["(", ")"],
    noise: ["(", ")"],
  };
  const lines = ["flowchart LR"];
  for (const n of graph.nodes) {
    const [l, r] = shape[n.kind];
    lines.push(`  ${safe(n.id)}${l}"${n.label.replaceAll('"', "'")}"${r}`);
  }
  for (const e of graph.edges) {
    lines.push(`  ${safe(e.from)} -->|"${e.effect.replaceAll('"', "'")}"| ${safe(e.to)}`);
  }
  return lines.join("\n");
}
