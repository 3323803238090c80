import assert from "node:assert/strict";
import { Db, type Frame, makeFrame } from "../../data/mod.ts";
import { encodeStrings } from "../../data/frame.ts";
import { InputError, NotFoundError } from "../../errors.ts";
import { buildGold, OFFERS_CATEGORICAL_FEATURES, OFFERS_NUMERIC_FEATURES } from "./mod.ts";

const DAY = 86_400_000;
const T = Date.UTC(2025, 6, 10);
const f64 = (xs: number[]) => Float64Array.from(xs);
const i32 = (xs: number[]) => Int32Array.from(xs);

/** A hand-made bronze world small enough to compute every feature by hand. */
async function handmade(db: Db): Promise<void> {
  const tables: Record<string, Frame> = {
    customers: makeFrame({
      customer_id: i32([0, 1]),
      segment: encodeStrings(["budget", "premium"]),
      home_store_id: i32([0, 0]),
      join_date: f64([T - 100 * DAY, T - 10 * DAY]),
      loyalty_tier: encodeStrings(["bronze", "gold"]),
      email_consent: i32([1, 1]),
    }),
    products: makeFrame({
      product_id: i32([0, 1, 2]),
      category: encodeStrings(["dairy", "meat", "dairy"]),
      subcategory: encodeStrings(["dairy_0", "meat_0", "dairy_1"]),
      brand: encodeStrings(["a", "b", "c"]),
      base_price: f64([2, 10, 4]),
      margin: f64([0.2, 0.3, 0.1]),
      shelf_life_days: i32([5, 5, 5]),
    }),
    orders: makeFrame({
      order_id: i32([0, 1, 2, 3]),
      customer_id: i32([0, 0, 0, 1]),
      store_id: i32([0, 0, 0, 0]),
      order_timestamp: f64([T - 5 * DAY, T - 100 * DAY, T + DAY, T - DAY]),
      total_amount: f64([7, 10, 50, 4]),
      num_items: i32([2, 1, 1, 1]),
    }),
    order_items: makeFrame({
      order_item_id: i32([0, 1, 2, 3, 4]),
      order_id: i32([0, 0, 1, 2, 3]),
      product_id: i32([0, 1, 0, 2, 2]),
      quantity: i32([1, 1, 2, 1, 1]),
      unit_price: f64([2, 10, 2, 4, 4]),
      is_promo: i32([1, 0, 0, 1, 0]),
      discount_amount: f64([0.5, 0, 0, 2, 0]),
    }),
    offers: makeFrame({
      offer_id: i32([0, 1]),
      product_id: i32([2, 1]),
      discount_type: encodeStrings(["percentage", "fixed_amount"]),
      discount_value: f64([25, 2.5]),
      start_date: f64([T - 3 * DAY, T - 20 * DAY]),
      end_date: f64([T + 10 * DAY, T + 2 * DAY]),
      store_scope: encodeStrings([null, null]),
      segment_scope: encodeStrings([null, null]),
      max_redemptions: i32([100, 100]),
    }),
    impressions: makeFrame({
      impression_id: i32([0, 1, 2, 3]),
      customer_id: i32([0, 1, 0, 1]),
      offer_id: i32([0, 1, 1, 0]),
      shown_timestamp: f64([T + DAY / 2, T + 2 * DAY, T - 2 * DAY, T + 8 * DAY]),
      channel: encodeStrings(["app", "email", "app", "app"]),
      treatment: i32([1, 0, 1, 1]),
    }),
    redemptions: makeFrame({
      redemption_id: i32([0, 1]),
      customer_id: i32([0, 0]),
      offer_id: i32([1, 0]),
      order_id: i32([0, 2]),
      redeemed_timestamp: f64([T - 1.5 * DAY, T + DAY]),
    }),
  };
  for (const [name, frame] of Object.entries(tables)) await db.writeFrame(`bronze_offers_${name}`, frame);
}

