import assert from "node:assert/strict";
import { Db, getNumeric } from "../../lib/data/mod.ts";
import { NotFoundError } from "../../lib/errors.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { writeBronze } from "../common/mod.ts";
import { dispatchSimulator } from "./mod.ts";
import { buildGold, DISPATCH_NUMERIC_FEATURES } from "../../lib/domains/dispatch/mod.ts";
import { REFERENCE_DISPATCH_GOLD_SQL } from "../../lib/domains/dispatch/mod.ts";
import { compareSnapshots, goldSnapshot } from "../../lib/domains/testing.ts";
import { sameValue } from "../../lib/domains/testing.ts";

async function setup(seed = 5) {
  const db = await Db.open(":memory:");
  const out = dispatchSimulator.generate({ seed, scale: "tiny" });
  await writeBronze(db, "dispatch", out);
  return { db, out };
}

Deno.test("gold: one row per unique offer, declared columns, label 0/1", async () => {
  const { db, out } = await setup();
  try {
    const gold = await buildGold(db);
    assert.equal(gold.rows, out.meta.sizes.offers);
    assert.ok(out.meta.sizes.offer_rows! > gold.rows, "bronze had duplicates to remove");
    const f = await db.query(`select * from ${gold.table}`);
    for (const c of [...gold.features, gold.label, ...gold.keys]) assert.ok(f.names.includes(c), c);
    const label = getNumeric(f, "accepted");
    for (const v of label) assert.ok(v === 0 || v === 1);
    // rain × bike is rain on bikes only
    assert.equal(
      await db.scalar(`select count(*) from ${gold.table} where rain_x_bike = 1 and vehicle_type <> 'bike'`),
      0,
    );
  } finally {
    db.close();
  }
});

Deno.test("acceptance_rate_7d and district_affinity match a brute-force recomputation", async () => {
  const { db } = await setup();
  try {
    const gold = await buildGold(db);
    const g = await db.query(
      `select g.offer_id, g.driver_id, epoch_ms(g.offered_at) as t, g.acceptance_rate_7d, g.district_affinity,
              epoch_ms(d.hist_as_of) as hist_as_of, d.hist_offers_7d, d.hist_accepts_7d,
              o.pickup_district = d.home_district as home, o.pickup_district as district
       from ${gold.table} g join silver_dispatch_drivers d using (driver_id) join silver_dispatch_orders o using (order_id)
       where g.offer_id % 17 = 0 order by g.offer_id`,
    );
    const h = await db.query(
      `select f.driver_id, epoch_ms(f.responded_at) as r, f.accepted, o.pickup_district as district
       from silver_dispatch_offers f join silver_dispatch_orders o using (order_id)`,
    );
    const hd = getNumeric(h, "driver_id"), hr = getNumeric(h, "r"), ha = getNumeric(h, "accepted");
    const hDistrict = h.columns.district as { codes: Int32Array; dictionary: readonly string[] };
    const gDistrict = g.columns.district as { codes: Int32Array; dictionary: readonly string[] };
    const week = 7 * 86_400_000;
    for (let i = 0; i < g.nRows; i++) {
      const d = getNumeric(g, "driver_id")[i]!, t = getNumeric(g, "t")[i]!;
      let n = 0, a = 0, acc = 0, accHere = 0;
      for (let j = 0; j < h.nRows; j++) {
        if (hd[j] !== d || !(hr[j]! < t)) continue;
        if (hr[j]! >= t - week) {
          n++;
          a += ha[j]!;
        }
        if (ha[j] === 1) {
          acc++;
          if (hDistrict.dictionary[hDistrict.codes[j]!] === gDistrict.dictionary[gDistrict.codes[i]!]) {
            accHere++;
          }
        }
      }
      const pre = Math.max(0, Math.min(1, (getNumeric(g, "hist_as_of")[i]! - (t - week)) / week));
      const num = a + pre * getNumeric(g, "hist_accepts_7d")[i]!,
        den = n + pre * getNumeric(g, "hist_offers_7d")[i]!;
      const expected = den === 0 ? NaN : num / den;
      assert.ok(
        sameValue(getNumeric(g, "acceptance_rate_7d")[i]!, expected),
        `offer ${getNumeric(g, "offer_id")[i]}`,
      );
      const aff = (accHere + 5 * getNumeric(g, "home")[i]!) / (acc + 5);
      assert.ok(sameValue(getNumeric(g, "district_affinity")[i]!, aff));
    }
    assert.ok(g.nRows > 100);
  } finally {
    db.close();
  }
});

