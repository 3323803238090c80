import assert from "node:assert/strict";
import { getNumeric, isStringColumn } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
import { differingTables, framesEqual, validateGraph } from "../common/mod.ts";
import { acceptanceProbability, dispatchSimulator, DISTRICTS, REF_PRICE_PER_KM } from "./mod.ts";

const tiny = dispatchSimulator.generate({ seed: 7, scale: "tiny" });
// A busier tiny city for effect estimates: more orders give more offers (still well under a second).
const busy = dispatchSimulator.generate({ seed: 11, scale: "tiny", orders: 20_000 });

function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

Deno.test("same seed → identical tables and truth; different seed → different offers", () => {
  const again = dispatchSimulator.generate({ seed: 7, scale: "tiny" });
  assert.deepEqual(differingTables(tiny, again), []);
  const other = dispatchSimulator.generate({ seed: 8, scale: "tiny" });
  assert.ok(!framesEqual(tiny.tables.offers!, other.tables.offers!));
});

Deno.test("schemas are as declared", () => {
  const cols = (t: string) => tiny.tables[t]!.names.join(",");
  assert.equal(
    cols("drivers"),
    "driver_id,vehicle_type,service_level,home_district,home_lat,home_lon,joined_at,hist_as_of,hist_offers_7d,hist_accepts_7d,hist_cancels_7d",
  );
  assert.equal(cols("sessions"), "driver_id,session_start,session_end");
  assert.equal(cols("weather"), "hour_start,rain,rain_mm");
  assert.equal(
    cols("offers"),
    "offer_id,order_id,driver_id,offer_seq,offered_at,responded_at,distance_to_pickup_km,driver_lat,driver_lon,response,accepted,cancelled_at",
  );
  assert.ok(cols("orders").includes("cod_amount_vnd") && cols("orders").includes("price_per_km"));
  assert.equal(cols("pings"), "driver_id,pinged_at,lat,lon,speed_kmh");
  assert.equal(tiny.truth.offer_truth!.nRows, tiny.meta.sizes.offers);
  validateGraph(dispatchSimulator.graph);
  const lat = getNumeric(tiny.tables.drivers!, "home_lat");
  for (const v of lat) assert.ok(v >= 10.7 && v <= 10.9);
});

/** Per offer (deduplicated by offer_id): observed + truth columns joined by hand. */
function offerView(out: typeof tiny) {
  const off = out.tables.offers!,
    ord = out.tables.orders!,
    drv = out.tables.drivers!,
    tr = out.truth.offer_truth!;
  const offerId = getNumeric(off, "offer_id"),
    orderId = getNumeric(off, "order_id"),
    driverId = getNumeric(off, "driver_id");
  const n = tr.nRows;
  const row = new Int32Array(n).fill(-1);
  for (let r = 0; r < off.nRows; r++) if (row[offerId[r]!]! < 0) row[offerId[r]!] = r;
  const vehicle = drv.columns.vehicle_type!, home = drv.columns.home_district!;
  const service = ord.columns.service_type!, pickup = ord.columns.pickup_district!;
  if (
    !isStringColumn(vehicle) || !isStringColumn(home) || !isStringColumn(service) || !isStringColumn(pickup)
  ) throw new Error();
  return {
    n,
    accepted: (i: number) => getNumeric(off, "accepted")[row[i]!]!,
    order: (i: number) => orderId[row[i]!]!,
    driver: (i: number) => driverId[row[i]!]!,
    isBike: (i: number) => vehicle.dictionary[vehicle.codes[driverId[row[i]!]!]!] === "bike",
    service: (i: number) => service.codes[orderId[row[i]!]!]!,
    home: (i: number) =>
      home.dictionary[home.codes[driverId[row[i]!]!]!] ===
        pickup.dictionary[pickup.codes[orderId[row[i]!]!]!],
    distance: (i: number) => getNumeric(off, "distance_to_pickup_km")[row[i]!]!,
    offeredAt: (i: number) => getNumeric(off, "offered_at")[row[i]!]!,
    p: getNumeric(tr, "p_accept"),
    rain: getNumeric(tr, "rain_factor"),
    cod: getNumeric(tr, "cod_factor"),
    fatigue: getNumeric(tr, "fatigue_factor"),
    base: getNumeric(tr, "p_base"),
    minutes: getNumeric(tr, "minutes_online"),
  };
}

