import assert from "node:assert/strict";
import { type Frame, getNumeric, isStringColumn } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
import { differingTables, framesEqual, validateGraph } from "../common/mod.ts";
import { fitLogit, fitOls } from "../common/testing.ts";
import { assertRecovered } from "../common/testing.ts";
import {
  calendarFactor,
  eventFactor,
  haversineKm,
  HOURLY_WEEKDAY,
  HOURLY_WEEKEND,
  PRICING_EFFECTS as E,
  PRICING_GRAPH,
  pricingSimulator,
  SIM_YEAR,
  WEEKDAY_FACTOR,
  ZONE_BASE,
} from "./mod.ts";

const HOUR = 3_600_000, DAY = 86_400_000;
const tiny = pricingSimulator.generate({ seed: 4, scale: "tiny" });
// A busier tiny city for the logistic fits (~60k quotes, ~45k trips; well under a second).
const busy = pricingSimulator.generate({ seed: 21, scale: "tiny", customers: 3_000, bays: 30 });
const num = (f: Frame | undefined, c: string) => getNumeric(f!, c);
/** |estimate − declared| within 4 standard errors, with a readable message. */
function near(estimate: number, declared: number, se: number, what: string): void {
  if (Deno.env.get("PRICING_SHOW")) {
    console.log(`${what}: ${estimate.toFixed(3)} ± ${se.toFixed(3)} (declared ${declared.toFixed(3)})`);
  }
  assertRecovered(what, estimate, se, declared);
}

Deno.test("same seed → identical tables and truth; different seed → different", () => {
  assert.deepEqual(differingTables(tiny, pricingSimulator.generate({ seed: 4, scale: "tiny" })), []);
  const other = pricingSimulator.generate({ seed: 5, scale: "tiny" });
  for (const t of ["demand", "quotes", "bookings", "customers"]) {
    assert.ok(!framesEqual(tiny.tables[t]!, other.tables[t]!), t);
  }
});

Deno.test("schemas and sizes are as declared; quotes, bookings and demand agree", () => {
  const cols = (t: string) => tiny.tables[t]!.names.join(",");
  assert.equal(cols("demand"), "bay_id,bucket_start,requests,bookings");
  assert.equal(cols("customers"), "customer_id,age,license_years,prior_incidents_3y,signup_at,membership");
  assert.equal(cols("vehicles"), "vehicle_id,vehicle_type,home_bay_id,base_price_per_min,model_year");
  assert.equal(cols("bays"), "bay_id,zone,lat,lon,capacity,poi_density,transit_score");
  assert.equal(cols("weather"), "hour_start,rain,rain_mm,temperature_c");
  assert.equal(
    cols("quotes"),
    "quote_id,customer_id,vehicle_id,bay_id,quoted_at,surge_factor,price_per_min,accepted",
  );
  assert.equal(
    cols("bookings"),
    "booking_id,quote_id,customer_id,vehicle_id,bay_id,booked_at,ended_at,price_per_min,distance_km,avg_speed_kmh,speed_violations,harsh_braking,night_trip",
  );
  assert.equal(
    cols("incidents"),
    "incident_id,customer_id,vehicle_id,booking_id,occurred_at,incident_type,cost_eur",
  );
  assert.equal(cols("events"), "event_id,category,venue_lat,venue_lon,start_at,end_at,expected_attendance");
  assert.equal(cols("holidays"), "day");
  assert.equal(tiny.truth.booking_truth!.names.join(","), "booking_id,p_incident,p_incident_30d");
  assert.equal(
    tiny.truth.demand_truth!.names.join(","),
    "bay_id,bucket_start,rate,calendar_factor,event_factor",
  );
  const { bays, days, quotes, bookings } = tiny.meta.sizes;
  assert.equal(tiny.tables.demand!.nRows, bays! * days! * 96);
  const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);
  assert.equal(sum(num(tiny.tables.demand, "requests")), quotes);
  assert.equal(sum(num(tiny.tables.demand, "bookings")), bookings);
  assert.equal(sum(num(tiny.tables.quotes, "accepted")), bookings);
  assert.equal(tiny.truth.quote_truth!.nRows, quotes);
  // each booking is its accepted quote: same customer, vehicle, bay, price; starts at the quote time
  const qb = tiny.tables.quotes!, bk = tiny.tables.bookings!;
  for (let i = 0; i < bk.nRows; i++) {
    const q = num(bk, "quote_id")[i]!;
    assert.equal(num(qb, "accepted")[q], 1);
    for (const c of ["customer_id", "vehicle_id", "bay_id", "price_per_min"]) {
      assert.equal(num(bk, c)[i], num(qb, c)[q]);
    }
    assert.equal(num(bk, "booked_at")[i], num(qb, "quoted_at")[q]);
  }
  // surge within the spec's [1, 3]; price = base × surge × jitter with |ln jitter| ≤ 0.2 (plus rounding)
  const base = num(tiny.tables.vehicles, "base_price_per_min");
  for (let i = 0; i < qb.nRows; i++) {
    const s = num(qb, "surge_factor")[i]!,
      p = num(qb, "price_per_min")[i]!,
      b = base[num(qb, "vehicle_id")[i]!]!;
    assert.ok(s >= 1 && s <= 3);
    assert.ok(Math.abs(Math.log(p / (b * s))) <= E.priceJitter + 0.01);
  }
  // p(incident in 30 d) is at least the trip's own probability
  const p = num(tiny.truth.booking_truth, "p_incident"),
    p30 = num(tiny.truth.booking_truth, "p_incident_30d");
  for (let i = 0; i < p.length; i++) assert.ok(p30[i]! >= p[i]! - 1e-15 && p30[i]! < 1);
  validateGraph(PRICING_GRAPH);
  // every numeric effect size in the graph is one of the declared constants
  const declared = new Set<number>(Object.values(E));
  for (const e of PRICING_GRAPH.edges) {
    if (e.size !== undefined) assert.ok(declared.has(e.size), `${e.from}→${e.to}`);
  }
});

