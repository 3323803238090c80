import assert from "node:assert/strict";
import { Db, type Frame, getNumeric, isStringColumn } from "../../lib/data/mod.ts";
import { InputError, NotFoundError } from "../../lib/errors.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { framesEqual, writeBronze } from "../common/mod.ts";
import { pricingSimulator } from "./mod.ts";
import {
  buildGold,
  buildPricingGold,
  CONVERSION_MONOTONE_CONSTRAINTS,
  CONVERSION_NUMERIC_FEATURES,
} from "../../lib/domains/pricing/mod.ts";
import { sameValue as same } from "../../lib/domains/testing.ts";
import { EVENT_NIGHT_CITY } from "../../lib/domains/pricing/mod.ts";

const DAY = 86_400_000, Q = 900_000;

// The small event-night city (see _event_night_city.ts), built once for all tests in this file.
const out = pricingSimulator.generate({ seed: 3, ...EVENT_NIGHT_CITY });
const db = await Db.open(":memory:");
await writeBronze(db, "pricing", out);
const gold = await buildPricingGold(db);

const col = (f: Frame, c: string) => getNumeric(f, c);

Deno.test("gold tables: declared columns, one row per key, labels 0/1 or counts", async () => {
  for (const g of Object.values(gold)) {
    const f = await db.query(`select * from ${g.table} limit 1`);
    assert.deepEqual(
      f.names.slice().sort(),
      [...new Set([...g.keys, ...g.features, g.label])].sort(),
      g.table,
    );
    for (const c of g.categorical) assert.ok(isStringColumn(f.columns[c]!), `${g.table}.${c} is categorical`);
  }
  assert.equal(gold.demand.rows, out.meta.sizes.demand_rows);
  assert.equal(gold.conversion.rows, out.meta.sizes.quotes);
  assert.equal(await db.scalar(`select count(*) - count(distinct booking_id) from ${gold.risk.table}`), 0);
  assert.equal(
    await db.scalar(`select count(*) from ${gold.conversion.table} where accepted not in (0, 1)`),
    0,
  );
  assert.equal(
    await db.scalar(`select count(*) from ${gold.risk.table} where incident_next_30d not in (0, 1)`),
    0,
  );
  // monotone constraints name real features of the conversion table
  for (const f of Object.keys(CONVERSION_MONOTONE_CONSTRAINTS)) {
    assert.ok((CONVERSION_NUMERIC_FEATURES as readonly string[]).includes(f), f);
  }
});

Deno.test("same seed → identical gold tables (row order included)", async () => {
  const again = pricingSimulator.generate({ seed: 3, ...EVENT_NIGHT_CITY });
  const db2 = await Db.open(":memory:");
  try {
    await writeBronze(db2, "pricing", again);
    const gold2 = await buildPricingGold(db2);
    for (const m of ["risk", "demand", "conversion"] as const) {
      const a = await db.query(`select * from ${gold[m].table}`),
        b = await db2.query(`select * from ${gold2[m].table}`);
      assert.ok(framesEqual(a, b), `${m} gold differs between two runs of the same seed`);
    }
  } finally {
    db2.close();
  }
});

