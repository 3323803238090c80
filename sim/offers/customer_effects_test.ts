/**
 * Declared offers effects of the customer's latent traits, recovered from observed tables (the calendar,
 * segment split, uplift and channel effects are in `effects_test.ts`):
 *
 * - segment → category affinity (×4 prior weight on the segment's 4 favourite categories): the share of
 *   observed order lines in the favourite categories, S = 16/32 = ½, gives the ratio 4S / (1 − S);
 * - category affinity → orders: each customer's observed lines per category match the truth affinities
 *   (chi-square; another customer's truth fails it);
 * - brand loyalty → orders (an item pick is the customer's favourite of the category with probability 0.3,
 *   else a draw by popularity π, which can also land on the favourite): a line is its buyer's favourite f
 *   with probability 0.3 + 0.7·π_f, while a line bought by a customer whose favourite is another product
 *   is f with probability 0.7·π_f; the first share minus the second, taken for each line's own favourite,
 *   estimates 0.3 without knowing π;
 * - category affinity → targeting (60 % of assignments weighted by affinity): maximum likelihood of τ in
 *   P(offer | eligible set) = τ·affinity share + (1 − τ)/#eligible, the set rebuilt from the observed offers'
 *   dates and segment and store scopes;
 * - segment → promo sensitivity (Beta means .6/.1/.35/.2) and promo sensitivity → is_promo (P = 0.5·s):
 *   observed promo shares of order lines per segment and against the true s;
 * - segment → order rate (6/10/7.5/8 orders per 180 d) and order rate → orders (Bernoulli(rate × calendar)
 *   per day): regular orders per customer, per segment and against the true rate (weighted least squares);
 * - category affinity, brand loyalty and order rate → redeemed: a logistic fit of the observed outcome of
 *   every assignment (shown: redeemed; holdout: bought anyway) recovers +0.8·ln(20·affinity), +0.9 for the
 *   favourite product and +0.5·ln(rate / mean), with the calendar as a known offset; promo sensitivity and
 *   discount depth modify the uplift only through their product (no separate s or depth slope when shown).
 *
 * Declared values are read from `OFFERS_GRAPH` (the edge sizes) or `SEGMENT_PROFILES`, so a change to the
 * declaration that the mechanism does not follow, or the reverse, fails here.
 */
import assert from "node:assert/strict";
import { type Frame, getNumeric, isStringColumn, type StringColumn } from "../../lib/data/mod.ts";
import { DAY_MS } from "../common/mod.ts";
import { fitLogit, fitOls } from "../common/testing.ts";
import { assertRecovered } from "../common/testing.ts";
import {
  CATEGORIES,
  OFFERS_GRAPH,
  OFFERS_START_MS,
  offersSimulator,
  SEGMENT_PROFILES,
  SEGMENTS,
} from "./mod.ts";

const out = offersSimulator.generate({ seed: 23, scale: "tiny", customers: 4_000 });
const N = out.tables.customers!.nRows, K = CATEGORIES.length;

function strings(f: Frame, name: string): StringColumn {
  const c = f.columns[name];
  assert.ok(c !== undefined && isStringColumn(c), `${name} is a string column`);
  return c;
}

/** The declared size of the edge `from → to` in the offers graph. */
function declared(from: string, to: string): number {
  const e = OFFERS_GRAPH.edges.find((x) => x.from === from && x.to === to);
  assert.ok(e?.size !== undefined, `edge ${from} → ${to} has no size`);
  return e.size;
}

const segCol = strings(out.tables.customers!, "segment");
const segment = Int32Array.from(segCol.codes, (c) => SEGMENTS.indexOf(segCol.dictionary[c] as never));
const productCategory = (() => {
  const c = strings(out.tables.products!, "category");
  return Int32Array.from(c.codes, (x) => CATEGORIES.indexOf(c.dictionary[x] as never));
})();

