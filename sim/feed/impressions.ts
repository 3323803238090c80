/**
 * Sessions → impressions → clicks and dwell time. Each user has Poisson(impressionsPerUser × activity)
 * impressions in sessions of 10 positions at uniform times. The serving policy picks a topic (50 % from
 * the user's preferences) and an already-published item of it (60 % recent, age ~ Exp(mean 2 d)); in
 * "cold_start_items" 40 % of impressions in the last 20 % of the period show burst items. Clicks follow
 * the declared logit model (`CLICK_MODEL`); the true probability and affinity go to the truth table.
 * @module
 */
import { exponential, lognormal, poisson, type Rng } from "../../lib/random/mod.ts";
import { DAY_MS } from "../common/mod.ts";
import { type Items, upperBound, type Users } from "./entities.ts";
import {
  CLICK_MODEL,
  COLD_START,
  type FeedSizes,
  LATENT_DIM,
  PERSONALISED_SHARE,
  RECENT_MEAN_DAYS,
  RECENT_SHARE,
  SESSION_LENGTH,
} from "./params.ts";

const D = LATENT_DIM;
const HOUR = 3_600_000;

/** Impression, click and truth columns. */
export interface Interactions {
  readonly user: Int32Array;
  readonly item: Int32Array;
  readonly shownMs: Float64Array;
  readonly position: Int32Array;
  readonly session: Int32Array;
  readonly pClick: Float64Array;
  readonly affinity: Float64Array;
  /** The u·v part of `affinity` (the rest is the topic-preference term). */
  readonly factorAffinity: Float64Array;
  readonly freshness: Float64Array;
  readonly clicked: Int32Array;
  /** Click rows: index of the impression, click time, dwell seconds. */
  readonly clickImpression: Int32Array;
  readonly clickMs: Float64Array;
  readonly dwellSeconds: Float64Array;
}

/** The latent-factor part of the affinity of user u for item i: u·v. */
export function factorAffinity(users: Users, items: Items, u: number, i: number): number {
  let dot = 0;
  for (let j = 0; j < D; j++) dot += users.factors[u * D + j]! * items.factors[i * D + j]!;
  return dot;
}

/** The true affinity of user u for item i: u·v + topic term (see `CLICK_MODEL`). */
export function trueAffinity(users: Users, items: Items, topics: number, u: number, i: number): number {
  const dot = factorAffinity(users, items, u, i);
  const pref = users.topicPref[u * topics + items.topic[i]!]!;
  const topicTerm = Math.max(-3, Math.min(3, Math.log(topics * pref)));
  return dot + CLICK_MODEL.topic * topicTerm;
}

