/**
 * Where the agents keep what they did: an interface a DuckDB-backed store can implement (one
 * transaction per {@link AgentStore.commit}), and the in-memory one used by tests and the scenarios.
 *
 * Reads are "as of" a deviation's detection time (event time), so the outcome never depends on when
 * the code runs, only on the deviations handled before.
 * @module
 */
import { ConflictError } from "../../../errors.ts";
import type { AgentState, DeviationSeverity, IncidentRow, Outcome } from "./types.ts";

/** The agents' store. Every method may be backed by a database, hence async. */
export interface AgentStore {
  /** Whether the deviation was already handled. */
  hasDeviation(id: string): Promise<boolean>;
  /** Handled deviations of the order detected in [fromMs, toMs]. */
  countOrderDeviations(orderId: string, fromMs: number, toMs: number): Promise<number>;
  /** Handled deviations of the segment with one of `severities`, detected in (fromMs, toMs]. */
  countSegmentDeviations(
    segment: string,
    severities: readonly DeviationSeverity[],
    fromMs: number,
    toMs: number,
  ): Promise<number>;
  /** The latest incident of the segment opened in (fromMs, toMs], or null. */
  openIncident(segment: string, fromMs: number, toMs: number): Promise<IncidentRow | null>;
  /** Whether the order has goodwill compensation recorded. */
  orderCompensated(orderId: string): Promise<boolean>;
  /** Writes everything of one handled deviation at once; a deviation id already stored is a ConflictError. */
  commit(outcome: Outcome): Promise<void>;
  /** Every row, in commit order. */
  snapshot(): Promise<AgentState>;
}

/** In-memory {@link AgentStore}. */
export class MemoryAgentStore implements AgentStore {
  #state: {
    [K in keyof AgentState]: AgentState[K][number][];
  } = { deviations: [], responses: [], actions: [], tickets: [], incidents: [], compensations: [] };
  readonly #ids = new Set<string>();

  hasDeviation(id: string): Promise<boolean> {
    return Promise.resolve(this.#ids.has(id));
  }

  countOrderDeviations(orderId: string, fromMs: number, toMs: number): Promise<number> {
    return Promise.resolve(
      this.#state.deviations.filter((d) =>
        d.orderId === orderId && d.detectedAtMs >= fromMs && d.detectedAtMs <= toMs
      )
        .length,
    );
  }

  countSegmentDeviations(
    segment: string,
    severities: readonly DeviationSeverity[],
    fromMs: number,
    toMs: number,
  ): Promise<number> {
    return Promise.resolve(
      this.#state.deviations.filter((d) =>
        d.segment === segment && severities.includes(d.severity) && d.detectedAtMs > fromMs &&
        d.detectedAtMs <= toMs
      ).length,
    );
  }

  openIncident(segment: string, fromMs: number, toMs: number): Promise<IncidentRow | null> {
    const open = this.#state.incidents.filter((i) =>
      i.segment === segment && i.openedAtMs > fromMs && i.openedAtMs <= toMs
    );
    return Promise.resolve(
      open.length === 0 ? null : open.reduce((a, b) => b.openedAtMs >= a.openedAtMs ? b : a),
    );
  }

  orderCompensated(orderId: string): Promise<boolean> {
    return Promise.resolve(this.#state.compensations.some((c) => c.orderId === orderId));
  }

  commit(o: Outcome): Promise<void> {
    if (this.#ids.has(o.deviation.id)) {
      return Promise.reject(new ConflictError(`deviation ${o.deviation.id} is already recorded`));
    }
    this.#ids.add(o.deviation.id);
    const s = this.#state;
    s.deviations.push(o.deviation);
    s.responses.push(...o.responses);
    s.actions.push(...o.actions);
    if (o.ticket) s.tickets.push(o.ticket);
    if (o.incident) s.incidents.push(o.incident);
    if (o.compensation) s.compensations.push(o.compensation);
    return Promise.resolve();
  }

  snapshot(): Promise<AgentState> {
    return Promise.resolve(structuredClone(this.#state));
  }
}
