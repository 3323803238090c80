import assert from "node:assert/strict";
import { Db, getNumeric } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
import {
  FeatureRegistry,
  getHistoricalFeatures,
  getOnlineFeatures,
  InMemoryOnlineStore,
  materializeOnline,
} from "../../lib/features/mod.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { writeBronze } from "../common/mod.ts";
import { pricingSimulator } from "./mod.ts";
import { registerDispatchFeatures } from "../../lib/domains/dispatch/feature_defs.ts";
import { registerFeedFeatures } from "../../lib/domains/feed/feature_defs.ts";
import { registerFulfillmentFeatures } from "../../lib/domains/fulfillment/feature_defs.ts";
import { registerOffersFeatures } from "../../lib/domains/offers/feature_defs.ts";
import { PRICING_FEATURE_DEFS, registerPricingFeatures } from "../../lib/domains/pricing/feature_defs.ts";
import { buildPricingGold } from "../../lib/domains/pricing/mod.ts";
import { assertRegistryContract } from "../../lib/domains/testing.ts";
import { sameValue as same } from "../../lib/domains/testing.ts";

const Q = 900_000;
const out = pricingSimulator.generate({ seed: 5, scale: "tiny", bays: 4, customers: 300, days: 40 });
const db = await Db.open(":memory:");
await writeBronze(db, "pricing", out);
await buildPricingGold(db);
const reg = new FeatureRegistry();
registerPricingFeatures(reg);

/** Historical retrieval at each gold row's own time returns that row's gold values. */
async function assertHistoricalEqualsGold(
  entities: string,
  gold: string,
  names: readonly string[],
): Promise<number> {
  const hist = await getHistoricalFeatures(db, reg, entities, names);
  const g = await db.query(gold);
  assert.equal(hist.nRows, g.nRows);
  assert.ok(hist.nRows > 100, `only ${hist.nRows} rows`);
  // Retrieval keeps the entity rows but not necessarily their order: match rows by id.
  const gRow = new Map<number, number>();
  getNumeric(g, "row_id").forEach((id, i) => gRow.set(id, i));
  const at = Array.from(getNumeric(hist, "row_id"), (id) => gRow.get(id)!);
  assert.equal(new Set(at).size, g.nRows, "every gold row retrieved once");
  let nonNull = 0;
  for (const n of names) {
    const def = reg.get(n);
    const h = getNumeric(hist, n), v = getNumeric(g, def.value);
    for (let i = 0; i < h.length; i++) {
      const j = at[i]!;
      assert.ok(same(h[i]!, v[j]!), `${n} row ${j}: ${h[i]} vs ${v[j]}`);
      if (!Number.isNaN(v[j]!)) nonNull++;
    }
  }
  assert.ok(nonNull > hist.nRows, "most values are present");
  return hist.nRows;
}

Deno.test("pricing registers demand, quote-history and risk features with entity, ttl, description, owner", () => {
  const fresh = assertRegistryContract({
    owner: "pricing",
    defs: PRICING_FEATURE_DEFS,
    register: registerPricingFeatures,
    entities: { demand_lag_1: "bay", customer_booking_rate_30d: "customer" },
    misspelt: { name: "demand_lag_2", suggests: /demand_lag_1/ },
  });
  for (const d of PRICING_FEATURE_DEFS) {
    assert.ok(d.ttlMs !== undefined && d.ttlMs > 0, `${d.name} has a ttl`);
  }
  assert.equal(fresh.get("demand_lag_1").ttlMs, 15 * 60_000);
  assert.equal(fresh.get("risk_incidents_365d").source, "gold_pricing_risk");
  // The module-level registry shared by the tests below holds the same definitions.
  for (const d of PRICING_FEATURE_DEFS) assert.deepEqual(reg.get(d.name), fresh.get(d.name));
  // One registry can hold every domain's features: no name clashes.
  const all = new FeatureRegistry();
  registerPricingFeatures(all);
  registerDispatchFeatures(all);
  registerOffersFeatures(all);
  registerFulfillmentFeatures(all);
  registerFeedFeatures(all);
});