Deno.test("truth P(accept) is the declared model evaluated on the observed offer", () => {
  const v = offerView(tiny);
  const ord = tiny.tables.orders!, w = tiny.tables.weather!;
  const prop = getNumeric(tiny.truth.driver_truth!, "propensity"), ppk = getNumeric(ord, "price_per_km");
  const cod = getNumeric(ord, "cod_amount_vnd"), rain = getNumeric(w, "rain"), start = tiny.meta.startMs!;
  for (let i = 0; i < v.n; i++) {
    const dvr = v.driver(i), o = v.order(i);
    const p = acceptanceProbability({
      propensity: prop[dvr]!,
      distanceKm: v.distance(i),
      pricePerKm: ppk[o]!,
      service: v.service(i),
      vehicle: v.isBike(i) ? 0 : 1,
      homeDistrict: v.home(i),
      raining: rain[Math.floor((v.offeredAt(i) - start) / 3_600_000)] === 1,
      codVnd: cod[o]!,
      minutesOnline: v.minutes[i]!,
    });
    // distance is rounded to metres in the log, so allow a tiny difference
    assert.ok(Math.abs(p - v.p[i]!) < 2e-3, `offer ${i}: ${p} vs ${v.p[i]}`);
  }
  assert.ok(REF_PRICE_PER_KM.length === 3 && DISTRICTS.length === 16);
});

/**
 * Ratio estimator: Σ accepted / Σ p_without_factor over a stratum. Under the model its expectation is the
 * factor; its standard error is sqrt(Σ p(1−p)) / Σ p_without (Bernoulli outcomes are independent given p).
 */
function ratio(
  v: ReturnType<typeof offerView>,
  keep: (i: number) => boolean,
  without: (i: number) => number,
) {
  let acc = 0, denom = 0, variance = 0, n = 0;
  for (let i = 0; i < v.n; i++) {
    if (!keep(i)) continue;
    acc += v.accepted(i);
    denom += without(i);
    variance += v.p[i]! * (1 - v.p[i]!);
    n++;
  }
  return { estimate: acc / denom, se: Math.sqrt(variance) / denom, n };
}

Deno.test("bike acceptance in rain ÷ dry ≈ 0.6 (observed outcomes, 4 standard errors)", () => {
  const v = offerView(busy);
  const noRain = (i: number) => v.base[i]! * v.cod[i]! * v.fatigue[i]!;
  const wet = ratio(v, (i) => v.isBike(i) && v.rain[i]! < 1, noRain);
  const dry = ratio(v, (i) => v.isBike(i) && v.rain[i] === 1, noRain);
  assert.ok(wet.n > 500 && dry.n > 500, `strata too small: ${wet.n}, ${dry.n}`);
  const r = wet.estimate / dry.estimate;
  const se = r * Math.sqrt((wet.se / wet.estimate) ** 2 + (dry.se / dry.estimate) ** 2);
  assert.ok(Math.abs(r - 0.6) < 4 * se, `rain/dry = ${r.toFixed(3)} ± ${se.toFixed(3)}`);
  assert.ok(se < 0.1, `too noisy to say anything: se ${se}`);
  // the rain factor only ever touches bikes
  for (let i = 0; i < v.n; i++) if (!v.isBike(i)) assert.equal(v.rain[i], 1);
});

