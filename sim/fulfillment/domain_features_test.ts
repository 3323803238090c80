import assert from "node:assert/strict";
import { Db, type Frame, getNumeric, isStringColumn, type StringColumn } from "../../lib/data/mod.ts";
import { NotFoundError } from "../../lib/errors.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { writeBronze } from "../common/mod.ts";
import { fulfillmentSimulator, streamFulfillment } from "./mod.ts";
import { buildGold, FULFILLMENT_NUMERIC_FEATURES, RISK_SEGMENTS } from "../../lib/domains/fulfillment/mod.ts";
import { sameValue } from "../../lib/domains/testing.ts";
import { compareSnapshots, goldSnapshot } from "../../lib/domains/testing.ts";

const DAY = 86_400_000;

async function setup(seed = 5, scenario = "normal") {
  const db = await Db.open(":memory:");
  const out = fulfillmentSimulator.generate({ seed, scale: "tiny", scenario });
  await writeBronze(db, "fulfillment", out);
  return { db, out };
}

function str(frame: Frame, name: string): StringColumn {
  const c = frame.columns[name]!;
  if (!isStringColumn(c)) throw new Error(`${name} is not a string column`);
  return c;
}

Deno.test("gold: one row per order, declared columns and types, label = Kaggle Reached.on.Time_Y.N", async () => {
  const { db, out } = await setup();
  try {
    // duplicated bronze lines (an at-least-once feed) are removed in silver
    await db.exec(
      `insert into bronze_fulfillment_orders select * from bronze_fulfillment_orders where order_id % 50 = 0;
                   insert into bronze_fulfillment_shipments select * from bronze_fulfillment_shipments where "ID" % 70 = 0`,
    );
    const gold = await buildGold(db);
    assert.equal(gold.rows, 2000);
    const f = await db.query(`select * from ${gold.table} order by order_id`);
    assert.deepEqual(f.names.toSorted(), [...gold.keys, ...gold.features, gold.label].toSorted());
    for (const c of gold.features) {
      assert.equal(isStringColumn(f.columns[c]!), gold.categorical.includes(c), `${c} type`);
    }
    assert.deepEqual(
      Array.from(getNumeric(f, "late")),
      Array.from(getNumeric(out.tables.shipments!, "Reached.on.Time_Y.N")),
    );
    const types = await db.rows(`select column_name, data_type from information_schema.columns
                                  where table_name = '${gold.table}' and column_name in ('as_of', 'label_known_at', 'late')
                                  order by column_name`);
    assert.deepEqual(types.map((r) => `${r.column_name}:${r.data_type}`), [
      "as_of:TIMESTAMP",
      "label_known_at:TIMESTAMP",
      "late:INTEGER",
    ]);
    // A label is known at the delivery (on time) or at the promise (late), never before the order.
    assert.equal(await db.scalar(`select count(*) from ${gold.table} where label_known_at <= as_of`), 0);
    assert.equal(
      await db.scalar(`select count(*) from silver_fulfillment_orders
                       where (late = 1 and label_known_at <> promised_delivery_date)
                          or (late = 0 and label_known_at is distinct from delivery_date)`),
      0,
    );
  } finally {
    db.close();
  }
});

