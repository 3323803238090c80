/**
 * Orders and order items. {@link OrderBook} appends baskets into growable typed columns;
 * {@link simulateBaseOrders} walks the calendar day by day and draws each customer's shopping trips
 * (Bernoulli per day with rate × seasonality), each basket's lines by category affinity, brand loyalty
 * and popularity, and which lines were bought on promotion (∝ promo sensitivity).
 * @module
 */
import { poisson, type Rng } from "../../lib/random/mod.ts";
import { Float64Builder, HOUR_MS, Int32Builder, MINUTE_MS } from "../common/mod.ts";
import type { Calendar } from "./calendar.ts";
import { type Customers, type Products, sampleProduct } from "./entities.ts";
import {
  CATEGORIES,
  LOYAL_PICK_SHARE,
  PROMO_SHARE_PER_SENSITIVITY,
  SEGMENT_PROFILES,
  SEGMENTS,
} from "./params.ts";

const N_CAT = CATEGORIES.length;

/** A line forced into a basket (the product of a redeemed or converted offer). */
export interface ForcedLine {
  readonly product: number;
  readonly quantity: number;
  /** Discount in currency on this line (0 when bought without the offer). */
  readonly discount: number;
}

/** Growable columns of `orders` and `order_items`. */
export class OrderBook {
  readonly orderCustomer = new Int32Builder(1 << 16);
  readonly orderStore = new Int32Builder(1 << 16);
  readonly orderTs = new Float64Builder(1 << 16);
  readonly orderTotal = new Float64Builder(1 << 16);
  readonly orderItems = new Int32Builder(1 << 16);
  readonly itemOrder = new Int32Builder(1 << 18);
  readonly itemProduct = new Int32Builder(1 << 18);
  readonly itemQuantity = new Int32Builder(1 << 18);
  readonly itemUnitPrice = new Float64Builder(1 << 18);
  readonly itemPromo = new Int32Builder(1 << 18);
  readonly itemDiscount = new Float64Builder(1 << 18);
  readonly #customers: Customers;
  readonly #products: Products;
  readonly #extraUnits: Float64Array;

  constructor(customers: Customers, products: Products) {
    this.#customers = customers;
    this.#products = products;
    this.#extraUnits = Float64Array.from(SEGMENTS, (s) => SEGMENT_PROFILES[s].extraUnits);
  }

  /** Number of orders so far (the next order id). */
  get orders(): number {
    return this.orderTs.length;
  }

  /**
   * Appends one basket for customer `c` at time `ts` and returns its order id. `promoShare` is the
   * probability that a drawn line is bought on a store promotion; `forced` adds an offer line first.
   */
  addOrder(rng: Rng, c: number, ts: number, promoShare: number, forced?: ForcedLine): number {
    const cu = this.#customers, pr = this.#products;
    const id = this.orderTs.length;
    let lines = 1 + poisson(rng, Math.max(0, cu.basketLines[c]! - 1));
    let total = 0;
    if (forced) {
      const price = pr.basePrice[forced.product]!;
      this.#line(id, forced.product, forced.quantity, price, forced.discount > 0 ? 1 : 0, forced.discount);
      total += price * forced.quantity - forced.discount;
      lines = Math.max(1, lines - 1);
    }
    const extra = this.#extraUnits[cu.segment[c]!]!;
    const row = c * N_CAT;
    for (let l = 0; l < lines; l++) {
      const u = rng.float();
      let k = 0;
      while (k < N_CAT - 1 && cu.affinityCum[row + k]! <= u) k++;
      const product = rng.float() < LOYAL_PICK_SHARE ? cu.favourite[row + k]! : sampleProduct(rng, pr, k);
      const quantity = 1 + poisson(rng, extra);
      const price = pr.basePrice[product]!;
      let promo = 0, discount = 0;
      if (rng.float() < promoShare) {
        promo = 1;
        discount = Math.round(price * quantity * (0.1 + 0.25 * rng.float()) * 100) / 100;
      }
      this.#line(id, product, quantity, price, promo, discount);
      total += price * quantity - discount;
    }
    this.orderCustomer.push(c);
    this.orderStore.push(cu.homeStore[c]!);
    this.orderTs.push(ts);
    this.orderTotal.push(Math.round(total * 100) / 100);
    this.orderItems.push(lines + (forced ? 1 : 0));
    return id;
  }

  #line(
    order: number,
    product: number,
    quantity: number,
    price: number,
    promo: number,
    discount: number,
  ): void {
    this.itemOrder.push(order);
    this.itemProduct.push(product);
    this.itemQuantity.push(quantity);
    this.itemUnitPrice.push(price);
    this.itemPromo.push(promo);
    this.itemDiscount.push(discount);
  }
}

/** Order time within opening hours 07:00–21:00 (triangular, peaking at 14:00), to the minute. */
export function shoppingTime(rng: Rng, dayStartMs: number): number {
  const hour = 7 + 7 * (rng.float() + rng.float());
  return dayStartMs + Math.floor((hour * HOUR_MS) / MINUTE_MS) * MINUTE_MS;
}

/** The promo share of customer `c` on day `d`. */
export function promoShareOf(customers: Customers, cal: Calendar, c: number, d: number): number {
  return Math.min(
    0.95,
    PROMO_SHARE_PER_SENSITIVITY * customers.promoSensitivity[c]! * cal.promoMultiplier[d]!,
  );
}

/** Draws every customer's regular shopping trips over the calendar into `book`. */
export function simulateBaseOrders(rng: Rng, book: OrderBook, customers: Customers, cal: Calendar): void {
  const days = cal.dayStartMs.length;
  for (let d = 0; d < days; d++) {
    const mult = cal.orderMultiplier[d]!, dayStart = cal.dayStartMs[d]!;
    for (let c = 0; c < customers.n; c++) {
      if (rng.float() < customers.orderRate[c]! * mult) {
        book.addOrder(rng, c, shoppingTime(rng, dayStart), promoShareOf(customers, cal, c, d));
      }
    }
  }
}