/** Draws all sessions, impressions and clicks. */
export function simulateInteractions(
  rng: Rng,
  sizes: FeedSizes,
  users: Users,
  items: Items,
  startMs: number,
  endMs: number,
  coldStart: boolean,
): Interactions {
  const T = sizes.topics;
  // Draw every user's impression count first so the columns are allocated once, exactly.
  const counts = new Int32Array(users.n);
  let nImp = 0;
  for (let u = 0; u < users.n; u++) {
    nImp += counts[u] = poisson(rng, sizes.impressionsPerUser * users.activity[u]!);
  }
  const user = new Int32Array(nImp), item = new Int32Array(nImp), shownMs = new Float64Array(nImp);
  const position = new Int32Array(nImp), sessionCol = new Int32Array(nImp), pClick = new Float64Array(nImp);
  const affinityCol = new Float64Array(nImp),
    factorCol = new Float64Array(nImp),
    freshnessCol = new Float64Array(nImp),
    clickedCol = new Int32Array(nImp);
  const cImp = new Int32Array(nImp), cMs = new Float64Array(nImp), cDwell = new Float64Array(nImp);
  const coldFrom = endMs - COLD_START.window * (endMs - startMs);
  const coldMs = Float64Array.from(items.coldIds, (i) => items.publishMs[i]!);
  const span = endMs - startMs - SESSION_LENGTH * 10_000;
  let session = 0, n = 0, nClicks = 0;
  for (let u = 0; u < users.n; u++) {
    let remaining = counts[u]!;
    while (remaining > 0) {
      const len = Math.min(SESSION_LENGTH, remaining);
      remaining -= len;
      const sessionStart = startMs + Math.floor(rng.float() * span / 1000) * 1000;
      for (let pos = 0; pos < len; pos++) {
        const ts = sessionStart + pos * 8_000;
        const it = pickItem(rng, users, items, T, u, ts, coldStart && ts >= coldFrom, coldMs);
        if (it < 0) continue;
        const affinity = trueAffinity(users, items, T, u, it);
        const ageHours = (ts - items.publishMs[it]!) / HOUR;
        const freshness = Math.exp(-ageHours / CLICK_MODEL.decayHours);
        const logit = CLICK_MODEL.base + affinity + CLICK_MODEL.freshness * freshness +
          CLICK_MODEL.quality * items.quality[it]! - CLICK_MODEL.position * pos;
        const p = 1 / (1 + Math.exp(-logit));
        const clicked = rng.float() < p ? 1 : 0;
        if (clicked) {
          cImp[nClicks] = n;
          cMs[nClicks] = ts + 1000 * (2 + rng.int(20));
          const dwell = lognormal(
            rng,
            Math.log(CLICK_MODEL.dwellMedianSeconds) + CLICK_MODEL.dwellAffinity * affinity,
            0.6,
          );
          cDwell[nClicks++] = Math.round(dwell * 10) / 10;
        }
        user[n] = u;
        item[n] = it;
        shownMs[n] = ts;
        position[n] = pos;
        sessionCol[n] = session;
        pClick[n] = p;
        affinityCol[n] = affinity;
        factorCol[n] = factorAffinity(users, items, u, it);
        freshnessCol[n] = freshness;
        clickedCol[n++] = clicked;
      }
      session++;
    }
  }
  return {
    user: user.slice(0, n),
    item: item.slice(0, n),
    shownMs: shownMs.slice(0, n),
    position: position.slice(0, n),
    session: sessionCol.slice(0, n),
    pClick: pClick.slice(0, n),
    affinity: affinityCol.slice(0, n),
    factorAffinity: factorCol.slice(0, n),
    freshness: freshnessCol.slice(0, n),
    clicked: clickedCol.slice(0, n),
    clickImpression: cImp.slice(0, nClicks),
    clickMs: cMs.slice(0, nClicks),
    dwellSeconds: cDwell.slice(0, nClicks),
  };
}

/** The serving policy: an item published at or before `ts`, or −1 when none exists yet. */
function pickItem(
  rng: Rng,
  users: Users,
  items: Items,
  T: number,
  u: number,
  ts: number,
  coldWindow: boolean,
  coldMs: Float64Array,
): number {
  if (coldWindow && rng.float() < COLD_START.exposure) {
    const m = upperBound(coldMs, 0, coldMs.length, ts);
    if (m > 0) return items.coldIds[rng.int(m)]!;
  }
  let k: number;
  if (rng.float() < PERSONALISED_SHARE) {
    const x = rng.float();
    k = 0;
    while (k < T - 1 && users.topicCum[u * T + k]! <= x) k++;
  } else k = rng.int(T);
  const a = items.topicStart[k]!;
  const hi = upperBound(items.byTopicMs, a, items.topicStart[k + 1]!, ts);
  if (hi === a) {
    const m = upperBound(items.publishMs, 0, items.n, ts);
    return m === 0 ? -1 : rng.int(m);
  }
  if (rng.float() < RECENT_SHARE) {
    const age = exponential(rng, 1 / RECENT_MEAN_DAYS) * DAY_MS;
    const j = upperBound(items.byTopicMs, a, hi, ts - age);
    const idx = Math.max(a, j - 1 - rng.int(3));
    return items.byTopic[idx]!;
  }
  return items.byTopic[a + rng.int(hi - a)]!;
}
