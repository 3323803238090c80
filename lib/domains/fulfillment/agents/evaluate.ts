/**
 * Evaluation of the agents as one evaluates tool-using agents: a scenario is a script of deviations
 * handled in order against a fresh store, and it passes when the store's final state — the actions
 * recorded, the tickets and incidents, the compensation — equals the expected state exactly. Over k
 * repeated runs, pass^k is the share of scenarios that pass in every run (τ-bench); for a deterministic
 * system it equals the single-run pass rate, which {@link evaluateScenarios} reports side by side.
 *
 * The state is compared through {@link projectState}: one readable line per row, so a failing scenario
 * shows the rows missing and the rows unexpected.
 * @module
 */
import { InputError } from "../../../errors.ts";
import type { KnowledgeBase } from "../knowledge.ts";
import { Orchestrator } from "./orchestrator.ts";
import { type AgentStore, MemoryAgentStore } from "./store.ts";
import type { AgentState, Deviation, FactValue } from "./types.ts";

/** The parts of the final state a scenario pins down, one line per row. */
export interface ExpectedState {
  /** `<deviation> <agent>.<kind> key=value …` (keys sorted), in commit order. */
  readonly actions: readonly string[];
  /** `<ticket id> <priority> <queue> <criteria,…> incident=<id|none>`. */
  readonly tickets: readonly string[];
  /** `<incident id> <segment> by=<deviation>`. */
  readonly incidents: readonly string[];
  /** `<deviation> <order> <cents> <form> <status>`. */
  readonly compensations: readonly string[];
}

/** A scripted scenario. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly deviations: readonly Deviation[];
  readonly expected: ExpectedState;
}

function params(p: Readonly<Record<string, FactValue>>): string {
  return Object.keys(p).sort().map((k) => ` ${k}=${p[k]}`).join("");
}

/** The comparable projection of a store state. */
export function projectState(s: AgentState): ExpectedState {
  return {
    actions: s.actions.map((a) => `${a.deviationId} ${a.agent}.${a.kind}${params(a.params)}`),
    tickets: s.tickets.map((t) =>
      `${t.id} ${t.priority} ${t.queue} ${t.criteria.join(",")} incident=${t.incidentId ?? "none"}`
    ),
    incidents: s.incidents.map((i) => `${i.id} ${i.segment} by=${i.openedBy}`),
    compensations: s.compensations.map((c) =>
      `${c.deviationId} ${c.orderId} ${c.amountCents} ${c.form} ${c.status}`
    ),
  };
}

/** Lines of `expected` missing from `actual` and lines of `actual` not expected, per table. */
export function stateDiff(expected: ExpectedState, actual: ExpectedState): string[] {
  const out: string[] = [];
  for (const key of ["actions", "tickets", "incidents", "compensations"] as const) {
    const e = expected[key], a = actual[key];
    if (e.length === a.length && e.every((x, i) => x === a[i])) continue;
    for (const x of e) if (!a.includes(x)) out.push(`${key}: missing   ${x}`);
    for (const x of a) if (!e.includes(x)) out.push(`${key}: unexpected ${x}`);
    if (out.length === 0) out.push(`${key}: same rows in another order`);
  }
  return out;
}

/** One run of one scenario. */
export interface ScenarioRun {
  readonly name: string;
  readonly pass: boolean;
  readonly diff: readonly string[];
  readonly state: AgentState;
}

/** Runs a scenario against a fresh store (from `makeStore`, default in-memory). */
export async function runScenario(
  scenario: Scenario,
  kb: KnowledgeBase,
  options: { clock?: () => Date; makeStore?: () => AgentStore } = {},
): Promise<ScenarioRun> {
  const store = (options.makeStore ?? (() => new MemoryAgentStore()))();
  const clock = options.clock ?? (() => new Date("2026-12-01T00:00:00Z"));
  await new Orchestrator({ kb, store, clock }).handleAll(scenario.deviations);
  const state = await store.snapshot();
  const diff = stateDiff(scenario.expected, projectState(state));
  return { name: scenario.name, pass: diff.length === 0, diff, state };
}

/** pass@1 (mean single-run pass rate) and pass^k (share of scenarios passing all k runs). */
export function passRates(
  runs: readonly (readonly boolean[])[],
): { passAt1: number; passHatK: number; k: number } {
  if (runs.length === 0) throw new InputError("runs", "must hold at least one scenario");
  const k = runs[0]!.length;
  if (k === 0 || runs.some((r) => r.length !== k)) {
    throw new InputError("runs", "every scenario must have the same number (>= 1) of runs");
  }
  let single = 0, all = 0;
  for (const r of runs) {
    single += r.filter(Boolean).length / k;
    if (r.every(Boolean)) all++;
  }
  return { passAt1: single / runs.length, passHatK: all / runs.length, k };
}

/** Runs every scenario k times; returns the runs (scenario-major) and the rates. */
export async function evaluateScenarios(
  scenarios: readonly Scenario[],
  kb: KnowledgeBase,
  k: number,
  run: (s: Scenario, trial: number) => Promise<ScenarioRun> = (s) => runScenario(s, kb),
): Promise<{ runs: ScenarioRun[][]; passAt1: number; passHatK: number; k: number }> {
  if (!Number.isInteger(k) || k < 1) throw new InputError("k", `must be an integer >= 1, got ${k}`);
  const runs: ScenarioRun[][] = [];
  for (const s of scenarios) {
    const trials: ScenarioRun[] = [];
    for (let t = 0; t < k; t++) trials.push(await run(s, t));
    runs.push(trials);
  }
  return { runs, ...passRates(runs.map((r) => r.map((x) => x.pass))) };
}
