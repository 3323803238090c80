/**
 * Declared offers effects recovered from observed tables (the promo-sensitivity, uplift and black-friday
 * effects are in `simulator_test.ts`): the segment split 40/20/30/10 and the shopping calendar (weekday
 * profile, payday ×1.3, summer ×1.1, Christmas run-up ×1.5, near-closed December 24–26 ×0.3). Regular
 * shopping trips are Bernoulli(rate × calendar) per customer and day with rates fixed over the history, so a
 * day's expected order count is proportional to its multiplier. Effects are measured against plain days, on
 * which only the weekday profile applies (September to mid-December outside paydays; the weekday profile is
 * each weekday's plain-day rate over Monday's): a factor F on the days
 * that carry F and nothing but their weekday is their orders over the orders expected at the plain-day rate
 * of the same weekdays, with a Poisson standard error. Only dates enter, never the simulator's calendar
 * multipliers, so a mechanism that drifts from the declared numbers fails here.
 */
import assert from "node:assert/strict";
import { getNumeric, isStringColumn } from "../../lib/data/mod.ts";
import { DAY_MS } from "../common/mod.ts";
import { OFFERS_START_MS, offersSimulator, SEGMENT_PROFILES, SEGMENTS } from "./mod.ts";
import { CHANNEL_UPLIFT, REDEMPTION } from "./params.ts";
import { fitLogit } from "../common/testing.ts";
import { assertRecovered } from "../common/testing.ts";
import {
  CHRISTMAS_CLOSED_MULTIPLIER,
  CHRISTMAS_MULTIPLIER,
  PAYDAY_MULTIPLIER,
  SUMMER_MULTIPLIER,
  WEEKDAY_MULTIPLIER,
} from "./calendar.ts";

const out = offersSimulator.generate({ seed: 5, scale: "tiny", customers: 4_000 });
/** The calendar tests' run: more customers, few offers, so that 3 near-closed days give a tight estimate. */
const calendarOut = offersSimulator.generate({
  seed: 5,
  scale: "tiny",
  customers: 16_000,
  impressionsPerCustomer: 1,
});
const DAYS = calendarOut.meta.sizes.days!;

/**
 * Regular orders per day. Baskets created by a redemption are left out: they follow the offer, not the
 * calendar (a holdout customer's conversion basket, about 3 in 10,000 baskets here, is not told apart in the
 * observed tables and stays in).
 */
function ordersPerDay(): Float64Array {
  const redeemed = new Set(getNumeric(calendarOut.tables.redemptions!, "order_id"));
  const id = getNumeric(calendarOut.tables.orders!, "order_id"),
    ts = getNumeric(calendarOut.tables.orders!, "order_timestamp");
  const counts = new Float64Array(DAYS);
  for (let i = 0; i < id.length; i++) {
    if (redeemed.has(id[i]!)) continue;
    const d = Math.floor((ts[i]! - OFFERS_START_MS) / DAY_MS);
    assert.ok(d >= 0 && d < DAYS, `order ${id[i]} outside the history`);
    counts[d]!++;
  }
  return counts;
}
const counts = ordersPerDay();

const dateOf = (d: number) => new Date(OFFERS_START_MS + d * DAY_MS);
/** Monday = 0, as in `WEEKDAY_MULTIPLIER`. */
const weekdayOf = (d: number) => (dateOf(d).getUTCDay() + 6) % 7;

