/**
 * A feature definition: what a feature means, where its values come from, how long a value stays valid.
 *
 * A feature is a SQL expression over a *source* relation that has one row per (entity key, event time):
 * the value as known at that time. Point-in-time retrieval takes, for each (entity, as-of time), the
 * latest source row at or before the as-of time, and evaluates the expression on it.
 *
 * @example
 * ```ts
 * import { validateFeatureDef, type FeatureDef } from "./feature_def.ts";
 * const f: FeatureDef = {
 *   name: "driver_acceptance_rate_7d", entity: "driver", key: "driver_id",
 *   source: "select * from gold_rides_driver_stats", timestamp: "computed_at",
 *   value: "accepted_7d / nullif(offered_7d, 0)", dtype: "DOUBLE", ttlMs: 2 * 86_400_000,
 *   description: "share of offers accepted over the last 7 days", owner: "dispatch",
 * };
 * validateFeatureDef(f);
 * ```
 * @module
 */
import { InputError } from "../errors.ts";

/** Value types a feature can have (DuckDB SQL types); values are cast to it. */
export const FEATURE_DTYPES = ["DOUBLE", "FLOAT", "INTEGER", "BIGINT", "BOOLEAN", "VARCHAR"] as const;
/** One feature value type. */
export type FeatureDtype = typeof FEATURE_DTYPES[number];

/** A registered feature. */
export interface FeatureDef {
  /** Unique snake_case name, e.g. `driver_acceptance_rate_7d`. */
  readonly name: string;
  /** Entity the feature describes, e.g. `driver`; online values are stored per entity. */
  readonly entity: string;
  /** Entity key column, in the source and in entity (label) tables, e.g. `driver_id`. */
  readonly key: string;
  /** Table, view or SELECT with one row per (key, event time). */
  readonly source: string;
  /** Event time column of the source (TIMESTAMP). */
  readonly timestamp: string;
  /** SQL expression over the source's columns (a column name in the simplest case). */
  readonly value: string;
  readonly dtype: FeatureDtype;
  /** A value older than this (relative to the as-of time) is missing; undefined = never expires. */
  readonly ttlMs?: number;
  /** What the feature means, with units. */
  readonly description: string;
  /** Team or person answering for it. */
  readonly owner: string;
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** Checks a definition's fields (names, dtype, ttl, non-empty docs); throws InputError naming the field. */
export function validateFeatureDef(def: FeatureDef): void {
  if (!NAME.test(def.name ?? "")) {
    throw new InputError("name", `must be snake_case ([a-z][a-z0-9_]*), got "${def.name}"`);
  }
  const field = (f: string) => `${def.name}.${f}`;
  if (!NAME.test(def.entity ?? "")) {
    throw new InputError(field("entity"), `must be snake_case, got "${def.entity}"`);
  }
  for (const f of ["key", "source", "timestamp", "value", "description", "owner"] as const) {
    if (typeof def[f] !== "string" || def[f].trim() === "") {
      throw new InputError(field(f), "must be a non-empty string");
    }
  }
  if (def.name.startsWith("__")) throw new InputError("name", "must not start with __ (reserved)");
  if (!(FEATURE_DTYPES as readonly string[]).includes(def.dtype)) {
    throw new InputError(field("dtype"), `must be one of ${FEATURE_DTYPES.join(", ")}, got "${def.dtype}"`);
  }
  if (def.ttlMs !== undefined && !(Number.isFinite(def.ttlMs) && def.ttlMs > 0)) {
    throw new InputError(field("ttlMs"), `must be a positive number of milliseconds, got ${def.ttlMs}`);
  }
  if (/;/.test(def.value)) throw new InputError(field("value"), "must be a single SQL expression");
}