Deno.test("COD above 2M VND lowers acceptance; outcomes follow the truth overall", () => {
  const v = offerView(busy);
  const withoutCod = (i: number) => v.base[i]! * v.rain[i]! * v.fatigue[i]!;
  const high = ratio(v, (i) => v.cod[i]! < 0.9, withoutCod);
  const low = ratio(v, (i) => v.cod[i] === 1, withoutCod);
  assert.ok(high.n > 200, `only ${high.n} high-COD offers`);
  // the declared friction predicts Σp / Σp_without_cod for this stratum; the observed ratio must match it
  // and lie below 1 (the no-friction value) by more than two standard errors
  let sp = 0, sw = 0;
  for (let i = 0; i < v.n; i++) {
    if (v.cod[i]! >= 0.9) continue;
    sp += v.p[i]!;
    sw += withoutCod(i);
  }
  assert.ok(sp / sw < 0.85, `declared friction too weak here: ${sp / sw}`);
  assert.ok(Math.abs(high.estimate - sp / sw) < 4 * high.se, `high-COD ratio ${high.estimate} vs ${sp / sw}`);
  assert.ok(high.estimate + 2 * high.se < 1, `high-COD ratio ${high.estimate} ± ${high.se}`);
  assert.ok(Math.abs(low.estimate - 1) < 4 * low.se);
  const all = ratio(v, () => true, (i) => v.p[i]!);
  assert.ok(Math.abs(all.estimate - 1) < 4 * all.se);
});

/**
 * Slope of the COD friction per million VND above 2M, from observed outcomes: under the model
 * E[accepted − p_without_cod] = β · p_without_cod · (cod − 2M)/1M with β = −0.1 (between 2M and the floor at
 * 10M), so the no-intercept least-squares β̂ = Σ x(y − p_w) / Σ x² has variance Σ x² p(1−p) / (Σ x²)².
 */
function codSlope(v: ReturnType<typeof offerView>, codM: (i: number) => number, lo: number, hi: number) {
  let sxy = 0, sxx = 0, variance = 0, n = 0;
  for (let i = 0; i < v.n; i++) {
    const c = codM(i);
    if (!(c > lo && c <= hi)) continue;
    const pw = v.base[i]! * v.rain[i]! * v.fatigue[i]!, x = pw * (c - 2);
    sxy += x * (v.accepted(i) - pw);
    sxx += x * x;
    variance += x * x * v.p[i]! * (1 - v.p[i]!);
    n++;
  }
  return { slope: sxy / sxx, se: Math.sqrt(variance) / sxx, n };
}

Deno.test("COD friction is a linear decrease of 0.1 per million VND above 2M (observed outcomes)", () => {
  const v = offerView(busy);
  const cod = getNumeric(busy.tables.orders!, "cod_amount_vnd");
  const codM = (i: number) => cod[v.order(i)]! / 1e6;
  const all = codSlope(v, codM, 2, 10);
  assert.ok(all.n > 500 && all.se < 0.04, `too few high-COD offers: n ${all.n}, se ${all.se}`);
  assert.ok(Math.abs(all.slope - -0.1) < 4 * all.se, `slope ${all.slope.toFixed(4)} ± ${all.se.toFixed(4)}`);
  assert.ok(all.slope + 3 * all.se < 0, "the decrease is detectable");
  // Linear, not a step: the slope is the same in the lower and the upper part of the range.
  const low = codSlope(v, codM, 2, 5), high = codSlope(v, codM, 5, 10);
  const diffSe = Math.hypot(low.se, high.se);
  assert.ok(Math.abs(low.slope - high.slope) < 4 * diffSe, `slopes ${low.slope} vs ${high.slope}`);
  assert.ok(high.slope + 2 * high.se < 0, `upper-range slope ${high.slope} ± ${high.se}`);
});

Deno.test("dispatcher: per order, offers go nearest first, at most one accept and it ends the sequence", () => {
  const v = offerView(tiny);
  let prevOrder = -1, prevDist = -1, done = false;
  for (let i = 0; i < v.n; i++) {
    const o = v.order(i);
    if (o !== prevOrder) {
      prevOrder = o;
      prevDist = -1;
      done = false;
    }
    assert.ok(!done, `offer after an accept for order ${o}`);
    assert.ok(v.distance(i) >= prevDist && v.distance(i) <= 5);
    prevDist = v.distance(i);
    if (v.accepted(i)) done = true;
  }
  const orders = tiny.meta.sizes.orders!, offers = tiny.meta.sizes.offers!;
  assert.ok(offers > orders, "sequential dispatch produces negatives");
});

