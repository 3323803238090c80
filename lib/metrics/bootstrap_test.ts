import assert from "node:assert/strict";
import { bootstrapCI } from "./bootstrap.ts";
import { getMetric } from "./registry.ts";
import type { MetricInput } from "./metric.ts";
import { normal, Rng } from "../random/mod.ts";
import { InputError } from "../errors.ts";
import { assertClose, assertInputError } from "./_testing.ts";

const mean = (x: MetricInput) => {
  let s = 0;
  for (let i = 0; i < x.labels.length; i++) s += x.labels[i]!;
  return s / x.labels.length;
};

Deno.test("bootstrapCI is deterministic per seed and differs across seeds", () => {
  const input = { labels: [1, 5, 2, 8, 3, 9, 4, 4], predictions: [0, 0, 0, 0, 0, 0, 0, 0] };
  const a = bootstrapCI(mean, input, { seed: 11, nResamples: 200 });
  const b = bootstrapCI(mean, input, { seed: 11, nResamples: 200 });
  const c = bootstrapCI(mean, input, { seed: 12, nResamples: 200 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.equal(a.estimate, 4.5);
  assert.ok(a.lower < 4.5 && 4.5 < a.upper);
});

Deno.test("bootstrap standard error of a mean ≈ s / √n (normal sample)", () => {
  const rng = new Rng(3);
  const labels = Array.from({ length: 200 }, () => normal(rng, 10, 2));
  const input = { labels, predictions: new Float64Array(200) };
  const m = mean(input);
  const s = Math.sqrt(labels.reduce((acc, v) => acc + (v - m) ** 2, 0) / 199);
  const ci = bootstrapCI(mean, input, { seed: 5, nResamples: 2000 });
  // theory: SE = s/√n; 2000 resamples estimate it to within a few percent
  assertClose(ci.standardError, s / Math.sqrt(200), 0.1 * s / Math.sqrt(200));
  // 95 % percentile interval ≈ mean ± 1.96 SE
  assertClose(ci.upper - ci.lower, 2 * 1.96 * s / Math.sqrt(200), 0.15 * 2 * 1.96 * s / Math.sqrt(200));
  const narrow = bootstrapCI(mean, input, { seed: 5, nResamples: 2000, confidence: 0.5 });
  assert.ok(narrow.upper - narrow.lower < ci.upper - ci.lower);
});

Deno.test("bootstrapCI: a constant metric gives a zero-width interval", () => {
  const ci = bootstrapCI(() => 0.7, { labels: [1, 2, 3], predictions: [1, 2, 3] }, {
    seed: 1,
    nResamples: 50,
  });
  assert.equal(ci.lower, 0.7);
  assert.equal(ci.upper, 0.7);
  assert.equal(ci.standardError, 0);
});

Deno.test("group resampling keeps whole queries together", () => {
  // each query's rows carry its id as prediction; its size is id + 1
  const groups = [1, 2, 3, 4];
  const predictions = groups.flatMap((g, q) => Array<number>(g).fill(q));
  const input = { labels: predictions.map(() => 0), predictions, groups };
  let calls = 0;
  const checker = (x: MetricInput) => {
    calls++;
    assert.equal(x.groups!.length, 4);
    let at = 0;
    for (const size of Array.from(x.groups!)) {
      const q = x.predictions[at]!;
      assert.equal(size, q + 1, "query size kept");
      for (let r = 0; r < size; r++) {
        assert.equal(x.predictions[at + r], q, "rows of one query stay together");
      }
      at += size;
    }
    assert.equal(at, x.labels.length);
    return 0;
  };
  bootstrapCI(checker, input, { seed: 2, nResamples: 30 });
  assert.equal(calls, 31);
});

Deno.test("bootstrapCI of a ranking metric from the registry", () => {
  const input = {
    labels: [0, 1, 2, 1, 0, 0, 2, 1, 0, 1, 1, 0],
    predictions: [3, 2, 1, 0.5, 0.7, 1, 2, 3, 0.1, 0.9, 0.8, 0.2],
    groups: [3, 2, 4, 3],
  };
  const ci = bootstrapCI(getMetric("ndcg@2"), input, { seed: 9, nResamples: 300 });
  assert.ok(ci.lower <= ci.estimate && ci.estimate <= ci.upper);
  assert.ok(ci.lower >= 0 && ci.upper <= 1);
  assertInputError(() => bootstrapCI(getMetric("ndcg@2"), input, { seed: 1, resample: "rows" }), "resample");
});

Deno.test("bootstrapCI skips resamples where the metric is undefined, counts them", () => {
  const input = {
    labels: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
    predictions: [0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6, 0.5, 0.55],
  };
  const ci = bootstrapCI(getMetric("auc"), input, { seed: 4, nResamples: 500 });
  assert.equal(ci.estimate, 1);
  assert.equal(ci.nResamples + ci.nFailed, 500);
  // P(one class) per resample = 2·0.5^10 ≈ 0.002 → a handful at most
  assert.ok(ci.nFailed < 10);
  const tiny = { labels: [0, 1, 0], predictions: [0.2, 0.8, 0.3] }; // P(single class) = 8/27 + 1/27 = 1/3
  // a metric undefined whenever a row repeats: 5 rows are all distinct in only 5!/5^5 ≈ 4 % of resamples
  const distinctOnly = (x: MetricInput) => {
    if (new Set(Array.from(x.labels)).size < x.labels.length) throw new InputError("labels", "repeat");
    return 1;
  };
  assertInputError(
    () => bootstrapCI(distinctOnly, { labels: [1, 2, 3, 4, 5], predictions: [0, 0, 0, 0, 0] }, { seed: 1 }),
    "input",
    /undefined on/,
  );
  const t = bootstrapCI(getMetric("auc"), tiny, { seed: 1, nResamples: 300 });
  assert.ok(t.nFailed > 60 && t.nFailed < 140, `nFailed ${t.nFailed}, expected about 100`);
});

Deno.test("bootstrapCI rejects bad options and input", () => {
  const input = { labels: [1, 2, 3], predictions: [1, 2, 3] };
  assertInputError(() => bootstrapCI(mean, input, { seed: 1, nResamples: 5 }), "nResamples");
  assertInputError(() => bootstrapCI(mean, input, { seed: 1, confidence: 1 }), "confidence");
  assertInputError(() => bootstrapCI(mean, input, { seed: -1 }), "seed");
  assertInputError(() => bootstrapCI(mean, input, { seed: 1, resample: "groups" }), "groups");
  assertInputError(() => bootstrapCI(mean, { ...input, groups: [2] }, { seed: 1 }), "groups", /sum/);
  assertInputError(
    () => bootstrapCI(getMetric("mae"), { labels: [], predictions: [] }, { seed: 1 }),
    "labels",
  );
});

Deno.test("bootstrapCI on AUC: the O(n) presorted path gives the generic path's values (ties, weights)", () => {
  const rng = new Rng(21);
  const n = 300;
  const labels = new Float64Array(n), predictions = new Float64Array(n), weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.float() < 0.3 ? 1 : 0;
    predictions[i] = Math.round((labels[i]! + normal(rng)) * 4) / 4; // coarse: many ties
    weights[i] = 0.5 + rng.float();
  }
  const auc = getMetric("auc");
  const generic = (x: MetricInput) => auc.compute(x); // a plain function never takes the fast path
  const opts = { seed: 5, nResamples: 200 };
  const fast = bootstrapCI(auc, { labels, predictions }, opts);
  const slow = bootstrapCI(generic, { labels, predictions }, opts);
  assert.deepEqual(fast, slow); // integer multiplicities: bit-identical
  const fw = bootstrapCI(auc, { labels, predictions, weights }, opts);
  const sw = bootstrapCI(generic, { labels, predictions, weights }, opts);
  for (const k of ["estimate", "lower", "upper", "standardError"] as const) assertClose(fw[k], sw[k], 1e-12);
  // single-class resamples are skipped on both paths
  const tiny = { labels: [0, 1, 0], predictions: [0.2, 0.8, 0.3] };
  assert.equal(
    bootstrapCI(auc, tiny, { seed: 1, nResamples: 300 }).nFailed,
    bootstrapCI(generic, tiny, { seed: 1, nResamples: 300 }).nFailed,
  );
});
