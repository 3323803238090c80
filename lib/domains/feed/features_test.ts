import assert from "node:assert/strict";
import { Db, makeFrame } from "../../data/mod.ts";
import { encodeStrings } from "../../data/frame.ts";
import { InputError, NotFoundError } from "../../errors.ts";
import { buildGold, FEED_CATEGORICAL_FEATURES, FEED_NUMERIC_FEATURES } from "./mod.ts";

const B = Date.UTC(2025, 0, 10);
const S = 1000, H = 3_600_000;
const f64 = (xs: number[]) => Float64Array.from(xs);
const i32 = (xs: number[]) => Int32Array.from(xs);

/**
 * Two users, three items (creator 0 makes items 0 and 1). Impressions 0 and 1 share a timestamp (so
 * neither sees the other); the click on impression 3 happens after impression 4 is shown (so
 * impression 4 must not count it).
 */
async function handmade(db: Db): Promise<void> {
  await db.writeFrame(
    "bronze_feed_users",
    makeFrame({
      user_id: i32([0, 1]),
      country: encodeStrings(["de", "fr"]),
      platform: encodeStrings(["ios", "web"]),
      age_band: encodeStrings(["25-34", "18-24"]),
      signup_ts: f64([B - 100 * H, B - 10 * H]),
    }),
  );
  await db.writeFrame(
    "bronze_feed_items",
    makeFrame({
      item_id: i32([0, 1, 2]),
      topic: encodeStrings(["a", "b", "a"]),
      creator_id: i32([0, 0, 1]),
      format: encodeStrings(["video", "article", "image"]),
      publish_ts: f64([B, B, B - H]),
    }),
  );
  await db.writeFrame(
    "bronze_feed_impressions",
    makeFrame({
      impression_id: i32([0, 1, 2, 3, 4]),
      user_id: i32([0, 0, 1, 0, 0]),
      item_id: i32([0, 1, 0, 2, 0]),
      shown_ts: f64([B, B, B + 10 * S, B + 60 * S, B + 120 * S]),
      position: i32([0, 1, 0, 2, 3]),
      session_id: i32([0, 0, 1, 0, 0]),
    }),
  );
  await db.writeFrame(
    "bronze_feed_clicks",
    makeFrame({
      click_id: i32([0, 1, 2]),
      impression_id: i32([0, 3, 2]),
      user_id: i32([0, 0, 1]),
      item_id: i32([0, 2, 0]),
      click_ts: f64([B + 5 * S, B + 200 * S, B + 15 * S]),
      dwell_seconds: f64([20, 40, 10]),
    }),
  );
}

Deno.test("feed gold: strictly-before counts of a hand-made log match the hand computation", async () => {
  const db = await Db.open(":memory:");
  try {
    await handmade(db);
    const gold = await buildGold(db);
    assert.equal(gold.rows, 5);
    assert.equal(gold.label, "clicked");
    assert.deepEqual(gold.features, [...FEED_NUMERIC_FEATURES, ...FEED_CATEGORICAL_FEATURES]);
    const rows = await db.rows(`select * from ${gold.table} order by impression_id`);
    const expect: Record<number, Record<string, unknown>> = {
      1: {
        user_impressions_before: 0,
        user_clicks_before: 0,
        user_ctr_before: 0.05,
        user_avg_dwell_before: null,
        item_impressions_before: 0,
        creator_impressions_before: 0,
        creator_ctr_before: 0.05,
        user_topic_clicks_before: 0,
        topic_match: 0.1,
        item_age_hours: 0,
        position: 1,
        clicked: 0,
        topic: "b",
      },
      3: {
        user_impressions_before: 2,
        user_clicks_before: 1,
        user_ctr_before: 1.5 / 12,
        user_avg_dwell_before: 20,
        item_impressions_before: 0,
        item_clicks_before: 0,
        creator_impressions_before: 0,
        user_topic_clicks_before: 1,
        topic_match: 1.1 / 2,
        item_age_hours: 1 + 60 / 3600,
        clicked: 1,
        dwell_seconds: 40,
        format: "image",
        platform: "ios",
        country: "de",
      },
      4: {
        user_impressions_before: 3,
        user_clicks_before: 1,
        user_ctr_before: 1.5 / 13,
        user_avg_dwell_before: 20,
        item_impressions_before: 2,
        item_clicks_before: 2,
        item_ctr_before: 2.5 / 12,
        creator_impressions_before: 3,
        creator_ctr_before: 2.5 / 13,
        user_topic_clicks_before: 1,
        topic_match: 0.55,
        item_age_hours: 120 / 3600,
        position: 3,
        clicked: 0,
        dwell_seconds: 0,
      },
    };
    for (const [id, fields] of Object.entries(expect)) {
      const row = rows[Number(id)]!;
      assert.equal(Number(row.impression_id), Number(id));
      for (const [k, v] of Object.entries(fields)) {
        const got = row[k];
        if (typeof v === "number") {
          assert.ok(Math.abs(Number(got) - v) < 1e-9, `row ${id} ${k}: got ${got}, expected ${v}`);
        } else assert.equal(got, v, `row ${id} ${k}`);
      }
    }
    const ranged = await buildGold(db, { from: B + 30 * S, to: B + 100 * S, table: "gold_feed_window" });
    assert.equal(ranged.rows, 1);
  } finally {
    db.close();
  }
});

Deno.test("feed gold: bad options and missing bronze tables are rejected", async () => {
  const db = await Db.open(":memory:");
  try {
    await assert.rejects(() => buildGold(db), NotFoundError);
    await handmade(db);
    await assert.rejects(
      () => buildGold(db, { from: "yesterday-ish" }),
      (e: unknown) => e instanceof InputError && /from/.test(e.message),
    );
    await assert.rejects(() => buildGold(db, { table: "1bad" }), InputError);
  } finally {
    db.close();
  }
});
