import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import { barChart, histogramChart, lineOverKChart } from "./distribution.ts";

Deno.test("histogramChart: shared bins across series, normalized shares sum to 1", () => {
  const fig = histogramChart([{ values: [0, 0, 1, 2], name: "a" }, { values: [2, 2], name: "b" }], {
    bins: 2,
    normalize: true,
  });
  assert.equal(fig.data.length, 2);
  assert.deepEqual(fig.data[0]!.x, fig.data[1]!.x);
  assert.deepEqual(fig.data[0]!.y, [0.5, 0.5]); // [0,1) → 0,0 ; [1,2] → 1,2
  assert.deepEqual(fig.data[1]!.y, [0, 1]);
  assert.equal(fig.layout.barmode, "overlay");
  assert.throws(() => histogramChart({ values: [NaN] }), InputError);
});

Deno.test("barChart: horizontal swaps axes; lengths must match", () => {
  const fig = barChart({ labels: ["x", "y"], values: [3, 4] }, { horizontal: true });
  assert.deepEqual(fig.data[0]!.y, ["x", "y"]);
  assert.deepEqual(fig.data[0]!.x, [3, 4]);
  assert.equal(fig.data[0]!.orientation, "h");
  assert.throws(() => barChart({ labels: ["x"], values: [1, 2] }), InputError);
});

Deno.test("lineOverKChart: one line per model with k on x", () => {
  const fig = lineOverKChart([
    { name: "bm25", k: [1, 5, 10], values: [0.2, 0.3, 0.35] },
    { name: "ltr", k: [1, 5, 10], values: [0.3, 0.4, 0.45] },
  ], { metric: "NDCG@k" });
  assert.deepEqual(fig.data.map((t) => t.name), ["bm25", "ltr"]);
  assert.deepEqual(fig.data[1]!.x, [1, 5, 10]);
  assert.equal((fig.layout.yaxis as { title: { text: string } }).title.text, "NDCG@k");
});
