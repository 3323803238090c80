/**
 * Neural recommenders benchmark: two-tower retrieval against popularity (plain and recency-decayed)
 * and item-kNN baselines (plain and × recency-decayed popularity) on the feed simulator and the offers
 * simulator's purchase log (there also item2vec over the orders, as a candidate generator), the learned-vs-true affinity correlation, training throughput on the wasm
 * and cpu tfjs backends in the same run, and a save/load round trip. Retrieval timings are quoted from
 * the retrieval benchmark's published results (`bench/results/retrieval.json`), not measured again.
 *
 * Protocol: clicks (feed) / purchases (offers) → temporal leave-last-1-out per user; every method ranks
 * all items not in the user's train history; Recall@5/10/50, NDCG@10, MRR, coverage@10 via lib/metrics.
 * Fairness: the time-aware baselines get a half-life chosen on a validation split of train
 * (`neural/tune.ts`); the best half-life on test is shown too, labelled optimistic. The two-tower's
 * parameters are fixed (`NEURAL_BENCH.twoTower`), not selected per split.
 * Affinity: Pearson and Spearman between the model's u·v and the simulator's truth (affinity
 * u·v + topic term, and the true click log-odds) over a stride sample of the feed's impressions; the
 * time-aware model is scored with the user tower at each impression's own time.
 *
 * Usage: `deno task bench neural [--quick] [--no-offers]`
 * (`--quick`: small sims, results to bench/results/neural_quick.json, README untouched).
 * @module
 */
import process from "node:process";
import { initTf } from "../lib/models/mod.ts";
import {
  type EntityFeatures,
  fitTwoTower,
  loadTwoTower,
  makeEntityFeatures,
  saveTwoTower,
  type TwoTowerData,
  type TwoTowerModel,
  type TwoTowerParams,
} from "../lib/models/two_tower/mod.ts";
import {
  evaluateRecommender,
  type Interactions,
  ItemKnnRecommender,
  pearson,
  PopularityRecommender,
  type Recommender,
  type RecsysMetrics,
  selectRows,
  sessionsOf,
  spearman,
  temporalLeaveLastNOut,
  type TemporalSplit,
} from "../lib/recsys/mod.ts";
import { fitItem2Vec, Item2VecRecommender } from "../lib/models/item2vec/mod.ts";
import { markdownTable, peakRssMiB, publishUnlessQuick, timed } from "./common.ts";
import { type FeedFixture, feedFixture, queryDayContext } from "./neural/feed_fixture.ts";
import { offersFixture } from "./neural/offers_fixture.ts";
import { type HalfLifeSweep, sweepHalfLife } from "./neural/tune.ts";

const DAY_MS = 86_400_000;

/** Everything fixed about the benchmark. */
export const NEURAL_BENCH = {
  seed: 1,
  feed: { users: 4_000, items: 4_000, creators: 400, topics: 20, impressionsPerUser: 120 },
  feedQuick: { users: 1_000, items: 1_500, creators: 150, topics: 12, impressionsPerUser: 80 },
  offers: { customers: 2_000, products: 1_500, offers: 50 },
  offersQuick: { customers: 800, products: 600, offers: 20 },
  twoTower: { epochs: 10, temperature: 0.2, batchSize: 256, learningRate: 0.005 } as Partial<TwoTowerParams>,
  /** Offers purchase logs are ~4× denser than feed clicks; fewer passes keep the run short. */
  offersEpochs: 4,
  /**
   * item2vec on the offers sessions (basket context, 5 negatives as the library defaults; 20 epochs:
   * the default 5 underfit the whole-history sessions in a quick run).
   */
  item2vec: { dim: 32, epochs: 20 },
  /** Half-life grids (days) of the time-aware baselines; the value is chosen on validation. */
  feedHalfLifeGridDays: [0.25, 0.5, 1, 2, 4, 8],
  offersHalfLifeGridDays: [3, 7, 14, 30, 60, 120],
  /** Pairs used for the wasm-vs-cpu throughput measurement (cpu is slow), and alternating repeats. */
  throughputPairs: 2_048,
  throughputRepeats: 2,
  affinitySample: 100_000,
} as const;

