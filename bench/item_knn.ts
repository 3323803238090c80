/**
 * item-kNN build benchmark: the fast neighbour build (`buildItemNeighbours`) against the plain one it
 * replaced (`referenceItemNeighbours`), in the same run on the same log, with the neighbour lists checked
 * bit-identical (ids, order, float32 similarities).
 *
 * Log: synthetic, shaped like MovieLens-small (ml-latest-small: 610 users, 9,724 items, 100,836
 * ratings; no download here): user activity 20 + lognormal (median ≈ 70, heavy tail, capped at 2,698
 * items), rescaled to ~100.8k interactions; items drawn without replacement per user from a Zipf-like
 * popularity (weight ∝ (rank + 10)^−1.1), so a few items reach hundreds of users and most have a handful.
 * Seeded (`--seed`, default 1).
 *
 * Timed: the neighbour build alone (from the item → users and user → items sets) for 100 neighbours and
 * for all, best of `--repeat` runs (default 2) each, and the whole `ItemKnnRecommender` constructor.
 *
 * Usage: `deno task bench item_knn [--quick] [--seed N] [--repeat N]` (`--quick`: a log a tenth the size;
 * results to bench/results/item_knn_quick.json). Writes bench/results/item_knn.json and prints the table
 * (the README table is copied from it by hand).
 * @module
 */
import { InputError } from "../lib/errors.ts";
import { writeJsonAtomic } from "../lib/io/mod.ts";
import { Categorical, lognormal, Rng } from "../lib/random/mod.ts";
import {
  buildItemNeighbours,
  type Interactions,
  ItemKnnRecommender,
  type ItemNeighbours,
  itemUserSets,
  makeInteractions,
  referenceItemNeighbours,
  userItemSets,
} from "../lib/recsys/mod.ts";
import { bestFit, machineInfo, markdownTable } from "./common.ts";

/** The flags this bench reads. */
export const flags: Readonly<Record<string, string>> = {
  quick: "a log a tenth the size; results to bench/results/item_knn_quick.json",
  seed: "seed of the synthetic log (default 1)",
  repeat: "timed runs per build, best kept (default 2)",
};

/** Shape of the log. */
export interface LogShape {
  readonly users: number;
  readonly items: number;
  readonly interactions: number;
  readonly maxPerUser: number;
}

/** MovieLens-small's shape (ml-latest-small). */
export const MOVIELENS_SMALL: LogShape = {
  users: 610,
  items: 9_724,
  interactions: 100_836,
  maxPerUser: 2_698,
};

/** A seeded synthetic interaction log of the given shape (see the module doc). */
export function syntheticLog(shape: LogShape, seed: number): Interactions {
  const rng = new Rng(seed);
  const raw = Float64Array.from({ length: shape.users }, () => lognormal(rng, Math.log(50), 1.4));
  const extra = shape.interactions - 20 * shape.users;
  const sum = raw.reduce((a, b) => a + b, 0);
  const perUser = Int32Array.from(raw, (r) => Math.min(shape.maxPerUser, 20 + Math.round((r * extra) / sum)));
  const weights = Float64Array.from({ length: shape.items }, (_, k) => Math.pow(k + 10, -1.1));
  const pick = new Categorical(weights);
  // item ids are a seeded shuffle of popularity ranks, so index order says nothing about popularity
  const idOf = Int32Array.from({ length: shape.items }, (_, k) => k);
  for (let k = shape.items - 1; k > 0; k--) {
    const r = rng.int(k + 1);
    [idOf[k], idOf[r]] = [idOf[r]!, idOf[k]!];
  }
  const user: number[] = [], item: number[] = [];
  const seen = new Uint8Array(shape.items);
  for (let u = 0; u < shape.users; u++) {
    const n = Math.min(perUser[u]!, shape.items);
    const mine: number[] = [];
    while (mine.length < n) {
      const k = pick.sample(rng);
      if (seen[k]) continue;
      seen[k] = 1;
      mine.push(k);
    }
    for (const k of mine) {
      seen[k] = 0;
      user.push(u);
      item.push(idOf[k]!);
    }
  }
  return makeInteractions({
    user,
    item,
    timestamp: user.map((_, r) => r),
    nUsers: shape.users,
    nItems: shape.items,
  });
}

