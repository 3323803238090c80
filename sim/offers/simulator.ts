/**
 * The offers simulator (spec 003): a supermarket with customers in four segments, a 20-category
 * catalogue, 180 days of orders with weekly, payday and holiday seasonality, store promotions, and
 * personalised offers whose impressions lead to redemptions through a declared causal model. Scenarios:
 * `normal` and `black_friday` (black week: more trips, more promo lines, larger offer uplift).
 *
 * Observed tables follow the spec's schema (ids are 0-based; timestamps epoch ms, listed in
 * `meta.timestampColumns`); `impressions` also holds the randomised holdout (treatment = 0, not shown).
 * Truth tables: `uplift` (per assignment: p_control, p_treated, uplift, both potential outcomes),
 * `customers` (latent promo sensitivity, order rate, basket size), `category_affinity` (per customer ×
 * category: the affinity that draws order lines and targets offers, and the customer's favourite product of
 * the category), `calendar` (day multipliers).
 *
 * @example
 * ```ts
 * import { offersSimulator } from "./simulator.ts";
 * const out = offersSimulator.generate({ seed: 1, scale: "tiny", customers: 50 });
 * out.tables.customers!.nRows; // 50
 * ```
 * @module
 */
import { makeFrame } from "../../lib/data/mod.ts";
import { Rng } from "../../lib/random/mod.ts";
import {
  checkGenerateOptions,
  codesColumn,
  DAY_MS,
  type GenerateOptions,
  idColumn,
  type SimOutput,
  type Simulator,
} from "../common/mod.ts";
import { simulateAssignments } from "./assignments.ts";
import { buildCalendar, OFFERS_START_MS } from "./calendar.ts";
import { drawCustomers, drawOffers, drawProducts } from "./entities.ts";
import { OFFERS_GRAPH } from "./graph.ts";
import { OrderBook, simulateBaseOrders } from "./orders.ts";
import {
  CATEGORIES,
  CHANNELS,
  DISCOUNT_TYPES,
  OFFERS_OPTIONS,
  type OffersSizes,
  resolveSizes,
  SEGMENTS,
} from "./params.ts";

/** Scenarios, default first. */
export const OFFERS_SCENARIOS = ["normal", "black_friday"] as const;

/** Size overrides accepted by the offers simulator (each a positive integer). */
export type OffersOptions = Partial<OffersSizes>;

