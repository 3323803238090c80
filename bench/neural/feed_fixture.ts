/**
 * Feed-simulator fixtures for the neural benchmark: click log → interactions, user and item features
 * for the towers, and the true affinity of each impression for the latent-structure check.
 * (A helper of `bench/neural.ts`.)
 * @module
 */
import type { Frame, StringColumn } from "../../lib/data/types.ts";
import { type EntityFeatures, makeEntityFeatures } from "../../lib/models/two_tower/mod.ts";
import { type Interactions, interactionsFromFrame } from "../../lib/recsys/mod.ts";
import { feedSimulator } from "../../sim/feed/mod.ts";
import type { FeedOptions } from "../../sim/feed/mod.ts";

/** What the neural benchmark needs from one feed simulation. */
export interface FeedFixture {
  readonly clicks: Interactions;
  readonly users: EntityFeatures;
  readonly items: EntityFeatures;
  /** Impressions (user, item) with their true affinity (u·v + topic term), for the correlation check. */
  readonly impressions: { user: Int32Array; item: Int32Array; affinity: Float64Array };
  readonly sizes: Readonly<Record<string, number>>;
}

function codes(f: Frame, name: string): StringColumn {
  return f.columns[name] as StringColumn;
}

function cat(f: Frame, name: string) {
  const c = codes(f, name);
  return { name, cardinality: c.dictionary.length, codes: c.codes };
}

/** Simulates the feed and converts its tables. */
export function feedFixture(seed: number, sizes: FeedOptions): FeedFixture {
  const out = feedSimulator.generate({ seed, scale: "default", ...sizes });
  const users = out.tables.users!,
    items = out.tables.items!,
    clicks = out.tables.clicks!,
    imp = out.tables.impressions!;
  const nUsers = users.nRows, nItems = items.nRows;
  const creator = items.columns.creator_id as Int32Array;
  let nCreators = 0;
  for (const c of creator) nCreators = Math.max(nCreators, c + 1);
  const truth = out.truth.impressions!;
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
    items: makeEntityFeatures(nItems, {
      categorical: [cat(items, "topic"), cat(items, "format"), {
        name: "creator",
        cardinality: nCreators,
        codes: creator,
      }],
    }),
    impressions: {
      user: imp.columns.user_id as Int32Array,
      item: imp.columns.item_id as Int32Array,
      affinity: truth.columns.affinity as Float64Array,
    },
    sizes: out.meta.sizes,
  };
}
