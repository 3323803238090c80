import assert from "node:assert/strict";
import { Db, type Frame, getNumeric, isStringColumn, type StringColumn } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
import { differingTables, framesEqual, validateGraph, writeBronze } from "../common/mod.ts";
import {
  baseLogit,
  CARRIERS,
  ENRICHED_COLUMNS,
  fulfillmentSimulator,
  IMPORTANCE,
  KAGGLE_COLUMNS,
  MODES,
  PROMISE_DAYS,
  sigmoid,
  WAREHOUSES,
} from "./mod.ts";

const tiny = fulfillmentSimulator.generate({ seed: 7, scale: "tiny" });
const kaggleSized = fulfillmentSimulator.generate({ seed: 3, scale: "default" });

function str(frame: Frame, name: string): StringColumn {
  const c = frame.columns[name]!;
  if (!isStringColumn(c)) throw new Error(`${name} is not a string column`);
  return c;
}
const valueAt = (c: StringColumn, i: number) => c.dictionary[c.codes[i]!]!;
function share(c: StringColumn, value: string): number {
  let k = 0;
  for (let i = 0; i < c.codes.length; i++) if (valueAt(c, i) === value) k++;
  return k / c.codes.length;
}
function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

Deno.test("same seed → identical tables and truth; another seed → different shipments", () => {
  const again = fulfillmentSimulator.generate({ seed: 7, scale: "tiny" });
  assert.deepEqual(differingTables(tiny, again), []);
  const other = fulfillmentSimulator.generate({ seed: 8, scale: "tiny" });
  assert.ok(!framesEqual(tiny.tables.shipments!, other.tables.shipments!));
  assert.equal(tiny.tables.shipments!.nRows, 2000);
  assert.equal(kaggleSized.tables.shipments!.nRows, 10_999);
});

Deno.test("schemas are exact: Kaggle names and types, enriched names and types, in bronze too", async () => {
  const k = tiny.tables.shipments!, o = tiny.tables.orders!;
  assert.deepEqual(k.names, [...KAGGLE_COLUMNS]);
  assert.deepEqual(o.names, [...ENRICHED_COLUMNS]);
  const kaggleStrings = ["Warehouse_block", "Mode_of_Shipment", "Product_importance", "Gender"];
  for (const name of k.names) {
    const c = k.columns[name]!;
    if (kaggleStrings.includes(name)) assert.ok(isStringColumn(c), name);
    else assert.ok(c instanceof Int32Array, `${name} must be an integer column`);
  }
  const db = await Db.open(":memory:");
  try {
    await writeBronze(db, "fulfillment", tiny, undefined, { truth: true });
    const types = async (t: string) =>
      (await db.rows(
        `select column_name, data_type from information_schema.columns where table_name = '${t}' order by ordinal_position`,
      ))
        .map((r) => `${r.column_name}:${r.data_type}`).join(",");
    assert.equal(
      await types("bronze_fulfillment_shipments"),
      "ID:INTEGER,Warehouse_block:VARCHAR,Mode_of_Shipment:VARCHAR,Customer_care_calls:INTEGER,Customer_rating:INTEGER," +
        "Cost_of_the_Product:INTEGER,Prior_purchases:INTEGER,Product_importance:VARCHAR,Gender:VARCHAR," +
        "Discount_offered:INTEGER,Weight_in_gms:INTEGER,Reached.on.Time_Y.N:INTEGER",
    );
    assert.equal(
      await types("bronze_fulfillment_orders"),
      "order_id:INTEGER,customer_id:INTEGER,order_date:DOUBLE,promised_delivery_date:DOUBLE,ship_date:DOUBLE," +
        "delivery_date:DOUBLE,warehouse_block:VARCHAR,mode_of_shipment:VARCHAR,carrier_name:VARCHAR,tracking_id:VARCHAR," +
        "customer_care_calls:INTEGER,customer_rating:INTEGER,prior_purchases:INTEGER,gender:VARCHAR," +
        "product_importance:VARCHAR,cost_of_product:INTEGER,discount_offered:INTEGER,weight_in_gms:INTEGER," +
        "payment_status:VARCHAR,order_status:VARCHAR",
    );
    assert.equal(await db.scalar(`select count(*) from truth_fulfillment_delay`), 2000);
  } finally {
    db.close();
  }
  validateGraph(fulfillmentSimulator.graph);
});

