import assert from "node:assert/strict";
import { TwoTowerModel } from "./model.ts";
import { InputError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import {
  evaluateRecommender,
  makeInteractions,
  selectRows,
  temporalLeaveLastNOut,
} from "../../recsys/mod.ts";
import { initTf } from "../tf_backend.ts";
import { plantedLog } from "./_toy.ts";
import { makeEntityFeatures } from "./features.ts";
import { fitTwoTower } from "./fit.ts";

const SMALL = {
  embeddingDim: 16,
  idDim: 8,
  featureDim: 4,
  hidden: [16],
  batchSize: 32,
  learningRate: 0.02,
} as const;

Deno.test("fitTwoTower: loss decreases, embeddings are unit-norm, no tensors leak", async () => {
  const { log, users, items } = plantedLog(1);
  const tf = await initTf("wasm");
  const before = tf.memory().numTensors;
  const m = await fitTwoTower({ train: log, users, items }, { seed: 3, params: { ...SMALL, epochs: 6 } });
  assert.equal(tf.memory().numTensors, before);
  const h = m.config.history;
  assert.equal(h.length, 6);
  assert.ok(h[5]!.loss < h[0]!.loss * 0.8, `loss ${h[0]!.loss} → ${h[5]!.loss}`);
  for (const [e, n] of [[m.userEmbeddings, log.nUsers], [m.itemEmbeddings, log.nItems]] as const) {
    assert.equal(e.length, n * 16);
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let c = 0; c < 16; c++) s += e[r * 16 + c]! ** 2;
      assert.ok(Math.abs(Math.sqrt(s) - 1) < 1e-5, `row ${r} norm ${Math.sqrt(s)}`);
    }
  }
});

Deno.test("fitTwoTower: same seed → identical weights and embeddings; another seed differs", async () => {
  const { log, users, items } = plantedLog(2);
  const params = { ...SMALL, epochs: 2, randomNegatives: 5 };
  const a = await fitTwoTower({ train: log, users, items }, { seed: 11, params });
  const b = await fitTwoTower({ train: log, users, items }, { seed: 11, params });
  const c = await fitTwoTower({ train: log, users, items }, { seed: 12, params });
  assert.deepEqual(a.itemEmbeddings, b.itemEmbeddings);
  assert.deepEqual(a.userTower.dense[0]!.w, b.userTower.dense[0]!.w);
  assert.deepEqual(a.itemTower.catEmbeddings[0], b.itemTower.catEmbeddings[0]);
  assert.notDeepEqual(a.itemEmbeddings, c.itemEmbeddings);
});

Deno.test("fitTwoTower: beats random recommendations on a planted-structure toy set", async () => {
  const { log, users, items, group } = plantedLog(4);
  const split = temporalLeaveLastNOut(log, { n: 1 });
  const m = await fitTwoTower({ train: split.train, users, items }, {
    seed: 5,
    params: { ...SMALL, epochs: 15 },
  });
  const metrics = evaluateRecommender(m, split);
  // Random: 10 of the 53 unseen items → expected Recall@10 ≈ 0.19; in-group there are only 8 unseen.
  assert.ok(metrics.recallAt10 > 0.6, `recall@10 ${metrics.recallAt10}`);
  // And the top-5 lists stay inside the user's group almost always.
  const lists = m.recommend(split.testUsers, 5);
  let inGroup = 0, total = 0;
  lists.forEach((l, j) =>
    l.forEach((i) => (total++, inGroup += group(i) === group(split.testUsers[j]!) ? 1 : 0))
  );
  assert.ok(inGroup / total > 0.9, `in-group share ${inGroup / total}`);
});

