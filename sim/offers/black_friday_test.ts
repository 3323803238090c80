/**
 * The black-friday scenario's three declared effects, recovered within 4 standard errors from one observed
 * run (`simulator_test.ts` checks their direction against a normal run):
 *
 * - black week → orders ×1.8: regular orders per day ∝ the day's multiplier, so orders in black week over
 *   the normal calendar's multipliers, against the same ratio on the other days (Poisson standard error);
 * - black week → is_promo ×1.8: promo lines over their expectation 0.5·s (s the true promo sensitivity of the
 *   line's customer), black week against the other days (Bernoulli standard error given s);
 * - black week → redeemed, uplift log-odds ×1.6: logistic fit of shown offers' outcomes with separate
 *   s·depth slopes for black-week and other days; their ratio (disjoint rows, so nearly independent).
 *
 * Declared values are the edge sizes of `OFFERS_GRAPH`.
 */
import assert from "node:assert/strict";
import { getNumeric, isStringColumn } from "../../lib/data/mod.ts";
import { DAY_MS } from "../common/mod.ts";
import { fitLogit } from "../common/testing.ts";
import { assertRecovered } from "../common/testing.ts";
import { BLACK_FRIDAY, buildCalendar, OFFERS_GRAPH, OFFERS_START_MS, offersSimulator } from "./mod.ts";

const out = offersSimulator.generate({
  seed: 37,
  scale: "tiny",
  customers: 4_000,
  impressionsPerCustomer: 100,
  scenario: "black_friday",
});
const DAYS = out.meta.sizes.days!;
const normalCal = buildCalendar(DAYS, "normal");
const dayOf = (ts: number) => Math.floor((ts - OFFERS_START_MS) / DAY_MS);
const inWeek = (ts: number) => ts >= BLACK_FRIDAY.start && ts < BLACK_FRIDAY.end;

function declared(from: string, to: string): number {
  const e = OFFERS_GRAPH.edges.find((x) => x.from === from && x.to === to);
  assert.ok(e?.size !== undefined, `edge ${from} → ${to} has no size`);
  return e.size;
}

const redemptionOrders = new Set(getNumeric(out.tables.redemptions!, "order_id"));
const orderTs = getNumeric(out.tables.orders!, "order_timestamp");

Deno.test("offers black_friday: orders ×1.8 in black week (observed regular orders over the normal calendar)", () => {
  const counts = new Float64Array(DAYS);
  for (let o = 0; o < orderTs.length; o++) if (!redemptionOrders.has(o)) counts[dayOf(orderTs[o]!)]!++;
  let n1 = 0, m1 = 0, n0 = 0, m0 = 0, days = 0;
  for (let d = 0; d < DAYS; d++) {
    if (inWeek(OFFERS_START_MS + d * DAY_MS)) (n1 += counts[d]!, m1 += normalCal.orderMultiplier[d]!, days++);
    else (n0 += counts[d]!, m0 += normalCal.orderMultiplier[d]!);
  }
  assert.equal(days, 7);
  const est = (n1 / m1) / (n0 / m0);
  assertRecovered(
    "black-week orders",
    est,
    est * Math.sqrt(1 / n1 + 1 / n0),
    declared("black_friday", "orders"),
    0.1,
  );
});

Deno.test("offers black_friday: promo share ×1.8 in black week (observed promo lines over 0.5·s)", () => {
  const s = getNumeric(out.truth.customers!, "promo_sensitivity");
  const orderCust = getNumeric(out.tables.orders!, "customer_id");
  const items = out.tables.order_items!;
  const io = getNumeric(items, "order_id"), promo = getNumeric(items, "is_promo");
  const perS = declared("promo_sensitivity", "is_promo");
  // k: promo lines; e: their expectation without the boost, Σ 0.5·s; v: Σ p(1 − p) at the fitted rate.
  const k = [0, 0], e = [0, 0];
  for (let i = 0; i < items.nRows; i++) {
    const o = io[i]!;
    if (redemptionOrders.has(o) && (i === 0 || io[i - 1] !== o)) continue; // the offer line itself
    const w = inWeek(orderTs[o]!) ? 1 : 0;
    k[w]! += promo[i]!;
    e[w]! += perS * s[orderCust[o]!]!;
  }
  const r = [k[0]! / e[0]!, k[1]! / e[1]!];
  const v = [0, 0];
  for (let i = 0; i < items.nRows; i++) {
    const o = io[i]!;
    if (redemptionOrders.has(o) && (i === 0 || io[i - 1] !== o)) continue;
    const w = inWeek(orderTs[o]!) ? 1 : 0, p = r[w]! * perS * s[orderCust[o]!]!;
    v[w]! += p * (1 - p);
  }
  const est = r[1]! / r[0]!;
  const se = est * Math.sqrt(v[1]! / k[1]! ** 2 + v[0]! / k[0]! ** 2);
  assertRecovered("black-week promo share", est, se, declared("black_friday", "is_promo"), 0.1);
  assertRecovered("promo share per s, other days", r[0]! * perS, Math.sqrt(v[0]!) / e[0]! * perS, perS, 0.01);
});

Deno.test("offers black_friday: offer uplift log-odds ×1.6 in black week (logistic fit of shown offers)", () => {
  const u = out.truth.uplift!, imp = out.tables.impressions!;
  const treat = getNumeric(imp, "treatment"), y = getNumeric(u, "y_treated"), pc = getNumeric(u, "p_control");
  const cust = getNumeric(imp, "customer_id"), offer = getNumeric(imp, "offer_id");
  const shown = getNumeric(imp, "shown_timestamp"), channel = imp.columns.channel!;
  const s = getNumeric(out.truth.customers!, "promo_sensitivity");
  const offers = out.tables.offers!, type = offers.columns.discount_type!;
  const value = getNumeric(offers, "discount_value"), product = getNumeric(offers, "product_id");
  const price = getNumeric(out.tables.products!, "base_price");
  assert.ok(isStringColumn(channel) && isStringColumn(type));
  const depth = Array.from(value, (v, o) => {
    const t = type.dictionary[type.codes[o]!];
    return t === "percentage" ? v / 100 : t === "fixed_amount" ? Math.min(1, v / price[product[o]!]!) : 0.5;
  });
  const x: Float64Array[] = [], ys: number[] = [];
  let nWeek = 0;
  for (let i = 0; i < imp.nRows; i++) {
    if (treat[i] !== 1) continue;
    const sd = s[cust[i]!]! * depth[offer[i]!]!, w = inWeek(shown[i]!) ? 1 : 0;
    nWeek += w;
    const ch = channel.dictionary[channel.codes[i]!];
    x.push(Float64Array.of(
      1,
      Math.log(pc[i]! / (1 - pc[i]!)),
      sd * (1 - w),
      sd * w,
      ch === "app" ? 1 : 0,
      ch === "in_store" ? 1 : 0,
    ));
    ys.push(y[i]!);
  }
  assert.ok(nWeek > 5_000, `${nWeek} shown offers in black week`);
  const fit = fitLogit(x, ys);
  const [b0, b1] = [fit.coef[2]!, fit.coef[3]!], [s0, s1] = [fit.se[2]!, fit.se[3]!];
  assertRecovered("uplift per s·depth, other days", b0, s0, declared("offer_shown", "redeemed"), 0.3);
  const ratio = b1 / b0, se = ratio * Math.sqrt((s0 / b0) ** 2 + (s1 / b1) ** 2);
  assertRecovered("black-week uplift multiplier", ratio, se, declared("black_friday", "redeemed"), 0.06);
});