/** Truth: affinity and favourite product, row-major customers × categories (checked to be in that order). */
const truthAff = out.truth.category_affinity!;
const affinity = getNumeric(truthAff, "affinity"), favourite = getNumeric(truthAff, "favourite_product_id");

/** Orders created by a redemption: their first line is the offer's product, not an affinity draw. */
const redemptionOrders = new Set(getNumeric(out.tables.redemptions!, "order_id"));

/** Observed order lines per customer × category, regular lines only (a redemption's offer line left out). */
const lines = (() => {
  const counts = new Float64Array(N * K);
  const orderCust = getNumeric(out.tables.orders!, "customer_id");
  const items = out.tables.order_items!;
  const io = getNumeric(items, "order_id"), ip = getNumeric(items, "product_id");
  for (let i = 0; i < items.nRows; i++) {
    const o = io[i]!;
    if (redemptionOrders.has(o) && (i === 0 || io[i - 1] !== o)) continue;
    counts[orderCust[o]! * K + productCategory[ip[i]!]!]!++;
  }
  return counts;
})();

Deno.test("offers truth: category_affinity holds each customer's 20 affinities (rows sum to 1) and favourites", () => {
  assert.equal(truthAff.nRows, N * K);
  const cust = getNumeric(truthAff, "customer_id"), cat = strings(truthAff, "category");
  for (let r = 0; r < truthAff.nRows; r++) {
    assert.equal(cust[r], Math.floor(r / K));
    assert.equal(cat.dictionary[cat.codes[r]!], CATEGORIES[r % K]);
    assert.equal(productCategory[favourite[r]!], r % K, "favourite product belongs to its category");
  }
  for (let c = 0; c < N; c++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += affinity[c * K + k]!;
    assert.ok(Math.abs(s - 1) < 1e-9, `customer ${c}: affinities sum to ${s}`);
  }
  // Deterministic: the same seed gives the same truth; observed tables are those of the same run.
  const again = offersSimulator.generate({ seed: 23, scale: "tiny", customers: 200 });
  const twice = offersSimulator.generate({ seed: 23, scale: "tiny", customers: 200 });
  assert.deepEqual(
    getNumeric(again.truth.category_affinity!, "affinity"),
    getNumeric(twice.truth.category_affinity!, "affinity"),
  );
});

Deno.test("offers: segment → category affinity ×4 on the segment's favourite categories (observed order lines)", () => {
  const size = declared("segment", "category_affinity");
  for (let s = 0; s < SEGMENTS.length; s++) {
    const fav = new Set<number>(
      SEGMENT_PROFILES[SEGMENTS[s]!].favouriteCategories.map((c) => CATEGORIES.indexOf(c)),
    );
    assert.equal(fav.size, 4);
    // Per-customer totals; the share S = Σf / Σn is a ratio estimator with a customer-clustered standard error.
    const f: number[] = [], n: number[] = [];
    for (let c = 0; c < N; c++) {
      if (segment[c] !== s) continue;
      let fc = 0, nc = 0;
      for (let k = 0; k < K; k++) (nc += lines[c * K + k]!, fc += fav.has(k) ? lines[c * K + k]! : 0);
      f.push(fc), n.push(nc);
    }
    const sf = f.reduce((a, b) => a + b, 0), sn = n.reduce((a, b) => a + b, 0), S = sf / sn;
    let v = 0;
    for (let i = 0; i < f.length; i++) v += (f[i]! - S * n[i]!) ** 2;
    const seS = Math.sqrt(v) / sn;
    // 4 favourites with weight w and 16 others with weight 1: S = 4w / (4w + 16), so w = 4S / (1 − S).
    const w = 4 * S / (1 - S), seW = 4 / (1 - S) ** 2 * seS;
    assertRecovered(`${SEGMENTS[s]} favourite weight`, w, seW, size, 0.6);
  }
});

