/**
 * The common simulator contract. A simulator is a named, seeded, causal generator with scenarios:
 * `generate({ seed, scale, scenario, ...options })` returns observed tables (what a warehouse would hold)
 * and truth tables (the probabilities, rates and effects that generated them), as typed Frames.
 *
 * @example
 * ```ts
 * import { checkGenerateOptions } from "./simulator.ts";
 * const o = checkGenerateOptions("toy", ["normal", "storm"], ["rows"], { seed: 1, scale: "tiny", rows: 9 });
 * o.scenario; // "normal" (the first scenario is the default)
 * // { seed: 1, scale: "tiny", row: 9 } throws: Invalid "row": unknown option (did you mean "rows"?); ...
 * ```
 * @module
 */
import { InputError } from "../../lib/errors.ts";
import { requireKnownKeys } from "../../lib/validate.ts";
import type { Frame } from "../../lib/data/types.ts";
import type { CausalGraph } from "./causal_graph.ts";
import { parseScale, type Scale } from "./scale.ts";

/** Options every simulator accepts. */
export interface GenerateOptions {
  /** Integer in [0, 2^32). Same seed, scale, scenario and options → identical tables. */
  readonly seed: number;
  readonly scale: Scale;
  /** One of the simulator's `scenarios`; defaults to the first (conventionally "normal"). */
  readonly scenario?: string;
}

/** What a run was and how big it came out. */
export interface SimMeta {
  readonly simulator: string;
  readonly scenario: string;
  readonly seed: number;
  readonly scale: Scale;
  /** Entity and row counts, e.g. `{ drivers: 50000, offers: 612345 }`. */
  readonly sizes: Readonly<Record<string, number>>;
  /** Simulated time range [startMs, endMs) in epoch ms, when the data is temporal. */
  readonly startMs?: number;
  readonly endMs?: number;
  /** Per table, the columns holding epoch-ms timestamps (silver casts them to TIMESTAMP). */
  readonly timestampColumns?: Readonly<Record<string, readonly string[]>>;
  /** Free-form notes: the declared mechanism in words, scenario effects. */
  readonly notes?: readonly string[];
}

/** A simulator run: observations, ground truth, metadata. */
export interface SimOutput {
  /** Observed tables, e.g. `drivers`, `orders`, `offers`. Written to bronze. */
  readonly tables: Readonly<Record<string, Frame>>;
  /** Ground truth, e.g. `offer_truth` with the true P(accept) per offer. Never a model input. */
  readonly truth: Readonly<Record<string, Frame>>;
  readonly meta: SimMeta;
}

/** A seeded causal simulator with named scenarios and a declared causal graph. */
export interface Simulator<Options = Record<never, never>> {
  /** Domain name, e.g. "dispatch"; used in table names `bronze_<name>_<table>`. */
  readonly name: string;
  /** Valid scenario names; the first is the default. */
  readonly scenarios: readonly string[];
  /** Names of the options `generate` takes besides seed, scale and scenario (any other key is refused). */
  readonly options: readonly string[];
  /** The mechanism, as data. */
  readonly graph: CausalGraph;
  /**
   * Generates one run. Throws {@link InputError} on an unknown scale, scenario or option key (a typo such
   * as `order` for `orders` is refused, listing the allowed keys) or on a bad size.
   */
  generate(opts: GenerateOptions & Options): SimOutput;
}

/** Validated core options. */
export interface CheckedOptions {
  readonly seed: number;
  readonly scale: Scale;
  readonly scenario: string;
}

/** The keys every simulator accepts, before its own {@link Simulator.options}. */
export const COMMON_OPTIONS = ["seed", "scale", "scenario"] as const;

/**
 * Validates the options every simulator takes: seed (integer in [0, 2^32)), scale, scenario (unknown →
 * {@link InputError} listing the valid ones; missing → the first scenario), and refuses any key that is
 * neither one of those nor in `optionKeys` (the simulator's own options), listing the allowed keys.
 */
export function checkGenerateOptions(
  simulator: string,
  scenarios: readonly string[],
  optionKeys: readonly string[],
  opts: GenerateOptions,
): CheckedOptions {
  if (opts === null || typeof opts !== "object") {
    throw new InputError("options", `${simulator}: must be an object`);
  }
  requireKnownKeys(opts, [...COMMON_OPTIONS, ...optionKeys]);
  const { seed } = opts;
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed >= 4294967296) {
    throw new InputError("seed", `must be an integer in [0, 4294967295], got ${seed}`);
  }
  const scale = parseScale(String(opts.scale));
  const scenario = opts.scenario ?? scenarios[0];
  if (scenario === undefined || !scenarios.includes(scenario)) {
    throw new InputError(
      "scenario",
      `${simulator} has scenarios ${scenarios.map((s) => `"${s}"`).join(", ")}, got "${opts.scenario}"`,
    );
  }
  return { seed, scale, scenario };
}