/** Training speed of one backend (best of the repeats). */
export interface ThroughputRow {
  backend: string;
  examplesPerSecond: number;
  examplesPerCpuSecond: number;
  seconds: number;
  cpuSeconds: number;
  loss: number;
}

/** User + system CPU seconds of this process. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** One evaluated method. */
export interface MethodRow {
  method: string;
  fitSeconds: number;
  metrics: RecsysMetrics;
}

/** A half-life sweep of one baseline, without the per-grid test metrics' bulk. */
export interface SweepSummary {
  method: string;
  chosenDays: number;
  oracleDays: number;
  valid: { halfLifeDays: number; recallAt10: number; ndcgAt10: number }[];
}

/** 1-minute load average (the machine is shared: recorded next to the timings). */
function loadAverage(): number {
  return Deno.loadavg()[0]!;
}

/**
 * Adds the baselines to `rows`: popularity (unless `plainPopularity` is false), item-kNN, then the
 * time-aware ones — recency-decayed popularity and item-kNN × recency-decayed popularity, each at the
 * half-life chosen on validation and at the best one on test (optimistic).
 */
async function baselines(
  rows: MethodRow[],
  sweeps: SweepSummary[],
  split: TemporalSplit,
  gridDays: readonly number[],
  label: string,
  log: Log,
  plainPopularity = true,
): Promise<void> {
  const train = split.train;
  if (plainPopularity) {
    await evaluate(rows, split, label, "popularity", () => new PopularityRecommender(train), log);
  }
  await evaluate(
    rows,
    split,
    label,
    "item-kNN (cosine, 100 nb)",
    () => new ItemKnnRecommender(train, { neighbours: 100 }),
    log,
  );
  const families: [string, (train: Interactions, h: number) => Recommender][] = [
    ["popularity, recency-decayed", (train, h) => new PopularityRecommender(train, { halfLife: h })],
    [
      "item-kNN × recency-decayed popularity",
      (train, h) => new ItemKnnRecommender(train, { neighbours: 100, popularityHalfLife: h }),
    ],
  ];
  for (const [name, make] of families) {
    const sw: HalfLifeSweep = sweepHalfLife(split, gridDays, make);
    const push = (g: HalfLifeSweep["chosen"], how: string) => {
      rows.push({
        method: `${name} (half-life ${g.halfLifeDays} d, ${how})`,
        fitSeconds: g.fitSeconds,
        metrics: g.test,
      });
      log(
        `${label} ${rows.at(-1)!.method}: recall@10 ${g.test.recallAt10.toFixed(4)} ndcg@10 ${
          g.test.ndcgAt10.toFixed(4)
        }`,
      );
    };
    push(sw.chosen, "chosen on validation");
    if (sw.oracle !== sw.chosen) push(sw.oracle, "best on test: optimistic");
    sweeps.push({
      method: name,
      chosenDays: sw.chosen.halfLifeDays,
      oracleDays: sw.oracle.halfLifeDays,
      valid: sw.grid.map((g) => ({ halfLifeDays: g.halfLifeDays, ...g.valid })),
    });
  }
}

/** The retrieval benchmark's published summary (bench/results/retrieval.json), or null. */
async function publishedRetrieval(): Promise<
  {
    date: string;
    n: number;
    dim: number;
    queries: number;
    exactBatchedMs: number;
    exactSingleMs: number;
    ivf: { nProbe: number; recallAt10: number; medianMs: number } | null;
    ivfPq: { nProbe: number; recallAt10: number; medianMs: number } | null;
  } | null
> {
  try {
    const j = JSON.parse(await Deno.readTextFile("bench/results/retrieval.json"));
    const r = j.results, s = r.summary;
    return {
      date: j.machine?.date ?? "?",
      n: r.config.n,
      dim: r.config.dim,
      queries: r.config.queries,
      exactBatchedMs: s.exactBestMsPerQuery,
      exactSingleMs: s.exactSingleQueryMs,
      ivf: s.annBest?.mixture ?? null,
      ivfPq: s.annBestPq?.mixture ?? null,
    };
  } catch {
    return null;
  }
}

type Log = (s: string) => void;

