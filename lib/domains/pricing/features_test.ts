import assert from "node:assert/strict";
import { Db, type Frame, getNumeric } from "../../data/mod.ts";
import { InputError, NotFoundError } from "../../errors.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { writeBronze } from "../../../sim/common/mod.ts";
import { pricingSimulator } from "../../../sim/pricing/mod.ts";
import { buildGold, buildPricingGold, DEMAND_NUMERIC_FEATURES, RISK_NUMERIC_FEATURES } from "./mod.ts";

const DAY = 86_400_000;

async function setup(seed = 3) {
  const db = await Db.open(":memory:");
  // a smaller-than-tiny city keeps the brute-force checks and the double gold build fast
  const out = pricingSimulator.generate({ seed, scale: "tiny", scenario: "event_night", bays: 4, customers: 300, days: 36 });
  await writeBronze(db, "pricing", out);
  return { db, out };
}

function same(a: number, b: number): boolean {
  return Object.is(a, b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
}

Deno.test("risk gold: rolling features and the 30-day label match a brute-force recomputation; censored tail", async () => {
  const { db, out } = await setup();
  try {
    const { risk } = await buildPricingGold(db);
    const g = await db.query(
      `select booking_id, customer_id, epoch_ms(booked_at) as t, trips_30d, speed_violations_per_trip_30d,
              night_driving_pct_30d, incidents_365d, incident_next_30d
       from ${risk.table} where booking_id % 7 = 0`,
    );
    const b = out.tables.bookings!, inc = out.tables.incidents!;
    const bc = getNumeric(b, "customer_id"), be = getNumeric(b, "ended_at"), bs = getNumeric(b, "speed_violations");
    const bn = getNumeric(b, "night_trip");
    const ic = getNumeric(inc, "customer_id"), it = getNumeric(inc, "occurred_at");
    for (let i = 0; i < g.nRows; i++) {
      const c = getNumeric(g, "customer_id")[i]!, t = getNumeric(g, "t")[i]!;
      let trips = 0, speed = 0, night = 0;
      for (let j = 0; j < b.nRows; j++) {
        if (bc[j] !== c || !(be[j]! < t) || be[j]! < t - 30 * DAY) continue;
        trips++;
        speed += bs[j]!;
        night += bn[j]!;
      }
      let past = 0, future = 0;
      for (let j = 0; j < inc.nRows; j++) {
        if (ic[j] !== c) continue;
        if (it[j]! < t && it[j]! >= t - 365 * DAY) past++;
        if (it[j]! >= t && it[j]! < t + 30 * DAY) future++;
      }
      assert.equal(getNumeric(g, "trips_30d")[i], trips);
      assert.ok(same(getNumeric(g, "speed_violations_per_trip_30d")[i]!, trips ? speed / trips : NaN));
      assert.ok(same(getNumeric(g, "night_driving_pct_30d")[i]!, trips ? night / trips : NaN));
      assert.equal(getNumeric(g, "incidents_365d")[i], past);
      assert.equal(getNumeric(g, "incident_next_30d")[i], future > 0 ? 1 : 0);
    }
    assert.ok(g.nRows > 50);
    // rows whose label window passes the end of the data are censored
    const end = out.meta.endMs!;
    assert.equal(await db.scalar(`select count(*) from ${risk.table} where epoch_ms(booked_at) + ${30 * DAY} > ${end}`), 0);
    assert.ok(risk.rows > 0 && risk.rows < out.meta.sizes.bookings!);
  } finally {
    db.close();
  }
});

Deno.test("demand gold: lags and rolling means match the counts of earlier buckets", async () => {
  const { db, out } = await setup();
  try {
    const { demand } = await buildPricingGold(db);
    assert.equal(demand.rows, out.meta.sizes.demand_rows);
    const g = await db.query(
      `select bay_id, epoch_ms(bucket_start) as t, lag_1, lag_4, lag_96, rolling_mean_4, rolling_mean_96, requests,
              event_pressure_after
       from ${demand.table}`,
    );
    const d = out.tables.demand!;
    const nb = out.meta.sizes.bays!, start = out.meta.startMs!, q = 15 * 60_000;
    const count = (bay: number, t: number) => {
      const k = (t - start) / q;
      return k < 0 ? NaN : getNumeric(d, "requests")[k * nb + bay]!;
    };
    assert.equal(getNumeric(d, "bay_id")[5 * nb + 3], 3);
    for (let i = 0; i < g.nRows; i += 37) {
      const bay = getNumeric(g, "bay_id")[i]!, t = getNumeric(g, "t")[i]!;
      assert.equal(getNumeric(g, "requests")[i], count(bay, t));
      assert.ok(same(getNumeric(g, "lag_1")[i]!, count(bay, t - q)));
      assert.ok(same(getNumeric(g, "lag_4")[i]!, count(bay, t - 4 * q)));
      assert.ok(same(getNumeric(g, "lag_96")[i]!, count(bay, t - 96 * q)));
      let s4 = 0, n4 = 0, s96 = 0, n96 = 0;
      for (let k = 1; k <= 96; k++) {
        const c = count(bay, t - k * q);
        if (Number.isNaN(c)) continue;
        if (k <= 4) (s4 += c), n4++;
        s96 += c;
        n96++;
      }
      assert.ok(same(getNumeric(g, "rolling_mean_4")[i]!, n4 ? s4 / n4 : NaN));
      assert.ok(same(getNumeric(g, "rolling_mean_96")[i]!, n96 ? s96 / n96 : NaN));
    }
    // event pressure is where the truth has an event uplift after an event
    const pressured = await db.scalar(`select count(*) from ${demand.table} where event_pressure_after > 0`);
    assert.ok(pressured > 0);
  } finally {
    db.close();
  }
});

Deno.test("leakage: rewriting the future leaves earlier risk and demand features unchanged", async () => {
  const { db } = await setup(8);
  try {
    const { risk, demand } = await buildPricingGold(db);
    const cutoff = await db.scalar(`select quantile_disc(booked_at, 0.5) from bronze_pricing_bookings`);
    const snap = async () => ({
      risk: await db.query(`select booking_id, epoch_ms(booked_at) as t, ${RISK_NUMERIC_FEATURES.join(", ")} from ${risk.table} order by booking_id`),
      demand: await db.query(
        `select bay_id, epoch_ms(bucket_start) as t, ${DEMAND_NUMERIC_FEATURES.join(", ")} from ${demand.table} order by bucket_start, bay_id`,
      ),
    });
    const before = await snap();
    await db.exec(`
      update bronze_pricing_bookings set speed_violations = speed_violations + 5, night_trip = 1 - night_trip,
        distance_km = distance_km * 2 where ended_at >= ${cutoff};
      insert into bronze_pricing_incidents
        select incident_id + 1000000, customer_id, vehicle_id, booking_id, ${cutoff} + 1000, incident_type, cost_eur
        from bronze_pricing_incidents;
      update bronze_pricing_demand set requests = requests + 3 where bucket_start >= ${cutoff};
      update bronze_pricing_weather set rain = 1 - rain, temperature_c = temperature_c + 10 where hour_start >= ${cutoff};
    `);
    await buildPricingGold(db);
    const after = await snap();
    let checked = 0, changedLater = 0;
    for (const [name, feats] of [["risk", RISK_NUMERIC_FEATURES], ["demand", DEMAND_NUMERIC_FEATURES]] as const) {
      const x: Frame = before[name], y: Frame = after[name];
      assert.equal(x.nRows, y.nRows);
      for (let i = 0; i < x.nRows; i++) {
        const early = getNumeric(x, "t")[i]! < cutoff;
        for (const c of feats) {
          const ok = same(getNumeric(x, c)[i]!, getNumeric(y, c)[i]!);
          if (early) assert.ok(ok, `${name} row ${i} at ${getNumeric(x, "t")[i]}: ${c} changed`);
          else if (!ok) changedLater++;
        }
        if (early) checked++;
      }
    }
    assert.ok(checked > 1000 && changedLater > 100, `${checked} early rows, ${changedLater} later changes`);
  } finally {
    db.close();
  }
});

Deno.test("bad input: missing bronze is NotFoundError, unknown model is InputError", async () => {
  const db = await Db.open(":memory:");
  try {
    await assert.rejects(() => buildGold(db), NotFoundError);
    await assert.rejects(() => buildGold(db, "surge" as "risk"), InputError);
  } finally {
    db.close();
  }
});