Deno.test("demand counts follow their Poisson rates (Σ count within 4·sqrt(Σ rate))", () => {
  const req = num(tiny.tables.demand, "requests"), rate = num(tiny.truth.demand_truth, "rate");
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
  const bay = num(d, "bay_id"), at = num(d, "bucket_start"), req = num(d, "requests");
  const rain = num(w, "rain"), start = tiny.meta.startMs!;
  const evS = num(ev, "start_at"), evE = num(ev, "end_at");
  const hol = new Set(Array.from(num(tiny.tables.holidays, "day")));
  const strata = new Map<number, { cw: number; nw: number; cd: number; nd: number }>();
  for (let i = 0; i < req.length; i++) {
    const t = at[i]!;
    if (hol.has(t - ((t - start) % DAY))) continue;
    let nearEvent = false;
    for (let e = 0; e < evS.length; e++) {
      if (t > evS[e]! - 4 * HOUR && t < evE[e]! + 4 * HOUR) nearEvent = true;
    }
    if (nearEvent) continue;
    const h = Math.floor((t - start) / HOUR);
    const key = (bay[i]! * 24 + (h % 24)) * 7 + (Math.floor(h / 24) % 7);
    const s = strata.get(key) ?? { cw: 0, nw: 0, cd: 0, nd: 0 };
    if (rain[h] === 1) (s.cw += req[i]!), s.nw++;
    else (s.cd += req[i]!), s.nd++;
    strata.set(key, s);
  }
  let numer = 0, denom = 0, cw = 0, cd = 0;
  for (const s of strata.values()) {
    const n = s.nw + s.nd;
    numer += s.cw * s.nd / n;
    denom += s.cd * s.nw / n;
    cw += s.cw;
    cd += s.cd;
  }
  // SE of log RR ≈ sqrt(1/Σ wet counts + 1/Σ dry counts) (Poisson counts)
  const seLog = Math.sqrt(1 / cw + 1 / cd);
  near(Math.log(numer / denom), Math.log(E.rainDemand), seLog, "log rain rate ratio");
  assert.ok(seLog < 0.06, `too noisy: ${seLog}`);
});

