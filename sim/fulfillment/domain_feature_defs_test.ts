import assert from "node:assert/strict";
import { Db, getNumeric, isStringColumn } from "../../lib/data/mod.ts";
import {
  FeatureRegistry,
  getHistoricalFeatures,
  getOnlineFeatures,
  InMemoryOnlineStore,
  materializeOnline,
} from "../../lib/features/mod.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { writeBronze } from "../common/mod.ts";
import { fulfillmentSimulator } from "./mod.ts";
import {
  buildGold,
  FULFILLMENT_FEATURE_DEFS,
  registerFulfillmentFeatures,
} from "../../lib/domains/fulfillment/mod.ts";
import { assertRegistryContract } from "../../lib/domains/testing.ts";
import { sameValue as same } from "../../lib/domains/testing.ts";

const NAMES = FULFILLMENT_FEATURE_DEFS.map((d) => d.name);

Deno.test("fulfillment registers its features with entity, ttl, description and owner", () => {
  assertRegistryContract({
    owner: "fulfillment",
    defs: FULFILLMENT_FEATURE_DEFS,
    register: registerFulfillmentFeatures,
    entities: {
      segment_risk_30d_warehouse: "warehouse_block",
      segment_risk_30d_all: "network",
      discount_offered: "shipment",
    },
    misspelt: { name: "segment_risk_7d_carrier", suggests: /segment_risk_30d/ },
  });
});

Deno.test("historical retrieval at each order's as-of time returns the gold values; online = latest per segment", async () => {
  const db = await Db.open(":memory:");
  try {
    await writeBronze(db, "fulfillment", fulfillmentSimulator.generate({ seed: 4, scale: "tiny" }));
    const gold = await buildGold(db);
    const reg = new FeatureRegistry();
    registerFulfillmentFeatures(reg);
    const entities = `select order_id, warehouse_block, mode_of_shipment, product_importance, carrier_name,
                             'all' as network, as_of as event_timestamp
                      from ${gold.table} order by order_id`;
    const hist = await getHistoricalFeatures(db, reg, entities, NAMES);
    const g = await db.query(`select order_id, ${NAMES.join(", ")} from ${gold.table} order by order_id`);
    assert.equal(hist.nRows, g.nRows);
    assert.deepEqual(Array.from(getNumeric(hist, "order_id")), Array.from(getNumeric(g, "order_id")));
    for (const n of NAMES) {
      const h = hist.columns[n]!, v = g.columns[n]!;
      if (isStringColumn(h) && isStringColumn(v)) {
        for (let i = 0; i < g.nRows; i++) {
          assert.equal(h.dictionary[h.codes[i]!], v.dictionary[v.codes[i]!], n);
        }
        continue;
      }
      const hn = getNumeric(hist, n), vn = getNumeric(g, n);
      for (let i = 0; i < hn.length; i++) {
        assert.ok(same(hn[i]!, vn[i]!), `${n} row ${i}: ${hn[i]} vs ${vn[i]}`);
      }
    }

    // Online: the latest carrier risk as of the last order; a carrier without orders for a day is past its TTL.
    const asOf = await db.scalar(`select epoch_ms(max(as_of))::DOUBLE from ${gold.table}`);
    const store = new InMemoryOnlineStore({ now: () => asOf });
    await materializeOnline(db, reg, ["segment_risk_30d_carrier"], store, { asOf });
    const latest = await db.rows(
      `select carrier_name, segment_risk_30d_carrier as risk, epoch_ms(as_of)::DOUBLE as t
      from ${gold.table} qualify row_number() over (partition by carrier_name order by as_of desc) = 1 order by carrier_name`,
    );
    assert.equal(latest.length, 6);
    const rows = await getOnlineFeatures(reg, store, latest.map((r) => String(r.carrier_name)), [
      "segment_risk_30d_carrier",
    ]);
    let live = 0;
    rows.forEach((r, i) => {
      const { risk, t } = latest[i] as { risk: number; t: number };
      if (asOf - t >= 86_400_000) {
        assert.equal(r.segment_risk_30d_carrier, null, `${latest[i]!.carrier_name} is past its ttl`);
      } else (live++, assert.ok(same(r.segment_risk_30d_carrier as number, risk)));
    });
    assert.ok(live >= 3, `${live} carriers live`);
  } finally {
    db.close();
  }
});
