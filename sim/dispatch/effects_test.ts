/**
 * The declared dispatch effects that `simulator_test.ts` does not already recover from observed outcomes:
 * the logistic part (distance, price per km, home district, propensity), the fatigue friction and the rain
 * surge on prices. Each estimate comes from observed columns (accepted, distance, price, minutes online via
 * the truth's friction split) and must land within 4 standard errors of the value declared in `EFFECTS`.
 */
import assert from "node:assert/strict";
import { getNumeric, isStringColumn } from "../../lib/data/mod.ts";
import { fitLogit } from "../common/testing.ts";
import { assertRecovered } from "../common/testing.ts";
import { dispatchSimulator, EFFECTS, REF_PRICE_PER_KM } from "./mod.ts";

const out = dispatchSimulator.generate({ seed: 21, scale: "tiny", orders: 20_000 });

/** Row of the first log line of each offer (the log repeats some lines). */
function firstRows(): Int32Array {
  const offerId = getNumeric(out.tables.offers!, "offer_id");
  const row = new Int32Array(out.truth.offer_truth!.nRows).fill(-1);
  for (let r = 0; r < offerId.length; r++) if (row[offerId[r]!]! < 0) row[offerId[r]!] = r;
  return row;
}

Deno.test("logistic part: a fit on friction-free offers recovers distance, price, home district, propensity", () => {
  const row = firstRows();
  const off = out.tables.offers!,
    ord = out.tables.orders!,
    drv = out.tables.drivers!,
    tr = out.truth.offer_truth!;
  const accepted = getNumeric(off, "accepted"), dist = getNumeric(off, "distance_to_pickup_km");
  const orderId = getNumeric(off, "order_id"), driverId = getNumeric(off, "driver_id");
  const ppk = getNumeric(ord, "price_per_km");
  const propensity = getNumeric(out.truth.driver_truth!, "propensity");
  const rain = getNumeric(tr, "rain_factor"),
    cod = getNumeric(tr, "cod_factor"),
    fat = getNumeric(tr, "fatigue_factor");
  const service = ord.columns.service_type!,
    pickup = ord.columns.pickup_district!,
    home = drv.columns.home_district!;
  assert.ok(isStringColumn(service) && isStringColumn(pickup) && isStringColumn(home));
  const services = ["bike", "car", "premium"];
  const x: Float64Array[] = [], y: number[] = [];
  for (let i = 0; i < row.length; i++) {
    // Only offers the multiplicative frictions leave alone: there P(accept) is the logistic part alone.
    if (rain[i] !== 1 || cod[i] !== 1 || fat[i] !== 1) continue;
    const r = row[i]!, o = orderId[r]!, d = driverId[r]!;
    const sv = services.indexOf(service.dictionary[service.codes[o]!]!);
    assert.ok(sv >= 0);
    const isHome = pickup.dictionary[pickup.codes[o]!] === home.dictionary[home.codes[d]!] ? 1 : 0;
    x.push(Float64Array.of(1, propensity[d]!, dist[r]!, Math.log(ppk[o]! / REF_PRICE_PER_KM[sv]!), isHome));
    y.push(accepted[r]!);
  }
  assert.ok(x.length > 5_000, `only ${x.length} friction-free offers`);
  const fit = fitLogit(x, y);
  const names = ["intercept", "propensity", "distance per km", "ln price per km", "home district"];
  const declared = [EFFECTS.intercept, 1, EFFECTS.distancePerKm, EFFECTS.logPricePerKm, EFFECTS.homeDistrict];
  const maxSe = [0.2, 0.1, 0.1, 0.3, 0.15];
  names.forEach((n, j) => assertRecovered(n, fit.coef[j]!, fit.se[j]!, declared[j]!, maxSe[j]!));
  // Teeth: the distance and home-district effects are clearly nonzero.
  assert.ok(fit.coef[2]! + 4 * fit.se[2]! < 0 && fit.coef[4]! - 4 * fit.se[4]! > 0);
});

