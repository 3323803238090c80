/**
 * Picks the online store from the environment: Redis when `REDIS_URL` is set, in-memory otherwise.
 *
 * @example
 * ```ts
 * import { createOnlineStore } from "./create_store.ts";
 * const store = createOnlineStore({ env: {} }); // InMemoryOnlineStore
 * await store.close();
 * ```
 * @module
 */
import { type Clock, InMemoryOnlineStore, type OnlineStore } from "./online_store.ts";
import { RedisOnlineStore } from "./redis_store.ts";

/** Options for {@link createOnlineStore}. */
export interface CreateStoreOptions {
  /** Environment to read `REDIS_URL` from; defaults to `Deno.env` (when permitted). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Clock for expiry checks. */
  now?: Clock;
  /** Redis key prefix. */
  prefix?: string;
}

function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined; // no --allow-env: behave as unset
  }
}

/** A RedisOnlineStore for `REDIS_URL`, else an InMemoryOnlineStore. */
export function createOnlineStore(options: CreateStoreOptions = {}): OnlineStore {
  const url = options.env ? options.env.REDIS_URL : readEnv("REDIS_URL");
  if (url && url.trim() !== "") {
    return new RedisOnlineStore(url.trim(), { now: options.now, prefix: options.prefix });
  }
  return new InMemoryOnlineStore({ now: options.now });
}