Deno.test("segment_risk_30d_* and orders_7d_warehouse match a brute-force recomputation", async () => {
  const { db } = await setup();
  try {
    const gold = await buildGold(db);
    const g = await db.query(`select * from ${gold.table} where order_id % 13 = 0 order by order_id`);
    const h = await db.query(
      `select epoch_ms(order_date) as placed, epoch_ms(label_known_at) as known, late,
              warehouse_block, mode_of_shipment, product_importance, carrier_name
       from silver_fulfillment_orders`,
    );
    const placed = getNumeric(h, "placed"), known = getNumeric(h, "known"), late = getNumeric(h, "late");
    const asOf = getNumeric(g, "as_of");
    let nonNull = 0;
    for (let i = 0; i < g.nRows; i++) {
      const t = asOf[i]!;
      for (const seg of RISK_SEGMENTS) {
        const same = (j: number) => {
          if (seg.column === null) return true;
          const a = str(g, seg.column), b = str(h, seg.column);
          return a.dictionary[a.codes[i]!] === b.dictionary[b.codes[j]!];
        };
        let n = 0, l = 0;
        for (let j = 0; j < h.nRows; j++) {
          const k = known[j]!;
          if (Number.isNaN(k) || !(k < t) || k < t - 30 * DAY || !same(j)) continue;
          n++;
          l += late[j]!;
        }
        const risk = getNumeric(g, `segment_risk_30d_${seg.name}`)[i]!;
        assert.equal(getNumeric(g, `segment_known_30d_${seg.name}`)[i], n, `${seg.name} count, row ${i}`);
        assert.ok(sameValue(risk, n === 0 ? NaN : l / n), `${seg.name} risk, row ${i}: ${risk} vs ${l / n}`);
        if (n > 0) nonNull++;
      }
      const wh = str(g, "warehouse_block"), hw = str(h, "warehouse_block");
      let vol = 0;
      for (let j = 0; j < h.nRows; j++) {
        if (
          placed[j]! < t && placed[j]! >= t - 7 * DAY &&
          hw.dictionary[hw.codes[j]!] === wh.dictionary[wh.codes[i]!]
        ) vol++;
      }
      assert.equal(getNumeric(g, "orders_7d_warehouse")[i], vol, `orders_7d_warehouse, row ${i}`);
    }
    assert.ok(g.nRows > 100 && nonNull > 500, `${g.nRows} rows, ${nonNull} non-null risks`);
  } finally {
    db.close();
  }
});

Deno.test("leakage: rewriting everything after a cutoff leaves the gold features of earlier orders unchanged", async () => {
  const { db } = await setup(9);
  try {
    const gold = await buildGold(db);
    const cutoff = await db.scalar(`select quantile_disc(order_date, 0.6) from bronze_fulfillment_orders`);
    const features = [...FULFILLMENT_NUMERIC_FEATURES];
    const read = () => goldSnapshot(db, gold.table, "order_id", "as_of", features);
    const before = await read();
    // The moment each outcome becomes known, in bronze terms.
    const knownAt =
      `case when s."Reached.on.Time_Y.N" = 1 then o.promised_delivery_date else o.delivery_date end`;
    await db.exec(`
      -- flip every outcome that becomes known at/after the cutoff (or is still unknown)
      update bronze_fulfillment_shipments s set "Reached.on.Time_Y.N" = 1 - s."Reached.on.Time_Y.N"
        from bronze_fulfillment_orders o
        where o.order_id = s."ID" and (${knownAt} >= ${cutoff} or ${knownAt} is null);
      -- move later deliveries, reassign later orders to other blocks and carriers
      update bronze_fulfillment_orders set delivery_date = delivery_date + 3600000 where delivery_date >= ${cutoff};
      update bronze_fulfillment_orders set warehouse_block = 'F', carrier_name = 'SkyCargo', mode_of_shipment = 'Flight',
        product_importance = 'high', promised_delivery_date = promised_delivery_date + 1
        where order_date >= ${cutoff};
      -- and append a burst of future orders that are all late
      insert into bronze_fulfillment_orders
        select order_id + 1000000, customer_id, ${cutoff} + order_id, ${cutoff} + order_id + 1000, NULL, NULL,
               warehouse_block, mode_of_shipment, carrier_name, tracking_id || 'X', customer_care_calls, customer_rating,
               prior_purchases, gender, product_importance, cost_of_product, discount_offered, weight_in_gms,
               payment_status, order_status
        from bronze_fulfillment_orders where order_id <= 600;
      insert into bronze_fulfillment_shipments
        select "ID" + 1000000, "Warehouse_block", "Mode_of_Shipment", "Customer_care_calls", "Customer_rating",
               "Cost_of_the_Product", "Prior_purchases", "Product_importance", "Gender", "Discount_offered",
               "Weight_in_gms", 1
        from bronze_fulfillment_shipments where "ID" <= 600;
    `);
    await buildGold(db);
    const after = await read();
    assert.equal(after.nRows, before.nRows + 600);
    const r = compareSnapshots(before, after, features, cutoff);
    assert.deepEqual(
      r.leaked,
      [],
      `order ${r.firstLeakKey} (before the cutoff): ${r.leaked.join(", ")} changed`,
    );
    assert.ok(r.early > 1000, `only ${r.early} orders before the cutoff`);
    assert.ok(
      r.laterChanges > 500,
      `the rewrite should change later features (else the test has no teeth): ${r.laterChanges}`,
    );
  } finally {
    db.close();
  }
});