Deno.test("daily and weekly seasonality: observed counts follow the declared profiles (χ² goodness of fit)", () => {
  // Dry, non-holiday hours at least 4 h away from any event: E[count] ∝ hourly(h, weekend) × weekday(dow)
  // summed over bays (bay bases are a common factor). Cells: hour × {weekday, weekend}, and day of week.
  const d = tiny.tables.demand!, ev = tiny.tables.events!, start = tiny.meta.startMs!;
  const at = num(d, "bucket_start"), req = num(d, "requests"), rain = num(tiny.tables.weather, "rain");
  const evS = num(ev, "start_at"), evE = num(ev, "end_at");
  const hol = new Set(Array.from(num(tiny.tables.holidays, "day")));
  const profile = (h: number, dow: number, flatDay: boolean, flatWeek: boolean) =>
    (flatDay ? 1 : (dow >= 5 ? HOURLY_WEEKEND : HOURLY_WEEKDAY)[h]!) * (flatWeek ? 1 : WEEKDAY_FACTOR[dow]!);
  const chi2 = (
    cellOf: (h: number, dow: number) => number,
    nCells: number,
    flatDay: boolean,
    flatWeek: boolean,
  ) => {
    const obs = new Float64Array(nCells), weight = new Float64Array(nCells);
    for (let i = 0; i < req.length; i++) {
      const t = at[i]!, hIdx = Math.floor((t - start) / HOUR);
      if (rain[hIdx] === 1 || hol.has(t - ((t - start) % DAY))) continue;
      let nearEvent = false;
      for (let e = 0; e < evS.length; e++) {
        if (t > evS[e]! - 4 * HOUR && t < evE[e]! + 4 * HOUR) nearEvent = true;
      }
      if (nearEvent) continue;
      const h = hIdx % 24, dow = Math.floor(hIdx / 24) % 7, c = cellOf(h, dow);
      obs[c]! += req[i]!;
      weight[c]! += profile(h, dow, flatDay, flatWeek);
    }
    const k = obs.reduce((a, b) => a + b, 0) / weight.reduce((a, b) => a + b, 0);
    let x2 = 0;
    for (let c = 0; c < nCells; c++) x2 += (obs[c]! - k * weight[c]!) ** 2 / (k * weight[c]!);
    return x2;
  };
  // χ² with df = cells − 1; accept below df + 4·sqrt(2·df)
  const limit = (df: number) => df + 4 * Math.sqrt(2 * df);
  const daily = (h: number, dow: number) => h + (dow >= 5 ? 24 : 0),
    weekly = (_h: number, dow: number) => dow;
  if (Deno.env.get("PRICING_SHOW")) {
    console.log(
      `χ² daily ${chi2(daily, 48, false, false).toFixed(1)} (flat ${
        chi2(daily, 48, true, false).toFixed(0)
      }),` +
        ` weekly ${chi2(weekly, 7, false, false).toFixed(1)} (flat ${
          chi2(weekly, 7, false, true).toFixed(1)
        })`,
    );
  }
  assert.ok(chi2(daily, 48, false, false) < limit(47), `daily χ² ${chi2(daily, 48, false, false)}`);
  assert.ok(chi2(weekly, 7, false, false) < limit(6), `weekly χ² ${chi2(weekly, 7, false, false)}`);
  // negative controls: without the declared profile the same data fit badly
  assert.ok(chi2(daily, 48, true, false) > 10 * limit(47));
  assert.ok(
    chi2(weekly, 7, false, true) > limit(6),
    `weekly χ² without weekday factors ${chi2(weekly, 7, false, true)}`,
  );
});

