import assert from "node:assert/strict";
import { getNumeric } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
import { differingTables, framesEqual, validateGraph } from "../common/mod.ts";
import { pricingSimulator } from "./mod.ts";

const tiny = pricingSimulator.generate({ seed: 4, scale: "tiny" });

Deno.test("same seed → identical tables and truth; different seed → different", () => {
  assert.deepEqual(differingTables(tiny, pricingSimulator.generate({ seed: 4, scale: "tiny" })), []);
  const other = pricingSimulator.generate({ seed: 5, scale: "tiny" });
  assert.ok(!framesEqual(tiny.tables.demand!, other.tables.demand!));
  assert.ok(!framesEqual(tiny.tables.bookings!, other.tables.bookings!));
});

Deno.test("schemas and sizes are as declared", () => {
  const cols = (t: string) => tiny.tables[t]!.names.join(",");
  assert.equal(cols("demand"), "bay_id,bucket_start,requests");
  assert.equal(cols("customers"), "customer_id,age,license_years,prior_incidents_3y,signup_at,membership");
  assert.equal(cols("bays"), "bay_id,zone,lat,lon,capacity");
  assert.equal(
    cols("bookings"),
    "booking_id,customer_id,vehicle_id,bay_id,booked_at,ended_at,distance_km,avg_speed_kmh,speed_violations,harsh_braking,night_trip",
  );
  assert.equal(cols("incidents"), "incident_id,customer_id,booking_id,occurred_at,incident_type,cost_eur");
  assert.equal(cols("events"), "event_id,category,venue_lat,venue_lon,start_at,end_at,expected_attendance");
  const { bays, days } = tiny.meta.sizes;
  assert.equal(tiny.tables.demand!.nRows, bays! * days! * 96);
  // every request is a booking
  const req = getNumeric(tiny.tables.demand!, "requests");
  let total = 0;
  for (const r of req) total += r;
  assert.equal(total, tiny.tables.bookings!.nRows);
  validateGraph(pricingSimulator.graph);
});

Deno.test("demand counts follow their Poisson rates (Σ count within 4·sqrt(Σ rate))", () => {
  const req = getNumeric(tiny.tables.demand!, "requests"), rate = getNumeric(tiny.truth.demand_truth!, "rate");
  let c = 0, r = 0;
  for (let i = 0; i < req.length; i++) {
    c += req[i]!;
    r += rate[i]!;
  }
  assert.ok(Math.abs(c - r) < 4 * Math.sqrt(r), `${c} vs ${r}`);
});

Deno.test("rain raises demand ×1.25: Mantel–Haenszel rate ratio on observed counts, strata bay × hour × day", () => {
  // Observed data only: weather table + demand counts. Strata remove the calendar and bay effects;
  // event-affected buckets are dropped using the public events table (±4 h around any event).
  const d = tiny.tables.demand!, w = tiny.tables.weather!, ev = tiny.tables.events!;
  const bay = getNumeric(d, "bay_id"), at = getNumeric(d, "bucket_start"), req = getNumeric(d, "requests");
  const rain = getNumeric(w, "rain"), start = tiny.meta.startMs!;
  const evS = getNumeric(ev, "start_at"), evE = getNumeric(ev, "end_at");
  const hol = new Set(Array.from(getNumeric(tiny.tables.holidays!, "day")));
  const strata = new Map<number, { cw: number; nw: number; cd: number; nd: number }>();
  for (let i = 0; i < req.length; i++) {
    const t = at[i]!;
    const dayStart = t - ((t - start) % 86_400_000);
    if (hol.has(dayStart)) continue;
    let nearEvent = false;
    for (let e = 0; e < evS.length; e++) if (t > evS[e]! - 4 * 3_600_000 && t < evE[e]! + 4 * 3_600_000) nearEvent = true;
    if (nearEvent) continue;
    const h = Math.floor((t - start) / 3_600_000);
    const key = (bay[i]! * 24 + (h % 24)) * 7 + (Math.floor(h / 24) % 7);
    const s = strata.get(key) ?? { cw: 0, nw: 0, cd: 0, nd: 0 };
    if (rain[h] === 1) {
      s.cw += req[i]!;
      s.nw++;
    } else {
      s.cd += req[i]!;
      s.nd++;
    }
    strata.set(key, s);
  }
  let num = 0, den = 0, cw = 0, cd = 0;
  for (const s of strata.values()) {
    const n = s.nw + s.nd;
    num += s.cw * s.nd / n;
    den += s.cd * s.nw / n;
    cw += s.cw;
    cd += s.cd;
  }
  const rr = num / den;
  // SE of log RR ≈ sqrt(1/Σ wet counts + 1/Σ dry counts) (Poisson counts); tolerance 4 SE
  const seLog = Math.sqrt(1 / cw + 1 / cd);
  assert.ok(Math.abs(Math.log(rr) - Math.log(1.25)) < 4 * seLog, `rate ratio ${rr.toFixed(3)}, se(log) ${seLog.toFixed(3)}`);
  assert.ok(seLog < 0.06, `too noisy: ${seLog}`);
});

