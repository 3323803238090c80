import assert from "node:assert/strict";
import { fitItem2Vec } from "./fit.ts";
import { plantedBaskets, plantedCluster } from "./_planted.ts";
import { InputError } from "../../errors.ts";

const K = 5;
const baskets = plantedBaskets({
  nItems: 100,
  nClusters: K,
  nBaskets: 1500,
  basketSize: 5,
  noise: 0.1,
  seed: 1,
});

function clusterSeparation(model: ReturnType<typeof fitItem2Vec>) {
  let intra = 0, ni = 0, inter = 0, nx = 0, precision = 0;
  for (let a = 0; a < 100; a++) {
    for (let b = a + 1; b < 100; b++) {
      const s = model.similarity(a, b);
      if (plantedCluster(a, K) === plantedCluster(b, K)) (intra += s, ni++);
      else (inter += s, nx++);
    }
    const nb = model.similar(a, 10).items;
    precision += nb.filter((x) => plantedCluster(x, K) === plantedCluster(a, K)).length / 10;
  }
  return { intra: intra / ni, inter: inter / nx, precisionAt10: precision / 100 };
}

Deno.test("fitItem2Vec: items of a planted cluster end up closer than items of different clusters", () => {
  // The window context sees fewer pairs per basket than the basket context, so it gets more epochs.
  for (const [context, epochs] of [["basket", 3], ["window", 5]] as const) {
    const model = fitItem2Vec(baskets, { params: { dim: 16, epochs, context, window: 2 }, seed: 3 });
    const s = clusterSeparation(model);
    assert.ok(s.intra - s.inter > 0.3, `${context}: intra ${s.intra} vs inter ${s.inter}`);
    assert.ok(s.precisionAt10 >= 0.95, `${context}: neighbour precision@10 ${s.precisionAt10}`);
  }
});

Deno.test("Item2VecModel.recommend: candidates for a basket come from its cluster and exclude it", () => {
  const model = fitItem2Vec(baskets, { params: { dim: 16, epochs: 3 }, seed: 3 });
  const basket = [2, 7, 12]; // cluster 2
  const rec = model.recommend([...basket, 999_999], 10); // the unknown id is skipped
  assert.equal(rec.items.length, 10);
  for (const it of rec.items) {
    assert.equal(plantedCluster(it, K), 2);
    assert.ok(!basket.includes(it));
  }
  for (let i = 1; i < rec.scores.length; i++) assert.ok(rec.scores[i - 1]! >= rec.scores[i]!);
  assert.throws(() => model.recommend([999_999], 3), /basket.*no item with a vector/);
  assert.throws(
    () => model.similar(999_999, 3),
    (e: unknown) => e instanceof InputError && /999999 has no vector/.test(e.message),
  );
  assert.throws(() => model.similar(2, 0), /"k"/);
});

Deno.test("fitItem2Vec: same seed → identical vectors; another seed → different", () => {
  const small = baskets.slice(0, 200);
  const opts = { params: { dim: 8, epochs: 2, subsample: 0.01 }, seed: 5 };
  const a = fitItem2Vec(small, opts),
    b = fitItem2Vec(small, opts),
    c = fitItem2Vec(small, { ...opts, seed: 6 });
  assert.deepEqual(a.vectors, b.vectors);
  assert.notDeepEqual(a.vectors, c.vectors);
});

Deno.test("fitItem2Vec: minCount drops rare items; bad sessions throw InputError naming the field", () => {
  const model = fitItem2Vec([[1, 2, 3], [1, 2], [1, 2, 9]], { params: { dim: 4, minCount: 2 }, seed: 1 });
  assert.deepEqual(Array.from(model.itemIds), [1, 2]);
  assert.deepEqual(Array.from(model.counts), [3, 3]);
  assert.ok(!model.has(3));
  assert.throws(() => model.vector(3), /minCount = 2/);
  assert.throws(() => fitItem2Vec([], { seed: 1 }), /sessions/);
  assert.throws(() => fitItem2Vec([[1, -2]], { seed: 1 }), /sessions\[0\].*position 1 is -2/);
  assert.throws(() => fitItem2Vec([[1, 2.5]], { seed: 1 }), /sessions\[0\]/);
  assert.throws(() => fitItem2Vec([[1, 1, 1]], { seed: 1 }), /only 1 item/);
  assert.throws(() => fitItem2Vec([[1, 2]], { params: { dim: 0 }, seed: 1 }), /"dim"/);
});
