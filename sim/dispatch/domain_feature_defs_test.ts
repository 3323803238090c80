import assert from "node:assert/strict";
import { Db, getNumeric } from "../../lib/data/mod.ts";
import { decodeStrings } from "../../lib/data/frame.ts";
import type { StringColumn } from "../../lib/data/types.ts";
import {
  FeatureRegistry,
  getHistoricalFeatures,
  getOnlineFeatures,
  InMemoryOnlineStore,
  materializeOnline,
} from "../../lib/features/mod.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { writeBronze } from "../common/mod.ts";
import { dispatchSimulator } from "./mod.ts";
import { buildGold } from "../../lib/domains/dispatch/mod.ts";
import {
  DISPATCH_FEATURE_DEFS,
  driverDistrictKey,
  registerDispatchFeatures,
} from "../../lib/domains/dispatch/feature_defs.ts";
import { assertRegistryContract } from "../../lib/domains/testing.ts";
import { sameValue as same } from "../../lib/domains/testing.ts";

const NAMES = DISPATCH_FEATURE_DEFS.map((d) => d.name);

Deno.test("dispatch registers the required features with entity, ttl, description and owner", () => {
  assertRegistryContract({
    owner: "dispatch",
    defs: DISPATCH_FEATURE_DEFS,
    register: registerDispatchFeatures,
    entities: {
      acceptance_rate_7d: "driver",
      district_affinity: "driver_district",
      distance_to_pickup_km: "offer",
      price_per_km: "offer",
    },
    misspelt: { name: "acceptance_rate_30d", suggests: /acceptance_rate_7d/ },
  });
  assert.equal(driverDistrictKey(7, "District 1"), "7:District 1");
});

Deno.test("historical retrieval at each offer's time returns the gold values; online = latest per driver", async () => {
  const db = await Db.open(":memory:");
  try {
    await writeBronze(db, "dispatch", dispatchSimulator.generate({ seed: 3, scale: "tiny" }));
    const gold = await buildGold(db);
    const reg = new FeatureRegistry();
    registerDispatchFeatures(reg);
    const entities =
      `select g.offer_id, g.driver_id, g.driver_id::VARCHAR || ':' || o.pickup_district as driver_district,
                             g.offered_at as event_timestamp
                      from ${gold.table} g join silver_dispatch_orders o using (order_id) order by g.offer_id`;
    const hist = await getHistoricalFeatures(db, reg, entities, NAMES);
    const g = await db.query(`select offer_id, ${NAMES.join(", ")} from ${gold.table} order by offer_id`);
    assert.equal(hist.nRows, g.nRows);
    assert.deepEqual(Array.from(getNumeric(hist, "offer_id")), Array.from(getNumeric(g, "offer_id")));
    let nonNullRates = 0;
    for (const n of NAMES) {
      const h = getNumeric(hist, n), v = getNumeric(g, n);
      for (let i = 0; i < h.length; i++) assert.ok(same(h[i]!, v[i]!), `${n} row ${i}: ${h[i]} vs ${v[i]}`);
      if (n === "acceptance_rate_7d") nonNullRates = v.filter((x) => !Number.isNaN(x)).length;
    }
    assert.ok(nonNullRates > g.nRows / 2, "most offers have a 7-day rate");

    // Online: the latest value per driver as of the last offer, expired after the 1-day TTL.
    const asOf = await db.scalar(`select epoch_ms(max(offered_at))::DOUBLE from ${gold.table}`);
    const store = new InMemoryOnlineStore({ now: () => asOf });
    const res = await materializeOnline(db, reg, ["acceptance_rate_7d", "offers_7d"], store, { asOf });
    assert.ok(res.keys.driver! > 50);
    const latest = await db.query(`
      select driver_id::VARCHAR as k, acceptance_rate_7d, offers_7d, epoch_ms(offered_at)::DOUBLE as t from ${gold.table}
      qualify row_number() over (partition by driver_id order by offered_at desc) = 1 order by driver_id`);
    const keys = decodeStrings(latest.columns.k as StringColumn) as string[];
    const rows = await getOnlineFeatures(reg, store, keys, ["acceptance_rate_7d", "offers_7d"]);
    const rate = getNumeric(latest, "acceptance_rate_7d"), t = getNumeric(latest, "t");
    let live = 0, expired = 0;
    rows.forEach((r, i) => {
      if (asOf - t[i]! >= 86_400_000) {
        assert.equal(r.acceptance_rate_7d, null, `driver ${keys[i]} is past its ttl`);
        expired++;
      } else {
        assert.equal(r.acceptance_rate_7d, Number.isNaN(rate[i]!) ? null : rate[i]!);
        live++;
      }
    });
    assert.ok(live > 20 && expired > 0, `live ${live}, expired ${expired}`);
  } finally {
    db.close();
  }
});