Deno.test("offers gold: every feature of a hand-made world matches the hand computation", async () => {
  const db = await Db.open(":memory:");
  try {
    await handmade(db);
    const gold = await buildGold(db, { asOf: T });
    assert.equal(gold.rows, 2);
    assert.equal(gold.label, "redeemed");
    assert.deepEqual(gold.features, [...OFFERS_NUMERIC_FEATURES, ...OFFERS_CATEGORICAL_FEATURES]);
    const rows = await db.rows(`select * from ${gold.table} order by impression_id`);
    const [a, b] = rows as Record<string, unknown>[];
    const entropy = -((2 / 3) * Math.log(2 / 3) + (1 / 3) * Math.log(1 / 3));
    const expectA: Record<string, unknown> = {
      impression_id: 0,
      recency_days: 5,
      frequency_90d: 1,
      monetary_90d: 7,
      promo_affinity: 1 / 3,
      avg_basket_size: 1.5,
      category_entropy: entropy,
      avg_discount_depth: 0.25,
      tenure_days: 100,
      customer_impressions_before: 1,
      customer_redemption_rate_before: 1.05 / 2,
      discount_depth: 0.25,
      margin_impact: 4 * 0.1 * 0.25,
      base_price: 4,
      days_until_expiry: 11,
      offer_impressions_before: 0,
      offer_redemption_rate_before: 0.05,
      bought_product_before: 0,
      bought_category_before: 1,
      days_since_category_purchase: 5,
      category_affinity_score: 2 / 3,
      discount_depth_vs_usual: 0,
      segment: "budget",
      category: "dairy",
      discount_type: "percentage",
      channel: "app",
      treatment: 1,
      redeemed: 1,
      purchased: 1,
    };
    const expectB: Record<string, unknown> = {
      impression_id: 1,
      recency_days: 1,
      frequency_90d: 1,
      monetary_90d: 4,
      promo_affinity: 0,
      avg_basket_size: 1,
      category_entropy: 0,
      avg_discount_depth: 0,
      tenure_days: 10,
      customer_impressions_before: 0,
      customer_redemption_rate_before: 0.05,
      discount_depth: 0.25,
      margin_impact: 10 * 0.3 * 0.25,
      base_price: 10,
      days_until_expiry: 3,
      offer_impressions_before: 1,
      offer_redemption_rate_before: 1.5 / 11,
      bought_product_before: 0,
      bought_category_before: 0,
      days_since_category_purchase: null,
      category_affinity_score: 0,
      discount_depth_vs_usual: 0.25,
      segment: "premium",
      category: "meat",
      discount_type: "fixed_amount",
      channel: "email",
      treatment: 0,
      redeemed: 0,
      purchased: 0,
    };
    for (const [row, expect] of [[a!, expectA], [b!, expectB]] as const) {
      for (const [k, v] of Object.entries(expect)) {
        const got = row[k];
        if (typeof v === "number") {
          assert.ok(Math.abs(Number(got) - v) < 1e-9, `${k}: got ${got}, expected ${v}`);
        } else assert.equal(got, v, k);
      }
    }
  } finally {
    db.close();
  }
});

Deno.test("offers gold: bad options and missing bronze tables are rejected", async () => {
  const db = await Db.open(":memory:");
  try {
    await assert.rejects(() => buildGold(db, { asOf: T }), NotFoundError);
    await handmade(db);
    await assert.rejects(
      () => buildGold(db, { asOf: "not a date" }),
      (e: unknown) => e instanceof InputError && /asOf/.test(e.message),
    );
    await assert.rejects(() => buildGold(db, { asOf: T, rowDays: 0 }), InputError);
    await assert.rejects(() => buildGold(db, { asOf: T, labelDays: -1 }), InputError);
    await assert.rejects(() => buildGold(db, { asOf: T, table: "Robert'); drop" }), InputError);
  } finally {
    db.close();
  }
});