Deno.test("event_night scenario: demand after events rises as declared; holiday scenario has a holiday week", () => {
  const out = pricingSimulator.generate({ seed: 2, scale: "tiny", scenario: "event_night", customers: 50 });
  const req = getNumeric(out.tables.demand!, "requests"), rate = getNumeric(out.truth.demand_truth!, "rate");
  const ef = getNumeric(out.truth.demand_truth!, "event_factor");
  let c = 0, without = 0, r = 0, n = 0;
  for (let i = 0; i < req.length; i++) {
    if (ef[i]! <= 1) continue;
    c += req[i]!;
    without += rate[i]! / ef[i]!;
    r += rate[i]!;
    n++;
  }
  assert.ok(n > 100 && r / without > 1.3, `declared uplift ${r / without} over ${n} buckets`);
  // observed uplift matches the declared one: Σc / Σ(rate without event) vs Σrate / Σ(rate without event)
  assert.ok(Math.abs(c - r) < 4 * Math.sqrt(r), `${c} requests vs expected ${r}`);
  assert.ok(c / without > 1.2);
  const hol = pricingSimulator.generate({ seed: 2, scale: "tiny", scenario: "holiday", customers: 50 });
  assert.ok(hol.tables.holidays!.nRows >= 5);
});

Deno.test("incidents follow the trip probabilities; night trips are riskier", () => {
  const b = tiny.tables.bookings!, p = getNumeric(tiny.truth.booking_truth!, "p_incident");
  const night = getNumeric(b, "night_trip");
  const hit = new Uint8Array(b.nRows);
  for (const id of getNumeric(tiny.tables.incidents!, "booking_id")) hit[id] = 1;
  const agg = [{ c: 0, p: 0, v: 0, n: 0 }, { c: 0, p: 0, v: 0, n: 0 }];
  for (let i = 0; i < b.nRows; i++) {
    const a = agg[night[i]!]!;
    a.c += hit[i]!;
    a.p += p[i]!;
    a.v += p[i]! * (1 - p[i]!);
    a.n++;
  }
  for (const a of agg) assert.ok(Math.abs(a.c - a.p) < 4 * Math.sqrt(a.v), `${a.c} incidents vs ${a.p} expected`);
  assert.ok(agg[1]!.p / agg[1]!.n > 2 * agg[0]!.p / agg[0]!.n, "night trips should carry more than twice the risk");
  // incidents are listed in time order
  const at = getNumeric(tiny.tables.incidents!, "occurred_at");
  for (let i = 1; i < at.length; i++) assert.ok(at[i]! >= at[i - 1]!);
});

Deno.test("bad input: unknown scenario or scale, non-positive sizes", () => {
  assert.throws(() => pricingSimulator.generate({ seed: 1, scale: "tiny", scenario: "blizzard" }), (e: unknown) =>
    e instanceof InputError && /"normal", "event_night", "holiday"/.test(e.message));
  assert.throws(() => pricingSimulator.generate({ seed: 1, scale: "xl" as "tiny" }), InputError);
  assert.throws(() => pricingSimulator.generate({ seed: 1, scale: "tiny", bays: 0 }), InputError);
  assert.throws(() => pricingSimulator.generate({ seed: 1, scale: "tiny", days: -3 }), InputError);
});
