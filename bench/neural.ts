/**
 * Neural recommenders benchmark: two-tower retrieval against popularity and item-kNN baselines on the
 * feed simulator (and the offers simulator's purchase log), the learned-vs-true affinity correlation,
 * training throughput on the wasm and cpu tfjs backends in the same run, save/load round trip, and the
 * retrieval timings of `bench/retrieval.ts` (`runRetrievalBench`).
 *
 * Protocol: clicks (feed) / purchases (offers) → temporal leave-last-1-out per user; every method ranks
 * all items not in the user's train history; Recall@5/10/50, NDCG@10, MRR, coverage@10 via lib/metrics.
 * Affinity: Pearson and Spearman between the model's u·v and the simulator's true affinity
 * (u·v + topic term, never a model input) over the feed's impressions.
 *
 * Usage: `deno task bench neural [--quick] [--no-offers] [--no-retrieval] [--retrieval-n N]`
 * (`--quick`: small sims, results to bench/results/neural_quick.json, README untouched).
 * @module
 */
import { writeJsonAtomic } from "../lib/io/atomic.ts";
import {
  fitTwoTower,
  loadTwoTower,
  saveTwoTower,
  type TwoTowerModel,
  type TwoTowerParams,
} from "../lib/models/two_tower/mod.ts";
import { initTf } from "../lib/models/tf_backend.ts";
import {
  evaluateRecommender,
  type Interactions,
  ItemKnnRecommender,
  pearson,
  PopularityRecommender,
  type Recommender,
  type RecsysMetrics,
  selectRows,
  spearman,
  temporalLeaveLastNOut,
} from "../lib/recsys/mod.ts";
import { markdownTable, peakRssMiB, publish, timed } from "./common.ts";
import { feedFixture } from "./neural/feed_fixture.ts";
import { offersFixture } from "./neural/offers_fixture.ts";
import type { EntityFeatures } from "../lib/models/two_tower/mod.ts";

/** Everything fixed about the benchmark. */
export const NEURAL_BENCH = {
  seed: 1,
  feed: { users: 4_000, items: 4_000, creators: 400, topics: 20, impressionsPerUser: 120 },
  feedQuick: { users: 1_000, items: 1_500, creators: 150, topics: 12, impressionsPerUser: 80 },
  offers: { customers: 2_000, products: 1_500, offers: 50 },
  /** Offers purchase logs are ~4× denser than feed clicks; fewer passes keep the run short. */
  offersEpochs: 4,
  offersQuick: { customers: 800, products: 600, offers: 20 },
  twoTower: { epochs: 10, temperature: 0.2, batchSize: 256, learningRate: 0.005 } as Partial<TwoTowerParams>,
  /** Pairs used for the wasm-vs-cpu throughput measurement (cpu is slow). */
  throughputPairs: 4_096,
  affinitySample: 100_000,
} as const;

interface MethodRow {
  method: string;
  fitSeconds: number;
  metrics: RecsysMetrics;
}

async function compare(
  name: string,
  train: Interactions,
  split: ReturnType<typeof temporalLeaveLastNOut>,
  users: EntityFeatures,
  items: EntityFeatures,
  params: Partial<TwoTowerParams>,
  log: (s: string) => void,
  ablations: boolean,
): Promise<{ rows: MethodRow[]; model: TwoTowerModel }> {
  const rows: MethodRow[] = [];
  const run = async (method: string, make: () => Recommender | Promise<Recommender>) => {
    const { result: rec, seconds } = await timed(make);
    const metrics = evaluateRecommender(rec, split);
    rows.push({ method, fitSeconds: seconds, metrics });
    log(
      `${name} ${method}: recall@10 ${metrics.recallAt10.toFixed(4)} ndcg@10 ${
        metrics.ndcgAt10.toFixed(4)
      } (${seconds.toFixed(1)} s)`,
    );
    return rec;
  };
  await run("popularity", () => new PopularityRecommender(train));
  await run("item-kNN (cosine, 100 nb)", () => new ItemKnnRecommender(train, { neighbours: 100 }));
  const model = await run(
    "two-tower",
    () =>
      fitTwoTower({ train, users, items }, {
        seed: NEURAL_BENCH.seed,
        params,
        onEpoch: (s) =>
          log(`  epoch ${s.epoch} loss ${s.loss.toFixed(4)} ${Math.round(s.examplesPerSecond)} ex/s`),
      }),
  ) as TwoTowerModel;
  if (ablations) {
    await run(
      "two-tower, no log-Q",
      () =>
        fitTwoTower({ train, users, items }, {
          seed: NEURAL_BENCH.seed,
          params: { ...params, logQCorrection: false },
        }),
    );
    await run("two-tower, IDs only", () => fitTwoTower({ train }, { seed: NEURAL_BENCH.seed, params }));
  }
  return { rows, model };
}

