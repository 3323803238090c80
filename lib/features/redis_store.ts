/**
 * The online store over Redis (ioredis). One hash per entity key, `<prefix><entity>:<key>`, with one field
 * per feature (a typed string encoding) and a companion field `__exp:<feature>` holding its expiry (epoch ms).
 * The hash itself gets `PEXPIRE` so Redis frees it once every value in it has expired; per-feature expiry
 * is checked on read, so features with different TTLs can share a hash. Writes of many keys and reads go
 * through one pipeline.
 *
 * @example
 * ```ts ignore
 * import { RedisOnlineStore } from "./redis_store.ts";
 * const store = new RedisOnlineStore("redis://localhost:6379");
 * await store.set("driver", "42", { trips_7d: 12 }, 60_000);
 * await store.close();
 * ```
 * @module
 */
import { Redis } from "ioredis";
import { InputError } from "../errors.ts";
import {
  checkGet,
  checkSet,
  type Clock,
  type FeatureRow,
  type FeatureValue,
  normalizeValue,
  type OnlineEntry,
  type OnlineStore,
} from "./online_store.ts";

const EXP = "__exp:";

/** Encodes a value with its type: `n:1.5`, `s:text`, `b:1`, `z` for null. */
export function encodeValue(v: FeatureValue): string {
  if (v === null) return "z";
  if (typeof v === "number") return `n:${v}`;
  if (typeof v === "boolean") return v ? "b:1" : "b:0";
  return `s:${v}`;
}

/** Decodes {@link encodeValue}'s output; null for a missing field. */
export function decodeValue(s: string | null): FeatureValue {
  if (s === null || s === "z") return null;
  const tag = s.slice(0, 2), body = s.slice(2);
  if (tag === "n:") return Number(body);
  if (tag === "b:") return body === "1";
  if (tag === "s:") return body;
  throw new InputError("redis value", `unrecognized encoding "${s.slice(0, 20)}"`);
}

// Merges fields and extends (never shortens) the key's lifetime: ARGV[1] = ttl ms or -1 for never.
const SET_SCRIPT = `
local cur = redis.call('PTTL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
local ttl = tonumber(ARGV[1])
if ttl < 0 then
  redis.call('PERSIST', KEYS[1])
elseif cur == -2 or (cur >= 0 and ttl > cur) then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return 1`;

type RedisWithScript = Redis & {
  featureSet(key: string, ...args: (string | number)[]): Promise<number>;
};

/** Options for {@link RedisOnlineStore}. */
export interface RedisStoreOptions {
  /** Key prefix, default `feat:`. */
  prefix?: string;
  /** Clock used for per-feature expiry on read; defaults to `Date.now`. */
  now?: Clock;
}

/** Redis-backed {@link OnlineStore}. */
export class RedisOnlineStore implements OnlineStore {
  readonly #redis: RedisWithScript;
  readonly #prefix: string;
  readonly #now: Clock;

  /** Connects lazily to `url` (e.g. `redis://localhost:6379/0`). */
  constructor(url: string, options: RedisStoreOptions = {}) {
    if (!/^rediss?:\/\//.test(url)) {
      throw new InputError("REDIS_URL", `must start with redis:// or rediss://, got "${url}"`);
    }
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    redis.defineCommand("featureSet", { numberOfKeys: 1, lua: SET_SCRIPT });
    this.#redis = redis as RedisWithScript;
    this.#prefix = options.prefix ?? "feat:";
    this.#now = options.now ?? Date.now;
  }

  #key(entity: string, key: string): string {
    return `${this.#prefix}${entity}:${key}`;
  }

  #args(values: Readonly<FeatureRow>, ttlMs: number | undefined): (string | number)[] {
    const expiresAt = ttlMs === undefined ? "inf" : String(this.#now() + ttlMs);
    const args: (string | number)[] = [ttlMs === undefined ? -1 : Math.ceil(ttlMs)];
    for (const [name, v] of Object.entries(values)) {
      args.push(name, encodeValue(normalizeValue(v)), EXP + name, expiresAt);
    }
    return args;
  }

  async set(entity: string, key: string, values: Readonly<FeatureRow>, ttlMs?: number): Promise<void> {
    checkSet(entity, key, values, ttlMs);
    await this.#redis.featureSet(this.#key(entity, key), ...this.#args(values, ttlMs));
  }

  async setMany(entity: string, entries: readonly OnlineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    for (const e of entries) checkSet(entity, e.key, e.values, e.ttlMs);
    const pipe = this.#redis.pipeline() as unknown as {
      featureSet(...a: (string | number)[]): void;
      exec(): Promise<[Error | null, unknown][] | null>;
    };
    for (const e of entries) pipe.featureSet(this.#key(entity, e.key), ...this.#args(e.values, e.ttlMs));
    const results = await pipe.exec();
    const failed = results?.find(([err]) => err !== null);
    if (failed) throw failed[0];
  }

  async getMany(
    entity: string,
    keys: readonly string[],
    featureNames: readonly string[],
  ): Promise<FeatureRow[]> {
    checkGet(entity, keys, featureNames);
    if (keys.length === 0) return [];
    const fields = [...featureNames, ...featureNames.map((n) => EXP + n)];
    const pipe = this.#redis.pipeline();
    for (const k of keys) pipe.hmget(this.#key(entity, k), ...fields);
    const results = (await pipe.exec()) ?? [];
    const now = this.#now();
    return keys.map((_, i) => {
      const [err, raw] = results[i] ?? [new Error("missing pipeline result"), null];
      if (err) throw err;
      const vals = raw as (string | null)[];
      const row: FeatureRow = {};
      featureNames.forEach((name, j) => {
        const exp = vals[featureNames.length + j];
        const alive = exp !== null && exp !== undefined && (exp === "inf" || Number(exp) > now);
        row[name] = alive ? decodeValue(vals[j] ?? null) : null;
      });
      return row;
    });
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }

  /** Milliseconds until Redis drops the whole hash (-1 never, -2 absent); for tests and diagnostics. */
  async keyTtl(entity: string, key: string): Promise<number> {
    return await this.#redis.pttl(this.#key(entity, key));
  }
}
