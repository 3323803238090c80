import assert from "node:assert/strict";
import { Db } from "../../lib/data/mod.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { writeBronze } from "../common/mod.ts";
import { pricingSimulator } from "./mod.ts";
import { buildPricingGold, buildPricingSilver, type GoldResult } from "../../lib/domains/pricing/mod.ts";
import { compareSnapshots, goldSnapshot } from "../../lib/domains/testing.ts";
import { EVENT_NIGHT_CITY } from "../../lib/domains/pricing/mod.ts";

const HOUR = 3_600_000, DAY = 86_400_000;

/** Rewrites everything in bronze that happens at or after `cutoff` (and adds future rows). */
async function rewriteFuture(db: Db, cutoff: number): Promise<void> {
  const nextMidnight = Math.ceil(cutoff / DAY) * DAY;
  const eventStart = Math.ceil(cutoff / HOUR) * HOUR + 2 * HOUR;
  await db.exec(`
    update bronze_pricing_bookings set speed_violations = speed_violations + 5, harsh_braking = harsh_braking + 3,
      night_trip = 1 - night_trip, distance_km = distance_km * 2, avg_speed_kmh = avg_speed_kmh + 10
      where ended_at >= ${cutoff};
    insert into bronze_pricing_incidents
      select incident_id + 1000000, customer_id, vehicle_id, booking_id, ${cutoff} + 1000, incident_type, cost_eur * 3
      from bronze_pricing_incidents;
    update bronze_pricing_incidents set cost_eur = cost_eur + 777 where occurred_at >= ${cutoff};
    update bronze_pricing_quotes set accepted = 1 - accepted where quoted_at >= ${cutoff};
    insert into bronze_pricing_quotes
      select quote_id + 10000000, customer_id, vehicle_id, bay_id, ${cutoff} + 1, surge_factor, price_per_min, 1
      from bronze_pricing_quotes where quote_id % 3 = 0;
    -- a bucket's counts are known when it ends: rewrite every bucket that ends after the cutoff
    update bronze_pricing_demand set requests = requests + 3, bookings = bookings + 2
      where bucket_start + ${15 * 60_000} > ${cutoff};
    update bronze_pricing_weather set rain = 1 - rain, rain_mm = rain_mm + 5, temperature_c = temperature_c + 10
      where hour_start >= ${cutoff};
    insert into bronze_pricing_events
      select 999999, category, venue_lat, venue_lon, ${eventStart}, ${eventStart + 3 * HOUR}, 40000
      from bronze_pricing_events limit 1;
    insert into bronze_pricing_holidays values (${nextMidnight + DAY});
  `);
}

async function leakage(seed: number) {
  const out = pricingSimulator.generate({ seed, ...EVENT_NIGHT_CITY });
  const db = await Db.open(":memory:");
  try {
    await writeBronze(db, "pricing", out);
    const gold = await buildPricingGold(db);
    // Cut inside the risk table (it ends 30 days before the data: censoring), 10 minutes into the busiest
    // 15-minute bucket there, so that quotes made earlier in the same bucket are checked too.
    const cutoff = await db.scalar(`
      select epoch_ms(time_bucket(INTERVAL 15 MINUTE, quoted_at)) + 600000 as c from silver_pricing_quotes
      where quoted_at between (select quantile_disc(booked_at, 0.4) from ${gold.risk.table})
                          and (select quantile_disc(booked_at, 0.6) from ${gold.risk.table})
      group by c order by count(*) desc, c limit 1`);
    const specs: [GoldResult, string, string][] = [
      [gold.risk, "booking_id", "booked_at"],
      [gold.demand, "bay_id", "bucket_start"],
      [gold.conversion, "quote_id", "quoted_at"],
    ];
    const numeric = (g: GoldResult) => g.features.filter((f) => !g.categorical.includes(f));
    const before = await Promise.all(specs.map(([g, k, t]) => goldSnapshot(db, g.table, k, t, numeric(g))));
    await rewriteFuture(db, cutoff);
    await buildPricingGold(db);
    const results = [];
    for (let s = 0; s < specs.length; s++) {
      const [g, k, t] = specs[s]!;
      const after = await goldSnapshot(db, g.table, k, t, numeric(g));
      results.push({ table: g.table, ...compareSnapshots(before[s]!, after, numeric(g), cutoff) });
    }
    return results;
  } finally {
    db.close();
  }
}

Deno.test("leakage: rewriting the future leaves every earlier risk, demand and conversion feature unchanged", async () => {
  const results = await leakage(8);
  const leaks = results.filter((r) => r.leaked.length > 0).map((r) => `${r.table}: ${r.leaked.join(", ")}`);
  assert.deepEqual(leaks, [], `features changed before the cutoff: ${leaks.join("; ")}`);
  for (const r of results) {
    assert.ok(r.early > 300, `${r.table}: only ${r.early} rows before the cutoff`);
    // the rewrite must reach later rows, else the test has no teeth
    assert.ok(r.laterChanges > 100, `${r.table}: only ${r.laterChanges} later changes`);
  }
});

Deno.test("leakage check has teeth: a feature peeking one bucket ahead is caught", async () => {
  const out = pricingSimulator.generate({ seed: 9, scale: "tiny", bays: 3, customers: 100, days: 10 });
  const db = await Db.open(":memory:");
  try {
    await writeBronze(db, "pricing", out);
    const leaky = async () => {
      await buildPricingSilver(db);
      await db.exec(`create or replace table leaky as
        select bay_id, bucket_start, lag(requests) over w as honest_lag, lead(requests) over w as next_requests
        from silver_pricing_demand window w as (partition by bay_id order by bucket_start)`);
    };
    await leaky();
    const features = ["honest_lag", "next_requests"];
    const cutoff = await db.scalar(`select quantile_disc(bucket_start, 0.5) from bronze_pricing_demand`);
    const before = await goldSnapshot(db, "leaky", "bay_id", "bucket_start", features);
    await rewriteFuture(db, cutoff);
    await leaky();
    const r = compareSnapshots(
      before,
      await goldSnapshot(db, "leaky", "bay_id", "bucket_start", features),
      features,
      cutoff,
    );
    assert.deepEqual(r.leaked, ["next_requests"]);
  } finally {
    db.close();
  }
});
