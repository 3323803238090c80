import assert from "node:assert/strict";
import { Db, getNumeric } from "../../lib/data/mod.ts";
import { FeatureRegistry, getHistoricalFeatures } from "../../lib/features/mod.ts";
import { registerDispatchFeatures } from "../../lib/domains/dispatch/mod.ts";
import { registerOffersFeatures } from "../../lib/domains/offers/mod.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { writeBronze } from "../common/mod.ts";
import { feedSimulator } from "./mod.ts";
import { buildGold } from "../../lib/domains/feed/mod.ts";
import { FEED_FEATURE_DEFS, registerFeedFeatures } from "../../lib/domains/feed/feature_defs.ts";

Deno.test("feed, dispatch and offers features share one registry without name clashes", () => {
  const reg = new FeatureRegistry();
  registerDispatchFeatures(reg);
  registerOffersFeatures(reg);
  registerFeedFeatures(reg);
  assert.deepEqual(reg.list("item").map((d) => d.name), [
    "item_clicks_before",
    "item_ctr_before",
    "item_impressions_before",
  ]);
  for (const d of reg.list()) assert.ok(d.description.length > 10 && d.owner.length > 0, d.name);
});

Deno.test("feed registry lookups at each impression's time return the gold values", async () => {
  const db = await Db.open(":memory:");
  try {
    await writeBronze(
      db,
      "feed",
      feedSimulator.generate({ seed: 2, scale: "tiny", users: 80, items: 300, creators: 30 }),
    );
    const gold = await buildGold(db);
    const reg = new FeatureRegistry();
    registerFeedFeatures(reg);
    const names = FEED_FEATURE_DEFS.map((d) => d.name);
    // One impression per (user, shown_ts), (item, shown_ts) and (creator, shown_ts) keeps the lookup unambiguous.
    const entities =
      `select impression_id, user_id, item_id, creator_id, shown_ts as event_timestamp from ${gold.table}
      qualify count(*) over (partition by user_id, shown_ts) = 1 and count(*) over (partition by item_id, shown_ts) = 1
          and count(*) over (partition by creator_id, shown_ts) = 1
      order by impression_id`;
    const hist = await getHistoricalFeatures(db, reg, entities, names);
    const g = await db.query(
      `select g.* from (${entities}) e join ${gold.table} g using (impression_id) order by impression_id`,
    );
    assert.ok(hist.nRows > 500 && hist.nRows === g.nRows);
    for (const n of names) {
      const h = getNumeric(hist, n), v = getNumeric(g, n);
      for (let i = 0; i < h.length; i++) {
        assert.ok(Object.is(h[i], v[i]) || Math.abs(h[i]! - v[i]!) < 1e-9, `${n} row ${i}`);
      }
    }
  } finally {
    db.close();
  }
});