Deno.test("risk gold: customer and vehicle history and the 30-day label match a brute-force recomputation", async () => {
  const g = await db.query(
    `select booking_id, customer_id, vehicle_id, epoch_ms(booked_at) as t, trips_30d, trips_90d,
            speed_violations_per_trip_30d, speed_violations_per_trip_90d, harsh_braking_per_trip_90d,
            night_driving_pct_30d, weekend_driving_pct_30d, avg_speed_30d, incidents_365d, claim_cost_365d,
            days_since_last_incident, vehicle_age_years, vehicle_trips_30d, vehicle_incidents_365d, rain,
            incident_next_30d
     from ${gold.risk.table} where booking_id % 5 = 0`,
  );
  const b = out.tables.bookings!,
    inc = out.tables.incidents!,
    v = out.tables.vehicles!,
    w = out.tables.weather!;
  const bc = col(b, "customer_id"),
    bv = col(b, "vehicle_id"),
    bs = col(b, "booked_at"),
    be = col(b, "ended_at");
  const bsv = col(b, "speed_violations"),
    bhb = col(b, "harsh_braking"),
    bn = col(b, "night_trip"),
    bsp = col(b, "avg_speed_kmh");
  const ic = col(inc, "customer_id"),
    iv = col(inc, "vehicle_id"),
    it = col(inc, "occurred_at"),
    icost = col(inc, "cost_eur");
  const start = out.meta.startMs!;
  for (let i = 0; i < g.nRows; i++) {
    const c = col(g, "customer_id")[i]!, veh = col(g, "vehicle_id")[i]!, t = col(g, "t")[i]!;
    const s = { n30: 0, n90: 0, sv30: 0, sv90: 0, hb90: 0, night: 0, weekend: 0, speed: 0, vTrips: 0 };
    for (let j = 0; j < b.nRows; j++) {
      if (!(be[j]! < t)) continue; // only trips that ended before the booking
      if (bv[j] === veh && be[j]! >= t - 30 * DAY) s.vTrips++;
      if (bc[j] !== c) continue;
      if (be[j]! >= t - 90 * DAY) (s.n90++, s.sv90 += bsv[j]!, s.hb90 += bhb[j]!);
      if (be[j]! < t - 30 * DAY) continue;
      s.n30++;
      s.sv30 += bsv[j]!;
      s.night += bn[j]!;
      s.speed += bsp[j]!;
      const dow = (Math.floor(bs[j]! / DAY) + 3) % 7; // Monday = 0
      if (dow >= 5) s.weekend++;
    }
    let past = 0, cost = 0, last = -Infinity, future = 0, vPast = 0;
    for (let j = 0; j < inc.nRows; j++) {
      if (iv[j] === veh && it[j]! < t && it[j]! >= t - 365 * DAY) vPast++;
      if (ic[j] !== c) continue;
      if (it[j]! < t) last = Math.max(last, it[j]!);
      if (it[j]! < t && it[j]! >= t - 365 * DAY) (past++, cost += icost[j]!);
      if (it[j]! >= t && it[j]! < t + 30 * DAY) future++;
    }
    const ratio = (a: number, n: number) => (n ? a / n : NaN);
    const expect: Record<string, number> = {
      trips_30d: s.n30,
      trips_90d: s.n90,
      speed_violations_per_trip_30d: ratio(s.sv30, s.n30),
      speed_violations_per_trip_90d: ratio(s.sv90, s.n90),
      harsh_braking_per_trip_90d: ratio(s.hb90, s.n90),
      night_driving_pct_30d: ratio(s.night, s.n30),
      weekend_driving_pct_30d: ratio(s.weekend, s.n30),
      avg_speed_30d: ratio(s.speed, s.n30),
      incidents_365d: past,
      claim_cost_365d: cost,
      days_since_last_incident: last === -Infinity ? NaN : (t - last) / DAY,
      vehicle_age_years: new Date(t).getUTCFullYear() - col(v, "model_year")[veh]!,
      vehicle_trips_30d: s.vTrips,
      vehicle_incidents_365d: vPast,
      rain: col(w, "rain")[Math.floor((t - start) / 3_600_000)]!,
      incident_next_30d: future > 0 ? 1 : 0,
    };
    for (const [name, value] of Object.entries(expect)) {
      assert.ok(
        same(col(g, name)[i]!, value),
        `booking ${col(g, "booking_id")[i]} ${name}: ${col(g, name)[i]} vs ${value}`,
      );
    }
  }
  assert.ok(g.nRows > 50);
  // bookings whose label window passes the end of the data are censored
  const end = out.meta.endMs!;
  assert.equal(
    await db.scalar(
      `select count(*) from ${gold.risk.table} where epoch_ms(booked_at) + ${30 * DAY} > ${end}`,
    ),
    0,
  );
  assert.ok(gold.risk.rows > 0 && gold.risk.rows < out.meta.sizes.bookings!);
});