Deno.test("fatigue: −0.001 per minute online beyond 120 (observed outcomes, no-intercept slope)", () => {
  const row = firstRows();
  const accepted = getNumeric(out.tables.offers!, "accepted"), tr = out.truth.offer_truth!;
  const p = getNumeric(tr, "p_accept"), base = getNumeric(tr, "p_base"), rain = getNumeric(tr, "rain_factor");
  const cod = getNumeric(tr, "cod_factor"), minutes = getNumeric(tr, "minutes_online");
  // Under the model E[accepted − p_w] = β · p_w · (minutes − 120) with β = −0.001 until the floor at 0.4
  // (minute 720), where p_w is P(accept) without fatigue; least squares through the origin.
  let sxy = 0, sxx = 0, variance = 0, n = 0, fresh = 0, freshSum = 0, freshVar = 0;
  for (let i = 0; i < row.length; i++) {
    const pw = base[i]! * rain[i]! * cod[i]!, y = accepted[row[i]!]!;
    if (minutes[i]! <= EFFECTS.fatigueFreeMinutes) {
      fresh += pw;
      freshSum += y;
      freshVar += p[i]! * (1 - p[i]!);
      continue;
    }
    if (minutes[i]! >= 700) continue;
    const x = pw * (minutes[i]! - EFFECTS.fatigueFreeMinutes);
    sxy += x * (y - pw);
    sxx += x * x;
    variance += x * x * p[i]! * (1 - p[i]!);
    n++;
  }
  const slope = sxy / sxx, se = Math.sqrt(variance) / sxx;
  assert.ok(n > 2_000, `only ${n} fatigued offers`);
  assertRecovered("fatigue slope per minute", slope, se, -EFFECTS.fatiguePerMinute, 4e-4);
  assert.ok(slope + 2 * se < 0, `fatigue not detectable: ${slope} ± ${se}`);
  // Before 120 minutes there is no friction: observed accepts / Σ p_w ≈ 1.
  assertRecovered("fresh-driver ratio", freshSum / fresh, Math.sqrt(freshVar) / fresh, 1, 0.05);
});

Deno.test("rain surges prices ×1.3: geometric-mean price per km, rain ÷ dry, within each service", () => {
  const ord = out.tables.orders!, w = out.tables.weather!;
  const ppk = getNumeric(ord, "price_per_km"),
    at = getNumeric(ord, "created_at"),
    rain = getNumeric(w, "rain");
  const service = ord.columns.service_type!;
  assert.ok(isStringColumn(service));
  const start = out.meta.startMs!;
  // Rain hours are drawn independently of trips and services, so within a service the mean log price per
  // km differs between rain and dry orders only by ln 1.3 (plus zero-mean noise and rounding).
  let num = 0, wsum = 0;
  for (let sv = 0; sv < service.dictionary.length; sv++) {
    const acc = [[0, 0, 0], [0, 0, 0]]; // per rain state: n, Σ ln, Σ ln²
    for (let i = 0; i < ppk.length; i++) {
      if (service.codes[i] !== sv) continue;
      const r = rain[Math.floor((at[i]! - start) / 3_600_000)]!, l = Math.log(ppk[i]!), a = acc[r]!;
      a[0]! += 1;
      a[1]! += l;
      a[2]! += l * l;
    }
    const [dry, wet] = acc as [number[], number[]];
    if (dry[0]! < 30 || wet[0]! < 30) continue;
    const mean = (a: number[]) => a[1]! / a[0]!;
    const varMean = (a: number[]) => (a[2]! / a[0]! - mean(a) ** 2) / (a[0]! - 1);
    const d = mean(wet) - mean(dry), v = varMean(wet) + varMean(dry);
    num += d / v;
    wsum += 1 / v;
  }
  assert.ok(wsum > 0, "no service with both rain and dry orders");
  assertRecovered("ln(rain surge)", num / wsum, Math.sqrt(1 / wsum), Math.log(1.3), 0.05);
});
