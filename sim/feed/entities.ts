/**
 * Feed entities as typed columns: users (latent factors, topic preferences, activity) and items
 * (creator, topic, publish time, latent factors built from creator and topic so content carries signal
 * for cold-start items, quality). Items are numbered in publish order.
 * @module
 */
import { Categorical, gamma, lognormal, normal, type Rng, Zipf } from "../../lib/random/mod.ts";
import { DAY_MS } from "../common/mod.ts";
import { BACKLOG_DAYS, COLD_START, type FeedSizes, LATENT_DIM } from "./params.ts";

const D = LATENT_DIM;
/** Per-coordinate sd so that u·v has sd ≈ 1. */
const FACTOR_SD = Math.pow(1 / D, 0.25);

/** Users with latent factors and topic preferences. */
export interface Users {
  readonly n: number;
  readonly country: Int32Array;
  readonly platform: Int32Array;
  readonly ageBand: Int32Array;
  readonly signupMs: Float64Array;
  /** n × D latent factors. */
  readonly factors: Float32Array;
  /** n × topics preference shares (rows sum to 1). */
  readonly topicPref: Float32Array;
  /** n × topics cumulative preference (for sampling). */
  readonly topicCum: Float32Array;
  /** Relative activity (mean ≈ 1). */
  readonly activity: Float64Array;
}

/** Items in publish order, with per-topic indexes sorted by publish time. */
export interface Items {
  readonly n: number;
  readonly topic: Int32Array;
  readonly creator: Int32Array;
  readonly format: Int32Array;
  readonly publishMs: Float64Array;
  readonly factors: Float32Array;
  readonly quality: Float64Array;
  /** 1 for items of the cold-start burst (scenario "cold_start_items"). */
  readonly coldStart: Int32Array;
  /** CSR by topic: item ids of topic k, ascending (= publish order), are `byTopic[topicStart[k] .. topicStart[k+1])`. */
  readonly topicStart: Int32Array;
  readonly byTopic: Int32Array;
  /** Publish times aligned with `byTopic`. */
  readonly byTopicMs: Float64Array;
  /** Ids of cold-start items (ascending). */
  readonly coldIds: Int32Array;
}

/** Draws users: observed attributes, N(0, sd) factors, Dirichlet(0.3) topic preferences, log-normal activity. */
export function drawUsers(rng: Rng, sizes: FeedSizes, startMs: number): Users {
  const n = sizes.users, T = sizes.topics;
  const country = new Int32Array(n), platform = new Int32Array(n), ageBand = new Int32Array(n);
  const signupMs = new Float64Array(n), factors = new Float32Array(n * D);
  const topicPref = new Float32Array(n * T),
    topicCum = new Float32Array(n * T),
    activity = new Float64Array(n);
  const countryPick = new Categorical([0.35, 0.2, 0.15, 0.15, 0.15]);
  const platformPick = new Categorical([0.45, 0.4, 0.15]);
  const agePick = new Categorical([0.2, 0.3, 0.22, 0.16, 0.12]);
  const w = new Float64Array(T);
  for (let u = 0; u < n; u++) {
    country[u] = countryPick.sample(rng);
    platform[u] = platformPick.sample(rng);
    ageBand[u] = agePick.sample(rng);
    signupMs[u] = startMs - (1 + rng.int(700)) * DAY_MS;
    for (let j = 0; j < D; j++) factors[u * D + j] = normal(rng, 0, FACTOR_SD);
    let total = 0;
    for (let k = 0; k < T; k++) total += w[k] = gamma(rng, 0.3) + 1e-6;
    let run = 0;
    for (let k = 0; k < T; k++) {
      const p = w[k]! / total;
      topicPref[u * T + k] = p;
      run += p;
      topicCum[u * T + k] = run;
    }
    topicCum[u * T + T - 1] = 1;
    activity[u] = lognormal(rng, -0.18, 0.6);
  }
  return { n, country, platform, ageBand, signupMs, factors, topicPref, topicCum, activity };
}