Deno.test("marginals at the Kaggle size look like the Kaggle set", () => {
  const k = kaggleSized.tables.shipments!;
  const wh = str(k, "Warehouse_block"), mode = str(k, "Mode_of_Shipment"), imp = str(k, "Product_importance");
  // 10,999 Bernoulli draws: sd of a share ≤ 0.005, so ±0.02 is 4 sd.
  assert.ok(Math.abs(share(wh, "F") - 1 / 3) < 0.02, `F ${share(wh, "F")}`);
  for (const b of ["A", "B", "C", "D"]) {
    assert.ok(Math.abs(share(wh, b) - 1 / 6) < 0.02, `${b} ${share(wh, b)}`);
  }
  assert.deepEqual([...wh.dictionary], [...WAREHOUSES]);
  assert.ok(Math.abs(share(mode, "Ship") - 0.678) < 0.02 && Math.abs(share(mode, "Flight") - 0.162) < 0.02);
  assert.ok(Math.abs(share(imp, "low") - 0.482) < 0.02 && Math.abs(share(imp, "high") - 0.086) < 0.02);
  assert.ok(Math.abs(share(str(k, "Gender"), "F") - 0.504) < 0.02);
  const range = (name: string): [number, number, number] => {
    const x = getNumeric(k, name);
    return [Math.min(...x), Math.max(...x), mean(x)];
  };
  const [cMin, cMax, cMean] = range("Cost_of_the_Product");
  assert.ok(cMin >= 96 && cMax <= 310 && Math.abs(cMean - 210) < 3, `cost ${cMin}..${cMax} mean ${cMean}`);
  const [dMin, dMax, dMean] = range("Discount_offered");
  assert.ok(dMin === 1 && dMax === 65 && Math.abs(dMean - 13.4) < 1.5, `discount mean ${dMean}`);
  const disc = Array.from(getNumeric(k, "Discount_offered")).sort((a, b) => a - b);
  assert.equal(disc[disc.length >> 1], 7);
  const [wMin, wMax, wMean] = range("Weight_in_gms");
  assert.ok(wMin >= 1001 && wMax <= 7846 && Math.abs(wMean - 3634) < 150, `weight mean ${wMean}`);
  const [callMin, callMax] = range("Customer_care_calls"), [rMin, rMax] = range("Customer_rating");
  assert.deepEqual([callMin, callMax, rMin, rMax], [2, 7, 1, 5]);
  const prior = new Set(getNumeric(k, "Prior_purchases"));
  assert.deepEqual([...prior].sort((a, b) => a - b), [2, 3, 4, 5, 6, 7, 8, 10]);
  const late = mean(getNumeric(k, "Reached.on.Time_Y.N"));
  assert.ok(late > 0.56 && late < 0.64, `late share ${late} (Kaggle 0.597)`);
  // Kaggle's best-known pattern: discounts above 10 % are almost always late.
  const d = getNumeric(k, "Discount_offered"), y = getNumeric(k, "Reached.on.Time_Y.N");
  let n10 = 0, l10 = 0;
  for (let i = 0; i < d.length; i++) if (d[i]! > 10) (n10++, l10 += y[i]!);
  assert.ok(l10 / n10 > 0.85, `late share above 10 % discount: ${l10 / n10}`);
});

Deno.test("truth P(late) is the declared mechanism evaluated on the observed shipment", () => {
  const k = tiny.tables.shipments!, o = tiny.tables.orders!, t = tiny.truth.delay!;
  const wh = str(k, "Warehouse_block"), mode = str(k, "Mode_of_Shipment"), imp = str(k, "Product_importance");
  const carrier = str(o, "carrier_name");
  const p = getNumeric(t, "p_late"), cong = getNumeric(t, "congestion");
  for (let i = 0; i < k.nRows; i++) {
    const expected = sigmoid(baseLogit({
      warehouse: WAREHOUSES.indexOf(valueAt(wh, i) as typeof WAREHOUSES[number]),
      mode: MODES.indexOf(valueAt(mode, i) as typeof MODES[number]),
      carrier: CARRIERS.findIndex((c) => c.name === valueAt(carrier, i)),
      importance: IMPORTANCE.indexOf(valueAt(imp, i) as typeof IMPORTANCE[number]),
      discount: getNumeric(k, "Discount_offered")[i]!,
      weightG: getNumeric(k, "Weight_in_gms")[i]!,
      priorPurchases: getNumeric(k, "Prior_purchases")[i]!,
      cost: getNumeric(k, "Cost_of_the_Product")[i]!,
      congestion: cong[i]!,
      disrupted: false,
    }));
    assert.ok(Math.abs(expected - p[i]!) < 1e-12, `row ${i}`);
  }
  // Congestion per row is the block's value on the order day.
  const cw = tiny.truth.congestion!, days = tiny.meta.sizes.days!;
  const cVal = getNumeric(cw, "congestion"), orderAt = getNumeric(o, "order_date");
  for (let i = 0; i < o.nRows; i += 37) {
    const day = Math.floor((orderAt[i]! - tiny.meta.startMs!) / 86_400_000);
    assert.equal(cong[i], cVal[WAREHOUSES.indexOf(valueAt(wh, i) as typeof WAREHOUSES[number]) * days + day]);
  }
});