Deno.test("offers log holds duplicate lines to be removed in silver; fraudsters ping above 80 km/h", () => {
  assert.ok(tiny.meta.sizes.offer_rows! > tiny.meta.sizes.offers!);
  const fraud = getNumeric(tiny.truth.driver_truth!, "is_fraud");
  const pd = getNumeric(tiny.tables.pings!, "driver_id"), sp = getNumeric(tiny.tables.pings!, "speed_kmh");
  const maxSpeed = new Float64Array(fraud.length);
  for (let r = 0; r < pd.length; r++) maxSpeed[pd[r]!] = Math.max(maxSpeed[pd[r]!]!, sp[r]!);
  for (let d = 0; d < fraud.length; d++) assert.equal(maxSpeed[d]! > 80, fraud[d] === 1);
});

Deno.test("scenarios: rain_day rains most hours, cold_start has ~30 % new drivers with no history", () => {
  const wet = dispatchSimulator.generate({ seed: 3, scale: "tiny", scenario: "rain_day", orders: 100 });
  const rain = getNumeric(wet.tables.weather!, "rain");
  const share = sum(rain) / rain.length;
  const normal = getNumeric(tiny.tables.weather!, "rain");
  assert.ok(share > 0.6 && share > 2 * sum(normal) / normal.length, `rain share ${share}`);
  const cold = dispatchSimulator.generate({ seed: 3, scale: "tiny", scenario: "cold_start", orders: 100 });
  const isNew = getNumeric(cold.truth.driver_truth!, "is_new"),
    hist = getNumeric(cold.tables.drivers!, "hist_offers_7d");
  let nNew = 0;
  for (let d = 0; d < isNew.length; d++) {
    if (isNew[d]) {
      nNew++;
      assert.equal(hist[d], 0);
    }
  }
  // 400 drivers, p = 0.3: sd = sqrt(400·0.3·0.7) ≈ 9.2, so 4 sd ≈ 37
  assert.ok(Math.abs(nNew - 120) < 37, `${nNew} new drivers`);
});

Deno.test("rain_day: most bike offers carry the rain friction and bikes accept less than on a normal day", () => {
  const stats = (scenario: string) => {
    const out = dispatchSimulator.generate({ seed: 13, scale: "tiny", scenario });
    const v = offerView(out);
    let bikes = 0, wet = 0, accepted = 0;
    for (let i = 0; i < v.n; i++) {
      if (!v.isBike(i)) continue;
      bikes++;
      if (v.rain[i]! < 1) wet++;
      accepted += v.accepted(i);
    }
    return { wetShare: wet / bikes, rate: accepted / bikes, n: bikes };
  };
  const normal = stats("normal"), rainy = stats("rain_day");
  assert.ok(
    rainy.wetShare > 0.6 && normal.wetShare < 0.3,
    `wet shares ${rainy.wetShare}, ${normal.wetShare}`,
  );
  // Binomial standard error of the difference, 4 of them.
  const se = Math.sqrt(rainy.rate * (1 - rainy.rate) / rainy.n + normal.rate * (1 - normal.rate) / normal.n);
  assert.ok(rainy.rate < normal.rate - 4 * se, `bike acceptance ${rainy.rate} (rain day) vs ${normal.rate}`);
});

Deno.test("bad input: unknown scenario or scale, non-positive sizes", () => {
  assert.throws(
    () => dispatchSimulator.generate({ seed: 1, scale: "tiny", scenario: "snow" }),
    (e: unknown) => e instanceof InputError && /"normal", "rain_day", "cold_start"/.test(e.message),
  );
  assert.throws(() => dispatchSimulator.generate({ seed: 1, scale: "huge" as "tiny" }), InputError);
  assert.throws(() => dispatchSimulator.generate({ seed: 1, scale: "tiny", drivers: -5 }), InputError);
  assert.throws(() => dispatchSimulator.generate({ seed: 1, scale: "tiny", orders: 0 }), InputError);
});
