/**
 * Declared feed effects of the users' topic preferences and of the serving policy, recovered from observed
 * impressions and clicks with the true preferences (`truth.user_topics`) as the latent covariate (the click
 * and dwell coefficients on affinity, freshness, quality and position are in `effects_test.ts`):
 *
 * - topic preference → affinity (+0.6·clamp(ln(T·pref), ±3) log-odds): logistic fit of observed clicks on the
 *   u·v part of the affinity and the topic term computed from the preferences and the item's observed topic;
 * - topic preference → serving policy (50 % of impressions pick a preferred topic): maximum likelihood of π in
 *   P(topic k | user u) = π·pref[u, k] + (1 − π)/T over observed impressions;
 * - serving policy → item age (60 % recent items, age ~ Exp(2 d)): the share of impressions older than 16 d
 *   is (1 − recent share) × the observed share of the topic's published items that are that old; the mean
 *   age of the recent ones follows from the younger impressions;
 * - cold-start burst → serving policy (40 % of late impressions show new items): burst picks ignore the
 *   user's preferences, so the mean pref[u, topic shown] in the burst window is a known mix of the two
 *   branches.
 *
 * Declared values are read from `FEED_GRAPH` (edge sizes) or `params.ts` where the edge has no single size.
 */
import assert from "node:assert/strict";
import { getNumeric, isStringColumn, type StringColumn } from "../../lib/data/mod.ts";
import { DAY_MS, type SimOutput } from "../common/mod.ts";
import { fitLogit } from "../common/testing.ts";
import { assertRecovered } from "../common/testing.ts";
import { FEED_GRAPH, feedSimulator } from "./mod.ts";
import { RECENT_MEAN_DAYS, RECENT_SHARE } from "./params.ts";

