/**
 * Historical (training) feature retrieval: for each row of an entity table (entity key(s) + as-of time),
 * each requested feature's value as it was known at that time — the latest source row at or before the
 * as-of time (equal timestamps allowed), NULL when there is none or it is older than the feature's TTL.
 * Built on the ASOF join of `lib/data/pit.ts`, so no future value can leak into a training row.
 *
 * @example
 * ```ts ignore
 * const frame = await getHistoricalFeatures(db, registry, "select driver_id, event_timestamp from labels",
 *   ["driver_trips_7d", "driver_acceptance_rate_7d"]);
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { type Db, ident } from "../data/db.ts";
import { describeRelation } from "../data/medallion.ts";
import { type PitRight, pointInTimeJoin } from "../data/pit.ts";
import { relationSql } from "../data/relation.ts";
import type { Frame } from "../data/types.ts";
import type { FeatureDef } from "./feature_def.ts";
import type { FeatureRegistry } from "./registry.ts";

/** Default as-of time column of entity tables. */
export const DEFAULT_TIME_COLUMN = "event_timestamp";

/** Options for historical retrieval. */
export interface HistoricalOptions {
  /** As-of time column in the entity table (TIMESTAMP); default `event_timestamp`. */
  time?: string;
}

/** Features sharing a source, key, timestamp and ttl: one ASOF join serves them all. */
export interface FeatureGroup {
  readonly source: string;
  readonly key: string;
  readonly timestamp: string;
  readonly ttlMs: number | undefined;
  readonly entity: string;
  readonly defs: readonly FeatureDef[];
}

/** Groups definitions by (source, key, timestamp, ttl), keeping first-seen order. */
export function groupFeatures(defs: readonly FeatureDef[]): FeatureGroup[] {
  const groups = new Map<
    string,
    {
      source: string;
      key: string;
      timestamp: string;
      ttlMs: number | undefined;
      entity: string;
      defs: FeatureDef[];
    }
  >();
  for (const d of defs) {
    const id = JSON.stringify([d.source, d.key, d.timestamp, d.ttlMs ?? null, d.entity]);
    let g = groups.get(id);
    if (!g) {
      groups.set(
        id,
        g = {
          source: d.source,
          key: d.key,
          timestamp: d.timestamp,
          ttlMs: d.ttlMs,
          entity: d.entity,
          defs: [],
        },
      );
    }
    g.defs.push(d);
  }
  return [...groups.values()];
}

/** The SELECT evaluating a group's features on every source row: key, timestamp, one cast column per feature. */
export function groupSourceSql(g: FeatureGroup): string {
  const values = g.defs.map((d) => `cast((${d.value}) as ${d.dtype}) as ${ident(d.name)}`);
  return `select ${ident(g.key)}, ${ident(g.timestamp)}, ${values.join(", ")} from ${relationSql(g.source)}`;
}

/**
 * The point-in-time SELECT for `featureNames` over `entities` (a table, view or SELECT with the key
 * columns and the as-of time). Output: every entity column, then the features in the requested order;
 * one row per entity row, in the entity table's order. Unknown feature → InputError with suggestions.
 */
export function historicalFeaturesSql(
  registry: FeatureRegistry,
  entities: string,
  featureNames: readonly string[],
  options: HistoricalOptions = {},
): string {
  const defs = registry.getMany(featureNames);
  const time = options.time ?? DEFAULT_TIME_COLUMN;
  const groups = groupFeatures(defs);
  const rights: PitRight[] = groups.map((g) => ({
    table: groupSourceSql(g),
    keys: g.key,
    leftKeys: g.key,
    time: g.timestamp,
    columns: g.defs.map((d) => d.name),
    ttl: g.ttlMs,
  }));
  return pointInTimeJoin({
    left: { table: entities, keys: groups[0]!.key, time },
    right: rights,
    outputOrder: defs.map((d) => d.name),
  });
}

/**
 * Runs {@link historicalFeaturesSql} into a Frame, after checking that the entity table has the as-of
 * column and every key column the features need, and no column named like a requested feature.
 */
export async function getHistoricalFeatures(
  db: Db,
  registry: FeatureRegistry,
  entities: string,
  featureNames: readonly string[],
  options: HistoricalOptions = {},
): Promise<Frame> {
  const sql = historicalFeaturesSql(registry, entities, featureNames, options);
  const time = options.time ?? DEFAULT_TIME_COLUMN;
  const cols = new Set((await describeRelation(db, entities)).map((c) => c.name));
  const needed = [time, ...new Set(registry.getMany(featureNames).map((d) => d.key))];
  const missing = needed.filter((c) => !cols.has(c));
  if (missing.length > 0) {
    throw new InputError(
      "entities",
      `missing column(s) ${missing.join(", ")}; it has ${[...cols].join(", ")}`,
    );
  }
  const clash = featureNames.filter((n) => cols.has(n));
  if (clash.length > 0) {
    throw new InputError("entities", `has column(s) named like requested features: ${clash.join(", ")}`);
  }
  return await db.query(sql);
}
