import assert from "node:assert/strict";
import { decodeValue, encodeValue, RedisOnlineStore } from "./redis_store.ts";
import { storeContract } from "./_store_contract.ts";

Deno.test("encodeValue / decodeValue keep type and value", () => {
  for (const v of [0, -1.25, Infinity, -Infinity, 2 ** 60, "", "n:1", "é", true, false, null]) {
    assert.deepEqual(decodeValue(encodeValue(v)), v);
  }
  assert.equal(decodeValue(null), null);
  assert.throws(() => decodeValue("q:1"), /unrecognized/);
});

function findRedisServer(): string | null {
  for (const dir of (Deno.env.get("PATH") ?? "/usr/bin").split(":")) {
    try {
      if (Deno.statSync(`${dir}/redis-server`).isFile) return `${dir}/redis-server`;
    } catch { /* not here */ }
  }
  return null;
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const c = await Deno.connect({ hostname: "127.0.0.1", port });
      c.close();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const server = findRedisServer();

Deno.test({
  name: "RedisOnlineStore meets the OnlineStore contract (local redis-server on a free port)",
  ignore: server === null,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const port = freePort();
    const child = new Deno.Command(server!, {
      args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      stdout: "null",
      stderr: "null",
    }).spawn();
    try {
      await waitForPort(port, 5000);
      const url = `redis://127.0.0.1:${port}/0`;
      await storeContract((clock) => new RedisOnlineStore(url, { now: clock.now, prefix: "t1:" }));

      // Redis itself frees the hash after the longest ttl in it; a value without ttl makes it persistent.
      const store = new RedisOnlineStore(url, { prefix: "t2:" });
      try {
        await store.set("driver", "a", { x: 1 }, 10_000);
        await store.set("driver", "a", { y: 2 }, 60_000);
        await store.set("driver", "a", { z: 3 }, 5_000);
        const ttl = await store.keyTtl("driver", "a");
        assert.ok(ttl > 50_000 && ttl <= 60_000, `key ttl follows the longest value ttl, got ${ttl}`);
        await store.set("driver", "b", { x: 1 });
        assert.equal(await store.keyTtl("driver", "b"), -1);
        await store.set("driver", "c", { x: 1 }, 1);
        await new Promise((r) => setTimeout(r, 30));
        assert.equal(await store.keyTtl("driver", "c"), -2, "expired hash removed by Redis");
      } finally {
        await store.close();
      }
    } finally {
      child.kill("SIGTERM");
      await child.status;
    }
  },
});

if (server === null) {
  console.warn(
    "redis_store_test: redis-server not found on PATH; skipping the Redis contract test (apt-get install -y redis-server)",
  );
}