Deno.test("cold start: feature-only tower for a new user, popularity without features", async () => {
  const { log, users, items, group } = plantedLog(6);
  const m = await fitTwoTower({ train: log, users, items }, {
    seed: 7,
    params: { ...SMALL, epochs: 12, idDropout: 0.3 },
  });
  // A new user whose features say group 2.
  const newUser = makeEntityFeatures(1, {
    categorical: [{ name: "group", cardinality: 4, codes: [2] }],
    numeric: { signal: [20.5] },
  });
  const r = await m.recommendForNewUser(newUser, 5);
  assert.equal(r.source, "features");
  assert.ok(r.items.filter((i) => group(i) === 2).length >= 4, `items ${r.items}`);
  // The same embedding as the OOV row through embed(); known-ID embedding differs from it.
  const viaEmbed = await m.embed("user", newUser, [-1]);
  assert.deepEqual(m.recommendFor(viaEmbed, [0], 5)[0], r.items);
  const pop = await m.recommendForNewUser(undefined, 3);
  assert.equal(pop.source, "popularity");
  const byCount = Array.from(m.itemPopularity.keys()).sort((a, b) =>
    m.itemPopularity[b]! - m.itemPopularity[a]! || a - b
  );
  assert.deepEqual(pop.items, byCount.slice(0, 3));
  assert.throws(() => m.recommend([log.nUsers], 3), InputError);
  await assert.rejects(
    () => m.embed("user", makeEntityFeatures(1, { numeric: { signal: [1] } })),
    InputError,
  );
});

Deno.test("fitTwoTower: bad input is a clear error", async () => {
  const { log, users, items } = plantedLog(8);
  await assert.rejects(
    () => fitTwoTower({ train: { ...log, user: new Int32Array(0) } }, { seed: 1 }),
    InputError,
  );
  const zero = makeInteractions({ user: [0, 1], item: [0, 1], timestamp: [1, 2], rating: [1, 0] });
  await assert.rejects(
    () => fitTwoTower({ train: zero }, { seed: 1 }),
    (e: unknown) => e instanceof InputError && e.field === "rating",
  );
  await assert.rejects(
    () => fitTwoTower({ train: log, users: items, items: makeEntityFeatures(3) }, { seed: 1 }),
    InputError,
  );
  const nanUsers = { ...users, numeric: users.numeric.map((v, j) => j === 5 ? NaN : v) };
  await assert.rejects(
    () => fitTwoTower({ train: log, users: nanUsers, items }, { seed: 1 }),
    (e: unknown) => e instanceof InputError && e.field === "users.signal" && /row 5/.test(e.message),
  );
  await assert.rejects(
    () => fitTwoTower({ train: log }, { seed: 1, params: { temperature: -1 } }),
    InputError,
  );
});

Deno.test("cold start: a new item goes through the feature-only item tower and reaches its group's users", async () => {
  const { log, users, items, group } = plantedLog(13);
  const m = await fitTwoTower({ train: log, users, items }, {
    seed: 9,
    params: { ...SMALL, epochs: 12, idDropout: 0.3 },
  });
  const newItem = makeEntityFeatures(1, {
    categorical: [{ name: "group", cardinality: 4, codes: [1] }],
    numeric: { signal: [11] },
  });
  const v = await m.embed("item", newItem, [-1]);
  const d = m.embeddingDim;
  const score = (u: number) => {
    let s = 0;
    for (let c = 0; c < d; c++) s += m.userEmbeddings[u * d + c]! * v[c]!;
    return s;
  };
  const mean = (g: number) => {
    const us = Array.from({ length: log.nUsers }, (_, u) => u).filter((u) => group(u) === g);
    return us.reduce((s, u) => s + score(u), 0) / us.length;
  };
  for (const g of [0, 2, 3]) {
    assert.ok(mean(1) > mean(g) + 0.2, `group 1 users ${mean(1)} vs group ${g} ${mean(g)}`);
  }
});

