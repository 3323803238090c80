/**
 * Online feature stores: the latest value of each feature per entity key, for serving. Each stored value
 * carries its own expiry (its TTL counted from when it was written); an expired value reads as null.
 *
 * {@link InMemoryOnlineStore} is the default and the test double; `RedisOnlineStore` (redis_store.ts)
 * implements the same contract over Redis. Both take an injectable clock.
 *
 * @example
 * ```ts
 * import { InMemoryOnlineStore } from "./online_store.ts";
 * const store = new InMemoryOnlineStore();
 * await store.set("driver", "42", { trips_7d: 12 }, 60_000);
 * (await store.getMany("driver", ["42", "7"], ["trips_7d"])); // [{ trips_7d: 12 }, { trips_7d: null }]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";

/** A feature value as served: number, string, boolean, or null (missing/expired). */
export type FeatureValue = number | string | boolean | null;

/** One entity key's features, by name. */
export type FeatureRow = Record<string, FeatureValue>;

/** Milliseconds since the epoch; injectable for tests. */
export type Clock = () => number;

/** One entity key's values, for batch writes. */
export interface OnlineEntry {
  readonly key: string;
  readonly values: Readonly<FeatureRow>;
  /** Lifetime of these values from now; undefined = never expire. */
  readonly ttlMs?: number;
}

/** The online store contract. */
export interface OnlineStore {
  /**
   * Writes (merges) feature values for one entity key; they expire `ttlMs` after now (undefined = never).
   * NaN numbers are stored as null.
   */
  set(entity: string, key: string, values: Readonly<FeatureRow>, ttlMs?: number): Promise<void>;
  /** Writes many entries at once (one round trip where the backend allows), same semantics as `set`. */
  setMany(entity: string, entries: readonly OnlineEntry[]): Promise<void>;
  /** Reads features for many keys: one row per key, in order; missing or expired values are null. */
  getMany(entity: string, keys: readonly string[], featureNames: readonly string[]): Promise<FeatureRow[]>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** Boundary checks shared by the stores. */
export function checkSet(entity: string, key: string, values: Readonly<FeatureRow>, ttlMs?: number): void {
  if (!entity) throw new InputError("entity", "must not be empty");
  if (typeof key !== "string" || key === "") throw new InputError("key", "must be a non-empty string");
  if (Object.keys(values).length === 0) throw new InputError("values", "must hold at least one feature");
  if (ttlMs !== undefined && !(Number.isFinite(ttlMs) && ttlMs > 0)) {
    throw new InputError("ttlMs", `must be a positive number of milliseconds, got ${ttlMs}`);
  }
  for (const [name, v] of Object.entries(values)) {
    if (v !== null && !["number", "string", "boolean"].includes(typeof v)) {
      throw new InputError(`values.${name}`, `must be a number, string, boolean or null, got ${typeof v}`);
    }
  }
}

/** Boundary checks for reads. */
export function checkGet(entity: string, keys: readonly string[], featureNames: readonly string[]): void {
  if (!entity) throw new InputError("entity", "must not be empty");
  if (featureNames.length === 0) throw new InputError("featureNames", "must name at least one feature");
  for (const k of keys) {
    if (typeof k !== "string") throw new InputError("keys", `must be strings, got ${typeof k}`);
  }
}

/** Normalizes a value for storage: NaN → null. */
export function normalizeValue(v: FeatureValue): FeatureValue {
  return typeof v === "number" && Number.isNaN(v) ? null : v;
}

interface Stored {
  value: FeatureValue;
  expiresAt: number;
}

/** A Map-backed store; expired values read as null and are dropped lazily. */
export class InMemoryOnlineStore implements OnlineStore {
  readonly #data = new Map<string, Map<string, Map<string, Stored>>>();
  readonly #now: Clock;

  /** `now` defaults to `Date.now`. */
  constructor(options: { now?: Clock } = {}) {
    this.#now = options.now ?? Date.now;
  }

  // deno-lint-ignore require-await
  async set(entity: string, key: string, values: Readonly<FeatureRow>, ttlMs?: number): Promise<void> {
    checkSet(entity, key, values, ttlMs);
    let byKey = this.#data.get(entity);
    if (!byKey) this.#data.set(entity, byKey = new Map());
    let row = byKey.get(key);
    if (!row) byKey.set(key, row = new Map());
    const expiresAt = ttlMs === undefined ? Infinity : this.#now() + ttlMs;
    for (const [name, v] of Object.entries(values)) row.set(name, { value: normalizeValue(v), expiresAt });
  }

  async setMany(entity: string, entries: readonly OnlineEntry[]): Promise<void> {
    for (const e of entries) checkSet(entity, e.key, e.values, e.ttlMs);
    for (const e of entries) await this.set(entity, e.key, e.values, e.ttlMs);
  }

  // deno-lint-ignore require-await
  async getMany(
    entity: string,
    keys: readonly string[],
    featureNames: readonly string[],
  ): Promise<FeatureRow[]> {
    checkGet(entity, keys, featureNames);
    const now = this.#now();
    const byKey = this.#data.get(entity);
    return keys.map((k) => {
      const row = byKey?.get(k);
      const out: FeatureRow = {};
      for (const name of featureNames) {
        const s = row?.get(name);
        if (s && s.expiresAt <= now) row!.delete(name);
        out[name] = s && s.expiresAt > now ? s.value : null;
      }
      return out;
    });
  }

  close(): Promise<void> {
    this.#data.clear();
    return Promise.resolve();
  }
}