/** Number of entries of the ascending `ms` that are ≤ `t` (binary search). */
function countUpTo(ms: readonly number[], t: number): number {
  let lo = 0, hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ms[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Many items per topic, so a "recent" pick's age is its drawn age to within minutes. */
const out = feedSimulator.generate({ seed: 29, scale: "tiny", users: 3_000, items: 60_000 });

/** The declared size of the edge `from → to` in the feed graph. */
function declared(from: string, to: string): number {
  const e = FEED_GRAPH.edges.find((x) => x.from === from && x.to === to);
  assert.ok(e?.size !== undefined, `edge ${from} → ${to} has no size`);
  return e.size;
}

function strings(o: SimOutput, table: string, name: string): StringColumn {
  const c = o.tables[table]!.columns[name];
  assert.ok(c !== undefined && isStringColumn(c), `${table}.${name} is a string column`);
  return c;
}

/** Observed item topics as 0-based topic indexes, and the true preferences (users × topics, row-major). */
function topicsAndPrefs(o: SimOutput): { topic: Int32Array; pref: Float64Array; T: number } {
  const T = o.meta.sizes.topics!;
  const col = strings(o, "items", "topic");
  const topic = Int32Array.from(col.codes, (c) => Number(col.dictionary[c]!.slice("topic_".length)));
  const ut = o.truth.user_topics!;
  assert.equal(ut.nRows, o.tables.users!.nRows * T);
  const user = getNumeric(ut, "user_id");
  for (let r = 0; r < ut.nRows; r += 97) assert.equal(user[r], Math.floor(r / T), "row-major user × topic");
  return { topic, pref: Float64Array.from(getNumeric(ut, "preference")), T };
}

Deno.test("feed truth: user_topics holds each user's topic preferences (rows sum to 1)", () => {
  const { pref, T } = topicsAndPrefs(out);
  for (let u = 0; u < pref.length / T; u++) {
    let s = 0;
    for (let k = 0; k < T; k++) s += pref[u * T + k]!;
    assert.ok(Math.abs(s - 1) < 1e-5, `user ${u}: preferences sum to ${s}`);
  }
  const aff = getNumeric(out.truth.impressions!, "affinity");
  const dot = getNumeric(out.truth.impressions!, "factor_affinity");
  assert.notDeepEqual(aff, dot, "the topic term is not zero");
});

Deno.test("feed: topic preference → affinity +0.6·clamp(ln(T·pref), ±3) log-odds (logistic fit of observed clicks)", () => {
  const { topic, pref, T } = topicsAndPrefs(out);
  const imp = out.tables.impressions!, t = out.truth.impressions!;
  const user = getNumeric(imp, "user_id"),
    item = getNumeric(imp, "item_id"),
    pos = getNumeric(imp, "position");
  const dot = getNumeric(t, "factor_affinity"), fresh = getNumeric(t, "freshness");
  const quality = getNumeric(out.truth.items!, "quality");
  const clicked = new Float64Array(imp.nRows);
  for (const i of getNumeric(out.tables.clicks!, "impression_id")) clicked[i] = 1;
  const x: Float64Array[] = [];
  for (let i = 0; i < imp.nRows; i++) {
    const p = pref[user[i]! * T + topic[item[i]!]!]!;
    const topicTerm = Math.max(-3, Math.min(3, Math.log(T * p)));
    x.push(Float64Array.of(1, dot[i]!, topicTerm, fresh[i]!, quality[item[i]!]!, pos[i]!));
  }
  const fit = fitLogit(x, clicked);
  assertRecovered("u·v", fit.coef[1]!, fit.se[1]!, declared("user_factors", "affinity"), 0.1);
  assertRecovered("topic term", fit.coef[2]!, fit.se[2]!, declared("topic_preference", "affinity"), 0.06);
});

Deno.test("feed: topic preference → serving policy: 50 % of impressions pick a preferred topic (MLE)", () => {
  const { topic, pref, T } = topicsAndPrefs(out);
  const imp = out.tables.impressions!;
  const user = getNumeric(imp, "user_id"), item = getNumeric(imp, "item_id");
  const p = Float64Array.from(user, (u, i) => pref[u * T + topic[item[i]!]!]!);
  // Newton on the log-likelihood Σ ln(π·p + (1 − π)/T), concave in π.
  let pi = 0.3, info = 0;
  for (let it = 0; it < 30; it++) {
    let g = 0;
    info = 0;
    for (let i = 0; i < p.length; i++) {
      const d = p[i]! - 1 / T, f = pi * p[i]! + (1 - pi) / T;
      g += d / f;
      info += (d / f) ** 2;
    }
    const step = g / info;
    pi += step;
    if (Math.abs(step) < 1e-12) break;
  }
  assertRecovered(
    "personalised share",
    pi,
    1 / Math.sqrt(info),
    declared("topic_preference", "serving_policy"),
    0.02,
  );
});

Deno.test("feed: serving policy → item age: 60 % recent items with age ~ Exp(2 d) (observed impression ages)", () => {
  const { topic, T } = topicsAndPrefs(out);
  const imp = out.tables.impressions!;
  const item = getNumeric(imp, "item_id"), shown = getNumeric(imp, "shown_ts");
  const pub = getNumeric(out.tables.items!, "publish_ts");
  // Observed publish times per topic, ascending, with prefix sums (items are numbered in publish order).
  const byTopic: number[][] = Array.from({ length: T }, () => []);
  for (let j = 0; j < pub.length; j++) byTopic[topic[j]!]!.push(pub[j]!);
  const prefix = byTopic.map((ms) => {
    const s = new Float64Array(ms.length + 1);
    ms.forEach((m, j) => (s[j + 1] = s[j]! + m));
    return s;
  });
  const cut = 16 * DAY_MS; // e^(−16/2) ≈ 3e−4 of recent picks are older: negligible
  const n = imp.nRows;
  // Uniform branch: a published item of the topic at random. Its P(age > cut) and E[age · 1{age ≤ cut}]
  // come from the observed publish times.
  let old = 0, expOld = 0, young = 0, expYoung = 0;
  const qOld = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ms = byTopic[topic[item[i]!]!]!, s = prefix[topic[item[i]!]!]!, ts = shown[i]!;
    const all = countUpTo(ms, ts), older = countUpTo(ms, ts - cut);
    assert.ok(all > 0);
    qOld[i] = older / all;
    expOld += qOld[i]!;
    const age = ts - pub[item[i]!]!;
    if (age > cut) old++;
    else young += age;
    // Σ over published items younger than the cut of (ts − publish), / all.
    expYoung += ((all - older) * ts - (s[all]! - s[older]!)) / all;
  }
  const oldShare = old / expOld; // estimates 1 − recent share
  let v = 0;
  for (let i = 0; i < n; i++) v += oldShare * qOld[i]! * (1 - oldShare * qOld[i]!);
  const recent = 1 - oldShare, seRecent = Math.sqrt(v) / expOld;
  assertRecovered("recent share", recent, seRecent, RECENT_SHARE, 0.01);
  // Mean age of recent picks: (Σ young ages − uniform branch's share of them) / number of recent picks.
  const meanDays = (young - oldShare * expYoung) / (recent * n) / DAY_MS;
  // Standard error: recent ages are exponential (sd = mean), the uniform branch's young ages ≤ cut.
  const seMean = Math.sqrt(recent * n * RECENT_MEAN_DAYS ** 2 + oldShare * n * (cut / DAY_MS) ** 2 / 3) /
    (recent * n);
  assertRecovered("recent mean age (days)", meanDays, seMean, RECENT_MEAN_DAYS, 0.1);
});

Deno.test("feed: cold-start burst → serving policy: 40 % of late impressions show new items, whatever the user likes", () => {
  const cold = feedSimulator.generate({
    seed: 31,
    scale: "tiny",
    users: 3_000,
    scenario: "cold_start_items",
  });
  const { topic, pref, T } = topicsAndPrefs(cold);
  const imp = cold.tables.impressions!;
  const user = getNumeric(imp, "user_id"),
    item = getNumeric(imp, "item_id"),
    shown = getNumeric(imp, "shown_ts");
  const isCold = getNumeric(cold.truth.items!, "cold_start"),
    pub = getNumeric(cold.tables.items!, "publish_ts");
  const coldMs: number[][] = Array.from({ length: T }, () => []);
  let firstCold = Infinity;
  for (let j = 0; j < pub.length; j++) {
    if (isCold[j] === 1) (coldMs[topic[j]!]!.push(pub[j]!), firstCold = Math.min(firstCold, pub[j]!));
  }
  const pi = declared("topic_preference", "serving_policy"); // recovered in the test above
  // y = pref[u, topic shown]. Burst branch: topic ~ the topics of burst items published so far (a);
  // regular branch: topic ~ π·pref + (1 − π)/T (b). E[y] = e·a + (1 − e)·b.
  const ys: number[] = [], as: number[] = [], bs: number[] = [];
  for (let i = 0; i < imp.nRows; i++) {
    const ts = shown[i]!;
    if (ts < firstCold) continue; // before the first burst item (also every impression before the window)
    const u = user[i]!;
    const counts = coldMs.map((ms) => countUpTo(ms, ts));
    const m = counts.reduce((x, c) => x + c, 0);
    let a = 0, b = 0;
    for (let k = 0; k < T; k++) {
      const pk = pref[u * T + k]!;
      a += (counts[k]! / m) * pk;
      b += (pi * pk + (1 - pi) / T) * pk;
    }
    ys.push(pref[u * T + topic[item[i]!]!]!), as.push(a), bs.push(b);
  }
  let num = 0, den = 0;
  for (let i = 0; i < ys.length; i++) (num += ys[i]! - bs[i]!, den += as[i]! - bs[i]!);
  const e = num / den;
  let v = 0;
  for (let i = 0; i < ys.length; i++) v += (ys[i]! - (e * as[i]! + (1 - e) * bs[i]!)) ** 2;
  assertRecovered(
    "cold-start exposure",
    e,
    Math.sqrt(v) / Math.abs(den),
    declared("cold_start_burst", "serving_policy"),
    0.05,
  );
});
