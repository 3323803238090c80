import assert from "node:assert/strict";
import { InputError } from "../errors.ts";
import { Db } from "../data/db.ts";
import { decodeStrings } from "../data/frame.ts";
import type { StringColumn } from "../data/types.ts";
import { getHistoricalFeatures } from "./historical.ts";
import { getOnlineFeatures, materializeOnline } from "./online.ts";
import { InMemoryOnlineStore } from "./online_store.ts";
import { fakeClock } from "./_store_contract.ts";
import { createSources, DAY, fixtureRegistry } from "./_fixture.ts";

const DRIVER = ["driver_offered_7d", "driver_acceptance_rate_7d", "driver_rating", "driver_tier"];

Deno.test("materializeOnline writes the latest values as of the end of data, with remaining TTL", async () => {
  const db = await Db.open(":memory:");
  const clock = fakeClock();
  const store = new InMemoryOnlineStore({ now: clock.now });
  try {
    await createSources(db);
    const reg = fixtureRegistry();
    const res = await materializeOnline(db, reg, [...DRIVER, "rider_is_new"], store);
    assert.equal(res.asOf, Date.UTC(2024, 0, 9), "latest source time");
    assert.deepEqual(res.keys, { driver: 2, rider: 2 });
    // driver 1's rating (Jan 3) is 6 days old at asOf: expired, not written.
    assert.equal(res.values, 2 * 2 + 1 + 2 + 2);
    const rows = await getOnlineFeatures(reg, store, ["1", "2", "3"], DRIVER);
    assert.deepEqual(rows, [
      { driver_offered_7d: 30, driver_acceptance_rate_7d: 0, driver_rating: null, driver_tier: "gold" },
      { driver_offered_7d: 5, driver_acceptance_rate_7d: 1, driver_rating: 3.9, driver_tier: null },
      { driver_offered_7d: null, driver_acceptance_rate_7d: null, driver_rating: null, driver_tier: null },
    ]);
    assert.deepEqual(await getOnlineFeatures(reg, store, ["r1", "r2"], ["rider_is_new"]), [{
      rider_is_new: true,
    }, { rider_is_new: false }]);
    // driver 2's rating (Jan 8) had 2 days left at asOf.
    clock.advance(2 * DAY - 1);
    assert.equal((await getOnlineFeatures(reg, store, ["2"], ["driver_rating"]))[0]!.driver_rating, 3.9);
    clock.advance(1);
    assert.equal((await getOnlineFeatures(reg, store, ["2"], ["driver_rating"]))[0]!.driver_rating, null);
  } finally {
    await store.close();
    db.close();
  }
});

Deno.test("online values equal historical retrieval at the same as-of time (training/serving agree)", async () => {
  const db = await Db.open(":memory:");
  try {
    await createSources(db);
    const reg = fixtureRegistry();
    for (const day of [2, 4, 5, 6, 8]) {
      const asOf = Date.UTC(2024, 0, day, 12);
      const store = new InMemoryOnlineStore({ now: () => 0 });
      await materializeOnline(db, reg, DRIVER, store, { asOf });
      const hist = await getHistoricalFeatures(
        db,
        reg,
        `select driver_id, epoch_ms(${asOf}::BIGINT) as event_timestamp from (values (1), (2), (3)) t(driver_id)`,
        DRIVER,
      );
      const online = await getOnlineFeatures(reg, store, ["1", "2", "3"], DRIVER);
      for (let i = 0; i < 3; i++) {
        for (const name of DRIVER) {
          const c = hist.columns[name]!;
          const h = "kind" in c ? decodeStrings(c as StringColumn)[i] : Number.isNaN(c[i]!) ? null : c[i];
          assert.deepEqual(online[i]![name], h, `day ${day}, driver ${i + 1}, ${name}`);
        }
      }
    }
  } finally {
    db.close();
  }
});

Deno.test("without a store, materializeOnline writes to createOnlineStore()'s choice and returns it", async () => {
  if (Deno.env.get("REDIS_URL")) {
    console.warn("online_test: REDIS_URL is set; the Redis default is covered by redis_store_test.ts");
    return;
  }
  const db = await Db.open(":memory:");
  try {
    await createSources(db);
    const reg = fixtureRegistry();
    const res = await materializeOnline(db, reg, ["driver_offered_7d"]);
    assert.ok(res.store instanceof InMemoryOnlineStore);
    assert.deepEqual(await getOnlineFeatures(reg, res.store, ["1", "2"], ["driver_offered_7d"]), [
      { driver_offered_7d: 30 },
      { driver_offered_7d: 5 },
    ]);
    await res.store.close();
  } finally {
    db.close();
  }
});

Deno.test("materializeOnline / getOnlineFeatures bad input", async () => {
  const db = await Db.open(":memory:");
  const store = new InMemoryOnlineStore();
  try {
    await createSources(db);
    const reg = fixtureRegistry();
    await assert.rejects(materializeOnline(db, reg, ["nope"], store), InputError);
    await assert.rejects(
      materializeOnline(db, reg, DRIVER, store, { asOf: NaN }),
      (e: unknown) => e instanceof InputError && e.field === "asOf",
    );
    await assert.rejects(getOnlineFeatures(reg, store, ["1"], ["driver_tier", "rider_is_new"]), /one entity/);
    await assert.rejects(
      getOnlineFeatures(reg, store, ["1"], ["driver_tierr"]),
      /did you mean "driver_tier"/,
    );
    // Before any data: nothing written.
    const early = await materializeOnline(db, reg, DRIVER, store, { asOf: Date.UTC(2023, 0, 1) });
    assert.deepEqual(early.keys, { driver: 0 });
  } finally {
    db.close();
  }
});
