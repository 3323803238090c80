/**
 * Offer assignments → impressions, holdouts, redemptions and the true uplift.
 *
 * Each customer receives Poisson(impressionsPerCustomer × activity) assignments on days drawn by the
 * calendar. The legacy targeting policy picks an active, eligible offer weighted by category affinity
 * (60 %) or at random (40 %) — a confounder, as in real logs. 10 % of assignments are a randomised
 * holdout (logged with treatment = 0, never shown). Both potential outcomes are drawn from one uniform
 * (Y(0) = u < p0, Y(1) = u < p1, so Y(1) ≥ Y(0)), the observed one becomes a redemption (shown) or a
 * plain purchase of the product (holdout), and p0, p1 and p1 − p0 go to the truth table.
 * @module
 */
import { Categorical, exponential, poisson, type Rng } from "../../lib/random/mod.ts";
import { DAY_MS, Float64Builder, HOUR_MS, Int32Builder, MINUTE_MS } from "../common/mod.ts";
import type { Calendar } from "./calendar.ts";
import type { Customers, Offers, Products } from "./entities.ts";
import { type OrderBook, promoShareOf } from "./orders.ts";
import {
  CATEGORIES,
  CHANNEL_SHARE,
  CHANNEL_UPLIFT,
  HOLDOUT_SHARE,
  type OffersSizes,
  REDEMPTION,
  TARGETED_SHARE,
} from "./params.ts";

const N_CAT = CATEGORIES.length;