Deno.test("historical retrieval at each row's time returns the pricing gold values (bay and customer)", async () => {
  const bayNames = PRICING_FEATURE_DEFS.filter((d) => d.entity === "bay").map((d) => d.name);
  const bayCols = bayNames.map((n) => reg.get(n).value);
  await assertHistoricalEqualsGold(
    `select row_number() over (order by bay_id, bucket_start) as row_id, bay_id, bucket_start as event_timestamp
     from gold_pricing_demand`,
    `select row_number() over (order by bay_id, bucket_start) as row_id, ${bayCols.join(", ")}
     from gold_pricing_demand order by row_id`,
    bayNames,
  );
  // Customers: rows whose (customer, time) is unique, so "the latest row at or before" is that row.
  const customerRows = async (table: string, id: string, time: string, names: readonly string[]) => {
    const rows = `select ${id} as row_id, customer_id, ${time} as event_timestamp, ${
      names.map((n) => reg.get(n).value).join(", ")
    }
     from ${table} qualify count(*) over (partition by customer_id, ${time}) = 1`;
    await assertHistoricalEqualsGold(
      `select row_id, customer_id, event_timestamp from (${rows})`,
      `select * from (${rows}) order by row_id`,
      names,
    );
  };
  await customerRows("gold_pricing_conversion", "quote_id", "quoted_at", [
    "customer_quotes_30d",
    "customer_booking_rate_30d",
  ]);
  const riskNames = PRICING_FEATURE_DEFS.filter((d) => d.source === "gold_pricing_risk").map((d) => d.name);
  await customerRows("gold_pricing_risk", "booking_id", "booked_at", riskNames);
});

Deno.test("demand features expire 15 minutes after their bucket starts, in training and online", async () => {
  const last = await db.scalar(`select epoch_ms(max(bucket_start))::DOUBLE from gold_pricing_demand`);
  const at = (ms: number) =>
    `select bay_id, epoch_ms(${ms}::BIGINT) as event_timestamp from (select distinct bay_id from gold_pricing_demand)
     order by bay_id`;
  const lastLag = await db.query(
    `select bay_id, lag_1 from gold_pricing_demand where bucket_start = epoch_ms(${last}::BIGINT) order by bay_id`,
  );
  const fresh = await getHistoricalFeatures(db, reg, at(last + 10 * 60_000), ["demand_lag_1"]);
  const byBay = (f: typeof fresh, c: string) => {
    const b = getNumeric(f, "bay_id"), v = getNumeric(f, c);
    return Array.from(b, (id, i) => [id, v[i]!]).sort((x, y) => x[0]! - y[0]!);
  };
  assert.deepEqual(byBay(fresh, "demand_lag_1"), byBay(lastLag, "lag_1"));
  const stale = await getHistoricalFeatures(db, reg, at(last + Q + 60_000), ["demand_lag_1"]);
  assert.ok(getNumeric(stale, "demand_lag_1").every((v) => Number.isNaN(v)), "past the TTL: NULL");

  // Online: materialized at the last bucket, served while the clock is inside it, gone after.
  let now = last + 60_000;
  const store = new InMemoryOnlineStore({ now: () => now });
  const res = await materializeOnline(db, reg, ["demand_lag_1", "demand_rolling_mean_96"], store, {
    asOf: last + 60_000,
  });
  assert.equal(res.keys.bay, lastLag.nRows);
  const keys = Array.from(getNumeric(lastLag, "bay_id"), String);
  const rows = await getOnlineFeatures(reg, store, keys, ["demand_lag_1"]);
  rows.forEach((r, i) => {
    const v = getNumeric(lastLag, "lag_1")[i]!;
    assert.equal(r.demand_lag_1, Number.isNaN(v) ? null : v);
  });
  now = last + Q + 1;
  const expired = await getOnlineFeatures(reg, store, keys, ["demand_lag_1"]);
  assert.ok(expired.every((r) => r.demand_lag_1 === null), "expired on read after 15 minutes");
  await assert.rejects(
    () => getOnlineFeatures(reg, store, keys, ["demand_lag_1", "customer_quotes_30d"]),
    InputError,
  );
});

Deno.test("close the shared database", () => db.close());