function generate(opts: GenerateOptions & OffersOptions): SimOutput {
  const { seed, scale, scenario } = checkGenerateOptions("offers", OFFERS_SCENARIOS, OFFERS_OPTIONS, opts);
  const { seed: _s, scale: _c, scenario: _n, ...overrides } = opts;
  const sizes = resolveSizes(scale, overrides);
  const root = new Rng(seed);
  const cal = buildCalendar(sizes.days, scenario);
  const endMs = OFFERS_START_MS + sizes.days * DAY_MS;
  const products = drawProducts(root.fork(1), sizes.products);
  const customers = drawCustomers(root.fork(2), sizes, products);
  const offers = drawOffers(root.fork(3), sizes, products);
  const book = new OrderBook(customers, products);
  simulateBaseOrders(root.fork(4), book, customers, cal);
  const asg = simulateAssignments(root.fork(5), book, sizes, customers, products, offers, cal, endMs);

  const subcats = CATEGORIES.flatMap((c) => [0, 1, 2, 3, 4].map((k) => `${c}_${k}`));
  const brands = CATEGORIES.flatMap((c) => Array.from({ length: 25 }, (_, k) => `${c}_brand_${k}`));
  const segScope = new Int32Array(offers.n), storeScope = new Int32Array(offers.n);
  const segDict: string[] = [], storeDict: string[] = [];
  const segIndex = new Map<string, number>(), storeIndex = new Map<string, number>();
  const code = (dict: string[], index: Map<string, number>, s: string) => {
    let i = index.get(s);
    if (i === undefined) index.set(s, i = dict.push(s) - 1);
    return i;
  };
  for (let o = 0; o < offers.n; o++) {
    const mask = offers.segmentMask[o]!;
    segScope[o] = mask === 0
      ? -1
      : code(segDict, segIndex, SEGMENTS.filter((_, i) => mask & (1 << i)).join(","));
    const st = offers.stores[o];
    storeScope[o] = st ? code(storeDict, storeIndex, st.join(",")) : -1;
  }
  const offerStart = Float64Array.from(offers.startDay, (d) => OFFERS_START_MS + d * DAY_MS);
  const offerEnd = Float64Array.from(offers.endDay, (d) => OFFERS_START_MS + (d - 1) * DAY_MS);

  const orders = {
    order_id: idColumn(book.orders),
    customer_id: book.orderCustomer.finish(),
    store_id: book.orderStore.finish(),
    order_timestamp: book.orderTs.finish(),
    total_amount: book.orderTotal.finish(),
    num_items: book.orderItems.finish(),
  };
  const nItems = book.itemOrder.length;
  const nImp = asg.impressionTs.length;
  const pC = asg.pControl, pT = asg.pTreated;
  const uplift = new Float64Array(nImp);
  for (let i = 0; i < nImp; i++) uplift[i] = pT[i]! - pC[i]!;
  // Long form of the customer × category truth (row c·20 + k), read from the drawn entities: no extra draws.
  const nCat = CATEGORIES.length;
  const affCustomer = new Int32Array(customers.n * nCat), affCategory = new Int32Array(customers.n * nCat);
  for (let c = 0; c < customers.n; c++) {
    for (let k = 0; k < nCat; k++) (affCustomer[c * nCat + k] = c, affCategory[c * nCat + k] = k);
  }

  return {
    tables: {
      customers: makeFrame({
        customer_id: idColumn(customers.n),
        segment: codesColumn(customers.segment, SEGMENTS),
        home_store_id: customers.homeStore,
        join_date: customers.joinMs,
        loyalty_tier: codesColumn(customers.loyaltyTier, ["bronze", "silver", "gold"]),
        email_consent: customers.emailConsent,
      }),
      products: makeFrame({
        product_id: idColumn(products.n),
        category: codesColumn(products.category, CATEGORIES),
        subcategory: codesColumn(products.subcategory, subcats),
        brand: codesColumn(products.brand, brands),
        base_price: products.basePrice,
        margin: products.margin,
        shelf_life_days: products.shelfLifeDays,
      }),
      orders: makeFrame(orders),
      order_items: makeFrame({
        order_item_id: idColumn(nItems),
        order_id: book.itemOrder.finish(),
        product_id: book.itemProduct.finish(),
        quantity: book.itemQuantity.finish(),
        unit_price: book.itemUnitPrice.finish(),
        is_promo: book.itemPromo.finish(),
        discount_amount: book.itemDiscount.finish(),
      }),
      offers: makeFrame({
        offer_id: idColumn(offers.n),
        product_id: offers.product,
        discount_type: codesColumn(offers.discountType, DISCOUNT_TYPES),
        discount_value: offers.discountValue,
        start_date: offerStart,
        end_date: offerEnd,
        store_scope: codesColumn(storeScope, storeDict),
        segment_scope: codesColumn(segScope, segDict),
        max_redemptions: offers.maxRedemptions,
      }),
      impressions: makeFrame({
        impression_id: idColumn(nImp),
        customer_id: asg.impressionCustomer,
        offer_id: asg.impressionOffer,
        shown_timestamp: asg.impressionTs,
        channel: codesColumn(asg.impressionChannel, CHANNELS),
        treatment: asg.impressionTreatment,
      }),
      redemptions: makeFrame({
        redemption_id: idColumn(asg.redemptionTs.length),
        customer_id: asg.redemptionCustomer,
        offer_id: asg.redemptionOffer,
        order_id: asg.redemptionOrder,
        redeemed_timestamp: asg.redemptionTs,
      }),
    },
    truth: {
      uplift: makeFrame({
        impression_id: idColumn(nImp),
        customer_id: asg.impressionCustomer,
        offer_id: asg.impressionOffer,
        treatment: asg.impressionTreatment,
        p_control: pC,
        p_treated: pT,
        uplift,
        y_control: asg.yControl,
        y_treated: asg.yTreated,
      }),
      customers: makeFrame({
        customer_id: idColumn(customers.n),
        segment: codesColumn(customers.segment, SEGMENTS),
        promo_sensitivity: customers.promoSensitivity,
        order_rate_per_day: customers.orderRate,
        basket_lines: customers.basketLines,
      }),
      category_affinity: makeFrame({
        customer_id: affCustomer,
        category: codesColumn(affCategory, CATEGORIES),
        affinity: customers.affinity,
        favourite_product_id: customers.favourite,
      }),
      calendar: makeFrame({
        day_start: cal.dayStartMs,
        order_multiplier: cal.orderMultiplier,
        promo_multiplier: cal.promoMultiplier,
        uplift_multiplier: cal.upliftMultiplier,
        black_friday: cal.blackFriday,
      }),
    },
    meta: {
      simulator: "offers",
      scenario,
      seed,
      scale,
      sizes: {
        ...sizes,
        orders: book.orders,
        order_items: nItems,
        impressions: nImp,
        redemptions: asg.redemptionTs.length,
      },
      startMs: OFFERS_START_MS,
      endMs,
      timestampColumns: {
        customers: ["join_date"],
        orders: ["order_timestamp"],
        offers: ["start_date", "end_date"],
        impressions: ["shown_timestamp"],
        redemptions: ["redeemed_timestamp"],
      },
      notes: [
        "ids are 0-based; offers.end_date is the last valid day (inclusive)",
        "impressions.treatment = 0 marks the randomised 10% holdout: assigned and logged, never shown",
        "truth.uplift holds the true P(buy within 7 d) without (p_control) and with (p_treated) the offer",
        scenario === "black_friday"
          ? "black week 2025-11-24..30: orders ×1.8, promo share ×1.8, uplift ×1.6"
          : "no black-week effect",
      ],
    },
  };
}

/** The offers simulator. */
export const offersSimulator: Simulator<OffersOptions> = {
  name: "offers",
  scenarios: OFFERS_SCENARIOS,
  options: OFFERS_OPTIONS,
  graph: OFFERS_GRAPH,
  generate,
};
