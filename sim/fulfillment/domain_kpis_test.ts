import assert from "node:assert/strict";
import { Db, getNumeric, isStringColumn, type StringColumn } from "../../lib/data/mod.ts";
import { InputError, NotFoundError } from "../../lib/errors.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { writeBronze } from "../common/mod.ts";
import { fulfillmentSimulator } from "./mod.ts";
import {
  buildFulfillmentKpis,
  buildFulfillmentSilver,
  KPI_SEGMENTS,
  severityOf,
} from "../../lib/domains/fulfillment/mod.ts";

const DAY = 86_400_000;

async function setup() {
  const db = await Db.open(":memory:");
  const out = fulfillmentSimulator.generate({ seed: 13, scale: "tiny" });
  await writeBronze(db, "fulfillment", out, undefined, { truth: true });
  await buildFulfillmentSilver(db);
  // Predictions: the true delay probability, made when the order is placed.
  await db.exec(`create table predictions as
    select o.order_id, t.p_late as delay_probability, o.order_date as predicted_at
    from silver_fulfillment_orders o join truth_fulfillment_delay t on t."ID" = o.order_id`);
  return db;
}

Deno.test("KPIs match a brute-force recomputation over the 30-day window", async () => {
  const db = await setup();
  try {
    const k = await buildFulfillmentKpis(db, { predictions: "predictions", threshold: 0.6 });
    assert.equal(k.rows, 2000);
    const f = await db.query(`select *, epoch_ms(predicted_at) as t from ${k.table}`);
    const t = getNumeric(f, "t"), p = getNumeric(f, "delay_probability");
    const status = f.columns.order_status as StringColumn, sev = f.columns.severity as StringColumn;
    const at = (c: StringColumn, i: number) => c.dictionary[c.codes[i]!];
    for (let i = 0; i < f.nRows; i += 11) {
      let high = 0;
      for (let j = 0; j < f.nRows; j++) {
        if (t[j]! <= t[i]! && t[j]! >= t[i]! - 30 * DAY && p[j]! > 0.6) high++;
      }
      assert.equal(getNumeric(f, "high_risk_count_30d")[i], high, `row ${i}`);
      for (const s of KPI_SEGMENTS) {
        const seg = f.columns[s.column]!;
        if (!isStringColumn(seg)) throw new Error();
        let n = 0, sum = 0, onTime = 0;
        for (let j = 0; j < f.nRows; j++) {
          if (!(t[j]! <= t[i]! && t[j]! >= t[i]! - 30 * DAY) || at(seg, j) !== at(seg, i)) continue;
          n++;
          sum += p[j]!;
          if (p[j]! < 0.6) onTime++;
        }
        assert.ok(
          Math.abs(getNumeric(f, `segment_risk_score_${s.name}`)[i]! - sum / n) < 1e-9,
          `${s.name} row ${i}`,
        );
        assert.ok(
          Math.abs(getNumeric(f, `on_time_rate_30d_${s.name}`)[i]! - onTime / n) < 1e-9,
          `${s.name} row ${i}`,
        );
      }
      assert.equal(getNumeric(f, "fulfillment_gap")[i], at(status, i) === "shipped" && p[i]! > 0.6 ? 1 : 0);
      assert.equal(at(sev, i), severityOf(p[i]!));
    }
    let gaps = 0;
    for (const g of getNumeric(f, "fulfillment_gap")) gaps += g;
    assert.ok(gaps > 0, "some shipped orders are likely to miss their window");
  } finally {
    db.close();
  }
});

Deno.test("KPIs: bad threshold, window or predictions are InputErrors; no silver is NotFound", async () => {
  const db = await setup();
  try {
    await assert.rejects(
      () => buildFulfillmentKpis(db, { predictions: "predictions", threshold: 1.5 }),
      InputError,
    );
    await assert.rejects(
      () => buildFulfillmentKpis(db, { predictions: "predictions", windowDays: 0 }),
      InputError,
    );
    await assert.rejects(
      () => buildFulfillmentKpis(db, { predictions: "predictions", table: "x; drop" }),
      InputError,
    );
    await assert.rejects(
      () =>
        buildFulfillmentKpis(db, {
          predictions: "select order_id, 1.5 as delay_probability, predicted_at from predictions",
        }),
      (e: unknown) => e instanceof InputError && e.field === "predictions",
    );
  } finally {
    db.close();
  }
  const empty = await Db.open(":memory:");
  try {
    await assert.rejects(() => buildFulfillmentKpis(empty, { predictions: "predictions" }), NotFoundError);
  } finally {
    empty.close();
  }
});
