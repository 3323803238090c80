/**
 * item2vec benchmark: basket completion on a planted catalogue against popularity and item
 * co-occurrence baselines measured in the same run, plus training speed (positive pairs/s) and
 * neighbour quality (share of the 10 nearest items in the item's own planted cluster).
 *
 * World: `items` items in `clusters` equal clusters; a basket picks a cluster by Zipf(1.0), then 3–8
 * items of it by Zipf(0.8) over the cluster's items (popular items exist), and with probability 0.2
 * replaces one by a random catalogue item. Test: the last item of each held-out basket is hidden; each
 * method ranks the catalogue minus the rest of the basket from the rest of the basket; HitRate@10 and
 * MRR@10 over test baskets.
 *
 * Methods: item2vec (dim 32, basket context, 5 negatives, 5 epochs, subsample 1e-3; mean of the
 * basket's unit vectors, cosine top-10); item2vec's top-50 reordered by popularity (candidate
 * generation + a trivial ranker); popularity (train frequency); co-occurrence (Σ over the basket's
 * items of train co-occurrence counts — item-kNN without normalisation).
 *
 * Usage: `deno task bench item2vec [--quick]` (`--quick`: small world, results to
 * bench/results/item2vec_quick.json, README untouched).
 * @module
 */
import { fitItem2Vec } from "../lib/models/item2vec/mod.ts";
import { Rng, Zipf } from "../lib/random/mod.ts";
import { markdownTable, peakRssMiB, publishUnlessQuick, timed } from "./common.ts";

interface World {
  items: number;
  clusters: number;
  train: Int32Array[];
  test: Int32Array[];
}

function makeWorld(items: number, clusters: number, nTrain: number, nTest: number, seed: number): World {
  const rng = new Rng(seed);
  const per = Math.floor(items / clusters);
  const clusterZipf = new Zipf(clusters, 1.0), itemZipf = new Zipf(per, 0.8);
  // A fixed random permutation so popular clusters / items are not the low ids.
  const perm = rng.shuffle(Int32Array.from({ length: items }, (_, i) => i));
  const basket = () => {
    const c = clusterZipf.sample(rng) - 1, size = 3 + rng.int(6);
    const seen = new Set<number>();
    while (seen.size < size) seen.add(perm[c * per + itemZipf.sample(rng) - 1]!);
    const b = Int32Array.from(seen);
    if (rng.bernoulli(0.2)) b[rng.int(b.length - 1)] = rng.int(items); // the hidden last item stays in-cluster
    return b;
  };
  return {
    items,
    clusters,
    train: Array.from({ length: nTrain }, basket),
    test: Array.from({ length: nTest }, basket),
  };
}

function clusterOf(w: World, seed: number): Int32Array {
  // Rebuild the permutation to know each item's cluster (same draws as makeWorld's first step).
  const rng = new Rng(seed);
  const perm = rng.shuffle(Int32Array.from({ length: w.items }, (_, i) => i));
  const per = Math.floor(w.items / w.clusters), out = new Int32Array(w.items).fill(-1);
  perm.forEach((item, slot) => {
    if (slot < per * w.clusters) out[item] = Math.floor(slot / per);
  });
  return out;
}

type Ranker = (context: Int32Array) => ArrayLike<number>;

function evaluate(w: World, rank: Ranker): { hitRate10: number; mrr10: number } {
  let hits = 0, rr = 0;
  for (const b of w.test) {
    const target = b[b.length - 1]!;
    const top = rank(b.subarray(0, b.length - 1));
    for (let k = 0; k < Math.min(10, top.length); k++) {
      if (top[k] === target) {
        hits++;
        rr += 1 / (k + 1);
        break;
      }
    }
  }
  return { hitRate10: hits / w.test.length, mrr10: rr / w.test.length };
}

function topExcluding(scores: Float64Array, exclude: ArrayLike<number>, k: number): number[] {
  const ex = new Set(Array.from(exclude));
  const best: [number, number][] = [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s <= 0 || ex.has(i)) continue;
    if (best.length < k) best.push([s, i]);
    else if (s > best[k - 1]![0]) best[k - 1] = [s, i];
    else continue;
    best.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  }
  return best.map((b) => b[1]);
}

/** The flags this bench reads (`bench/run.ts` refuses any other). */
export const flags: Readonly<Record<string, string>> = {
  "quick": "small world; results to bench/results/item2vec_quick.json",
};

