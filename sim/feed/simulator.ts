/**
 * The feed simulator (spec 004): users and items with latent factors, topics, creators and publish
 * times; sessions of impressions, clicks and dwell time from a declared click model. Scenarios:
 * `normal` and `cold_start_items` (a burst of new items, with no history, in the last 20 % of the period).
 *
 * Observed tables: `users`, `items`, `impressions`, `clicks` (ids 0-based, timestamps epoch ms).
 * Truth tables: `impressions` (true P(click), affinity and its u·v part, freshness term, clicked), `items`
 * (quality, cold-start flag), `users` (activity), `user_topics` (each user's topic preference shares, the
 * ones that drive the serving policy and the topic term of the affinity).
 *
 * @example
 * ```ts
 * import { feedSimulator } from "./simulator.ts";
 * const out = feedSimulator.generate({ seed: 1, scale: "tiny", users: 20 });
 * out.tables.users!.nRows; // 20
 * ```
 * @module
 */
import { makeFrame } from "../../lib/data/mod.ts";
import { Rng } from "../../lib/random/mod.ts";
import {
  checkGenerateOptions,
  codesColumn,
  DAY_MS,
  type GenerateOptions,
  idColumn,
  SIM_EPOCH_MS,
  type SimOutput,
  type Simulator,
} from "../common/mod.ts";
import { drawItems, drawUsers } from "./entities.ts";
import { FEED_GRAPH } from "./graph.ts";
import { simulateInteractions } from "./impressions.ts";
import {
  AGE_BANDS,
  COUNTRIES,
  FEED_OPTIONS,
  type FeedSizes,
  FORMATS,
  PLATFORMS,
  resolveFeedSizes,
} from "./params.ts";

/** Scenarios, default first. */
export const FEED_SCENARIOS = ["normal", "cold_start_items"] as const;

/** Size overrides accepted by the feed simulator (each a positive integer). */
export type FeedOptions = Partial<FeedSizes>;

function generate(opts: GenerateOptions & FeedOptions): SimOutput {
  const { seed, scale, scenario } = checkGenerateOptions("feed", FEED_SCENARIOS, FEED_OPTIONS, opts);
  const { seed: _s, scale: _c, scenario: _n, ...overrides } = opts;
  const sizes = resolveFeedSizes(scale, overrides);
  const cold = scenario === "cold_start_items";
  const startMs = SIM_EPOCH_MS, endMs = SIM_EPOCH_MS + sizes.days * DAY_MS;
  const root = new Rng(seed);
  const users = drawUsers(root.fork(1), sizes, startMs);
  const items = drawItems(root.fork(2), sizes, startMs, endMs, cold);
  const x = simulateInteractions(root.fork(3), sizes, users, items, startMs, endMs, cold);
  const nImp = x.user.length, nClicks = x.clickImpression.length;
  const clickUser = new Int32Array(nClicks), clickItem = new Int32Array(nClicks);
  for (let c = 0; c < nClicks; c++) {
    const i = x.clickImpression[c]!;
    clickUser[c] = x.user[i]!;
    clickItem[c] = x.item[i]!;
  }
  // Long form of the user × topic preferences (row u·topics + k), read from the drawn users: no extra draws.
  const prefUser = new Int32Array(users.n * sizes.topics), prefTopic = new Int32Array(users.n * sizes.topics);
  for (let u = 0; u < users.n; u++) {
    for (let k = 0; k < sizes.topics; k++) {
      (prefUser[u * sizes.topics + k] = u, prefTopic[u * sizes.topics + k] = k);
    }
  }
  const topicNames = Array.from({ length: sizes.topics }, (_, k) => `topic_${String(k).padStart(2, "0")}`);
  return {
    tables: {
      users: makeFrame({
        user_id: idColumn(users.n),
        country: codesColumn(users.country, COUNTRIES),
        platform: codesColumn(users.platform, PLATFORMS),
        age_band: codesColumn(users.ageBand, AGE_BANDS),
        signup_ts: users.signupMs,
      }),
      items: makeFrame({
        item_id: idColumn(items.n),
        topic: codesColumn(items.topic, topicNames),
        creator_id: items.creator,
        format: codesColumn(items.format, FORMATS),
        publish_ts: items.publishMs,
      }),
      impressions: makeFrame({
        impression_id: idColumn(nImp),
        user_id: x.user,
        item_id: x.item,
        shown_ts: x.shownMs,
        position: x.position,
        session_id: x.session,
      }),
      clicks: makeFrame({
        click_id: idColumn(nClicks),
        impression_id: x.clickImpression,
        user_id: clickUser,
        item_id: clickItem,
        click_ts: x.clickMs,
        dwell_seconds: x.dwellSeconds,
      }),
    },
    truth: {
      impressions: makeFrame({
        impression_id: idColumn(nImp),
        p_click: x.pClick,
        affinity: x.affinity,
        factor_affinity: x.factorAffinity,
        freshness: x.freshness,
        clicked: x.clicked,
      }),
      items: makeFrame({ item_id: idColumn(items.n), quality: items.quality, cold_start: items.coldStart }),
      users: makeFrame({ user_id: idColumn(users.n), activity: users.activity }),
      user_topics: makeFrame({
        user_id: prefUser,
        topic: codesColumn(prefTopic, topicNames),
        preference: Float64Array.from(users.topicPref),
      }),
    },
    meta: {
      simulator: "feed",
      scenario,
      seed,
      scale,
      sizes: { ...sizes, impressions: nImp, clicks: nClicks },
      startMs,
      endMs,
      timestampColumns: {
        users: ["signup_ts"],
        items: ["publish_ts"],
        impressions: ["shown_ts"],
        clicks: ["click_ts"],
      },
      notes: [
        "ids are 0-based; item ids follow publish order",
        "click model: logit = base + u·v + topic term + freshness + quality − position (see CLICK_MODEL)",
        cold
          ? "cold_start_items: 25% of items published in the last 20% of the period, 40% of late impressions"
          : "publish times uniform",
      ],
    },
  };
}

/** The feed simulator. */
export const feedSimulator: Simulator<FeedOptions> = {
  name: "feed",
  scenarios: FEED_SCENARIOS,
  options: FEED_OPTIONS,
  graph: FEED_GRAPH,
  generate,
};
