import assert from "node:assert/strict";
import { InputError } from "../errors.ts";
import { Db } from "../data/db.ts";
import { decodeStrings } from "../data/frame.ts";
import type { StringColumn } from "../data/types.ts";
import { getHistoricalFeatures, groupFeatures, historicalFeaturesSql } from "./historical.ts";
import { createSources, DEFS, fixtureRegistry } from "./_fixture.ts";

const LABELS = `select * from (values
  (1, 'r1', TIMESTAMP '2024-01-05 00:00:00', 'a'),
  (1, 'r2', TIMESTAMP '2024-01-04 23:59:59', 'b'),
  (1, 'r1', TIMESTAMP '2024-01-07 00:00:00', 'c'),
  (2, 'r2', TIMESTAMP '2024-01-09 00:00:00', 'd'),
  (3, null, TIMESTAMP '2024-01-09 00:00:00', 'e'),
  (1, 'r1', TIMESTAMP '2024-01-10 00:00:00', 'f')) t(driver_id, rider_id, event_timestamp, tag)`;

const NAMES = [
  "driver_acceptance_rate_7d",
  "rider_is_new",
  "driver_offered_7d",
  "driver_rating",
  "driver_tier",
];

Deno.test("groupFeatures shares one join per (source, key, timestamp, ttl)", () => {
  const groups = groupFeatures(DEFS);
  assert.deepEqual(groups.map((g) => g.defs.map((d) => d.name)), [
    ["driver_offered_7d", "driver_acceptance_rate_7d"],
    ["driver_rating"],
    ["driver_tier"],
    ["rider_is_new"],
  ]);
});

Deno.test("getHistoricalFeatures: hand-computed point-in-time values, TTL, two entities, requested order", async () => {
  const db = await Db.open(":memory:");
  try {
    await createSources(db);
    const f = await getHistoricalFeatures(db, fixtureRegistry(), LABELS, NAMES);
    assert.deepEqual(f.names, ["driver_id", "rider_id", "event_timestamp", "tag", ...NAMES]);
    assert.deepEqual(
      decodeStrings(f.columns.tag as StringColumn),
      ["a", "b", "c", "d", "e", "f"],
      "entity order kept",
    );
    // a: stats of Jan 5 (equal time visible); b: one second earlier → Jan 1 stats; c: Jan 5 stats;
    // d: driver 2's Jan 2 stats; e: unknown driver; f: Jan 9 stats (0 accepted of 30).
    assert.deepEqual([...(f.columns.driver_acceptance_rate_7d as Float64Array)], [0.5, 0.8, 0.5, 1, NaN, 0]);
    assert.deepEqual([...(f.columns.driver_offered_7d as Float64Array)], [20, 10, 20, 5, NaN, 30]);
    // Rating has a 3-day TTL: Jan 3 rating is 2 days old at a and b, 4 days (expired) at c, 7 at f.
    assert.deepEqual([...(f.columns.driver_rating as Float64Array)], [4.5, 4.5, NaN, 3.9, NaN, NaN]);
    assert.deepEqual(decodeStrings(f.columns.driver_tier as StringColumn), [
      "gold",
      "gold",
      "gold",
      null,
      null,
      "gold",
    ]);
    // Riders: r1 known from Jan 4; r2 from Jan 6 (so not at b); NULL key matches nothing.
    assert.deepEqual([...(f.columns.rider_is_new as Float64Array)], [1, NaN, 1, 0, NaN, 1]);
  } finally {
    db.close();
  }
});

Deno.test("getHistoricalFeatures: custom time column and a registered entity table", async () => {
  const db = await Db.open(":memory:");
  try {
    await createSources(db);
    await db.exec(`create table labels as select driver_id, event_timestamp as ts from (${LABELS})`);
    const f = await getHistoricalFeatures(db, fixtureRegistry(), "labels", ["driver_offered_7d"], {
      time: "ts",
    });
    assert.deepEqual([...(f.columns.driver_offered_7d as Float64Array)], [20, 10, 20, 5, NaN, 30]);
  } finally {
    db.close();
  }
});

Deno.test("getHistoricalFeatures bad input: unknown feature, missing key/time columns, name clash", async () => {
  const db = await Db.open(":memory:");
  try {
    await createSources(db);
    const reg = fixtureRegistry();
    await assert.rejects(
      getHistoricalFeatures(db, reg, LABELS, ["driver_ratin"]),
      (e: unknown) =>
        e instanceof InputError && e.field === "featureNames" &&
        /did you mean "driver_rating"/.test(e.message),
    );
    await assert.rejects(
      getHistoricalFeatures(db, reg, "select 1 as driver_id, now() as ts", ["rider_is_new"]),
      /missing column\(s\) event_timestamp, rider_id/,
    );
    await assert.rejects(
      getHistoricalFeatures(
        db,
        reg,
        "select 1 as driver_id, now()::TIMESTAMP as event_timestamp, 2 as driver_tier",
        ["driver_tier"],
      ),
      /named like requested features: driver_tier/,
    );
    assert.throws(() => historicalFeaturesSql(reg, LABELS, []), InputError);
  } finally {
    db.close();
  }
});
