/**
 * The feature registry: one place that knows every feature's definition. Training (historical,
 * point-in-time retrieval) and serving (online store) read definitions from it, so both compute the
 * same thing.
 *
 * @example
 * ```ts
 * import { FeatureRegistry } from "./registry.ts";
 * const reg = new FeatureRegistry();
 * reg.register({
 *   name: "driver_trips_7d", entity: "driver", key: "driver_id", source: "driver_stats",
 *   timestamp: "computed_at", value: "trips_7d", dtype: "DOUBLE", description: "trips in 7 days",
 *   owner: "dispatch",
 * });
 * reg.get("driver_trips_7d").entity; // "driver"
 * ```
 * @module
 */
import { ConflictError, InputError } from "../errors.ts";
import { type FeatureDef, validateFeatureDef } from "./feature_def.ts";

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Names among `candidates` close to `name`: substring matches or within a third of its length in edits. */
export function similarNames(name: string, candidates: Iterable<string>, max = 5): string[] {
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = c.includes(name) || name.includes(c) ? 0 : editDistance(name, c);
    if (d <= Math.max(2, Math.floor(name.length / 3))) scored.push({ c, d });
  }
  return scored.sort((x, y) => x.d - y.d || x.c.localeCompare(y.c)).slice(0, max).map((s) => s.c);
}

/** Registered feature definitions by name. */
export class FeatureRegistry {
  readonly #defs = new Map<string, FeatureDef>();

  /** Creates a registry holding `defs` (validated, unique names). */
  constructor(defs: readonly FeatureDef[] = []) {
    for (const d of defs) this.register(d);
  }

  /** Adds a definition. Invalid fields → InputError; a name already registered → ConflictError. */
  register(def: FeatureDef): void {
    validateFeatureDef(def);
    if (this.#defs.has(def.name)) throw new ConflictError(`Feature "${def.name}" is already registered`);
    this.#defs.set(def.name, Object.freeze({ ...def }));
  }

  /** True when a feature of that name is registered. */
  has(name: string): boolean {
    return this.#defs.has(name);
  }

  /** The definition of `name`; unknown → InputError listing similar names (or all when none is close). */
  get(name: string): FeatureDef {
    const def = this.#defs.get(name);
    if (def) return def;
    const similar = similarNames(name, this.#defs.keys());
    const hint = similar.length > 0
      ? `did you mean ${similar.map((s) => `"${s}"`).join(", ")}?`
      : this.#defs.size === 0
      ? "no features are registered"
      : `registered: ${[...this.#defs.keys()].sort().slice(0, 20).join(", ")}${
        this.#defs.size > 20 ? ", …" : ""
      }`;
    throw new InputError("featureNames", `unknown feature "${name}"; ${hint}`);
  }

  /** Definitions for several names, in order; an empty list or a repeated name → InputError. */
  getMany(names: readonly string[]): FeatureDef[] {
    if (names.length === 0) throw new InputError("featureNames", "must name at least one feature");
    const seen = new Set<string>();
    return names.map((n) => {
      if (seen.has(n)) throw new InputError("featureNames", `"${n}" is listed twice`);
      seen.add(n);
      return this.get(n);
    });
  }

  /** All definitions sorted by name, optionally only one entity's. */
  list(entity?: string): FeatureDef[] {
    return [...this.#defs.values()].filter((d) => entity === undefined || d.entity === entity)
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
