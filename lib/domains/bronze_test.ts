import assert from "node:assert/strict";
import { Db } from "../data/db.ts";
import { NotFoundError } from "../errors.ts";
import { msToTimestamp, requireBronze } from "./bronze.ts";

Deno.test("requireBronze passes when every bronze table exists and names the first missing one", async () => {
  const db = await Db.open(":memory:");
  try {
    await db.exec("create table bronze_demo_orders as select 1 as order_id");
    await db.exec("create table silver_demo_drivers as select 1 as driver_id");
    await requireBronze(db, "demo", ["orders"]);
    await requireBronze(db, "demo", []);
    await assert.rejects(
      () => requireBronze(db, "demo", ["orders", "drivers", "weather"]),
      (e: unknown) =>
        e instanceof NotFoundError &&
        e.message ===
          "Not found: bronze_demo_drivers (write the demo simulator's output with writeBronze first)",
    );
    await assert.rejects(() => requireBronze(db, "other", ["orders"]), /bronze_other_orders/);
  } finally {
    db.close();
  }
});

Deno.test("msToTimestamp turns epoch ms (integer or double columns) into the TIMESTAMP at that instant", async () => {
  const db = await Db.open(":memory:");
  try {
    const ms = Date.UTC(2025, 2, 14, 9, 26, 53, 589);
    const rows = await db.rows(
      `select ${msToTimestamp("a")} = TIMESTAMP '2025-03-14 09:26:53.589' as same_a,
              ${msToTimestamp("b")} = TIMESTAMP '2025-03-14 09:26:53.589' as same_b,
              typeof(${msToTimestamp("b")}) as t
       from (select ${ms}::BIGINT as a, ${ms}::DOUBLE as b)`,
    );
    assert.deepEqual(rows, [{ same_a: true, same_b: true, t: "TIMESTAMP" }]);
  } finally {
    db.close();
  }
});
