import assert from "node:assert/strict";
import { Db, makeFrame } from "../../lib/data/mod.ts";
import { writeBronze } from "../common/mod.ts";
import { fulfillmentSimulator, KAGGLE_COLUMNS, tableCsv, writeFulfillmentCsv } from "./mod.ts";

Deno.test("CSV files read back (DuckDB read_csv) equal the bronze tables; Kaggle header exact", async () => {
  const out = fulfillmentSimulator.generate({ seed: 12, scale: "tiny", shipments: 400 });
  const dir = await Deno.makeTempDir();
  const db = await Db.open(":memory:");
  try {
    const [shipments, orders] = await writeFulfillmentCsv(out, dir);
    const text = await Deno.readTextFile(shipments!);
    assert.equal(text.split("\n")[0], KAGGLE_COLUMNS.join(","));
    assert.equal(text.split("\n").length, 400 + 2);
    await writeBronze(db, "fulfillment", out);
    const diff = async (a: string, b: string) =>
      await db.scalar(`select count(*) from ((${a}) except (${b}))`) +
      await db.scalar(`select count(*) from ((${b}) except (${a}))`);
    assert.equal(
      await diff(`select * from read_csv('${shipments}')`, `select * from bronze_fulfillment_shipments`),
      0,
    );
    const ms = (c: string) => `epoch_ms(${c}::TIMESTAMP)::DOUBLE as ${c}`;
    const tsCols = ["order_date", "promised_delivery_date", "ship_date", "delivery_date"];
    const others =
      "order_id, customer_id, warehouse_block, carrier_name, tracking_id, weight_in_gms, payment_status, order_status";
    assert.equal(
      await diff(
        `select ${others}, ${
          tsCols.map(ms).join(", ")
        } from read_csv('${orders}', timestampformat = '%Y-%m-%dT%H:%M:%S.%gZ')`,
        `select ${others}, ${tsCols.join(", ")} from bronze_fulfillment_orders`,
      ),
      0,
    );
    assert.equal(
      await db.scalar(`select count(*) from read_csv('${orders}') where ship_date is null`),
      await db.scalar(`select count(*) from bronze_fulfillment_orders where ship_date is null`),
    );
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
  // Fields with commas or quotes are quoted.
  const f = makeFrame({ s: { kind: "string", codes: new Int32Array([0, -1]), dictionary: ['a,"b"'] } });
  assert.equal(tableCsv(f), 's\n"a,""b"""\n\n');
});