/** Runs everything and returns the results (no files written). */
export async function runNeuralBench(
  opts: {
    quick?: boolean;
    offers?: boolean;
    retrieval?: boolean;
    retrievalN?: number;
    log?: (s: string) => void;
  } = {},
) {
  const log = opts.log ?? ((s: string) => console.log(`[neural] ${s}`));
  const quick = opts.quick ?? false;
  const params = quick ? { ...NEURAL_BENCH.twoTower, epochs: 5 } : NEURAL_BENCH.twoTower;
  const notes: string[] = [];

  // Feed.
  const fx = feedFixture(NEURAL_BENCH.seed, quick ? NEURAL_BENCH.feedQuick : NEURAL_BENCH.feed);
  const split = temporalLeaveLastNOut(fx.clicks, { n: 1 });
  log(
    `feed: ${
      JSON.stringify(fx.sizes)
    }; train ${split.train.user.length} clicks, ${split.testUsers.length} test users`,
  );
  const feed = await compare("feed", split.train, split, fx.users, fx.items, params, log, true);

  // Learned vs true affinity over impressions (a deterministic stride sample).
  const nImp = fx.impressions.user.length,
    stride = Math.max(1, Math.floor(nImp / NEURAL_BENCH.affinitySample));
  const rowsIdx = Int32Array.from({ length: Math.floor(nImp / stride) }, (_, j) => j * stride);
  const su = Int32Array.from(rowsIdx, (r) => fx.impressions.user[r]!),
    si = Int32Array.from(rowsIdx, (r) => fx.impressions.item[r]!);
  const truth = Float64Array.from(rowsIdx, (r) => fx.impressions.affinity[r]!);
  const learned = feed.model.scorePairs(su, si);
  const pop = new PopularityRecommender(split.train);
  const popScore = Float64Array.from(si, (i) => Math.log1p(pop.counts[i]!));
  const affinity = {
    pairs: rowsIdx.length,
    twoTowerPearson: pearson(learned, truth),
    twoTowerSpearman: spearman(learned, truth),
    popularityPearson: pearson(popScore, truth),
    popularitySpearman: spearman(popScore, truth),
  };
  log(
    `affinity correlation: two-tower pearson ${affinity.twoTowerPearson.toFixed(3)} spearman ${
      affinity.twoTowerSpearman.toFixed(3)
    }; log-popularity pearson ${affinity.popularityPearson.toFixed(3)}`,
  );

  // Save / load round trip.
  const dir = quick ? "models/feed_two_tower_quick" : "models/feed_two_tower";
  const save = await timed(() => saveTwoTower(feed.model, dir));
  const load = await timed(() => loadTwoTower(dir));
  const probeUsers = split.testUsers.subarray(0, 200);
  const identical = JSON.stringify(load.result.recommend(probeUsers, 10)) ===
    JSON.stringify(feed.model.recommend(probeUsers, 10));
  const persistence = {
    dir,
    saveSeconds: save.seconds,
    loadSeconds: load.seconds,
    identicalRecommendations: identical,
  };

  // Throughput on wasm vs cpu: the same pairs, model and seed, one epoch each.
  const sub = selectRows(
    split.train,
    Int32Array.from({ length: Math.min(NEURAL_BENCH.throughputPairs, split.train.user.length) }, (_, j) => j),
  );
  const throughput: { backend: string; examplesPerSecond: number; seconds: number; loss: number }[] = [];
  for (const backend of ["wasm", "cpu"] as const) {
    const m = await fitTwoTower({ train: sub, users: fx.users, items: fx.items }, {
      seed: NEURAL_BENCH.seed,
      params: { ...params, epochs: 1, backend },
    });
    const h = m.config.history[0]!;
    throughput.push({ backend, examplesPerSecond: h.examplesPerSecond, seconds: h.seconds, loss: h.loss });
    log(`throughput ${backend}: ${Math.round(h.examplesPerSecond)} examples/s (loss ${h.loss.toFixed(5)})`);
  }
  await initTf("wasm");

  // Offers.
  let offers: { sizes: Record<string, number>; rows: MethodRow[] } | null = null;
  if (opts.offers ?? true) {
    const ox = offersFixture(NEURAL_BENCH.seed, quick ? NEURAL_BENCH.offersQuick : NEURAL_BENCH.offers);
    const os = temporalLeaveLastNOut(ox.purchases, { n: 1 });
    log(
      `offers: ${
        JSON.stringify(ox.sizes)
      }; train ${os.train.user.length} purchases, ${os.testUsers.length} test users`,
    );
    const r = await compare(
      "offers",
      os.train,
      os,
      ox.users,
      ox.items,
      { ...params, epochs: NEURAL_BENCH.offersEpochs },
      log,
      false,
    );
    offers = { sizes: ox.sizes, rows: r.rows };
    notes.push(
      "offers: the held-out purchase is often a repeat of a train item; excluded train items make such users misses for every method (next-new-item task)",
    );
  }

  // Retrieval timings from the retrieval benchmark's exported runner.
  let retrieval: unknown = null;
  if (opts.retrieval ?? true) {
    try {
      const mod = await import("./retrieval.ts");
      if (typeof mod.runRetrievalBench === "function") {
        retrieval = await mod.runRetrievalBench({
          n: opts.retrievalN ?? (quick ? 100_000 : 1_000_000),
          dim: 64,
          queries: quick ? 50 : 100,
          datasets: ["mixture"],
          python: false,
          naive: false,
          log: (l: string) => log(`retrieval: ${l}`),
        });
      } else notes.push("bench/retrieval.ts exports no runRetrievalBench; retrieval timings not included");
    } catch (e) {
      notes.push(`retrieval timings not included: ${(e as Error).message}`);
    }
  }
  return {
    config: { ...NEURAL_BENCH, quick, params },
    feed: {
      sizes: fx.sizes,
      trainClicks: split.train.user.length,
      testUsers: split.testUsers.length,
      rows: feed.rows,
      history: feed.model.config.history,
    },
    affinity,
    persistence,
    throughput,
    offers,
    retrieval,
    peakRssMiB: peakRssMiB(),
    notes,
  };
}

