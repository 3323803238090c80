/**
 * Online features: materialize the latest value of each feature per entity into an {@link OnlineStore},
 * and read them back for serving. The value written is the one historical retrieval would return at
 * `asOf` (same source rows, same expressions, same TTL), so training and serving agree.
 *
 * @example
 * ```ts ignore
 * // No store given: Redis when REDIS_URL is set, else in-process.
 * const { store } = await materializeOnline(db, registry, ["driver_trips_7d"]);
 * const rows = await getOnlineFeatures(registry, store, ["17", "42"], ["driver_trips_7d"]);
 * await store.close();
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { type Db, ident } from "../data/db.ts";
import { decodeStrings } from "../data/frame.ts";
import { isStringColumn } from "../data/types.ts";
import { groupFeatures, groupSourceSql } from "./historical.ts";
import { createOnlineStore } from "./create_store.ts";
import type { FeatureRow, OnlineEntry, OnlineStore } from "./online_store.ts";
import type { FeatureRegistry } from "./registry.ts";

/** Options for {@link materializeOnline}. */
export interface MaterializeOptions {
  /**
   * The moment (epoch ms) whose state is materialized: source rows after it are ignored and TTLs count
   * from it. Default: the latest event time among the features' sources ("end of data").
   */
  asOf?: number;
}

/** What {@link materializeOnline} wrote. */
export interface MaterializeResult {
  /** The store written to: the one passed in, or the one `createOnlineStore()` picked (close it when done). */
  readonly store: OnlineStore;
  readonly asOf: number;
  /** Entity keys written, per entity. */
  readonly keys: Readonly<Record<string, number>>;
  /** Feature values written (a value already past its TTL at `asOf` is skipped). */
  readonly values: number;
}

/**
 * Writes, for every entity key, the features' values from the latest source row at or before `asOf`.
 * A value's remaining lifetime in the store is `ttlMs - (asOf - eventTime)`; values with no lifetime left
 * at `asOf` are not written (historical retrieval still returns a value exactly `ttlMs` old; the store
 * cannot hold a zero lifetime). Keys are stored as strings (`CAST(key AS VARCHAR)`); NULL keys are skipped.
 * Without a `store`, writes to `createOnlineStore()`'s choice: Redis when `REDIS_URL` is set, else a new
 * in-process store; either way the result carries the store.
 */
export async function materializeOnline(
  db: Db,
  registry: FeatureRegistry,
  featureNames: readonly string[],
  store: OnlineStore = createOnlineStore(),
  options: MaterializeOptions = {},
): Promise<MaterializeResult> {
  const defs = registry.getMany(featureNames);
  if (options.asOf !== undefined && !Number.isFinite(options.asOf)) {
    throw new InputError("asOf", `must be epoch milliseconds, got ${options.asOf}`);
  }
  const groups = groupFeatures(defs);
  let asOf = options.asOf;
  if (asOf === undefined) {
    const maxes = await Promise.all(
      groups.map((g) =>
        db.scalar(`select epoch_ms(max(${ident(g.timestamp)}))::DOUBLE from (${groupSourceSql(g)})`)
      ),
    );
    const finite = maxes.filter(Number.isFinite);
    if (finite.length === 0) return { store, asOf: NaN, keys: {}, values: 0 };
    asOf = Math.max(...finite);
  }
  const keySets = new Map<string, Set<string>>();
  let values = 0;
  for (const g of groups) {
    const names = g.defs.map((d) => ident(d.name)).join(", ");
    const frame = await db.query(`
      select cast(${ident(g.key)} as VARCHAR) as __key, epoch_ms(${
      ident(g.timestamp)
    })::DOUBLE as __t, ${names}
      from (${groupSourceSql(g)})
      where ${ident(g.timestamp)} <= epoch_ms(${Math.floor(asOf)}::BIGINT) and ${ident(g.key)} is not null
      qualify row_number() over (partition by ${ident(g.key)} order by ${ident(g.timestamp)} desc) = 1`);
    const keyCol = frame.columns.__key!;
    const keyStrings = isStringColumn(keyCol) ? decodeStrings(keyCol) : [];
    const times = frame.columns.__t as Float64Array;
    const readers = g.defs.map((d) => {
      const c = frame.columns[d.name]!;
      if (isStringColumn(c)) {
        const s = decodeStrings(c);
        return (i: number) => s[i] ?? null;
      }
      const isBool = d.dtype === "BOOLEAN";
      return (i: number) => {
        const v = c[i]!;
        return Number.isNaN(v) ? null : isBool ? v === 1 : v;
      };
    });
    const entries: OnlineEntry[] = [];
    for (let i = 0; i < frame.nRows; i++) {
      const row: FeatureRow = {};
      let ttlMs: number | undefined;
      if (g.ttlMs !== undefined) {
        ttlMs = g.ttlMs - (asOf - times[i]!);
        if (ttlMs <= 0) continue;
      }
      g.defs.forEach((d, j) => (row[d.name] = readers[j]!(i)));
      entries.push(
        ttlMs === undefined
          ? { key: keyStrings[i]!, values: row }
          : { key: keyStrings[i]!, values: row, ttlMs },
      );
      values += g.defs.length;
    }
    const BATCH = 1000;
    for (let s = 0; s < entries.length; s += BATCH) {
      await store.setMany(g.entity, entries.slice(s, s + BATCH));
    }
    let set = keySets.get(g.entity);
    if (!set) keySets.set(g.entity, set = new Set());
    for (const e of entries) set.add(e.key);
  }
  const keys: Record<string, number> = {};
  for (const [entity, set] of keySets) keys[entity] = set.size;
  return { store, asOf, keys, values };
}

/**
 * Reads features for entity keys from the store, one row per key (null = missing or expired).
 * All features must belong to one entity; unknown names → InputError with suggestions.
 */
export async function getOnlineFeatures(
  registry: FeatureRegistry,
  store: OnlineStore,
  keys: readonly string[],
  featureNames: readonly string[],
): Promise<FeatureRow[]> {
  const defs = registry.getMany(featureNames);
  const entities = [...new Set(defs.map((d) => d.entity))];
  if (entities.length > 1) {
    throw new InputError(
      "featureNames",
      `must belong to one entity; got ${entities.join(", ")} (call once per entity)`,
    );
  }
  return await store.getMany(entities[0]!, keys, featureNames);
}
