/**
 * Leakage and brute-force checks of the feed gold features on simulated data (here rather than in
 * lib/domains/feed because lib must not import simulators).
 */
import assert from "node:assert/strict";
import { Db, type Frame, isStringColumn } from "../../lib/data/mod.ts";
import { buildGold } from "../../lib/domains/feed/mod.ts";
import { DAY_MS, writeBronze } from "../common/mod.ts";
import { feedSimulator } from "./mod.ts";

function num(f: Frame, name: string): Float64Array {
  const c = f.columns[name];
  if (c === undefined || isStringColumn(c)) throw new Error(`${name} is not a numeric column`);
  return Float64Array.from(c);
}

Deno.test("feed gold: counts equal a brute-force scan of the log (strictly before the impression)", async () => {
  const out = feedSimulator.generate({ seed: 8, scale: "tiny", users: 120, items: 400, creators: 40 });
  const db = await Db.open(":memory:");
  try {
    await writeBronze(db, "feed", out);
    const g = await buildGold(db);
    const gold = await db.query(`select * from ${g.table} order by impression_id`);
    const imp = out.tables.impressions!, clicks = out.tables.clicks!;
    assert.equal(gold.nRows, imp.nRows);
    const iu = num(imp, "user_id"), ii = num(imp, "item_id"), its = num(imp, "shown_ts");
    const cu = num(clicks, "user_id"), ci = num(clicks, "item_id"), cts = num(clicks, "click_ts");
    const topic = (out.tables.items!.columns.topic as { codes: Int32Array }).codes;
    const gUI = num(gold, "user_impressions_before"), gUC = num(gold, "user_clicks_before");
    const gIC = num(gold, "item_clicks_before"), gUT = num(gold, "user_topic_clicks_before");
    for (let r = 0; r < imp.nRows; r += 7) {
      const t = its[r]!;
      let ui = 0, uc = 0, ic = 0, ut = 0;
      for (let j = 0; j < imp.nRows; j++) if (iu[j] === iu[r] && its[j]! < t) ui++;
      for (let c = 0; c < clicks.nRows; c++) {
        if (cts[c]! >= t) continue;
        if (cu[c] === iu[r]) {
          uc++;
          if (topic[ci[c]!] === topic[ii[r]!]) ut++;
        }
        if (ci[c] === ii[r]) ic++;
      }
      assert.deepEqual([gUI[r], gUC[r], gIC[r], gUT[r]], [ui, uc, ic, ut], `row ${r}`);
    }
  } finally {
    db.close();
  }
});

Deno.test("feed gold: features of impressions before t are unchanged when events after t are perturbed", async () => {
  const out = feedSimulator.generate({ seed: 5, scale: "tiny", users: 150, items: 500, creators: 50 });
  const t = out.meta.startMs! + 7 * DAY_MS;
  const db = await Db.open(":memory:");
  try {
    await writeBronze(db, "feed", out);
    const g = await buildGold(db);
    const q = `select * from ${g.table} where shown_ts < epoch_ms(${t}::BIGINT) order by impression_id`;
    const before = await db.query(q);
    assert.ok(before.nRows > 100);
    await db.exec(`
      update bronze_feed_clicks set dwell_seconds = dwell_seconds * 10 + 1 where click_ts >= ${t};
      delete from bronze_feed_clicks where click_ts >= ${t} and click_id % 2 = 0;
      update bronze_feed_impressions set item_id = (item_id + 13) % 500 where shown_ts >= ${t};
      insert into bronze_feed_impressions
        select impression_id + 1000000, user_id, item_id, ${t} + 1000, position, session_id from bronze_feed_impressions;
      insert into bronze_feed_clicks
        select impression_id + 1000000, impression_id + 1000000, user_id, item_id, ${t} + 2000, 5 from bronze_feed_impressions
        where impression_id % 5 = 0 and impression_id < 1000000;
    `);
    const after = await db.query(q);
    assert.equal(after.nRows, before.nRows);
    for (const col of ["impression_id", ...g.features]) {
      const a = before.columns[col]!, b = after.columns[col]!;
      if (isStringColumn(a) && isStringColumn(b)) {
        assert.ok(a.codes.every((c, i) => a.dictionary[c] === b.dictionary[b.codes[i]!]), col);
      } else {
        const x = a as Float64Array, y = b as Float64Array;
        assert.ok(
          x.every((v, i) => Object.is(v, y[i]) || Math.abs(v - y[i]!) <= 1e-9 * Math.max(1, Math.abs(v))),
          `feature ${col} changed`,
        );
      }
    }
    // Control: deleting clicks before t does change user_clicks_before, so the check has teeth.
    await db.exec(`delete from bronze_feed_clicks where click_ts < ${t}`);
    await buildGold(db);
    assert.equal(
      await db.scalar(
        `select sum(user_clicks_before) from ${g.table} where shown_ts < epoch_ms(${t}::BIGINT)`,
      ),
      0,
    );
  } finally {
    db.close();
  }
});