async function evaluate(
  rows: MethodRow[],
  split: TemporalSplit,
  label: string,
  method: string,
  make: () => Recommender | Promise<Recommender>,
  log: Log,
): Promise<Recommender> {
  const { result: rec, seconds } = await timed(make);
  const metrics = evaluateRecommender(rec, split);
  rows.push({ method, fitSeconds: seconds, metrics });
  log(
    `${label} ${method}: recall@10 ${metrics.recallAt10.toFixed(4)} ndcg@10 ${metrics.ndcgAt10.toFixed(4)} (${
      seconds.toFixed(1)
    } s)`,
  );
  return rec;
}

function fit(data: TwoTowerData, params: Partial<TwoTowerParams>, log?: Log): Promise<TwoTowerModel> {
  return fitTwoTower(data, {
    seed: NEURAL_BENCH.seed,
    params,
    onEpoch: log &&
      ((s) => log(`  epoch ${s.epoch} loss ${s.loss.toFixed(4)} ${Math.round(s.examplesPerSecond)} ex/s`)),
  });
}

/** The user features of each sampled impression, as an entity table (one row per impression). */
function usersAt(users: EntityFeatures, rows: Int32Array): EntityFeatures {
  return makeEntityFeatures(rows.length, {
    categorical: users.categorical.map((c) => ({
      name: c.name,
      cardinality: c.cardinality,
      codes: Array.from(rows, (u) => c.codes[u]!),
    })),
  });
}

/** Learned scores of sampled impressions vs the simulator's truth. */
async function affinityCheck(
  fx: FeedFixture,
  timeAware: TwoTowerModel,
  plain: TwoTowerModel,
  split: TemporalSplit,
) {
  const imp = fx.impressions, nImp = imp.user.length;
  const stride = Math.max(1, Math.floor(nImp / NEURAL_BENCH.affinitySample));
  const rows = Int32Array.from({ length: Math.floor(nImp / stride) }, (_, j) => j * stride);
  const su = Int32Array.from(rows, (r) => imp.user[r]!), si = Int32Array.from(rows, (r) => imp.item[r]!);
  const affinity = Float64Array.from(rows, (r) => imp.affinity[r]!);
  const logit = Float64Array.from(rows, (r) => Math.log(imp.pClick[r]! / (1 - imp.pClick[r]!)));
  const plainScore = plain.scorePairs(su, si);
  // Time-aware: the user tower evaluated at each impression's own day.
  const day = Float32Array.from(rows, (r) => (imp.shownMs[r]! - fx.startMs) / DAY_MS);
  const u = await timeAware.embed("user", usersAt(fx.users, su), su, day);
  const d = timeAware.embeddingDim, v = timeAware.itemEmbeddings;
  const timeScore = Float64Array.from(rows, (_, j) => {
    let s = 0;
    for (let c = 0; c < d; c++) s += u[j * d + c]! * v[si[j]! * d + c]!;
    return s;
  });
  const pop = new PopularityRecommender(split.train);
  const popScore = Float64Array.from(si, (i) => Math.log1p(pop.counts[i]!));
  const corr = (x: Float64Array) => ({
    affinityPearson: pearson(x, affinity),
    affinitySpearman: spearman(x, affinity),
    clickLogitPearson: pearson(x, logit),
  });
  return {
    pairs: rows.length,
    twoTower: corr(plainScore),
    twoTowerTimeAware: corr(timeScore),
    logPopularity: corr(popScore),
  };
}