function identical(a: ItemNeighbours, b: ItemNeighbours): boolean {
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => {
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  };
  return same(a.nbStart, b.nbStart) && same(a.ids, b.ids) && same(a.sims, b.sims);
}

function intFlag(args: string[], name: string, fallback: number, min: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < min) {
    throw new InputError(`--${name}`, `must be an integer >= ${min}, got "${args[i + 1]}"`);
  }
  return v;
}

/** Entry point: see the module doc. */
export async function main(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const seed = intFlag(args, "seed", 1, 0), repeat = intFlag(args, "repeat", 2, 1);
  const shape = quick ? { users: 200, items: 3_000, interactions: 10_000, maxPerUser: 800 } : MOVIELENS_SMALL;
  const x = syntheticLog(shape, seed);
  const byItem = itemUserSets(x), byUser = userItemSets(x);
  const itemCounts = Array.from({ length: x.nItems }, (_, i) => byItem.indptr[i + 1]! - byItem.indptr[i]!);
  const userCounts = Array.from({ length: x.nUsers }, (_, u) => byUser.indptr[u + 1]! - byUser.indptr[u]!);
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
  const log = {
    users: x.nUsers,
    items: x.nItems,
    interactions: x.user.length,
    itemsWithUsers: itemCounts.filter((c) => c > 0).length,
    perUser: { median: median(userCounts), max: Math.max(...userCounts) },
    perItem: { median: median(itemCounts), max: Math.max(...itemCounts) },
  };
  console.log(`[item_knn] log: ${JSON.stringify(log)}`);
  const rows = [];
  for (const [label, m] of [["100", 100], ["all", x.nItems]] as const) {
    const ref = bestFit(repeat, () => referenceItemNeighbours(byItem, byUser, m, 0));
    const fast = bestFit(repeat, () => buildItemNeighbours(byItem, byUser, m, 0));
    if (!identical(ref.result, fast.result)) {
      throw new Error(`item_knn: the fast build differs from the reference (neighbours ${label})`);
    }
    const ctor = bestFit(repeat, () => new ItemKnnRecommender(x, { neighbours: m }));
    const row = {
      neighbours: label,
      listEntries: fast.result.ids.length,
      referenceSeconds: ref.seconds,
      fastSeconds: fast.seconds,
      speedup: ref.seconds / fast.seconds,
      referenceCpuSeconds: ref.cpuSeconds,
      fastCpuSeconds: fast.cpuSeconds,
      cpuSpeedup: ref.cpuSeconds / fast.cpuSeconds,
      constructorSeconds: ctor.seconds,
      identical: true,
      referenceRuns: ref.runs,
      fastRuns: fast.runs,
    };
    console.log(`[item_knn] neighbours ${label}: ${JSON.stringify(row)}`);
    rows.push(row);
  }
  const results = { quick, seed, repeat, shape, log, rows, machine: machineInfo() };
  const path = `bench/results/item_knn${quick ? "_quick" : ""}.json`;
  await writeJsonAtomic(path, { name: "item_knn", results });
  const md = [
    markdownTable(
      [
        "neighbours",
        "list entries",
        "reference build s",
        "fast build s",
        "speed-up",
        "ItemKnnRecommender s",
        "identical",
      ],
      rows.map((
        r,
      ) => [
        r.neighbours,
        r.listEntries,
        r.referenceSeconds,
        r.fastSeconds,
        r.speedup,
        r.constructorSeconds,
        "yes",
      ]),
    ),
    "",
    `Synthetic MovieLens-small-shaped log (seed ${seed}): ${log.users} users, ${
      log.items.toLocaleString("en-US")
    } items ` +
    `(${log.itemsWithUsers.toLocaleString("en-US")} with a user), ${
      log.interactions.toLocaleString("en-US")
    } interactions; ` +
    `per user median ${log.perUser.median}, max ${log.perUser.max}; per item median ${log.perItem.median}, max ${log.perItem.max}. ` +
    `Best of ${repeat} runs each, both builds in the same process; lists compared bit for bit.`,
  ].join("\n");
  console.log(`\n${md}\n\n[bench] wrote ${path}`);
}