Deno.test("event_night: adds one big evening event a day and multiplies nearby demand by the declared kernel", () => {
  const normal = pricingSimulator.generate({ seed: 2, scale: "tiny", customers: 50 });
  const night = pricingSimulator.generate({ seed: 2, scale: "tiny", scenario: "event_night", customers: 50 });
  const evN = normal.tables.events!, evE = night.tables.events!;
  assert.equal(evE.nRows, evN.nRows + normal.meta.sizes.days!);
  // the normal events are kept; the extra ones are 19:00–22:00 with ≥ 20k attendance
  const key = (f: Frame, i: number) =>
    `${num(f, "start_at")[i]}/${num(f, "venue_lat")[i]}/${num(f, "expected_attendance")[i]}`;
  const normalKeys = new Set(Array.from({ length: evN.nRows }, (_, i) => key(evN, i)));
  const extra: number[] = [];
  for (let i = 0; i < evE.nRows; i++) if (!normalKeys.has(key(evE, i))) extra.push(i);
  assert.equal(extra.length, normal.meta.sizes.days);
  for (const i of extra) {
    assert.equal((num(evE, "start_at")[i]! % DAY) / HOUR, 19);
    assert.equal(num(evE, "end_at")[i]! - num(evE, "start_at")[i]!, 3 * HOUR);
    assert.ok(num(evE, "expected_attendance")[i]! >= 20_000);
  }
  // declared extra multiplier per bay and bucket, from the observed events and bays tables
  const bays = night.tables.bays!, d = night.tables.demand!;
  const bay = num(d, "bay_id"), at = num(d, "bucket_start");
  const cE = num(d, "requests"),
    cN = num(normal.tables.demand, "requests"),
    rateN = num(normal.truth.demand_truth, "rate");
  let sumE = 0, sumN = 0, wRate = 0, rate = 0, rows = 0;
  for (let r = 0; r < d.nRows; r++) {
    let m = 1;
    for (const i of extra) {
      const km = haversineKm(
        num(bays, "lat")[bay[r]!]!,
        num(bays, "lon")[bay[r]!]!,
        num(evE, "venue_lat")[i]!,
        num(evE, "venue_lon")[i]!,
      );
      m *= eventFactor(
        km,
        num(evE, "expected_attendance")[i]!,
        num(evE, "start_at")[i]! - at[r]!,
        at[r]! - num(evE, "end_at")[i]!,
      );
    }
    if (m <= 1) continue;
    rows++;
    sumE += cE[r]!;
    sumN += cN[r]!;
    wRate += rateN[r]! * m;
    rate += rateN[r]!;
  }
  const declared = wRate / rate;
  assert.ok(rows > 200 && declared > 1.5, `declared uplift ${declared} over ${rows} buckets`);
  near(
    Math.log(sumE / sumN),
    Math.log(declared),
    Math.sqrt(1 / sumE + 1 / sumN),
    "log event-night demand ratio",
  );
  // and nothing changes where no extra event reaches
  assert.deepEqual(
    Array.from(num(night.tables.weather, "rain")),
    Array.from(num(normal.tables.weather, "rain")),
  );
});

Deno.test("holiday scenario: a five-day holiday run whose demand moves by the declared calendar ratio", () => {
  const normal = pricingSimulator.generate({ seed: 6, scale: "tiny", customers: 50 });
  const hol = pricingSimulator.generate({ seed: 6, scale: "tiny", scenario: "holiday", customers: 50 });
  const start = hol.meta.startMs!;
  const days = (o: typeof hol) =>
    new Set(Array.from(num(o.tables.holidays, "day"), (t) => Math.round((t - start) / DAY)));
  const dH = days(hol), dN = days(normal);
  let run = 0, longest = 0;
  for (let d = 0; d < hol.meta.sizes.days!; d++) longest = Math.max(longest, run = dH.has(d) ? run + 1 : 0);
  assert.ok(longest >= 5, `longest holiday run ${longest}`);
  const newDays = [...dH].filter((d) => !dN.has(d));
  const rain = num(hol.tables.weather, "rain"), d = hol.tables.demand!;
  const at = num(d, "bucket_start"), cH = num(d, "requests"), cN = num(normal.tables.demand, "requests");
  const rateN = num(normal.truth.demand_truth, "rate");
  let sumH = 0, sumN = 0, expH = 0, expN = 0;
  for (let r = 0; r < d.nRows; r++) {
    const day = Math.floor((at[r]! - start) / DAY);
    if (!newDays.includes(day)) continue;
    const hour = Math.floor((at[r]! - start - day * DAY) / HOUR), raining = rain[day * 24 + hour] === 1;
    const ratio = calendarFactor(hour, day % 7, raining, true) /
      calendarFactor(hour, day % 7, raining, false);
    sumH += cH[r]!;
    sumN += cN[r]!;
    expH += rateN[r]! * ratio;
    expN += rateN[r]!;
  }
  assert.ok(newDays.length >= 3 && sumN > 500);
  near(
    Math.log(sumH / sumN),
    Math.log(expH / expN),
    Math.sqrt(1 / sumH + 1 / sumN),
    "log holiday demand ratio",
  );
});