Deno.test("offers: category affinity → order lines: observed counts per customer × category fit the truth (chi-square)", () => {
  const chi2 = (aff: (c: number, k: number) => number) => {
    let x = 0, df = 0;
    for (let c = 0; c < N; c++) {
      let n = 0;
      for (let k = 0; k < K; k++) n += lines[c * K + k]!;
      if (n === 0) continue;
      for (let k = 0; k < K; k++) {
        const e = n * aff(c, k);
        x += (lines[c * K + k]! - e) ** 2 / e;
      }
      df += K - 1;
    }
    return { z: (x - df) / Math.sqrt(2 * df), df };
  };
  const fit = chi2((c, k) => affinity[c * K + k]!);
  // Multinomial counts with the true probabilities: X² ≈ χ²(df), so z is N(0, 1) up to the small-count skew.
  assert.ok(fit.df > 50_000 && Math.abs(fit.z) < 4, `chi-square z ${fit.z.toFixed(2)} on ${fit.df} df`);
  // Teeth: another customer's affinities (same segment mix, wrong person) are rejected by far.
  const shifted = chi2((c, k) => affinity[((c + 1) % N) * K + k]!);
  assert.ok(shifted.z > 40, `shifted truth z ${shifted.z.toFixed(1)}`);
});

Deno.test("offers: brand loyalty → orders: 30 % of item picks are the favourite (own-favourite share − non-fans')", () => {
  const orderCust = getNumeric(out.tables.orders!, "customer_id");
  const items = out.tables.order_items!;
  const io = getNumeric(items, "order_id"), ip = getNumeric(items, "product_id");
  const P = out.tables.products!.nRows;
  // Every basket's first line is left out: a conversion's offer line (a redemption's, or a holdout
  // customer's, which the observed tables do not mark) is its basket's first line; the rest are iid picks.
  const kept: number[] = [];
  // fans[j]: kept lines of j's category bought by customers whose favourite it is; perCategory[k]: all kept
  // lines of category k; hits[j]: kept lines of product j by its fans, bought[j]: by anyone.
  const fans = new Float64Array(P), perCategory = new Float64Array(K);
  const hits = new Float64Array(P), bought = new Float64Array(P);
  for (let i = 0; i < items.nRows; i++) {
    const o = io[i]!;
    if (i === 0 || io[i - 1] !== o) continue;
    const p = ip[i]!, k = productCategory[p]!, f = favourite[orderCust[o]! * K + k]!;
    kept.push(i);
    fans[f]!++, perCategory[k]!++, bought[p]!++;
    if (p === f) hits[p]!++;
  }
  // q_j = share of j among the non-fans' lines of its category, E = 0.7·π_j. Per line,
  // g = [p = f] − [p ≠ f]·fans_p / N_p (N_p the non-fans' lines of p's category), so mean g = own-favourite
  // share − Σ_j fans_j·q_j / n, with expectation 0.3 given the lines' categories; the lines' products are
  // independent given their categories, so se = sd(g) / √n.
  let sum = 0, sum2 = 0, own = 0;
  for (const i of kept) {
    const p = ip[i]!, f = favourite[orderCust[io[i]!]! * K + productCategory[p]!]!;
    const g = p === f ? 1 : -fans[p]! / (perCategory[productCategory[p]!]! - fans[p]!);
    sum += g, sum2 += g * g, own += p === f ? 1 : 0;
  }
  const n = kept.length, est = sum / n, se = Math.sqrt((sum2 - sum * sum / n) / (n - 1) / n);
  let check = 0;
  for (let j = 0; j < P; j++) {
    const nonFan = perCategory[productCategory[j]!]! - fans[j]!;
    if (fans[j]! > 0 && nonFan > 0) check += fans[j]! * (bought[j]! - hits[j]!) / nonFan;
  }
  assert.ok(Math.abs(est - (own - check) / n) < 1e-12, "per-line form = share difference");
  assert.ok(n > 50_000, `${n} lines`);
  assertRecovered("loyal pick share", est, se, declared("brand_loyalty", "orders"), 0.01);
  // The popularity term is not negligible: the raw own-favourite share overstates the loyal share.
  assert.ok(own / n - est > 10 * se, `own-favourite share ${(own / n).toFixed(4)} vs ${est.toFixed(4)}`);
});