Deno.test("leakage: rewriting everything that happens after a cutoff leaves earlier gold features unchanged", async () => {
  const { db } = await setup(9);
  try {
    const gold = await buildGold(db);
    const cutoff = await db.scalar(`select quantile_disc(offered_at, 0.6) from bronze_dispatch_offers`);
    const features = [...DISPATCH_NUMERIC_FEATURES];
    const read = () => goldSnapshot(db, gold.table, "offer_id", "offered_at", features);
    const before = await read();
    // Rewrite the future: flip every outcome known at/after the cutoff, add cancels, flip the weather,
    // move sessions, and append extra future offers.
    await db.exec(`
      update bronze_dispatch_offers set accepted = 1 - accepted, cancelled_at = responded_at + 1000
        where responded_at >= ${cutoff};
      insert into bronze_dispatch_offers
        select offer_id + 10000000, order_id, driver_id, offer_seq, ${cutoff} + 1, ${cutoff} + 2,
               distance_to_pickup_km, driver_lat, driver_lon, response, 1, ${cutoff} + 3
        from bronze_dispatch_offers where offer_id < 500;
      update bronze_dispatch_weather set rain = 1 - rain where hour_start >= ${cutoff};
      update bronze_dispatch_sessions set session_start = session_start - 1 where session_start >= ${cutoff};
    `);
    await buildGold(db);
    const r = compareSnapshots(before, await read(), features, cutoff);
    assert.deepEqual(r.leaked, [], `offer ${r.firstLeakKey} (before cutoff): ${r.leaked.join(", ")} changed`);
    assert.ok(r.early > 1000, `only ${r.early} rows before the cutoff`);
    assert.ok(
      r.laterChanges > 100,
      "the rewrite should change features after the cutoff (else the test has no teeth)",
    );
  } finally {
    db.close();
  }
});

Deno.test("the event-stream gold equals its ASOF-join twin on every column (normal, cold start)", async () => {
  for (const [seed, scenario] of [[5, "normal"], [6, "cold_start"]] as const) {
    const db = await Db.open(":memory:");
    try {
      await writeBronze(db, "dispatch", dispatchSimulator.generate({ seed, scale: "tiny", scenario }));
      const gold = await buildGold(db);
      for (const sql of REFERENCE_DISPATCH_GOLD_SQL) await db.exec(sql);
      const fast = await db.query(`select * from ${gold.table}`);
      const ref = await db.query(`select * from reference_gold_dispatch_offers`);
      assert.deepEqual(fast.names, ref.names);
      assert.equal(fast.nRows, ref.nRows);
      let nulls = 0;
      for (const c of fast.names) {
        const a = fast.columns[c]!, b = ref.columns[c]!;
        if ("codes" in a && "codes" in b) {
          for (let i = 0; i < fast.nRows; i++) {
            assert.equal(a.dictionary[a.codes[i]!], b.dictionary[b.codes[i]!], c);
          }
          continue;
        }
        const x = getNumeric(fast, c), y = getNumeric(ref, c);
        for (let i = 0; i < x.length; i++) {
          assert.ok(sameValue(x[i]!, y[i]!), `${scenario}: ${c} row ${i}: ${x[i]} vs ${y[i]}`);
          if (Number.isNaN(x[i]!)) nulls++;
        }
      }
      assert.ok(nulls > 0, "some features are NULL (no history, no cancel) and must stay so");
    } finally {
      db.close();
    }
  }
});

Deno.test("cold_start: new drivers' first offers have no 7-day rate; far more such offers than normally", async () => {
  const nullShare = async (scenario: string) => {
    const db = await Db.open(":memory:");
    try {
      const out = dispatchSimulator.generate({ seed: 4, scale: "tiny", scenario });
      await writeBronze(db, "dispatch", out, undefined, { truth: true });
      const gold = await buildGold(db);
      const [r] = await db.rows(`
        select avg((acceptance_rate_7d is null)::DOUBLE) as share,
               count(*) filter (where acceptance_rate_7d is null and not t.is_new::BOOLEAN) as old_null
        from ${gold.table} g join truth_dispatch_driver_truth t using (driver_id)`);
      return { share: Number(r!.share), oldNull: Number(r!.old_null) };
    } finally {
      db.close();
    }
  };
  const normal = await nullShare("normal"), cold = await nullShare("cold_start");
  assert.equal(cold.oldNull, 0, "drivers with a pre-log history always have a rate");
  assert.ok(
    cold.share > 0.005 && cold.share > 3 * normal.share,
    `NULL share ${cold.share} vs ${normal.share}`,
  );
});

Deno.test("missing bronze tables are a NotFoundError", async () => {
  const db = await Db.open(":memory:");
  try {
    await assert.rejects(() => buildGold(db), NotFoundError);
  } finally {
    db.close();
  }
});
