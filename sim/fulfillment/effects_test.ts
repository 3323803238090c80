/**
 * The declared effects are recoverable from the observed data: an unpenalised logistic regression of
 * `Reached.on.Time_Y.N` on the mechanism's design (observed columns, plus the latent congestion from the
 * truth table) gives back every declared coefficient within 4 standard errors, and the carrier disruption
 * raises lateness by its declared log-odds.
 */
import assert from "node:assert/strict";
import { type Frame, getNumeric, isStringColumn, type StringColumn } from "../../lib/data/mod.ts";
import { fitLogit } from "../common/testing.ts";
import { CARRIERS, DISRUPTION, disruptionWindow, EFFECTS, fulfillmentSimulator, isMidWeight } from "./mod.ts";

function str(frame: Frame, name: string): StringColumn {
  const c = frame.columns[name]!;
  if (!isStringColumn(c)) throw new Error(`${name} is not a string column`);
  return c;
}

/** Columns of the design and their declared coefficients. */
const DESIGN: readonly [string, number][] = [
  ["intercept", EFFECTS.intercept],
  ["discount_%", EFFECTS.discountPerPoint],
  ["weight_kg", EFFECTS.weightPerKg],
  ["mid_weight_band", EFFECTS.midWeightBand],
  ["flight", EFFECTS.flight],
  ["road", EFFECTS.road],
  ["block_F", EFFECTS.warehouseF],
  ["importance_high", EFFECTS.importanceHigh],
  ["importance_medium", EFFECTS.importanceMedium],
  ["prior_purchases", EFFECTS.priorPurchase],
  ["cost_per_100usd", EFFECTS.costPer100Usd],
  ...CARRIERS.filter((c) => c.logOdds !== 0).map((c): [string, number] => [`carrier_${c.name}`, c.logOdds]),
  ["congestion", EFFECTS.congestion],
  ["customer_care_calls", EFFECTS.customerCareCall],
  ["customer_rating", EFFECTS.customerRating],
  ["gender_M", EFFECTS.genderMale],
];

Deno.test("every declared log-odds effect is recovered by maximum likelihood within 4 standard errors", () => {
  const out = fulfillmentSimulator.generate({ seed: 17, scale: "tiny", shipments: 40_000 });
  const k = out.tables.shipments!, o = out.tables.orders!;
  const n = k.nRows;
  const wh = str(k, "Warehouse_block"), mode = str(k, "Mode_of_Shipment"), imp = str(k, "Product_importance");
  const gender = str(k, "Gender"), carrier = str(o, "carrier_name");
  const is = (c: StringColumn, i: number, v: string) => c.dictionary[c.codes[i]!] === v ? 1 : 0;
  const disc = getNumeric(k, "Discount_offered"), w = getNumeric(k, "Weight_in_gms");
  const prior = getNumeric(k, "Prior_purchases"), cost = getNumeric(k, "Cost_of_the_Product");
  const calls = getNumeric(k, "Customer_care_calls"), rating = getNumeric(k, "Customer_rating");
  const cong = getNumeric(out.truth.delay!, "congestion"), y = getNumeric(k, "Reached.on.Time_Y.N");
  const slowCarriers = CARRIERS.filter((c) => c.logOdds !== 0).map((c) => c.name);
  const x: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    x.push(Float64Array.of(
      1,
      disc[i]!,
      w[i]! / 1000,
      isMidWeight(w[i]!) ? 1 : 0,
      is(mode, i, "Flight"),
      is(mode, i, "Road"),
      is(wh, i, "F"),
      is(imp, i, "high"),
      is(imp, i, "medium"),
      prior[i]!,
      cost[i]! / 100,
      ...slowCarriers.map((c) => is(carrier, i, c)),
      cong[i]!,
      calls[i]!,
      rating[i]!,
      is(gender, i, "M"),
    ));
  }
  assert.equal(x[0]!.length, DESIGN.length);
  const fit = fitLogit(x, y);
  const report = DESIGN.map(([name, declared], j) =>
    `${name}: declared ${declared}, fitted ${fit.coef[j]!.toFixed(3)} ± ${fit.se[j]!.toFixed(3)}`
  );
  DESIGN.forEach(([name, declared], j) => {
    const z = (fit.coef[j]! - declared) / fit.se[j]!;
    assert.ok(Math.abs(z) < 4, `${name} off by ${z.toFixed(2)} se\n${report.join("\n")}`);
    // precise enough to tell a declared non-zero effect from zero
    if (declared !== 0) assert.ok(Math.abs(declared) > 3 * fit.se[j]!, `${name} too noisy: ${report[j]}`);
  });
});