Deno.test("timeline: dates, label, snapshot NULLs and statuses are consistent", () => {
  const k = tiny.tables.shipments!, o = tiny.tables.orders!;
  const order = getNumeric(o, "order_date"), promised = getNumeric(o, "promised_delivery_date");
  const ship = getNumeric(o, "ship_date"), delivered = getNumeric(o, "delivery_date");
  const late = getNumeric(k, "Reached.on.Time_Y.N"),
    id = getNumeric(k, "ID"),
    orderId = getNumeric(o, "order_id");
  const mode = str(o, "mode_of_shipment"), status = str(o, "order_status"), pay = str(o, "payment_status");
  const snapshot = tiny.meta.endMs!;
  const seen: Record<string, number> = {};
  for (let i = 0; i < o.nRows; i++) {
    assert.equal(id[i], i + 1);
    assert.equal(orderId[i], i + 1);
    if (i > 0) assert.ok(order[i]! >= order[i - 1]!, "rows in order-time order");
    assert.equal(
      promised[i]! - order[i]!,
      PROMISE_DAYS[MODES.indexOf(valueAt(mode, i) as typeof MODES[number])]! * 86_400_000,
    );
    const st = valueAt(status, i);
    seen[st] = (seen[st] ?? 0) + 1;
    if (!Number.isNaN(ship[i]!)) {
      assert.ok(ship[i]! > order[i]! && ship[i]! <= snapshot && ship[i]! < promised[i]!);
    }
    if (!Number.isNaN(delivered[i]!)) {
      assert.ok(delivered[i]! >= ship[i]! && delivered[i]! <= snapshot);
      assert.equal(delivered[i]! > promised[i]!, late[i] === 1, `row ${i}: label agrees with the dates`);
      assert.equal(st, "delivered");
    } else if (promised[i]! < snapshot) {
      assert.equal(st, "delayed");
      assert.equal(late[i], 1, "not delivered by a past promise means late");
    } else assert.ok(st === "shipped" || st === "processing");
    if (st === "processing") assert.ok(Number.isNaN(ship[i]!));
    if (valueAt(pay, i) === "refunded") assert.ok(st === "delivered" || st === "delayed");
  }
  assert.ok(
    (seen.delivered ?? 0) > 1500 && (seen.processing ?? 0) > 0 && (seen.shipped ?? 0) > 0,
    JSON.stringify(seen),
  );
  assert.equal(new Set(str(o, "tracking_id").dictionary).size, o.nRows);
});

Deno.test("bad input: unknown scenario or scale, negative or zero sizes, bad seed", () => {
  assert.throws(
    () => fulfillmentSimulator.generate({ seed: 1, scale: "tiny", scenario: "strike" }),
    (e: unknown) => e instanceof InputError && /"normal", "carrier_disruption"/.test(e.message),
  );
  assert.throws(
    () => fulfillmentSimulator.generate({ seed: 1, scale: "huge" as "tiny" }),
    (e: unknown) => e instanceof InputError && e.field === "scale",
  );
  assert.throws(
    () => fulfillmentSimulator.generate({ seed: 1, scale: "tiny", shipments: -5 }),
    (e: unknown) => e instanceof InputError && e.field === "shipments",
  );
  assert.throws(
    () => fulfillmentSimulator.generate({ seed: 1, scale: "tiny", days: 0 }),
    (e: unknown) => e instanceof InputError && e.field === "days",
  );
  assert.throws(() => fulfillmentSimulator.generate({ seed: 1, scale: "tiny", shipments: 2.5 }), InputError);
  assert.throws(() => fulfillmentSimulator.generate({ seed: -1, scale: "tiny" }), InputError);
});