/** Runs everything and returns the results (no files written). */
export async function runNeuralBench(
  opts: { quick?: boolean; offers?: boolean; log?: Log } = {},
) {
  const loadStart = loadAverage();
  const log = opts.log ?? ((s: string) => console.log(`[neural] ${s}`));
  const quick = opts.quick ?? false;
  const params = quick ? { ...NEURAL_BENCH.twoTower, epochs: 5 } : NEURAL_BENCH.twoTower;
  const notes: string[] = [];
  const sweeps: Record<string, SweepSummary[]> = { feed: [], coldStart: [], offers: [] };

  // Feed.
  const fx = feedFixture(NEURAL_BENCH.seed, quick ? NEURAL_BENCH.feedQuick : NEURAL_BENCH.feed);
  const split = temporalLeaveLastNOut(fx.clicks, { n: 1 });
  const train = split.train;
  log(
    `feed: ${
      JSON.stringify(fx.sizes)
    }; train ${train.user.length} clicks, ${split.testUsers.length} test users`,
  );
  const feedRows: MethodRow[] = [];
  const timeData: TwoTowerData = {
    train,
    users: fx.users,
    items: fx.itemsWithTime,
    userContext: queryDayContext(train, fx.startMs),
  };
  await baselines(feedRows, sweeps.feed!, split, NEURAL_BENCH.feedHalfLifeGridDays, "feed", log);
  const timeAware = await evaluate(
    feedRows,
    split,
    "feed",
    "two-tower: features + query time",
    () => fit(timeData, params, log),
    log,
  ) as TwoTowerModel;
  const plain = await evaluate(
    feedRows,
    split,
    "feed",
    "two-tower: features, no time",
    () => fit({ train, users: fx.users, items: fx.items }, params),
    log,
  ) as TwoTowerModel;
  await evaluate(
    feedRows,
    split,
    "feed",
    "two-tower: features + query time, no log-Q",
    () => fit(timeData, { ...params, logQCorrection: false }),
    log,
  );
  await evaluate(feedRows, split, "feed", "two-tower: IDs only", () => fit({ train }, params), log);

  const affinity = await affinityCheck(fx, timeAware, plain, split);
  log(`affinity: ${JSON.stringify(affinity)}`);

  // Cold start: the "cold_start_items" scenario (a burst of new items in the last 20 % of the period),
  // evaluated on the users whose held-out click is a burst item.
  const cx = feedFixture(
    NEURAL_BENCH.seed,
    quick ? NEURAL_BENCH.feedQuick : NEURAL_BENCH.feed,
    "cold_start_items",
  );
  const cs = temporalLeaveLastNOut(cx.clicks, { n: 1 });
  const coldUsers = Int32Array.from(
    Array.from(cs.test.user).filter((_, r) => cx.coldItem[cs.test.item[r]!] === 1),
  ).sort();
  const coldSplit: TemporalSplit = { ...cs, testUsers: coldUsers };
  log(`cold start: ${coldUsers.length} of ${cs.testUsers.length} test users hold out a burst item`);
  const coldRows: MethodRow[] = [];
  // (No plain popularity row here: it cannot recommend items that are new by construction.)
  await baselines(
    coldRows,
    sweeps.coldStart!,
    coldSplit,
    NEURAL_BENCH.feedHalfLifeGridDays,
    "cold",
    log,
    false,
  );
  await evaluate(
    coldRows,
    coldSplit,
    "cold",
    "two-tower: features + query time",
    () =>
      fit({
        train: cs.train,
        users: cx.users,
        items: cx.itemsWithTime,
        userContext: queryDayContext(cs.train, cx.startMs),
      }, params),
    log,
  );
  await evaluate(
    coldRows,
    coldSplit,
    "cold",
    "two-tower: IDs only",
    () => fit({ train: cs.train }, params),
    log,
  );
  let coldTrain = 0;
  for (const i of cs.train.item) coldTrain += cx.coldItem[i]!;
  const coldStart = {
    testUsers: coldUsers.length,
    allTestUsers: cs.testUsers.length,
    burstItems: cx.coldItem.reduce((a, b) => a + b, 0),
    burstTrainClicks: coldTrain,
    rows: coldRows,
  };

  // Save / load round trip.
  const dir = quick ? "models/feed_two_tower_quick" : "models/feed_two_tower";
  const save = await timed(() => saveTwoTower(timeAware, dir));
  const load = await timed(() => loadTwoTower(dir));
  const probe = split.testUsers.subarray(0, 200);
  const identical =
    JSON.stringify(load.result.recommend(probe, 10)) === JSON.stringify(timeAware.recommend(probe, 10));
  const persistence = {
    dir,
    saveSeconds: save.seconds,
    loadSeconds: load.seconds,
    identicalRecommendations: identical,
  };

  // Throughput on wasm vs cpu: the same pairs, model and seed, one epoch each.
  const nSub = Math.min(NEURAL_BENCH.throughputPairs, train.user.length);
  const subRows = Int32Array.from({ length: nSub }, (_, j) => j);
  const sub = selectRows(train, subRows);
  const subData: TwoTowerData = {
    train: sub,
    users: fx.users,
    items: fx.itemsWithTime,
    userContext: queryDayContext(sub, fx.startMs),
  };
  // Alternating runs (wasm, cpu, wasm, cpu), best of each: the machine is shared, so besides wall-clock
  // examples/s the process CPU time of the epoch is recorded (tfjs runs single-threaded on both).
  const throughput: ThroughputRow[] = [];
  for (let rep = 0; rep < NEURAL_BENCH.throughputRepeats; rep++) {
    for (const backend of ["wasm", "cpu"] as const) {
      const c0 = cpuSeconds();
      let c1 = c0;
      const m = await fitTwoTower(subData, {
        seed: NEURAL_BENCH.seed,
        params: { ...params, epochs: 1, backend },
        onEpoch: () => c1 = cpuSeconds(),
      });
      const h = m.config.history[0]!, cpuS = c1 - c0;
      const row = {
        backend,
        examplesPerSecond: h.examplesPerSecond,
        examplesPerCpuSecond: nSub / cpuS,
        seconds: h.seconds,
        cpuSeconds: cpuS,
        loss: h.loss,
      };
      log(
        `throughput ${backend}: ${Math.round(row.examplesPerSecond)} examples/s wall, ${
          Math.round(row.examplesPerCpuSecond)
        } per CPU-s (loss ${h.loss.toFixed(5)})`,
      );
      const prev = throughput.find((t) => t.backend === backend);
      if (!prev) throughput.push(row);
      else {
        prev.examplesPerSecond = Math.max(prev.examplesPerSecond, row.examplesPerSecond);
        prev.examplesPerCpuSecond = Math.max(prev.examplesPerCpuSecond, row.examplesPerCpuSecond);
      }
    }
  }
  await initTf("wasm");

  // Offers.
  let offers: { sizes: Record<string, number>; testUsers: number; rows: MethodRow[] } | null = null;
  if (opts.offers ?? true) {
    const ox = offersFixture(NEURAL_BENCH.seed, quick ? NEURAL_BENCH.offersQuick : NEURAL_BENCH.offers);
    const os = temporalLeaveLastNOut(ox.purchases, { n: 1 });
    log(
      `offers: ${
        JSON.stringify(ox.sizes)
      }; train ${os.train.user.length} purchases, ${os.testUsers.length} test users`,
    );
    const rows: MethodRow[] = [];
    await baselines(rows, sweeps.offers!, os, NEURAL_BENCH.offersHalfLifeGridDays, "offers", log);
    // item2vec as the offers candidate generator, over two kinds of sessions: the train orders (a
    // customer's products sharing one order timestamp) and each customer's whole train history; the
    // customer's history → the nearest products (popularity fills).
    const i2v = NEURAL_BENCH.item2vec;
    for (const [what, gap] of [["train orders", 0], ["customer histories", Infinity]] as const) {
      await evaluate(
        rows,
        os,
        "offers",
        `item2vec (SGNS over ${what}, dim ${i2v.dim}, ${i2v.epochs} epochs)`,
        () =>
          new Item2VecRecommender(
            fitItem2Vec(sessionsOf(os.train, { gap }), { params: i2v, seed: NEURAL_BENCH.seed }),
            os.train,
          ),
        log,
      );
    }
    await evaluate(
      rows,
      os,
      "offers",
      "two-tower: features",
      () =>
        fit({ train: os.train, users: ox.users, items: ox.items }, {
          ...params,
          epochs: NEURAL_BENCH.offersEpochs,
        }, log),
      log,
    );
    offers = { sizes: ox.sizes, testUsers: os.testUsers.length, rows };
    notes.push(
      "offers: the held-out purchase is often a repeat of a train item; train items are excluded, so such users are misses for every method (a next-new-product task)",
      "offers: the simulator draws each order line independently given the customer (category affinity, favourite products), so co-purchase within an order carries no signal of its own; item2vec is therefore shown over orders and over whole customer histories",
    );
  }

  // Retrieval: the retrieval benchmark's published figures (one source of truth for the README).
  const retrieval = await publishedRetrieval();
  if (!retrieval) notes.push("bench/results/retrieval.json not found: run `deno task bench retrieval`");
  return {
    config: { ...NEURAL_BENCH, quick, params },
    feed: {
      sizes: fx.sizes,
      trainClicks: train.user.length,
      testUsers: split.testUsers.length,
      rows: feedRows,
      history: timeAware.config.history,
    },
    affinity,
    coldStart,
    persistence,
    throughput,
    offers,
    retrieval,
    sweeps,
    loadAverage: { start: loadStart, end: loadAverage() },
    peakRssMiB: peakRssMiB(),
    notes,
  };
}

