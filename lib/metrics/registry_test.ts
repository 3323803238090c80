import assert from "node:assert/strict";
import { getMetric, listMetrics } from "./registry.ts";
import { auc } from "./auc.ts";
import { logLoss } from "./log_loss.ts";
import { ndcgAtK } from "./ndcg.ts";
import { assertClose, assertInputError } from "./_testing.ts";

const Y = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0];
const S = [0.1, 0.9, 0.4, 0.4, 0.65, 0.2, 0.65, 0.8, 0.4, 0.3, 0.55, 0.05];
const W = [1, 2, 0.5, 1, 3, 1, 0.25, 1, 2, 1.5, 1, 0.75];

Deno.test("getMetric computes the named binary and regression metrics (sklearn numbers)", () => {
  const input = { labels: Y, predictions: S };
  assertClose(getMetric("auc").compute(input), 0.875); // roc_auc_score(Y, S)
  assertClose(getMetric("AUC").compute({ ...input, weights: W }), 0.9521531100478469); // ... sample_weight=W
  assertClose(getMetric("logloss").compute(input), 0.4572354584276173); // log_loss(Y, S, eps=1e-15)
  assertClose(getMetric("brier").compute(input), 0.15166666666666664); // brier_score_loss(Y, S)
  assertClose(getMetric("average_precision").compute(input), 0.8416666666666666); // average_precision_score
  assertClose(getMetric("mae").compute({ labels: [1, 2, 3], predictions: [1.5, 2, 2] }), 0.5);
  assertClose(getMetric("rmse").compute({ labels: [0, 0], predictions: [3, 4] }), Math.sqrt(12.5));
  assertClose(getMetric("mse").compute({ labels: [0, 0], predictions: [3, 4] }), 12.5);
  assertClose(getMetric("r2").compute({ labels: [1, 2, 3], predictions: [1, 2, 4] }), 0.5);
  assertClose(getMetric("mape").compute({ labels: [100, 200], predictions: [110, 180] }), 0.1);
  assertClose(
    getMetric("ece").compute({ labels: [0, 1, 1, 1], predictions: [0.2, 0.8, 0.8, 0.8] }),
    0.2,
    1e-12,
  );
  assert.equal(getMetric("logloss").compute(input), logLoss(Y, S));
});

Deno.test("getMetric parses ranking names with @k and needs groups", () => {
  const input = { labels: [0, 1, 2, 1, 0], predictions: [3, 2, 1, 0.5, 0.7], groups: [3, 2] };
  const m = getMetric("ndcg@2");
  assert.equal(m.name, "ndcg@2");
  assert.equal(m.higherIsBetter, true);
  assert.equal(m.compute(input), ndcgAtK(input.labels, input.predictions, input.groups, 2));
  assert.equal(
    getMetric("ndcg").compute(input),
    ndcgAtK(input.labels, input.predictions, input.groups, Infinity),
  );
  // recall@1: Q1 ranked [0,1,2] → 0 of 2; Q2 ranked [0 (0.7), 1 (0.5)] → 0 of 1 → 0
  assert.equal(getMetric("recall@1").compute(input), 0);
  assert.equal(getMetric("recall@3").compute(input), 1);
  assert.equal(getMetric("precision@1").compute(input), 0);
  assert.equal(getMetric("hit_rate@2").compute(input), 1);
  // mrr: Q1 first relevant at rank 2, Q2 at rank 2
  assert.equal(getMetric("mrr").compute(input), 0.5);
  assert.equal(getMetric("mrr@1").compute(input), 0);
  // map: Q1 ranked [0,1,2] → (1/2 + 2/3) / 2; Q2 ranked [0,1] → (1/2) / 1
  assertClose(getMetric("map").compute(input), ((1 / 2 + 2 / 3) / 2 + 0.5) / 2, 1e-15);
  assertInputError(() => m.compute({ labels: [1], predictions: [1] }), "groups", /required by ndcg@2/);
  assertInputError(() => m.compute({ ...input, weights: [1, 1, 1, 1, 1] }), "weights");
});

Deno.test("getMetric directions", () => {
  for (const n of ["auc", "r2", "average_precision", "ndcg@5", "recall@10", "mrr"]) {
    assert.equal(getMetric(n).higherIsBetter, true, n);
  }
  for (const n of ["logloss", "brier", "ece", "rmse", "mse", "mae", "mape"]) {
    assert.equal(getMetric(n).higherIsBetter, false, n);
  }
});

Deno.test("getMetric rejects unknown names, listing the valid ones", () => {
  assertInputError(() => getMetric("accuracy"), "metric", /unknown metric "accuracy"; valid names: auc, /);
  assertInputError(() => getMetric("recall"), "metric", /recall@k/);
  assertInputError(() => getMetric("ndcg@0"), "metric", />= 1/);
  assertInputError(() => getMetric("ndcg@x"), "metric", /unknown/);
  assertInputError(() => getMetric("auc@3"), "metric", /unknown/);
});

Deno.test("listMetrics names every metric and each resolves", () => {
  const names = listMetrics();
  assert.ok(names.includes("auc") && names.includes("ndcg@k") && names.includes("recall@k"));
  for (const n of names) assert.ok(getMetric(n.replace("@k", "@5")));
  assert.equal(auc(Y, S), getMetric("auc").compute({ labels: Y, predictions: S }));
});