/** Regular orders per customer (redemption baskets left out) and Σ of the calendar multipliers. */
const regularOrders = (() => {
  const oc = getNumeric(out.tables.orders!, "customer_id"), id = getNumeric(out.tables.orders!, "order_id");
  const counts = new Float64Array(N);
  for (let i = 0; i < oc.length; i++) if (!redemptionOrders.has(id[i]!)) counts[oc[i]!]!++;
  return counts;
})();
const calendarSum = Array.from(getNumeric(out.truth.calendar!, "order_multiplier")).reduce(
  (a, b) => a + b,
  0,
);

Deno.test("offers: segment → order rate 6/10/7.5/8 orders per 180 days (observed regular orders per customer)", () => {
  const days = out.meta.sizes.days!;
  for (let s = 0; s < SEGMENTS.length; s++) {
    const xs: number[] = [];
    for (let c = 0; c < N; c++) if (segment[c] === s) xs.push(regularOrders[c]! / calendarSum * days);
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    assertRecovered(
      `${SEGMENTS[s]} orders per ${days} d`,
      m,
      sd / Math.sqrt(xs.length),
      SEGMENT_PROFILES[SEGMENTS[s]!].ordersPer180Days,
      0.5,
    );
  }
});

Deno.test("offers: order rate → orders is Bernoulli(rate × calendar) per day (WLS of orders on the true rate)", () => {
  const rate = getNumeric(out.truth.customers!, "order_rate_per_day");
  // E[orders_c] = rate_c · Σ multipliers, variance ≈ the mean: weight each customer by 1 / expected.
  const x: Float64Array[] = [], y = new Float64Array(N);
  for (let c = 0; c < N; c++) {
    const e = rate[c]! * calendarSum, r = Math.sqrt(e);
    x.push(Float64Array.of(1 / r, e / r));
    y[c] = regularOrders[c]! / r;
  }
  const fit = fitOls(x, y);
  assertRecovered("orders at rate 0", fit.coef[0]!, fit.se[0]!, 0, 0.5);
  assertRecovered("orders per expected order", fit.coef[1]!, fit.se[1]!, 1, 0.05);
});

