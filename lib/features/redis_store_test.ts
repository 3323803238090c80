import assert from "node:assert/strict";
import { decodeValue, encodeValue, RedisOnlineStore } from "./redis_store.ts";
import { storeContract } from "./_store_contract.ts";
import { Db } from "../data/db.ts";
import { createSources, fixtureRegistry } from "./_fixture.ts";
import { getOnlineFeatures, materializeOnline } from "./online.ts";
import { findTool } from "../testing/mod.ts";

Deno.test("encodeValue / decodeValue keep type and value", () => {
  for (const v of [0, -1.25, Infinity, -Infinity, 2 ** 60, "", "n:1", "é", true, false, null]) {
    assert.deepEqual(decodeValue(encodeValue(v)), v);
  }
  assert.equal(decodeValue(null), null);
  assert.throws(() => decodeValue("q:1"), /unrecognized/);
});

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

const redis = findTool("redis-server", { install: "apt-get install -y redis-server" });

Deno.test({
  name: "RedisOnlineStore meets the OnlineStore contract (local redis-server on a free port)",
  ignore: redis.ignore,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const server = redis.require();
    const port = freePort();
    const child = new Deno.Command(server, {
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

      // End to end: with REDIS_URL set, materializeOnline writes to Redis by default; TTLs hold on read.
      const previous = Deno.env.get("REDIS_URL");
      Deno.env.set("REDIS_URL", url);
      const db = await Db.open(":memory:");
      try {
        await createSources(db);
        const reg = fixtureRegistry();
        const rating = await materializeOnline(db, reg, ["driver_rating"]);
        try {
          assert.ok(rating.store instanceof RedisOnlineStore);
          const ttl = await rating.store.keyTtl("driver", "2");
          // asOf defaults to the ratings' latest time (Jan 8): driver 2's rating is fresh, 3 days to live.
          assert.ok(
            ttl > 2 * 86_400_000 && ttl <= 3 * 86_400_000,
            `driver 2's rating has 3 days left, got ${ttl} ms`,
          );
          assert.equal(
            await rating.store.keyTtl("driver", "1"),
            -2,
            "driver 1's expired rating is not written",
          );
        } finally {
          await rating.store.close();
        }
        const res = await materializeOnline(db, reg, ["driver_offered_7d", "driver_rating"]);
        try {
          // driver 1's rating (3 days ttl) is 6 days old at the end of data: not served; driver 2's is.
          assert.deepEqual(
            await getOnlineFeatures(reg, res.store, ["1", "2"], ["driver_offered_7d", "driver_rating"]),
            [
              { driver_offered_7d: 30, driver_rating: null },
              { driver_offered_7d: 5, driver_rating: 3.9 },
            ],
          );
        } finally {
          await res.store.close();
        }
      } finally {
        db.close();
        if (previous === undefined) Deno.env.delete("REDIS_URL");
        else Deno.env.set("REDIS_URL", previous);
      }
    } finally {
      child.kill("SIGTERM");
      await child.status;
    }
  },
});
