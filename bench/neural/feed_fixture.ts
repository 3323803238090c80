/**
 * Feed-simulator fixtures for the neural benchmark: click log → interactions, user and item features
 * for the towers, the query-time context, and the true affinity of each impression for the
 * latent-structure check. (A helper of `bench/neural.ts`.)
 * @module
 */
import type { Frame, StringColumn } from "../../lib/data/mod.ts";
import {
  type EntityFeatures,
  makeEntityFeatures,
  type TowerContext,
} from "../../lib/models/two_tower/mod.ts";
import { type Interactions, interactionsFromFrame } from "../../lib/recsys/mod.ts";
import { feedSimulator } from "../../sim/feed/mod.ts";
import type { FeedOptions } from "../../sim/feed/mod.ts";

const DAY_MS = 86_400_000;

/** What the neural benchmark needs from one feed simulation. */
export interface FeedFixture {
  readonly clicks: Interactions;
  readonly users: EntityFeatures;
  /** topic, format, creator. */
  readonly items: EntityFeatures;
  /** The same plus `publish_day` (days from the simulation start; an observed column, not truth). */
  readonly itemsWithTime: EntityFeatures;
  /** Impressions (user, item) with their true affinity (u·v + topic term), for the correlation check. */
  readonly impressions: {
    user: Int32Array;
    item: Int32Array;
    shownMs: Float64Array;
    affinity: Float64Array;
    pClick: Float64Array;
  };
  readonly sizes: Readonly<Record<string, number>>;
  readonly startMs: number;
  /** Truth flag per item: part of the "cold_start_items" burst (for grouping the evaluation only). */
  readonly coldItem: Int32Array;
}

function cat(f: Frame, name: string) {
  const c = f.columns[name] as StringColumn;
  return { name, cardinality: c.dictionary.length, codes: c.codes };
}

/** Simulates the feed and converts its tables. */
export function feedFixture(seed: number, sizes: FeedOptions, scenario = "normal"): FeedFixture {
  const out = feedSimulator.generate({ seed, scale: "default", scenario, ...sizes });
  const users = out.tables.users!, items = out.tables.items!;
  const clicks = out.tables.clicks!, imp = out.tables.impressions!;
  const nUsers = users.nRows, nItems = items.nRows;
  const creator = items.columns.creator_id as Int32Array;
  let nCreators = 0;
  for (const c of creator) nCreators = Math.max(nCreators, c + 1);
  const truth = out.truth.impressions!;
  const startMs = out.meta.startMs!, publish = items.columns.publish_ts as Float64Array;
  const itemCats = [cat(items, "topic"), cat(items, "format"), {
    name: "creator",
    cardinality: nCreators,
    codes: creator,
  }];
  return {
    clicks: interactionsFromFrame(clicks, {
      user: "user_id",
      item: "item_id",
      timestamp: "click_ts",
      nUsers,
      nItems,
    }),
    users: makeEntityFeatures(nUsers, {
      categorical: [cat(users, "country"), cat(users, "platform"), cat(users, "age_band")],
    }),
    items: makeEntityFeatures(nItems, { categorical: itemCats }),
    itemsWithTime: makeEntityFeatures(nItems, {
      categorical: itemCats,
      numeric: { publish_day: Array.from(publish, (t) => (t - startMs) / DAY_MS) },
    }),
    impressions: {
      user: imp.columns.user_id as Int32Array,
      item: imp.columns.item_id as Int32Array,
      shownMs: imp.columns.shown_ts as Float64Array,
      affinity: truth.columns.affinity as Float64Array,
      pClick: truth.columns.p_click as Float64Array,
    },
    sizes: out.meta.sizes,
    startMs,
    coldItem: out.truth.items!.columns.cold_start as Int32Array,
  };
}

/**
 * The query-time context of the user tower: each train click's day (from the simulation start); for
 * inference, the day of the latest train click for everyone (serving right after training).
 */
export function queryDayContext(train: Interactions, startMs: number): TowerContext {
  let tMax = -Infinity;
  for (const t of train.timestamp) tMax = Math.max(tMax, t);
  return {
    names: ["query_day"],
    train: Float32Array.from(train.timestamp, (t) => (t - startMs) / DAY_MS),
    inference: new Float32Array(train.nUsers).fill((tMax - startMs) / DAY_MS),
  };
}
