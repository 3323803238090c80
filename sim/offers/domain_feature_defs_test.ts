import assert from "node:assert/strict";
import { Db, getNumeric } from "../../lib/data/mod.ts";
import { InputError, NotFoundError } from "../../lib/errors.ts";
import {
  FeatureRegistry,
  getHistoricalFeatures,
  getOnlineFeatures,
  InMemoryOnlineStore,
  materializeOnline,
} from "../../lib/features/mod.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { writeBronze } from "../common/mod.ts";
import { offersSimulator } from "./mod.ts";
import { buildGold, buildOffersSilver } from "../../lib/domains/offers/mod.ts";
import {
  customerOfferKey,
  OFFERS_FEATURE_DEFS,
  registerOffersFeatures,
} from "../../lib/domains/offers/feature_defs.ts";
import { buildOffersFeatureSnapshots, OFFERS_SNAPSHOT_TABLES } from "../../lib/domains/offers/snapshots.ts";
import { assertRegistryContract } from "../../lib/domains/testing.ts";
import { sameValue as same } from "../../lib/domains/testing.ts";

const DAY = 86_400_000;

Deno.test("offers registers RFM, promo affinity, category entropy and customer × offer interactions", () => {
  assertRegistryContract({
    owner: "offers",
    defs: OFFERS_FEATURE_DEFS,
    register: registerOffersFeatures,
    entities: {
      recency_days: "customer",
      frequency_90d: "customer",
      monetary_90d: "customer",
      promo_affinity: "customer",
      category_entropy: "customer",
      category_affinity_score: "customer_category",
      customer_offer_redemptions: "customer_offer",
    },
    misspelt: { name: "promo_afinity", suggests: /promo_affinity/ },
  });
});

Deno.test("registry values between snapshots equal the gold features as of the snapshot; counts match a scan", async () => {
  const db = await Db.open(":memory:");
  try {
    await writeBronze(db, "offers", offersSimulator.generate({ seed: 12, scale: "tiny" }));
    await buildOffersSilver(db);
    const S = Date.UTC(2025, 8, 29); // a Monday on the weekly grid below
    const snap = await buildOffersFeatureSnapshots(db, {
      from: S - 28 * DAY,
      to: S + 28 * DAY,
      everyDays: 7,
    });
    assert.equal(snap.snapshots, 9);
    assert.ok(snap.rows.customer > 100 && snap.rows.customerCategory > snap.rows.customer);
    const gold = await buildGold(db, { asOf: S, rowDays: 7, rebuildSilver: false });
    const reg = new FeatureRegistry();
    registerOffersFeatures(reg);
    const customerNames = OFFERS_FEATURE_DEFS.filter((d) => d.entity !== "customer_offer").map((d) => d.name);
    // As of S + 3 days the latest snapshot is S's: the values must equal the gold features at asOf = S.
    const entities =
      `select impression_id, customer_id, customer_id::VARCHAR || ':' || category as customer_category,
                             TIMESTAMP '${
        new Date(S + 3 * DAY).toISOString().slice(0, 10)
      }' as event_timestamp
                      from ${gold.table} order by impression_id`;
    const hist = await getHistoricalFeatures(db, reg, entities, customerNames);
    const g = await db.query(`select * from ${gold.table} order by impression_id`);
    assert.ok(g.nRows > 20);
    const zeroWhenMissing = new Set(
      customerNames.filter((n) => !["recency_days", "days_since_category_purchase"].includes(n)),
    );
    for (const n of customerNames) {
      const h = getNumeric(hist, n), v = getNumeric(g, n);
      for (let i = 0; i < h.length; i++) {
        const got = Number.isNaN(h[i]!) && zeroWhenMissing.has(n) ? 0 : h[i]!;
        assert.ok(same(got, v[i]!), `${n} row ${i}: registry ${h[i]} vs gold ${v[i]}`);
      }
    }
    // TTL: 9 days after the last snapshot nothing is fresh enough.
    const late = await getHistoricalFeatures(
      db,
      reg,
      `select 0 as customer_id, TIMESTAMP '${
        new Date(S + 37 * DAY).toISOString().slice(0, 10)
      }' as event_timestamp`,
      ["promo_affinity"],
    );
    assert.ok(Number.isNaN(getNumeric(late, "promo_affinity")[0]!));

    // Customer × offer running counts equal a scan of impressions/redemptions at or before the time.
    const T = S + 2 * DAY + 12 * 3_600_000;
    const pairs = await db.query(`
      select customer_id, offer_id from silver_offers_impressions where treatment = 1 group by all
      order by customer_id, offer_id limit 60`);
    const pc = getNumeric(pairs, "customer_id"), po = getNumeric(pairs, "offer_id");
    const pairSql = Array.from(pc, (c, i) => `('${customerOfferKey(c, po[i]!)}', ${c}, ${po[i]})`).join(", ");
    const counts = await getHistoricalFeatures(
      db,
      reg,
      `select k as customer_offer, c, o, epoch_ms(${T}::BIGINT) as event_timestamp from (values ${pairSql}) t(k, c, o)`,
      ["customer_offer_impressions", "customer_offer_redemptions"],
    );
    const brute = await db.query(`
      select (select count(*) from silver_offers_impressions i where i.customer_id = t.c and i.offer_id = t.o
                and i.treatment = 1 and i.shown_ts <= epoch_ms(${T}::BIGINT))::DOUBLE as imps,
             (select count(*) from silver_offers_redemptions r where r.customer_id = t.c and r.offer_id = t.o
                and r.redeemed_ts <= epoch_ms(${T}::BIGINT))::DOUBLE as reds
      from (values ${pairSql}) t(k, c, o)`);
    const ci = getNumeric(counts, "customer_offer_impressions"),
      cr = getNumeric(counts, "customer_offer_redemptions");
    const bi = getNumeric(brute, "imps"), br = getNumeric(brute, "reds");
    for (let i = 0; i < pc.length; i++) {
      assert.equal(Number.isNaN(ci[i]!) ? 0 : ci[i], bi[i], `impressions of pair ${i}`);
      assert.equal(Number.isNaN(cr[i]!) ? 0 : cr[i], br[i], `redemptions of pair ${i}`);
    }

    // Online: the last snapshot's values per customer.
    const store = new InMemoryOnlineStore({ now: () => S + 28 * DAY });
    await materializeOnline(db, reg, ["promo_affinity", "category_entropy"], store, { asOf: S + 28 * DAY });
    const [row] = await getOnlineFeatures(reg, store, ["0"], ["promo_affinity"]);
    const expected = await db.scalar(
      `select promo_affinity from ${OFFERS_SNAPSHOT_TABLES.customer} where customer_id = 0 order by as_of_ts desc limit 1`,
    );
    assert.ok(same(row!.promo_affinity as number, expected));
  } finally {
    db.close();
  }
});

Deno.test("buildOffersFeatureSnapshots rejects bad options and missing silver tables", async () => {
  const db = await Db.open(":memory:");
  try {
    await assert.rejects(() => buildOffersFeatureSnapshots(db, { everyDays: 0 }), InputError);
    await assert.rejects(() => buildOffersFeatureSnapshots(db), NotFoundError);
  } finally {
    db.close();
  }
});