Deno.test("fitTwoTower: an item without training pairs is embedded by the feature-only tower", async () => {
  const { log, users, items } = plantedLog(14);
  const keep = Array.from({ length: log.user.length }, (_, r) => r).filter((r) => log.item[r] !== 0);
  const train = selectRows(log, keep);
  const m = await fitTwoTower({ train, users, items }, { seed: 2, params: { ...SMALL, epochs: 2 } });
  const row0 = makeEntityFeatures(1, {
    categorical: [{ name: "group", cardinality: 4, codes: [items.categorical[0]!.codes[0]!] }],
    numeric: { signal: [items.numeric[0]!] },
  });
  const oov = await m.embed("item", row0, [-1]), withId = await m.embed("item", row0, [0]);
  const d = m.embeddingDim;
  assert.ok(oov.every((v, c) => Math.abs(v - m.itemEmbeddings[c]!) < 1e-6));
  assert.ok(withId.some((v, c) => Math.abs(v - m.itemEmbeddings[c]!) > 1e-3)); // the untrained ID row differs
  // A seen item keeps its ID embedding.
  const row1 = await m.embed(
    "item",
    makeEntityFeatures(1, {
      categorical: [{ name: "group", cardinality: 4, codes: [items.categorical[0]!.codes[1]!] }],
      numeric: { signal: [items.numeric[1]!] },
    }),
    [1],
  );
  assert.ok(row1.every((v, c) => Math.abs(v - m.itemEmbeddings[d + c]!) < 1e-6));
});

Deno.test("context: per-interaction user time + item publish time learn freshness; graph and checks cover it", async () => {
  // 40 users, 60 items published on days 0..59 (item i on day i); every click happens on the day the
  // item is published, so the only signal is "fresh relative to the query time".
  const nU = 40, nI = 60, user: number[] = [], item: number[] = [], day: number[] = [];
  const rng = new Rng(3);
  for (let r = 0; r < 1200; r++) {
    const i = rng.int(nI);
    user.push(rng.int(nU));
    item.push(i);
    day.push(i);
  }
  const train = makeInteractions({ user, item, timestamp: day, nUsers: nU, nItems: nI });
  const items = makeEntityFeatures(nI, { numeric: { publish_day: Array.from({ length: nI }, (_, i) => i) } });
  const at = (d: number) => new Float32Array(nU).fill(d);
  const m = await fitTwoTower({
    train,
    items,
    userContext: { names: ["query_day"], train: Float32Array.from(day), inference: at(45) },
  }, { seed: 1, params: { ...SMALL, epochs: 8, idDim: 2 } });
  assert.deepEqual(m.config.userContextNames, ["query_day"]);
  // Served on day 45: the top items are those published around day 45.
  const top = m.recommend([0, 1, 2], 5).flat();
  assert.ok(top.every((i) => Math.abs(i - 45) <= 8), `top items ${top}`);
  // Re-embedding users at day 10 moves the recommendations to items around day 10.
  const noUserFeatures = makeEntityFeatures(nU);
  const u10 = await m.embed("user", noUserFeatures, undefined, at(10));
  const top10 = m.recommendFor(u10.subarray(0, 3 * m.embeddingDim), [0, 1, 2], 5).flat();
  assert.ok(top10.every((i) => Math.abs(i - 10) <= 8), `top items at day 10 ${top10}`);
  // The described graph takes the context as part of "numeric" and matches tfjs.
  const g = m.describe("user");
  assert.deepEqual(g.inputs.find((x) => x.type === "float32"), {
    name: "numeric",
    type: "float32",
    width: 1,
  });
  const ref = m.embedReference("user", noUserFeatures, undefined, at(10));
  // A model with context columns round-trips (its numeric statistics include the context).
  const back = TwoTowerModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
  assert.deepEqual(back.embedReference("user", noUserFeatures, undefined, at(10)), ref);
  assert.ok(ref.every((v, j) => Math.abs(v - u10[j]!) < 1e-5));
  await assert.rejects(
    () => m.embed("user", noUserFeatures),
    (e: unknown) => e instanceof InputError && e.field === "context",
  );
  await assert.rejects(
    () => m.embed("item", items, undefined, at(1)),
    (e: unknown) => e instanceof InputError && e.field === "context",
  );
  await assert.rejects(
    () =>
      fitTwoTower({ train, userContext: { names: ["d"], train: new Float32Array(3), inference: at(1) } }, {
        seed: 1,
      }),
    (e: unknown) => e instanceof InputError && e.field === "userContext.train",
  );
});