/** Columns of impressions (all assignments), redemptions and the uplift truth. */
export interface Assignments {
  readonly impressionCustomer: Int32Array;
  readonly impressionOffer: Int32Array;
  readonly impressionTs: Float64Array;
  readonly impressionChannel: Int32Array;
  readonly impressionTreatment: Int32Array;
  readonly pControl: Float64Array;
  readonly pTreated: Float64Array;
  readonly yControl: Int32Array;
  readonly yTreated: Int32Array;
  readonly redemptionCustomer: Int32Array;
  readonly redemptionOffer: Int32Array;
  readonly redemptionOrder: Int32Array;
  readonly redemptionTs: Float64Array;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The true P(buy the offer's product within the window) without and with the offer shown. */
export function redemptionProbabilities(
  customers: Customers,
  products: Products,
  offers: Offers,
  cal: Calendar,
  meanOrderRate: number,
  c: number,
  o: number,
  d: number,
  channel: number,
): [number, number] {
  const p = offers.product[o]!, k = products.category[p]!;
  const row = c * N_CAT;
  const logit0 = REDEMPTION.base +
    REDEMPTION.affinity * Math.log(N_CAT * customers.affinity[row + k]! + 1e-9) +
    (customers.favourite[row + k] === p ? REDEMPTION.loyal : 0) +
    REDEMPTION.frequency * Math.log(customers.orderRate[c]! / meanOrderRate) +
    Math.log(cal.orderMultiplier[d]!);
  const tau =
    REDEMPTION.uplift * customers.promoSensitivity[c]! * offers.depth[o]! * cal.upliftMultiplier[d]! +
    CHANNEL_UPLIFT[channel]!;
  return [sigmoid(logit0), sigmoid(logit0 + tau)];
}

/** The discount in currency on a redeemed line of `quantity` units. */
export function discountOf(offers: Offers, products: Products, o: number, quantity: number): number {
  const price = products.basePrice[offers.product[o]!]!;
  const t = offers.discountType[o]!, v = offers.discountValue[o]!;
  const raw = t === 0
    ? price * quantity * v / 100
    : t === 1
    ? Math.min(v, price * quantity)
    : price * Math.floor(quantity / 2);
  return Math.round(raw * 100) / 100;
}

/** Runs the assignment → outcome process, appending conversion baskets to `book`. */
export function simulateAssignments(
  rng: Rng,
  book: OrderBook,
  sizes: OffersSizes,
  customers: Customers,
  products: Products,
  offers: Offers,
  cal: Calendar,
  endMs: number,
): Assignments {
  const days = sizes.days;
  // Offers active per day (CSR).
  const activeStart = new Int32Array(days + 1);
  for (let o = 0; o < offers.n; o++) {
    for (let d = offers.startDay[o]!; d < offers.endDay[o]!; d++) activeStart[d + 1]!++;
  }
  for (let d = 0; d < days; d++) activeStart[d + 1]! += activeStart[d]!;
  const active = new Int32Array(activeStart[days]!);
  const fill = activeStart.slice(0, days);
  for (let o = 0; o < offers.n; o++) {
    for (let d = offers.startDay[o]!; d < offers.endDay[o]!; d++) active[fill[d]!++] = o;
  }

  const dayPick = new Categorical(cal.orderMultiplier);
  const channelPick = new Categorical(CHANNEL_SHARE);
  let meanRate = 0;
  for (let c = 0; c < customers.n; c++) meanRate += customers.orderRate[c]!;
  meanRate /= customers.n;

  const cap = Math.ceil(customers.n * sizes.impressionsPerCustomer * 1.1) + 16;
  const iCust = new Int32Builder(cap), iOffer = new Int32Builder(cap), iTs = new Float64Builder(cap);
  const iChan = new Int32Builder(cap), iTreat = new Int32Builder(cap);
  const p0s = new Float64Builder(cap),
    p1s = new Float64Builder(cap),
    y0s = new Int32Builder(cap),
    y1s = new Int32Builder(cap);
  const rCust = new Int32Builder(),
    rOffer = new Int32Builder(),
    rOrder = new Int32Builder(),
    rTs = new Float64Builder();
  const eligible = new Int32Array(offers.n);
  const weights = new Float64Array(offers.n);

  for (let c = 0; c < customers.n; c++) {
    const count = poisson(rng, sizes.impressionsPerCustomer * customers.orderRate[c]! / meanRate);
    const seg = customers.segment[c]!, store = customers.homeStore[c]!, row = c * N_CAT;
    for (let a = 0; a < count; a++) {
      const d = dayPick.sample(rng);
      let m = 0;
      for (let j = activeStart[d]!; j < activeStart[d + 1]!; j++) {
        const o = active[j]!;
        const mask = offers.segmentMask[o]!;
        if (mask !== 0 && (mask & (1 << seg)) === 0) continue;
        const st = offers.stores[o];
        if (st && !st.includes(store)) continue;
        eligible[m++] = o;
      }
      if (m === 0) continue;
      let o: number;
      if (rng.float() < TARGETED_SHARE) {
        let total = 0;
        for (let j = 0; j < m; j++) {
          total += customers.affinity[row + products.category[offers.product[eligible[j]!]!]!]!;
          weights[j] = total;
        }
        const u = rng.float() * total;
        let j = 0;
        while (j < m - 1 && weights[j]! <= u) j++;
        o = eligible[j]!;
      } else o = eligible[rng.int(m)]!;
      let channel = channelPick.sample(rng);
      if (channel === 0 && customers.emailConsent[c] === 0) channel = 1;
      const hour = channel === 0 ? 7 + 2 * rng.float() : 7 + 15 * rng.float();
      const ts = cal.dayStartMs[d]! + Math.floor((hour * HOUR_MS) / MINUTE_MS) * MINUTE_MS;
      const treated = rng.float() >= HOLDOUT_SHARE ? 1 : 0;
      const [p0, p1] = redemptionProbabilities(customers, products, offers, cal, meanRate, c, o, d, channel);
      const u = rng.float();
      const y0 = u < p0 ? 1 : 0, y1 = u < p1 ? 1 : 0;
      iCust.push(c);
      iOffer.push(o);
      iTs.push(ts);
      iChan.push(channel);
      iTreat.push(treated);
      p0s.push(p0);
      p1s.push(p1);
      y0s.push(y0);
      y1s.push(y1);
      if ((treated ? y1 : y0) === 1) {
        const delay = Math.min(exponential(rng, 1 / REDEMPTION.meanDelayDays), REDEMPTION.windowDays - 0.01) *
          DAY_MS;
        const convTs = Math.min(ts + Math.floor(delay / MINUTE_MS) * MINUTE_MS, endMs - MINUTE_MS);
        const convDay = Math.min(days - 1, Math.floor((convTs - cal.dayStartMs[0]!) / DAY_MS));
        const quantity = offers.discountType[o] === 2 ? 2 : 1;
        const discount = treated ? discountOf(offers, products, o, quantity) : 0;
        const order = book.addOrder(rng, c, convTs, promoShareOf(customers, cal, c, convDay), {
          product: offers.product[o]!,
          quantity,
          discount,
        });
        if (treated) {
          rCust.push(c);
          rOffer.push(o);
          rOrder.push(order);
          rTs.push(convTs);
        }
      }
    }
  }
  return {
    impressionCustomer: iCust.finish(),
    impressionOffer: iOffer.finish(),
    impressionTs: iTs.finish(),
    impressionChannel: iChan.finish(),
    impressionTreatment: iTreat.finish(),
    pControl: p0s.finish(),
    pTreated: p1s.finish(),
    yControl: y0s.finish(),
    yTreated: y1s.finish(),
    redemptionCustomer: rCust.finish(),
    redemptionOffer: rOffer.finish(),
    redemptionOrder: rOrder.finish(),
    redemptionTs: rTs.finish(),
  };
}