/** The benchmark's result object. */
export type NeuralResult = Awaited<ReturnType<typeof runNeuralBench>>;

const f4 = (v: number) => v.toFixed(4);

/** The README block. */
export function neuralMarkdown(r: NeuralResult): string {
  const table = (rows: MethodRow[]) =>
    markdownTable(
      ["method", "Recall@5", "Recall@10", "Recall@50", "NDCG@10", "MRR", "coverage@10", "fit (s)"],
      rows.map((x) => [
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
  const s = r.feed.sizes, p = r.config.params, a = r.affinity;
  const wasm = r.throughput.find((t) => t.backend === "wasm")!,
    cpu = r.throughput.find((t) => t.backend === "cpu")!;
  const ret = r.retrieval;
  const c3 = (v: number) => v.toFixed(3);
  const lines = [
    `Feed simulator (seed ${r.config.seed}): ${s.users} users, ${s.items} items, ${s.clicks} clicks over ${s.days} days; temporal leave-last-1-out (${r.feed.testUsers} test users), ranking all items the user has not clicked in train. Two-tower: 64-dim, ${p.epochs} epochs, τ = ${p.temperature}, batch ${p.batchSize}, in-batch softmax with log-Q; user features country, platform, age band (+ query day); item features topic, format, creator (+ publish day).`,
    "",
    table(r.feed.rows),
    "",
    verdict(r.feed.rows, "two-tower: features + query time"),
    "",
    `Learned vs true affinity over ${
      a.pairs.toLocaleString("en-US")
    } impressions (simulator truth: affinity = u·v + topic term; click log-odds add freshness, quality, position):`,
    "",
    markdownTable(
      ["score", "Pearson (affinity)", "Spearman (affinity)", "Pearson (click log-odds)"],
      [
        [
          "two-tower: features, no time",
          c3(a.twoTower.affinityPearson),
          c3(a.twoTower.affinitySpearman),
          c3(a.twoTower.clickLogitPearson),
        ],
        [
          "two-tower: features + query time (at the impression's time)",
          c3(a.twoTowerTimeAware.affinityPearson),
          c3(a.twoTowerTimeAware.affinitySpearman),
          c3(a.twoTowerTimeAware.clickLogitPearson),
        ],
        [
          "log item popularity",
          c3(a.logPopularity.affinityPearson),
          c3(a.logPopularity.affinitySpearman),
          c3(a.logPopularity.clickLogitPearson),
        ],
      ],
    ),
    "",
    markdownTable(
      ["tfjs backend", "training examples/s (wall)", "× cpu", "examples per CPU-second", "× cpu"],
      [
        [
          "wasm",
          Math.round(wasm.examplesPerSecond),
          (wasm.examplesPerSecond / cpu.examplesPerSecond).toFixed(1),
          Math.round(wasm.examplesPerCpuSecond),
          (wasm.examplesPerCpuSecond / cpu.examplesPerCpuSecond).toFixed(1),
        ],
        ["cpu", Math.round(cpu.examplesPerSecond), "1.0", Math.round(cpu.examplesPerCpuSecond), "1.0"],
      ],
    ),
    "",
    `One epoch of the time-aware two-tower over the same ${r.config.throughputPairs} pairs, same seed, in the same run; best of ${r.config.throughputRepeats} alternating repeats. Epoch loss wasm ${
      wasm.loss.toFixed(5)
    } vs cpu ${cpu.loss.toFixed(5)} (same seed, kernels differ in the last bits).`,
  ];
  const c = r.coldStart;
  lines.push(
    "",
    `Cold start (scenario "cold_start_items": ${c.burstItems} items published in the last 20 % of the period, ${c.burstTrainClicks} train clicks on them): the ${c.testUsers} of ${c.allTestUsers} test users whose held-out click is a burst item.`,
    "",
    table(c.rows),
    "",
    verdict(c.rows, "two-tower: features + query time"),
  );
  if (r.offers) {
    lines.push(
      "",
      `Offers simulator purchases (${r.offers.sizes.customers} customers, ${r.offers.sizes.products} products, ${r.offers.testUsers} test users), next new product; two-tower ${r.config.offersEpochs} epochs, features segment, loyalty tier / category, subcategory, brand, log price:`,
      "",
      table(r.offers.rows),
      "",
      verdict(r.offers.rows, "two-tower: features"),
    );
  }
  if (ret) {
    const ann = (name: string, a: typeof ret.ivf) =>
      a
        ? `${name} nProbe ${a.nProbe}: recall@10 ${a.recallAt10.toFixed(3)} at ${
          a.medianMs.toFixed(2)
        } ms/query`
        : `${name} did not reach recall@10 0.95 in the sweep`;
    lines.push(
      "",
      `Retrieval over ${
        ret.n.toLocaleString("en-US")
      } × ${ret.dim}: quoted from the retrieval benchmark (\`bench/results/retrieval.json\`, measured ${ret.date}, ${ret.queries} queries, mixture data; see its block): exact top-10 ${
        ret.exactBatchedMs.toFixed(1)
      } ms/query batched, ${ret.exactSingleMs.toFixed(1)} ms single query; ${ann("IVF-flat", ret.ivf)}; ${
        ann("IVF-PQ", ret.ivfPq)
      }.`,
    );
  }
  lines.push(
    "",
    `Save/load (${r.persistence.dir}): ${r.persistence.saveSeconds.toFixed(2)} s / ${
      r.persistence.loadSeconds.toFixed(2)
    } s, identical recommendations after load: ${r.persistence.identicalRecommendations}. Peak RSS ${
      Math.round(r.peakRssMiB)
    } MiB. Load average (1 min, 2 cores) at start ${r.loadAverage.start.toFixed(2)}, at end ${
      r.loadAverage.end.toFixed(2)
    }.`,
    "",
    `Baseline half-lives: chosen on a validation split of train (each test user's last train interaction held out) from ${
      JSON.stringify(r.config.feedHalfLifeGridDays)
    } d (feed, cold start) and ${
      JSON.stringify(r.config.offersHalfLifeGridDays)
    } d (offers), by NDCG@10; rows marked "best on test: optimistic" were tuned on the test split itself. The two-tower parameters are fixed for every split (not tuned on any of them).`,
  );
  for (const n of r.notes) lines.push(`Note: ${n}.`);
  return lines.join("\n");
}

/**
 * One sentence comparing `model` with the best baseline (popularity and item-kNN rows) on Recall@10 and NDCG@10,
 * against the validation-tuned baselines and, separately, against all rows incl. the optimistic ones.
 */
export function verdict(rows: readonly MethodRow[], model: string): string {
  const m = rows.find((x) => x.method === model);
  if (!m) return "";
  const baselines = rows.filter((x) => x.method.startsWith("popularity") || x.method.startsWith("item-kNN"));
  const fair = baselines.filter((x) => !x.method.includes("optimistic"));
  const part = (set: readonly MethodRow[], key: "recallAt10" | "ndcgAt10", label: string) => {
    const b = set.reduce((a, c) => (c.metrics[key] > a.metrics[key] ? c : a));
    const ok = m.metrics[key] > b.metrics[key];
    return `${label} ${f4(m.metrics[key])} vs ${f4(b.metrics[key])} (${b.method}): ${
      ok ? "beats" : "does not beat"
    }`;
  };
  const both = (set: readonly MethodRow[]) =>
    `${part(set, "recallAt10", "Recall@10")}; ${part(set, "ndcgAt10", "NDCG@10")}`;
  const line = `**${model}** vs the best baseline tuned without the test split: ${both(fair)}.`;
  return fair.length === baselines.length
    ? line
    : `${line} Against the optimistic rows too: ${both(baselines)}.`;
}

/** The flags this bench reads (`bench/run.ts` refuses any other). */
export const flags: Readonly<Record<string, string>> = {
  "quick": "small sims; results to bench/results/neural_quick.json",
  "no-offers": "leave out the offers problem",
};

/** `deno task bench neural [--quick] [--no-offers]`. */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const result = await runNeuralBench({ quick, offers: !args.includes("--no-offers") });
  const md = neuralMarkdown(result);
  await publishUnlessQuick("neural", result, md, quick);
}