Deno.test("demand gold: lags, rolling means, trend and event features match earlier buckets and the events", async () => {
  const g = await db.query(
    `select bay_id, epoch_ms(bucket_start) as t, lag_1, lag_4, lag_96, lag_672, rolling_mean_4, rolling_mean_96,
            rolling_mean_672, demand_trend_7d, bookings_lag_1, requests, event_within_2km, event_pressure_after,
            event_pressure_before
     from ${gold.demand.table} order by bucket_start, bay_id`,
  );
  const d = out.tables.demand!, nb = out.meta.sizes.bays!, start = out.meta.startMs!;
  const at = (name: string, bay: number, t: number) => {
    const k = (t - start) / Q;
    return k < 0 ? NaN : col(d, name)[k * nb + bay]!;
  };
  const mean = (bay: number, t: number, from: number, to: number) => {
    let s = 0, n = 0;
    for (let k = from; k <= to; k++) {
      const c = at("requests", bay, t - k * Q);
      if (!Number.isNaN(c)) (s += c), n++;
    }
    return n ? s / n : NaN;
  };
  for (let i = 0; i < g.nRows; i += 29) {
    const bay = col(g, "bay_id")[i]!, t = col(g, "t")[i]!;
    assert.equal(col(g, "requests")[i], at("requests", bay, t));
    const expect: Record<string, number> = {
      lag_1: at("requests", bay, t - Q),
      lag_4: at("requests", bay, t - 4 * Q),
      lag_96: at("requests", bay, t - 96 * Q),
      lag_672: at("requests", bay, t - 672 * Q),
      rolling_mean_4: mean(bay, t, 1, 4),
      rolling_mean_96: mean(bay, t, 1, 96),
      rolling_mean_672: mean(bay, t, 1, 672),
      demand_trend_7d: mean(bay, t, 1, 672) - mean(bay, t, 673, 1344),
      bookings_lag_1: at("bookings", bay, t - Q),
    };
    for (const [name, value] of Object.entries(expect)) {
      assert.ok(same(col(g, name)[i]!, value), `bay ${bay} at ${t}: ${name} ${col(g, name)[i]} vs ${value}`);
    }
  }
  // the event features see exactly the buckets where the simulator's event kernel lifts demand
  // (pressure) and the running events themselves (within 2 km): kernel > 1 ⇔ pressure > 0
  const ef = col(out.truth.demand_truth!, "event_factor");
  let lifted = 0, single = 0, exact = 0;
  for (let i = 0; i < g.nRows; i++) {
    const after = col(g, "event_pressure_after")[i]!, before = col(g, "event_pressure_before")[i]!;
    assert.equal(ef[i]! > 1, after + before > 0, `row ${i}`);
    if (ef[i]! > 1) {
      lifted++;
      assert.equal(col(g, "event_within_2km")[i], 1);
      // one event at a time: the kernel is 1 + 2·pressure after, 1 + pressure before
      if (before === 0) (single++, exact += Math.abs(ef[i]! - (1 + 2 * after)) < 1e-9 ? 1 : 0);
    }
  }
  assert.ok(lifted > 100 && exact > 0.9 * single, `${lifted} lifted rows, ${exact}/${single} exact`);
});