Deno.test("carrier disruption shows up in the disrupted carrier's 30-day risk after the window opens", async () => {
  const risk = async (scenario: string) => {
    const { db } = await setup(31, scenario);
    try {
      const gold = await buildGold(db);
      // tiny scale: 90 days, window from day 45 to day 59; look at OceanLink orders placed in days 55–75
      return await db.scalar(`select avg(segment_risk_30d_carrier) from ${gold.table}
        where carrier_name = 'OceanLink' and as_of >= TIMESTAMP '2025-01-06' + INTERVAL 55 DAY
          and as_of < TIMESTAMP '2025-01-06' + INTERVAL 75 DAY`);
    } finally {
      db.close();
    }
  };
  const normal = await risk("normal"), disrupted = await risk("carrier_disruption");
  assert.ok(
    disrupted > normal + 0.08,
    `OceanLink 30-day risk: normal ${normal.toFixed(3)}, disrupted ${disrupted.toFixed(3)}`,
  );
});

Deno.test("streaming: micro-batches landed one by one get the same gold features as the batch build", async () => {
  const { db: full } = await setup(5);
  const stream = await Db.open(":memory:");
  try {
    const gold = await buildGold(full);
    const cols = ["order_id", ...gold.features, gold.label];
    const read = (db: Db, where: string) =>
      db.query(`select ${cols.join(", ")} from ${gold.table} where ${where} order by order_id`);
    let batches = 0;
    for await (const b of streamFulfillment({ seed: 5, scale: "tiny", batchRows: 500 })) {
      await writeBronze(stream, "fulfillment_in", { tables: b.tables, truth: {}, meta: b.meta });
      for (const t of ["shipments", "orders"]) {
        await stream.exec(
          batches === 0
            ? `create table bronze_fulfillment_${t} as select * from bronze_fulfillment_in_${t}`
            : `insert into bronze_fulfillment_${t} select * from bronze_fulfillment_in_${t}`,
        );
      }
      const g = await buildGold(stream);
      assert.equal(g.rows, b.startRow + b.tables.orders.nRows);
      const ids = getNumeric(b.tables.orders, "order_id");
      const where = `order_id between ${ids[0]} and ${ids[ids.length - 1]}`;
      const got = await read(stream, where), want = await read(full, where);
      for (const c of cols) {
        const x = got.columns[c]!, y = want.columns[c]!;
        if (isStringColumn(x) && isStringColumn(y)) {
          for (let i = 0; i < got.nRows; i++) {
            assert.equal(x.dictionary[x.codes[i]!], y.dictionary[y.codes[i]!], c);
          }
        } else {
          const xs = x as Float64Array, ys = y as Float64Array;
          for (let i = 0; i < got.nRows; i++) {
            assert.ok(sameValue(xs[i]!, ys[i]!), `batch ${b.index}, ${c}, row ${i}`);
          }
        }
      }
      batches++;
    }
    assert.equal(batches, 4);
  } finally {
    full.close();
    stream.close();
  }
});

Deno.test("missing bronze tables are a NotFoundError", async () => {
  const db = await Db.open(":memory:");
  try {
    await assert.rejects(() => buildGold(db), NotFoundError);
  } finally {
    db.close();
  }
});