Deno.test("bay demand rises with POI density (elasticity 0.6) and transit access (×(1 + 0.4·score))", () => {
  const out = pricingSimulator.generate({
    seed: 12,
    scale: "tiny",
    bays: 150,
    days: 14,
    customers: 100,
    vehicles: 50,
  });
  const b = out.tables.bays!, d = out.tables.demand!, ef = num(out.truth.demand_truth, "event_factor");
  const zone = b.columns.zone!;
  if (!isStringColumn(zone)) throw new Error("zone is a string column");
  const total = new Float64Array(b.nRows), n = new Float64Array(b.nRows);
  for (let r = 0; r < d.nRows; r++) {
    if (ef[r] !== 1) continue; // event buckets would add bay-specific noise
    total[num(d, "bay_id")[r]!]! += num(d, "requests")[r]!;
    n[num(d, "bay_id")[r]!]!++;
  }
  const x: Float64Array[] = [], y: number[] = [];
  for (let i = 0; i < b.nRows; i++) {
    x.push(
      Float64Array.of(
        1,
        Math.log(num(b, "poi_density")[i]! / E.poiRef),
        Math.log(1 + E.transitDemand * num(b, "transit_score")[i]!),
      ),
    );
    y.push(Math.log(total[i]! / n[i]! / ZONE_BASE[zone.codes[i]!]!));
  }
  const fit = fitOls(x, y);
  near(fit.coef[1]!, E.poiElasticity, fit.se[1]!, "POI elasticity");
  near(fit.coef[2]!, 1, fit.se[2]!, "coefficient on ln(1 + 0.4·transit)");
  assert.ok(fit.se[1]! < 0.1, `POI elasticity too noisy: ${fit.se[1]}`);
});

/** Per quote: [1, ln(price / base), plus, rain, event active] and the booked flag. */
function quoteDesign(out: typeof tiny) {
  const q = out.tables.quotes!, c = out.tables.customers!, w = out.tables.weather!;
  const plus = c.columns.membership!;
  if (!isStringColumn(plus)) throw new Error("membership is a string column");
  const base = num(out.tables.vehicles, "base_price_per_min"), rain = num(w, "rain");
  const ef = num(out.truth.demand_truth, "event_factor"),
    nBays = out.meta.sizes.bays!,
    start = out.meta.startMs!;
  const x: Float64Array[] = [], jitter = new Float64Array(q.nRows);
  for (let i = 0; i < q.nRows; i++) {
    const t = num(q, "quoted_at")[i]!, bay = num(q, "bay_id")[i]!, v = num(q, "vehicle_id")[i]!;
    const row = Math.floor((t - start) / 900_000) * nBays + bay;
    const ratio = num(q, "price_per_min")[i]! / base[v]!;
    jitter[i] = ratio / num(q, "surge_factor")[i]!;
    x.push(Float64Array.of(
      1,
      Math.log(ratio),
      plus.dictionary[plus.codes[num(q, "customer_id")[i]!]!] === "plus" ? 1 : 0,
      rain[Math.floor((t - start) / HOUR)]!,
      ef[row]! > 1 ? 1 : 0,
    ));
  }
  return { x, y: num(q, "accepted"), jitter };
}

Deno.test("price → booking: logistic fit on observed quotes recovers −2.0 per ln(price ratio) and the other log-odds", () => {
  const { x, y } = quoteDesign(busy);
  const fit = fitLogit(x, y);
  const declared = [E.acceptIntercept, E.priceElasticity, E.acceptPlus, E.acceptRain, E.acceptEvent];
  const names = ["intercept", "ln(price/base)", "plus", "rain", "event"];
  for (let j = 0; j < declared.length; j++) near(fit.coef[j]!, declared[j]!, fit.se[j]!, names[j]!);
  assert.ok(fit.se[1]! < 0.1, `elasticity too noisy: ${fit.se[1]}`);
});

Deno.test("price → booking is monotone in the randomised price jitter (observed booking rate by quartile)", () => {
  const { y, jitter } = quoteDesign(tiny);
  const order = Array.from(jitter.keys()).sort((a, b) => jitter[a]! - jitter[b]!);
  const rates: number[] = [];
  for (let k = 0; k < 4; k++) {
    const part = order.slice(Math.floor(k * order.length / 4), Math.floor((k + 1) * order.length / 4));
    rates.push(part.reduce((s, i) => s + y[i]!, 0) / part.length);
  }
  for (let k = 1; k < 4; k++) {
    assert.ok(
      rates[k]! < rates[k - 1]!,
      `booking rate by price quartile: ${rates.map((r) => r.toFixed(3))}`,
    );
  }
});