/** Entry point: see the module doc. */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const cfg = quick
    ? { items: 1_000, clusters: 40, train: 20_000, test: 2_000 }
    : { items: 10_000, clusters: 200, train: 200_000, test: 10_000 };
  const seed = 1;
  const w = makeWorld(cfg.items, cfg.clusters, cfg.train, cfg.test, seed);
  const cluster = clusterOf(w, seed);
  const rows: { method: string; hitRate10: number; mrr10: number; fitSeconds: number }[] = [];

  const fit = await timed(() =>
    fitItem2Vec(w.train, {
      params: { dim: 32, context: "basket", negatives: 5, epochs: 5, subsample: 1e-3 },
      seed: 1,
    })
  );
  const model = fit.result;
  const e = evaluate(w, (ctx) => {
    try {
      return model.recommend(ctx, 10).items;
    } catch {
      return [];
    }
  });
  rows.push({ method: "item2vec (SGNS, dim 32)", ...e, fitSeconds: fit.seconds });

  const pop = await timed(() => {
    const counts = new Float64Array(w.items);
    for (const b of w.train) for (const i of b) counts[i]!++;
    return counts;
  });
  rows.push({
    method: "popularity",
    ...evaluate(w, (ctx) => topExcluding(pop.result, ctx, 10)),
    fitSeconds: pop.seconds,
  });

  // Hybrid: item2vec proposes 50 candidates by cosine, popularity orders them (cosine alone is blind to
  // popularity inside a cluster).
  rows.push({
    method: "item2vec top-50 → reranked by popularity",
    ...evaluate(w, (ctx) => {
      try {
        const cand = Array.from(model.recommend(ctx, 50).items);
        return cand.sort((a, b) => pop.result[b]! - pop.result[a]! || a - b).slice(0, 10);
      } catch {
        return [];
      }
    }),
    fitSeconds: fit.seconds + pop.seconds,
  });

  const co = await timed(() => {
    const m = new Map<number, Map<number, number>>();
    for (const b of w.train) {
      for (const a of b) {
        let row = m.get(a);
        if (!row) m.set(a, row = new Map());
        for (const c of b) if (c !== a) row.set(c, (row.get(c) ?? 0) + 1);
      }
    }
    return m;
  });
  const scores = new Float64Array(w.items);
  rows.push({
    method: "co-occurrence counts",
    ...evaluate(w, (ctx) => {
      scores.fill(0);
      for (const a of ctx) for (const [c, n] of co.result.get(a) ?? []) scores[c]! += n;
      return topExcluding(scores, ctx, 10);
    }),
    fitSeconds: co.seconds,
  });

  // Neighbour quality on items with vectors.
  let inCluster = 0, checked = 0;
  for (let i = 0; i < w.items && checked < 2_000; i++) {
    if (!model.has(i) || cluster[i]! < 0) continue;
    const nb = model.similar(i, 10).items;
    inCluster += nb.filter((x) => cluster[x] === cluster[i]).length / nb.length;
    checked++;
  }
  const pairsPerSecond = model.fitInfo.pairs / fit.seconds;
  const pop10 = rows.find((r) => r.method === "popularity")!.hitRate10;
  const results = {
    quick,
    config: cfg,
    rows,
    neighbourPrecisionAt10: inCluster / checked,
    itemsChecked: checked,
    pairs: model.fitInfo.pairs,
    pairsPerSecond,
    peakRssMiB: peakRssMiB(),
  };
  const md = [
    markdownTable(
      ["method", "HitRate@10", "MRR@10", "fit s", "HitRate@10 / popularity"],
      rows.map((r) => [r.method, r.hitRate10, r.mrr10, r.fitSeconds, r.hitRate10 / pop10]),
    ),
    "",
    `${cfg.items.toLocaleString("en-US")} items in ${cfg.clusters} planted clusters, ${
      cfg.train.toLocaleString("en-US")
    } train / ${cfg.test.toLocaleString("en-US")} test baskets. ` +
    `item2vec: ${model.fitInfo.pairs.toLocaleString("en-US")} positive pairs in ${
      fit.seconds.toFixed(1)
    } s (${Math.round(pairsPerSecond).toLocaleString("en-US")} pairs/s, ` +
    `6 dot products of 32 dims each); share of each item's 10 nearest neighbours in its own cluster: ${
      (inCluster / checked).toFixed(3)
    } (${checked} items). Peak RSS ${Math.round(results.peakRssMiB)} MiB.`,
  ].join("\n");
  await publishUnlessQuick("item2vec", results, md, quick);
}