/**
 * Draws items. Creator sizes are Zipf(1.1); each creator has a main topic (80 % of its items) and a
 * latent style; item factors = 0.6·creator + 0.5·topic + 0.6·noise (rescaled). Publish times are uniform
 * over [start − BACKLOG_DAYS, end), except in "cold_start_items" where a burst of new items lands in the
 * last 20 % of the period.
 */
export function drawItems(
  rng: Rng,
  sizes: FeedSizes,
  startMs: number,
  endMs: number,
  coldStart: boolean,
): Items {
  const n = sizes.items, T = sizes.topics, C = sizes.creators;
  const topicVec = new Float32Array(T * D),
    creatorVec = new Float32Array(C * D),
    creatorTopic = new Int32Array(C);
  for (let i = 0; i < T * D; i++) topicVec[i] = normal(rng, 0, FACTOR_SD);
  for (let i = 0; i < C * D; i++) creatorVec[i] = normal(rng, 0, FACTOR_SD);
  for (let c = 0; c < C; c++) creatorTopic[c] = rng.int(T);
  const creatorPick = new Zipf(C, 1.1);
  const creatorPerm = rng.shuffle(Int32Array.from({ length: C }, (_, i) => i));
  const formatPick = new Categorical([0.4, 0.4, 0.2]);
  const coldFrom = endMs - COLD_START.window * (endMs - startMs);
  const from = startMs - BACKLOG_DAYS * DAY_MS;
  // Draw publish times first and sort them, so item ids follow publish order.
  const pub = new Float64Array(n), cold = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (coldStart && rng.float() < COLD_START.itemShare) {
      pub[i] = coldFrom + rng.float() * (endMs - coldFrom);
      cold[i] = 1;
    } else pub[i] = from + rng.float() * ((coldStart ? coldFrom : endMs) - from);
    pub[i] = Math.floor(pub[i]! / 1000) * 1000;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => pub[a]! - pub[b]! || a - b);
  const topic = new Int32Array(n), creator = new Int32Array(n), format = new Int32Array(n);
  const publishMs = new Float64Array(n), factors = new Float32Array(n * D), quality = new Float64Array(n);
  const coldFlag = new Int32Array(n);
  let scaleSum = 0;
  for (let i = 0; i < n; i++) {
    publishMs[i] = pub[order[i]!]!;
    coldFlag[i] = cold[order[i]!]!;
    const c = creatorPerm[creatorPick.sample(rng) - 1]!;
    creator[i] = c;
    const k = rng.float() < 0.8 ? creatorTopic[c]! : rng.int(T);
    topic[i] = k;
    format[i] = formatPick.sample(rng);
    quality[i] = normal(rng);
    for (let j = 0; j < D; j++) {
      const v = 0.6 * creatorVec[c * D + j]! + 0.5 * topicVec[k * D + j]! + 0.6 * normal(rng, 0, FACTOR_SD);
      factors[i * D + j] = v;
      scaleSum += v * v;
    }
  }
  // Rescale item factors to the declared per-coordinate sd.
  const s = FACTOR_SD / Math.sqrt(scaleSum / (n * D));
  for (let i = 0; i < n * D; i++) factors[i] = factors[i]! * s;
  const topicStart = new Int32Array(T + 1);
  for (let i = 0; i < n; i++) topicStart[topic[i]! + 1]!++;
  for (let k = 0; k < T; k++) topicStart[k + 1]! += topicStart[k]!;
  const fill = topicStart.slice(0, T);
  const byTopic = new Int32Array(n), byTopicMs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = fill[topic[i]!]!++;
    byTopic[j] = i;
    byTopicMs[j] = publishMs[i]!;
  }
  let nCold = 0;
  for (let i = 0; i < n; i++) nCold += coldFlag[i]!;
  const coldIds = new Int32Array(nCold);
  for (let i = 0, j = 0; i < n; i++) if (coldFlag[i]) coldIds[j++] = i;
  return {
    n,
    topic,
    creator,
    format,
    publishMs,
    factors,
    quality,
    coldStart: coldFlag,
    topicStart,
    byTopic,
    byTopicMs,
    coldIds,
  };
}

/** Number of entries of the ascending `ms[lo..hi)` that are ≤ t, plus lo (upper bound). */
export function upperBound(ms: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ms[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