type NeuralResult = Awaited<ReturnType<typeof runNeuralBench>>;

const f4 = (v: number) => v.toFixed(4);

/** The README block. */
export function neuralMarkdown(r: NeuralResult): string {
  const table = (rows: MethodRow[]) =>
    markdownTable(
      ["method", "Recall@5", "Recall@10", "Recall@50", "NDCG@10", "MRR", "coverage@10", "fit (s)"],
      rows.map((
        x,
      ) => [
        x.method,
        f4(x.metrics.recallAt5),
        f4(x.metrics.recallAt10),
        f4(x.metrics.recallAt50),
        f4(x.metrics.ndcgAt10),
        f4(x.metrics.mrr),
        f4(x.metrics.coverageAt10),
        x.fitSeconds.toFixed(1),
      ]),
    );
  const s = r.feed.sizes, p = r.config.params;
  const wasm = r.throughput.find((t) => t.backend === "wasm")!,
    cpu = r.throughput.find((t) => t.backend === "cpu")!;
  const ret = r.retrieval as {
    summary?: {
      exactBestMsPerQuery?: number;
      exactSingleQueryMs?: number;
      annBest?: Record<string, { nProbe: number; recallAt10: number; medianMs: number } | null>;
    };
    config?: { n: number };
  } | null;
  const annBest = ret?.summary?.annBest?.mixture;
  const lines = [
    `Feed simulator (seed ${r.config.seed}): ${s.users} users, ${s.items} items, ${s.clicks} clicks; temporal leave-last-1-out (${r.feed.testUsers} test users), ranking all unseen items. Two-tower: 64-dim, ${p.epochs} epochs, τ = ${p.temperature}, batch ${p.batchSize}, in-batch softmax with log-Q; features: topic, format, creator / country, platform, age band.`,
    "",
    table(r.feed.rows),
    "",
    `Learned vs true affinity (simulator truth u·v + topic term, ${
      r.affinity.pairs.toLocaleString("en-US")
    } impressions): two-tower Pearson ${r.affinity.twoTowerPearson.toFixed(3)}, Spearman ${
      r.affinity.twoTowerSpearman.toFixed(3)
    } (log item popularity: Pearson ${r.affinity.popularityPearson.toFixed(3)}).`,
    "",
    markdownTable(
      ["tfjs backend", "training examples/s", "× cpu"],
      [[
        "wasm",
        Math.round(wasm.examplesPerSecond),
        (wasm.examplesPerSecond / cpu.examplesPerSecond).toFixed(1),
      ], ["cpu", Math.round(cpu.examplesPerSecond), "1.0"]],
    ),
    `(one epoch over the same ${r.config.throughputPairs} pairs, same seed and model, same run)`,
  ];
  if (r.offers) {
    lines.push(
      "",
      `Offers simulator purchases (${r.offers.sizes.customers} customers, ${r.offers.sizes.products} products), next new product:`,
      "",
      table(r.offers.rows),
    );
  }
  if (ret?.summary) {
    lines.push(
      "",
      `Retrieval over ${
        ret.config?.n.toLocaleString("en-US")
      } × 64 (from \`runRetrievalBench\`, mixture data): exact top-10 ${
        ret.summary.exactBestMsPerQuery?.toFixed(2)
      } ms/query batched, ${ret.summary.exactSingleQueryMs?.toFixed(1)} ms single; ` +
        (annBest
          ? `IVF nProbe ${annBest.nProbe}: recall@10 ${annBest.recallAt10.toFixed(3)} at ${
            annBest.medianMs.toFixed(3)
          } ms/query.`
          : "IVF did not reach recall@10 0.95 in the sweep."),
    );
  }
  lines.push(
    "",
    `Save/load (${r.persistence.dir}): ${r.persistence.saveSeconds.toFixed(2)} s / ${
      r.persistence.loadSeconds.toFixed(2)
    } s, identical recommendations: ${r.persistence.identicalRecommendations}. Peak RSS ${
      Math.round(r.peakRssMiB)
    } MiB.`,
  );
  for (const n of r.notes) lines.push(`Note: ${n}.`);
  return lines.join("\n");
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `deno task bench neural [--quick] [--no-offers] [--no-retrieval] [--retrieval-n N]`. */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const rn = option(args, "retrieval-n");
  const result = await runNeuralBench({
    quick,
    offers: !args.includes("--no-offers"),
    retrieval: !args.includes("--no-retrieval"),
    retrievalN: rn === undefined ? undefined : Number(rn),
  });
  const md = neuralMarkdown(result);
  if (quick) {
    await writeJsonAtomic("bench/results/neural_quick.json", result);
    console.log(`\n${md}\n\n[bench] wrote bench/results/neural_quick.json (README untouched)`);
  } else await publish("neural", result, md);
}