Deno.test("conversion gold: prices, customer quote history and bay lags match a brute-force recomputation", async () => {
  const g = await db.query(
    `select quote_id, customer_id, bay_id, epoch_ms(quoted_at) as t, price_ratio, customer_quotes_30d,
            customer_booking_rate_30d, bay_requests_lag_1, bay_requests_lag_96, event_within_2km
     from ${gold.conversion.table} where quote_id % 7 = 0`,
  );
  const q = out.tables.quotes!, d = out.tables.demand!, v = out.tables.vehicles!;
  const qc = col(q, "customer_id"), qt = col(q, "quoted_at"), qa = col(q, "accepted");
  const nb = out.meta.sizes.bays!, start = out.meta.startMs!;
  const dem = await db.query(
    `select bay_id, epoch_ms(bucket_start) as t, event_within_2km from ${gold.demand.table}`,
  );
  const demEvent = new Map<string, number>();
  for (let i = 0; i < dem.nRows; i++) {
    demEvent.set(`${col(dem, "bay_id")[i]}/${col(dem, "t")[i]}`, col(dem, "event_within_2km")[i]!);
  }
  for (let i = 0; i < g.nRows; i++) {
    const id = col(g, "quote_id")[i]!,
      c = col(g, "customer_id")[i]!,
      t = col(g, "t")[i]!,
      bay = col(g, "bay_id")[i]!;
    let n = 0, a = 0;
    for (let j = 0; j < q.nRows; j++) {
      if (qc[j] === c && qt[j]! < t && qt[j]! >= t - 30 * DAY) (n++, a += qa[j]!);
    }
    const bucket = Math.floor((t - start) / Q);
    const lag = (k: number) => (bucket - k < 0 ? NaN : col(d, "requests")[(bucket - k) * nb + bay]!);
    const expect: Record<string, number> = {
      price_ratio: col(q, "price_per_min")[id]! / col(v, "base_price_per_min")[col(q, "vehicle_id")[id]!]!,
      customer_quotes_30d: n,
      customer_booking_rate_30d: n ? a / n : NaN,
      bay_requests_lag_1: lag(1),
      bay_requests_lag_96: lag(96),
      event_within_2km: demEvent.get(`${bay}/${start + bucket * Q}`)!,
    };
    for (const [name, value] of Object.entries(expect)) {
      assert.ok(same(col(g, name)[i]!, value), `quote ${id} ${name}: ${col(g, name)[i]} vs ${value}`);
    }
  }
  assert.ok(g.nRows > 200);
});

Deno.test("conversion history: quotes at the same instant are not counted, the 30-day boundary is", async () => {
  const small = pricingSimulator.generate({ seed: 8, scale: "tiny", bays: 2, customers: 40, days: 40 });
  const db2 = await Db.open(":memory:");
  try {
    await writeBronze(db2, "pricing", small);
    const T = small.meta.startMs! + 35 * DAY + 7 * 3_600_000 + 123;
    // Customer 3 gets two quotes at T, one exactly 30 days before (inside) and one 1 ms earlier (outside).
    const base = 10_000_000;
    const add = (id: number, t: number, accepted: number) =>
      `insert into bronze_pricing_quotes select ${id}, 3, vehicle_id, bay_id, ${t}, surge_factor, price_per_min,
         ${accepted} from bronze_pricing_quotes where quote_id = 0;`;
    await db2.exec(
      add(base, T, 0) + add(base + 1, T, 1) + add(base + 2, T - 30 * DAY, 1) +
        add(base + 3, T - 30 * DAY - 1, 1),
    );
    await buildGold(db2, "conversion");
    const q = await db2.query(`select customer_id, quoted_at, accepted from bronze_pricing_quotes`);
    const qc = col(q, "customer_id"), qt = col(q, "quoted_at"), qa = col(q, "accepted");
    let n = 0, a = 0, boundary = 0;
    for (let j = 0; j < q.nRows; j++) {
      if (qc[j] !== 3 || !(qt[j]! < T && qt[j]! >= T - 30 * DAY)) continue;
      n++;
      a += qa[j]!;
      if (qt[j] === T - 30 * DAY) boundary++;
    }
    assert.equal(boundary, 1);
    const g = await db2.query(
      `select quote_id, customer_quotes_30d, customer_booking_rate_30d from gold_pricing_conversion
       where quote_id in (${base}, ${base + 1}) order by quote_id`,
    );
    assert.deepEqual(Array.from(col(g, "customer_quotes_30d")), [n, n]);
    for (const r of col(g, "customer_booking_rate_30d")) assert.ok(same(r, a / n), `rate ${r} vs ${a / n}`);
  } finally {
    db2.close();
  }
});