type DayEffect = "payday" | "summer" | "christmas run-up" | "christmas closed";
/** The declared calendar effects besides the weekday that fall on day `d`, from its date alone. */
function effectsOn(d: number): DayEffect[] {
  const dt = dateOf(d), dom = dt.getUTCDate(), month = dt.getUTCMonth();
  const daysInMonth = new Date(Date.UTC(dt.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const e: DayEffect[] = [];
  if (dom <= 2 || dom > daysInMonth - 3) e.push("payday");
  if (month === 6 || month === 7) e.push("summer");
  if (month === 11 && dom >= 15 && dom <= 23) e.push("christmas run-up");
  if (month === 11 && dom >= 24 && dom <= 26) e.push("christmas closed");
  return e;
}

/** Orders and number of days per weekday over the plain days (no effect but the weekday). */
const plain = (() => {
  const n = new Float64Array(7), days = new Float64Array(7);
  for (let d = 0; d < DAYS; d++) {
    if (effectsOn(d).length === 0) (n[weekdayOf(d)]! += counts[d]!, days[weekdayOf(d)]!++);
  }
  return { n, days };
})();

/**
 * The factor of `effect` on the days where it is the only effect besides the weekday: their orders n₁ over
 * E₀ = Σ_w c_w·n_w/D_w, the orders expected at the plain-day rate of weekday w (c_w such days; n_w orders on
 * D_w plain days of that weekday); Poisson standard error on n₁ and each n_w.
 */
function againstPlainDays(effect: DayEffect): { est: number; se: number; days: number } {
  let n1 = 0;
  const c = new Float64Array(7);
  for (let d = 0; d < DAYS; d++) {
    const e = effectsOn(d);
    if (e.length === 1 && e[0] === effect) (n1 += counts[d]!, c[weekdayOf(d)]!++);
  }
  let e0 = 0, v0 = 0, days = 0;
  for (let w = 0; w < 7; w++) {
    if (c[w] === 0) continue;
    const n = plain.n[w]!, dw = plain.days[w]!;
    assert.ok(dw > 0, `no plain day with weekday ${w}`);
    e0 += c[w]! * n / dw;
    v0 += (c[w]! / dw) ** 2 * n;
    days += c[w]!;
  }
  const est = n1 / e0;
  return { est, se: est * Math.sqrt(1 / n1 + v0 / e0 ** 2), days };
}

function within(name: string, f: { est: number; se: number }, declared: number): void {
  assertRecovered(name, f.est, f.se, declared);
  // Teeth: the estimate is precise enough to tell the declared factor from "no effect".
  assert.ok(Math.abs(declared - 1) > 3 * f.se, `${name}: se ${f.se.toFixed(3)} too large to test`);
}

Deno.test("offers: segment shares are the declared 40/20/30/10 (multinomial, 4 standard errors)", () => {
  const seg = out.tables.customers!.columns.segment!;
  assert.ok(isStringColumn(seg));
  const n = seg.codes.length;
  for (const s of SEGMENTS) {
    const code = seg.dictionary.indexOf(s);
    assert.ok(code >= 0, `segment ${s} missing`);
    let k = 0;
    for (const c of seg.codes) if (c === code) k++;
    const p = SEGMENT_PROFILES[s].share, se = Math.sqrt(p * (1 - p) / n);
    assert.ok(Math.abs(k / n - p) < 4 * se, `${s}: ${k / n} vs ${p}`);
  }
});

Deno.test("offers: the weekly profile is recovered from observed orders (each weekday ÷ Monday, plain days)", () => {
  const mon = WEEKDAY_MULTIPLIER[0], perDay = (w: number) => plain.n[w]! / plain.days[w]!;
  for (let w = 1; w < 7; w++) {
    const est = perDay(w) / perDay(0), se = est * Math.sqrt(1 / plain.n[w]! + 1 / plain.n[0]!);
    assertRecovered(`weekday ${w} ÷ Monday`, est, se, WEEKDAY_MULTIPLIER[w]! / mon, 0.1);
  }
  // Saturday peak and quiet Sunday are clearly visible.
  assert.ok(perDay(5) > 2 * perDay(6), `Saturday ${perDay(5)} vs Sunday ${perDay(6)} orders per day`);
});

Deno.test("offers: payday ×1.3, summer ×1.1 and the Christmas run-up ×1.5 are recovered from observed orders", () => {
  within("payday", againstPlainDays("payday"), PAYDAY_MULTIPLIER);
  within("summer", againstPlainDays("summer"), SUMMER_MULTIPLIER);
  within("christmas run-up", againstPlainDays("christmas run-up"), CHRISTMAS_MULTIPLIER);
});

Deno.test("offers: December 24–26 are near-closed (×0.3), recovered from observed orders", () => {
  const f = againstPlainDays("christmas closed");
  assert.equal(f.days, 3, "the history covers December 24–26");
  within("christmas closed", f, CHRISTMAS_CLOSED_MULTIPLIER);
  // Tight enough that a multiplier 0.1 away from the declared one would be more than 4 standard errors off.
  assert.ok(f.se < 0.025, `christmas closed: se ${f.se.toFixed(4)} too large to tell 0.1 apart`);
});

Deno.test("offers: outcomes of shown offers recover uplift 7·s·depth and the channel effects (logistic fit)", () => {
  const u = out.truth.uplift!, imp = out.tables.impressions!;
  const treat = getNumeric(u, "treatment"), pc = getNumeric(u, "p_control"), y = getNumeric(u, "y_treated");
  const cust = getNumeric(u, "customer_id"), offer = getNumeric(u, "offer_id");
  const shown = getNumeric(imp, "shown_timestamp"), channel = imp.columns.channel!;
  const s = getNumeric(out.truth.customers!, "promo_sensitivity");
  const boost = getNumeric(out.truth.calendar!, "uplift_multiplier");
  // Discount depth from the observed offer: percentage → v/100, fixed amount → v / price (≤ 1), bogo → ½.
  const offers = out.tables.offers!, type = offers.columns.discount_type!;
  const value = getNumeric(offers, "discount_value"), product = getNumeric(offers, "product_id");
  const price = getNumeric(out.tables.products!, "base_price");
  assert.ok(isStringColumn(channel) && isStringColumn(type));
  assert.deepEqual(
    getNumeric(u, "impression_id"),
    getNumeric(imp, "impression_id"),
    "truth rows = impressions",
  );
  const depth = Array.from(value, (v, o) => {
    const t = type.dictionary[type.codes[o]!];
    return t === "percentage" ? v / 100 : t === "fixed_amount" ? Math.min(1, v / price[product[o]!]!) : 0.5;
  });
  const x: Float64Array[] = [], ys: number[] = [];
  for (let i = 0; i < u.nRows; i++) {
    if (treat[i] !== 1) continue;
    const day = Math.floor((shown[i]! - OFFERS_START_MS) / DAY_MS);
    const ch = channel.dictionary[channel.codes[i]!];
    x.push(Float64Array.of(
      1,
      Math.log(pc[i]! / (1 - pc[i]!)), // the no-offer log-odds: coefficient 1, intercept 0
      s[cust[i]!]! * depth[offer[i]!]! * boost[day]!,
      ch === "app" ? 1 : 0,
      ch === "in_store" ? 1 : 0,
    ));
    ys.push(y[i]!);
  }
  const fit = fitLogit(x, ys);
  const names = ["intercept", "control log-odds", "uplift per s·depth", "app", "in-store"];
  const declared = [0, 1, REDEMPTION.uplift, CHANNEL_UPLIFT[1], CHANNEL_UPLIFT[2]];
  names.forEach((n, j) => assertRecovered(n, fit.coef[j]!, fit.se[j]!, declared[j]!));
  assert.ok(fit.coef[2]! - 4 * fit.se[2]! > 0, "the uplift is clearly detected");
});
