import assert from "node:assert/strict";
import { Db } from "../data/db.ts";
import { describeGold } from "./gold.ts";

Deno.test("describeGold lists numeric then categorical features, copies the lists and counts the rows", async () => {
  const db = await Db.open(":memory:");
  try {
    await db.exec(
      "create table gold_demo as select range as id, range * 0.5 as x, 'a' as c, 0 as y from range(7)",
    );
    const numeric = ["x", "id2"], categorical = ["c"], keys = ["id"];
    const gold = await describeGold(db, { table: "gold_demo", numeric, categorical, label: "y", keys });
    assert.deepEqual(gold, {
      table: "gold_demo",
      features: ["x", "id2", "c"],
      categorical: ["c"],
      label: "y",
      keys: ["id"],
      rows: 7,
    });
    assert.notEqual(gold.categorical, categorical);
    assert.notEqual(gold.keys, keys);
    await db.exec("delete from gold_demo where id < 3");
    assert.equal(
      (await describeGold(db, { table: "gold_demo", numeric, categorical, label: "y", keys })).rows,
      4,
    );
  } finally {
    db.close();
  }
});