Deno.test("demand gold with gaps and duplicate rows in bronze: lags are by time, not by row", async () => {
  const small = pricingSimulator.generate({ seed: 5, scale: "tiny", bays: 2, customers: 50, days: 9 });
  const db2 = await Db.open(":memory:");
  try {
    await writeBronze(db2, "pricing", small);
    const start = small.meta.startMs!;
    // drop bay 1's buckets 100–109, duplicate bay 0's bucket 50 with a different count
    await db2.exec(`
      delete from bronze_pricing_demand where bay_id = 1 and bucket_start between ${start + 100 * Q} and ${
      start + 109 * Q
    };
      insert into bronze_pricing_demand select bay_id, bucket_start, requests - 1, bookings from bronze_pricing_demand
        where bay_id = 0 and bucket_start = ${start + 50 * Q};`);
    const g = await buildGold(db2, "demand");
    assert.equal(g.rows, small.meta.sizes.demand_rows! - 10);
    const f = await db2.query(
      `select bay_id, (epoch_ms(bucket_start) - ${start}) // ${Q} as k, lag_1, lag_96, rolling_mean_4,
                                      rolling_mean_96 from ${g.table} order by bay_id, k`,
    );
    const raw = await db2.query(`select bay_id, (bucket_start - ${start}) // ${Q} as k, max(requests) as r
                                 from bronze_pricing_demand group by all`);
    const count = new Map<string, number>();
    for (let i = 0; i < raw.nRows; i++) {
      count.set(`${col(raw, "bay_id")[i]}/${col(raw, "k")[i]}`, col(raw, "r")[i]!);
    }
    const c = (bay: number, k: number) => count.get(`${bay}/${k}`) ?? NaN;
    const mean = (bay: number, k: number, w: number) => {
      let s = 0, n = 0;
      for (let j = k - w; j < k; j++) if (!Number.isNaN(c(bay, j))) (s += c(bay, j)), n++;
      return n ? s / n : NaN;
    };
    let checked = 0;
    for (let i = 0; i < f.nRows; i++) {
      const bay = col(f, "bay_id")[i]!, k = col(f, "k")[i]!;
      if (!((k >= 95 && k <= 215) || (k >= 45 && k <= 60))) continue;
      checked++;
      assert.ok(same(col(f, "lag_1")[i]!, c(bay, k - 1)), `bay ${bay} bucket ${k} lag_1`);
      assert.ok(same(col(f, "lag_96")[i]!, c(bay, k - 96)), `bay ${bay} bucket ${k} lag_96`);
      assert.ok(same(col(f, "rolling_mean_4")[i]!, mean(bay, k, 4)), `bay ${bay} bucket ${k} rolling_mean_4`);
      assert.ok(
        same(col(f, "rolling_mean_96")[i]!, mean(bay, k, 96)),
        `bay ${bay} bucket ${k} rolling_mean_96`,
      );
    }
    assert.ok(checked > 200);
    // the row right after the gap has no lag_1; the duplicate was resolved to the larger count
    assert.equal(
      await db2.scalar(`select count(*) from ${g.table} where bay_id = 1 and lag_1 is null
                                   and bucket_start = epoch_ms(${start + 110 * Q})`),
      1,
    );
  } finally {
    db2.close();
  }
});

Deno.test("bad input: missing bronze is NotFoundError, unknown model is InputError naming the models", async () => {
  const empty = await Db.open(":memory:");
  try {
    await assert.rejects(() => buildGold(empty), NotFoundError);
    await assert.rejects(
      () => buildGold(empty, "surge" as "risk"),
      (e: unknown) =>
        e instanceof InputError && e.field === "model" && /"risk", "demand", "conversion"/.test(e.message),
    );
    await assert.rejects(() => buildPricingGold(empty, ["risk", "nope" as "risk"]), InputError);
  } finally {
    empty.close();
  }
});

Deno.test("close the shared database", () => db.close());
