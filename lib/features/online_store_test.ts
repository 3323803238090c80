import assert from "node:assert/strict";
import { createOnlineStore } from "./create_store.ts";
import { InMemoryOnlineStore } from "./online_store.ts";
import { RedisOnlineStore } from "./redis_store.ts";
import { storeContract } from "./_store_contract.ts";

Deno.test("InMemoryOnlineStore meets the OnlineStore contract", async () => {
  await storeContract((clock) => new InMemoryOnlineStore({ now: clock.now }));
});

Deno.test("createOnlineStore picks Redis only when REDIS_URL is set", async () => {
  const mem = createOnlineStore({ env: {} });
  assert.ok(mem instanceof InMemoryOnlineStore);
  await mem.close();
  const blank = createOnlineStore({ env: { REDIS_URL: " " } });
  assert.ok(blank instanceof InMemoryOnlineStore);
  const redis = createOnlineStore({ env: { REDIS_URL: "redis://127.0.0.1:1" } });
  assert.ok(redis instanceof RedisOnlineStore);
  await redis.close();
  assert.throws(() => createOnlineStore({ env: { REDIS_URL: "localhost:6379" } }), /redis:\/\//);
});
