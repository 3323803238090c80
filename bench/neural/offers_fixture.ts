/**
 * Offers-simulator fixture for the neural benchmark: purchase log (customer × product, order time) →
 * interactions, customer and product features. (A helper of `bench/neural.ts`.)
 * @module
 */
import type { Frame, StringColumn } from "../../lib/data/mod.ts";
import { type EntityFeatures, makeEntityFeatures } from "../../lib/models/two_tower/mod.ts";
import { type Interactions, makeInteractions } from "../../lib/recsys/mod.ts";
import { offersSimulator } from "../../sim/offers/mod.ts";

/** What the benchmark needs from one offers simulation. */
export interface OffersFixture {
  readonly purchases: Interactions;
  readonly users: EntityFeatures;
  readonly items: EntityFeatures;
  readonly sizes: Readonly<Record<string, number>>;
}

function cat(f: Frame, name: string) {
  const c = f.columns[name] as StringColumn;
  return { name, cardinality: c.dictionary.length, codes: c.codes };
}

/** Simulates offers and converts order items into (customer, product, order time) interactions. */
export function offersFixture(seed: number, sizes: Record<string, number>): OffersFixture {
  const out = offersSimulator.generate({ seed, scale: "default", ...sizes });
  const customers = out.tables.customers!, products = out.tables.products!;
  const orders = out.tables.orders!, items = out.tables.order_items!;
  const orderCustomer = orders.columns.customer_id as Int32Array,
    orderTs = orders.columns.order_timestamp as Float64Array;
  const orderId = items.columns.order_id as Int32Array, product = items.columns.product_id as Int32Array;
  const user = new Int32Array(items.nRows), ts = new Float64Array(items.nRows);
  for (let r = 0; r < items.nRows; r++) {
    user[r] = orderCustomer[orderId[r]!]!;
    ts[r] = orderTs[orderId[r]!]!;
  }
  const price = products.columns.base_price as Float64Array;
  return {
    purchases: makeInteractions({
      user,
      item: product,
      timestamp: ts,
      nUsers: customers.nRows,
      nItems: products.nRows,
    }),
    users: makeEntityFeatures(customers.nRows, {
      categorical: [cat(customers, "segment"), cat(customers, "loyalty_tier")],
    }),
    items: makeEntityFeatures(products.nRows, {
      categorical: [cat(products, "category"), cat(products, "subcategory"), cat(products, "brand")],
      numeric: { log_price: Array.from(price, (p) => Math.log1p(p)) },
    }),
    sizes: out.meta.sizes,
  };
}