Deno.test("offers: affinity +0.8·ln(20·a), favourite product +0.9 and order rate +0.5·ln(rate/mean) → redeemed (logit)", () => {
  const u = out.truth.uplift!, imp = out.tables.impressions!;
  const cust = getNumeric(imp, "customer_id"), offer = getNumeric(imp, "offer_id");
  const treat = getNumeric(imp, "treatment"), shown = getNumeric(imp, "shown_timestamp");
  const channel = strings(imp, "channel");
  const y0 = getNumeric(u, "y_control"), y1 = getNumeric(u, "y_treated");
  // The observed outcome of each assignment: a redemption when shown, a plain purchase in the holdout.
  const y = Float64Array.from(treat, (t, i) => (t === 1 ? y1[i]! : y0[i]!));
  let redeemed = 0;
  for (let i = 0; i < y.length; i++) if (treat[i] === 1) redeemed += y[i]!;
  assert.equal(redeemed, out.tables.redemptions!.nRows, "shown outcomes = redemptions table");
  const rate = getNumeric(out.truth.customers!, "order_rate_per_day");
  const s = getNumeric(out.truth.customers!, "promo_sensitivity");
  const mult = getNumeric(out.truth.calendar!, "order_multiplier");
  const boost = getNumeric(out.truth.calendar!, "uplift_multiplier");
  let meanRate = 0;
  for (let c = 0; c < N; c++) meanRate += rate[c]!;
  meanRate /= N;
  const offerProduct = getNumeric(out.tables.offers!, "product_id");
  const type = strings(out.tables.offers!, "discount_type");
  const value = getNumeric(out.tables.offers!, "discount_value"),
    price = getNumeric(out.tables.products!, "base_price");
  const depth = Array.from(value, (v, o) => {
    const t = type.dictionary[type.codes[o]!];
    return t === "percentage"
      ? v / 100
      : t === "fixed_amount"
      ? Math.min(1, v / price[offerProduct[o]!]!)
      : 0.5;
  });
  const x: Float64Array[] = [], offset = new Float64Array(y.length);
  let nFav = 0;
  for (let i = 0; i < y.length; i++) {
    const c = cust[i]!, o = offer[i]!, p = offerProduct[o]!, row = c * K + productCategory[p]!;
    const day = Math.floor((shown[i]! - OFFERS_START_MS) / DAY_MS);
    const t = treat[i]!, ch = channel.dictionary[channel.codes[i]!];
    const fav = favourite[row] === p ? 1 : 0;
    nFav += fav;
    offset[i] = Math.log(mult[day]!);
    x.push(Float64Array.of(
      1,
      Math.log(K * affinity[row]! + 1e-9),
      fav,
      Math.log(rate[c]! / meanRate),
      t * s[c]! * depth[o]! * boost[day]!,
      t * (ch === "app" ? 1 : 0),
      t * (ch === "in_store" ? 1 : 0),
      t * s[c]!,
      t * depth[o]!,
    ));
  }
  assert.ok(nFav > 1000, `${nFav} assignments of a favourite product`);
  const fit = fitLogit(x, y, { offset });
  assertRecovered("affinity", fit.coef[1]!, fit.se[1]!, declared("category_affinity", "redeemed"), 0.06);
  assertRecovered("favourite product", fit.coef[2]!, fit.se[2]!, declared("brand_loyalty", "redeemed"), 0.12);
  assertRecovered("order rate", fit.coef[3]!, fit.se[3]!, declared("order_rate", "redeemed"), 0.12);
  // The uplift terms are the ones `effects_test.ts` checks; here they only have to be in place.
  assertRecovered("uplift per s·depth", fit.coef[4]!, fit.se[4]!, declared("offer_shown", "redeemed"));
  // s and depth modify the uplift only through their product: no separate s or depth slope when shown.
  assertRecovered("uplift per s alone", fit.coef[7]!, fit.se[7]!, 0, 0.4);
  assertRecovered("uplift per depth alone", fit.coef[8]!, fit.se[8]!, 0, 0.4);
});

Deno.test("offers: category affinity → targeting: 60 % of assignments weighted by affinity, the rest uniform (MLE)", () => {
  const imp = out.tables.impressions!, offers = out.tables.offers!;
  const cust = getNumeric(imp, "customer_id"), offer = getNumeric(imp, "offer_id");
  const shown = getNumeric(imp, "shown_timestamp");
  const home = getNumeric(out.tables.customers!, "home_store_id");
  const start = getNumeric(offers, "start_date"), end = getNumeric(offers, "end_date");
  const offerProduct = getNumeric(offers, "product_id");
  const segScope = strings(offers, "segment_scope"), storeScope = strings(offers, "store_scope");
  // Observed scopes: a missing scope (code −1) means every segment or store.
  const segOk = Array.from(segScope.codes, (code) => {
    const names = code < 0 ? SEGMENTS : segScope.dictionary[code]!.split(",");
    return SEGMENTS.map((s) => names.includes(s));
  });
  const storeOk = Array.from(
    storeScope.codes,
    (code) => (code < 0 ? null : new Set(storeScope.dictionary[code]!.split(",").map(Number))),
  );
  // Per assignment: the chosen offer's affinity share among the eligible offers, and 1 / #eligible.
  const share: number[] = [], uniform: number[] = [];
  for (let i = 0; i < imp.nRows; i++) {
    const c = cust[i]!,
      dayStart = OFFERS_START_MS + Math.floor((shown[i]! - OFFERS_START_MS) / DAY_MS) * DAY_MS;
    let total = 0, m = 0;
    let chosenEligible = false;
    for (let o = 0; o < offers.nRows; o++) {
      if (dayStart < start[o]! || dayStart > end[o]!) continue; // end_date is the last valid day
      if (!segOk[o]![segment[c]!]) continue;
      const st = storeOk[o];
      if (st && !st.has(home[c]!)) continue;
      total += affinity[c * K + productCategory[offerProduct[o]!]!]!;
      m++;
      if (o === offer[i]) chosenEligible = true;
    }
    assert.ok(chosenEligible, `assignment ${i}: offer ${offer[i]} not eligible by the observed tables`);
    share.push(affinity[c * K + productCategory[offerProduct[offer[i]!]!]!]! / total);
    uniform.push(1 / m);
  }
  // Newton on Σ ln(τ·share + (1 − τ)/m), concave in τ.
  let tau = 0.3, info = 0;
  for (let it = 0; it < 30; it++) {
    let g = 0;
    info = 0;
    for (let i = 0; i < share.length; i++) {
      const d = share[i]! - uniform[i]!, f = tau * share[i]! + (1 - tau) * uniform[i]!;
      g += d / f;
      info += (d / f) ** 2;
    }
    const step = g / info;
    tau += step;
    if (Math.abs(step) < 1e-12) break;
  }
  assertRecovered(
    "targeted share",
    tau,
    1 / Math.sqrt(info),
    declared("category_affinity", "targeting"),
    0.05,
  );
});