Deno.test("carrier disruption: same shipments, +1.6 log-odds for the disrupted carrier's window, more delays", () => {
  const opts = { seed: 23, scale: "tiny" as const, shipments: 30_000 };
  const normal = fulfillmentSimulator.generate(opts);
  const hit = fulfillmentSimulator.generate({ ...opts, scenario: "carrier_disruption" });
  // The scenario changes probabilities (and so some outcomes) only: every attribute is the same.
  const kn = normal.tables.shipments!, kh = hit.tables.shipments!;
  for (const c of kn.names) {
    if (c !== "Reached.on.Time_Y.N") assert.deepEqual(kn.columns[c], kh.columns[c], c);
  }
  const on = normal.tables.orders!, oh = hit.tables.orders!;
  for (const c of ["order_date", "ship_date", "carrier_name", "promised_delivery_date"]) {
    assert.deepEqual(on.columns[c], oh.columns[c], c);
  }
  const dis = getNumeric(hit.truth.delay!, "disrupted");
  const logitN = getNumeric(normal.truth.delay!, "logit_late"),
    logitH = getNumeric(hit.truth.delay!, "logit_late");
  const pN = getNumeric(normal.truth.delay!, "p_late"), pH = getNumeric(hit.truth.delay!, "p_late");
  const ship = getNumeric(hit.tables.orders!, "ship_date"), carrier = str(hit.tables.orders!, "carrier_name");
  const win = disruptionWindow(hit.meta.sizes.days!);
  let affected = 0;
  for (let i = 0; i < dis.length; i++) {
    // ship_date can be NULL only at the very end of the history, far from the window
    const expected = carrier.dictionary[carrier.codes[i]!] === DISRUPTION.carrier &&
      ship[i]! >= win.startMs &&
      ship[i]! < win.endMs;
    assert.equal(dis[i] === 1, expected, `row ${i}`);
    assert.ok(Math.abs(logitH[i]! - logitN[i]! - (expected ? EFFECTS.disruption : 0)) < 1e-12);
    affected += dis[i]!;
  }
  assert.ok(affected > 1000, `${affected} disrupted shipments`);

  // Recover the declared shift from the disrupted run's outcomes: logit P(late) = offset + β·disrupted,
  // with the offset the true log-odds without the disruption.
  const yH = getNumeric(kh, "Reached.on.Time_Y.N"), yN = getNumeric(kn, "Reached.on.Time_Y.N");
  const x = Array.from(dis, (d) => Float64Array.of(d));
  const fit = fitLogit(x, yH, { offset: logitN });
  const z = (fit.coef[0]! - EFFECTS.disruption) / fit.se[0]!;
  assert.ok(
    Math.abs(z) < 4 && fit.se[0]! < 0.3,
    `disruption ${fit.coef[0]} ± ${fit.se[0]} vs ${EFFECTS.disruption}`,
  );

  // The delay rate rises by Σ(pH − pN)/n within sampling error (common random numbers: outcomes can only
  // flip from on-time to late, each with probability pH − pN).
  let rise = 0, expectedRise = 0, variance = 0;
  for (let i = 0; i < dis.length; i++) {
    assert.ok(yH[i]! >= yN[i]!, "a disruption never makes a shipment earlier");
    rise += yH[i]! - yN[i]!;
    const d = pH[i]! - pN[i]!;
    expectedRise += d;
    variance += d * (1 - d);
  }
  assert.ok(Math.abs(rise - expectedRise) < 4 * Math.sqrt(variance), `rise ${rise} vs ${expectedRise}`);
  assert.ok(hit.meta.sizes.late! - normal.meta.sizes.late! === rise && rise > 100);
});
