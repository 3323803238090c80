/**
 * Declared offers effects recovered from observed tables (the promo-sensitivity, uplift and black-friday
 * effects are in `simulator_test.ts`): the segment split 40/20/30/10 and the shopping calendar (weekday
 * profile, payday ×1.3, summer ×1.1, Christmas run-up ×1.5). Regular shopping trips are Bernoulli(rate ×
 * calendar) per customer and day, so a day's expected order count is proportional to its multiplier; a
 * factor F on a set of days is estimated as (orders on those days / Σ their multipliers ÷ F) over (orders on
 * the other days / Σ their multipliers), with a Poisson standard error.
 */
import assert from "node:assert/strict";
import { getNumeric, isStringColumn } from "../../lib/data/mod.ts";
import { DAY_MS } from "../common/mod.ts";
import { buildCalendar, OFFERS_START_MS, offersSimulator, SEGMENT_PROFILES, SEGMENTS } from "./mod.ts";
import { CHANNEL_UPLIFT, REDEMPTION } from "./params.ts";
import { fitLogit } from "../common/_fit_logit.ts";
import { assertRecovered } from "../common/_assert_recovered.ts";
import {
  CHRISTMAS_MULTIPLIER,
  PAYDAY_MULTIPLIER,
  SUMMER_MULTIPLIER,
  WEEKDAY_MULTIPLIER,
} from "./calendar.ts";

const out = offersSimulator.generate({ seed: 5, scale: "tiny", customers: 4_000 });
const DAYS = out.meta.sizes.days ?? 180;
const cal = buildCalendar(DAYS, "normal");

/** Regular orders per day (baskets created by a redemption are left out: they follow the offer, not the calendar). */
function ordersPerDay(): Float64Array {
  const redeemed = new Set(getNumeric(out.tables.redemptions!, "order_id"));
  const id = getNumeric(out.tables.orders!, "order_id"),
    ts = getNumeric(out.tables.orders!, "order_timestamp");
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

/** Factor on the days in `inSet` relative to the rest, after dividing out every other declared multiplier. */
function factor(inSet: (d: number) => boolean, declared: number): { est: number; se: number } {
  let n1 = 0, m1 = 0, n0 = 0, m0 = 0;
  for (let d = 0; d < DAYS; d++) {
    if (inSet(d)) {
      n1 += counts[d]!;
      m1 += cal.orderMultiplier[d]! / declared;
    } else {
      n0 += counts[d]!;
      m0 += cal.orderMultiplier[d]!;
    }
  }
  const est = (n1 / m1) / (n0 / m0);
  return { est, se: est * Math.sqrt(1 / n1 + 1 / n0) };
}

function within(name: string, f: { est: number; se: number }, declared: number): void {
  assertRecovered(name, f.est, f.se, declared);
  // Teeth: the estimate is precise enough to tell the declared factor from "no effect".
  assert.ok(Math.abs(declared - 1) > 3 * f.se, `${name}: se ${f.se.toFixed(3)} too large to test`);
}

const dateOf = (d: number) => new Date(OFFERS_START_MS + d * DAY_MS);

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

Deno.test("offers: the weekly profile is recovered from observed orders (each weekday ÷ Monday)", () => {
  const mon = WEEKDAY_MULTIPLIER[0];
  for (let w = 1; w < 7; w++) {
    // Restrict to Mondays and weekday w; other multipliers (payday, season) are divided out by `factor`.
    let n1 = 0, m1 = 0, n0 = 0, m0 = 0;
    for (let d = 0; d < DAYS; d++) {
      const wd = (dateOf(d).getUTCDay() + 6) % 7;
      if (wd === w) {
        n1 += counts[d]!;
        m1 += cal.orderMultiplier[d]! / WEEKDAY_MULTIPLIER[w]!;
      } else if (wd === 0) {
        n0 += counts[d]!;
        m0 += cal.orderMultiplier[d]! / mon;
      }
    }
    const est = (n1 / m1) / (n0 / m0), se = est * Math.sqrt(1 / n1 + 1 / n0);
    const declared = WEEKDAY_MULTIPLIER[w]! / mon;
    assert.ok(
      Math.abs(est - declared) < 4 * se,
      `weekday ${w} ÷ Monday: ${est} ± ${se}, declared ${declared}`,
    );
  }
  // Saturday peak and quiet Sunday are clearly visible.
  let sat = 0, sun = 0;
  for (let d = 0; d < DAYS; d++) {
    const wd = (dateOf(d).getUTCDay() + 6) % 7;
    if (wd === 5) sat += counts[d]!;
    if (wd === 6) sun += counts[d]!;
  }
  assert.ok(sat > 2 * sun, `Saturday ${sat} vs Sunday ${sun}`);
});

Deno.test("offers: payday ×1.3, summer ×1.1 and the Christmas run-up ×1.5 are recovered from observed orders", () => {
  within(
    "payday",
    factor((d) => {
      const dt = dateOf(d), dom = dt.getUTCDate();
      const dim = new Date(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 0)).getUTCDate();
      return dom <= 2 || dom > dim - 3;
    }, PAYDAY_MULTIPLIER),
    PAYDAY_MULTIPLIER,
  );
  within(
    "summer",
    factor((d) => [6, 7].includes(dateOf(d).getUTCMonth()), SUMMER_MULTIPLIER),
    SUMMER_MULTIPLIER,
  );
  within(
    "christmas run-up",
    factor(
      (d) => dateOf(d).getUTCMonth() === 11 && dateOf(d).getUTCDate() >= 15 && dateOf(d).getUTCDate() <= 23,
      CHRISTMAS_MULTIPLIER,
    ),
    CHRISTMAS_MULTIPLIER,
  );
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