/** Observed promo flags of regular order lines, per customer: [promo lines, lines]. */
const promoLines = (() => {
  const orderCust = getNumeric(out.tables.orders!, "customer_id");
  const items = out.tables.order_items!;
  const io = getNumeric(items, "order_id"), promo = getNumeric(items, "is_promo");
  const k = new Float64Array(N), n = new Float64Array(N);
  for (let i = 0; i < items.nRows; i++) {
    const o = io[i]!;
    if (redemptionOrders.has(o) && (i === 0 || io[i - 1] !== o)) continue;
    k[orderCust[o]!]! += promo[i]!;
    n[orderCust[o]!]!++;
  }
  return { k, n };
})();

Deno.test("offers: promo sensitivity → is_promo: P(promo line) = 0.5·s (WLS of each customer's promo share on s)", () => {
  const s = getNumeric(out.truth.customers!, "promo_sensitivity");
  // Lines are Bernoulli(0.5·s) given s: regress each customer's share on s, weighted by the line count.
  const x: Float64Array[] = [], y: number[] = [];
  for (let c = 0; c < N; c++) {
    const n = promoLines.n[c]!;
    if (n === 0) continue;
    const w = Math.sqrt(n);
    x.push(Float64Array.of(w, w * s[c]!));
    y.push(w * promoLines.k[c]! / n);
  }
  const fit = fitOls(x, y);
  assertRecovered("promo share at s = 0", fit.coef[0]!, fit.se[0]!, 0, 0.02);
  assertRecovered(
    "promo share per unit s",
    fit.coef[1]!,
    fit.se[1]!,
    declared("promo_sensitivity", "is_promo"),
    0.05,
  );
});

Deno.test("offers: segment → promo sensitivity, mean s .6/.1/.35/.2 (observed promo share ÷ 0.5, per segment)", () => {
  const perS = declared("promo_sensitivity", "is_promo");
  for (let g = 0; g < SEGMENTS.length; g++) {
    let k = 0, n = 0;
    for (let c = 0; c < N; c++) if (segment[c] === g) (k += promoLines.k[c]!, n += promoLines.n[c]!);
    const share = k / n;
    let v = 0;
    for (let c = 0; c < N; c++) if (segment[c] === g) v += (promoLines.k[c]! - share * promoLines.n[c]!) ** 2;
    const seg = SEGMENTS[g]!;
    assertRecovered(
      `${seg} mean s`,
      share / perS,
      Math.sqrt(v) / n / perS,
      SEGMENT_PROFILES[seg].promoSensitivity,
      0.03,
    );
  }
});