Deno.test("incident drivers: logistic fit on observed trips recovers every declared log-odds", () => {
  const out = busy;
  const b = out.tables.bookings!,
    c = out.tables.customers!,
    v = out.tables.vehicles!,
    w = out.tables.weather!;
  const hit = new Uint8Array(b.nRows);
  for (const id of num(out.tables.incidents, "booking_id")) hit[id] = 1;
  const start = out.meta.startMs!,
    rain = num(w, "rain"),
    age = num(c, "age"),
    prior = num(c, "prior_incidents_3y");
  const year = num(v, "model_year");
  const x: Float64Array[] = [];
  for (let i = 0; i < b.nRows; i++) {
    const cust = num(b, "customer_id")[i]!;
    x.push(Float64Array.of(
      1,
      age[cust]! < 25 ? 1 : 0,
      Math.min(prior[cust]!, E.incidentPriorCap),
      num(b, "night_trip")[i]!,
      num(b, "speed_violations")[i]!,
      num(b, "harsh_braking")[i]!,
      rain[Math.floor((num(b, "booked_at")[i]! - start) / HOUR)]!,
      SIM_YEAR - year[num(b, "vehicle_id")[i]!]!,
    ));
  }
  const fit = fitLogit(x, hit);
  const declared = [
    E.incidentIntercept,
    E.incidentYoung,
    E.incidentPerPrior,
    E.incidentNight,
    E.incidentPerSpeeding,
    E.incidentPerHarsh,
    E.incidentRain,
    E.incidentPerVehicleYear,
  ];
  const names = ["intercept", "young", "prior", "night", "speeding", "harsh", "rain", "vehicle age"];
  for (let j = 0; j < declared.length; j++) near(fit.coef[j]!, declared[j]!, fit.se[j]!, names[j]!);
  assert.ok(fit.se[3]! < 0.15 && fit.se[4]! < 0.05, `too noisy: ${fit.se.map((s) => s.toFixed(3))}`);
});

Deno.test("risk label: incidents in the next 30 days match the true P(incident in 30 d) (one booking per customer)", () => {
  const out = busy;
  const b = out.tables.bookings!, inc = out.tables.incidents!;
  const p30 = num(out.truth.booking_truth, "p_incident_30d"), end = out.meta.endMs!;
  const byCustomer = new Map<number, number[]>();
  for (let i = 0; i < inc.nRows; i++) {
    const c = num(inc, "customer_id")[i]!;
    byCustomer.set(c, [...(byCustomer.get(c) ?? []), num(inc, "occurred_at")[i]!]);
  }
  const seen = new Set<number>();
  let labels = 0, expected = 0, variance = 0;
  for (let i = 0; i < b.nRows; i++) {
    const c = num(b, "customer_id")[i]!, t = num(b, "booked_at")[i]!;
    if (seen.has(c) || t + 30 * DAY > end) continue;
    seen.add(c); // first booking per customer: independent outcomes
    labels += (byCustomer.get(c) ?? []).some((x) => x >= t && x < t + 30 * DAY) ? 1 : 0;
    expected += p30[i]!;
    variance += p30[i]! * (1 - p30[i]!);
  }
  assert.ok(seen.size > 1_000 && expected > 50, `${seen.size} customers, ${expected} expected`);
  near(labels, expected, Math.sqrt(variance), "30-day incident count");
});

Deno.test("bad input: unknown scenario or scale, non-positive sizes", () => {
  assert.throws(
    () => pricingSimulator.generate({ seed: 1, scale: "tiny", scenario: "blizzard" }),
    (e: unknown) => e instanceof InputError && /"normal", "event_night", "holiday"/.test(e.message),
  );
  assert.throws(() => pricingSimulator.generate({ seed: 1, scale: "xl" as "tiny" }), InputError);
  assert.throws(() => pricingSimulator.generate({ seed: 1, scale: "tiny", bays: 0 }), InputError);
  assert.throws(() => pricingSimulator.generate({ seed: 1, scale: "tiny", days: -3 }), InputError);
  assert.throws(
    () => pricingSimulator.generate({ seed: 1, scale: "tiny", customers: 2.5 }),
    (e: unknown) => e instanceof InputError && e.field === "customers",
  );
  assert.throws(() => pricingSimulator.generate({ seed: -1, scale: "tiny" }), InputError);
});
