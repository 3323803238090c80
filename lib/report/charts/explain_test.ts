import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import { Rng } from "../../random/mod.ts";
import { meanAbsShap, shapBeeswarm, shapDependence } from "./explain.ts";

function sample(nRows: number, scales: number[], seed = 1) {
  const rng = new Rng(seed);
  const nF = scales.length;
  const shap = new Float64Array(nRows * nF), values = new Float32Array(nRows * nF);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nF; j++) {
      const v = rng.float();
      values[i * nF + j] = v;
      shap[i * nF + j] = scales[j]! * (v - 0.5);
    }
  }
  return { shap, values };
}

Deno.test("meanAbsShap by hand", () => {
  assert.deepEqual([...meanAbsShap([1, -2, -3, 4], 2)], [2, 3]);
});

Deno.test("shapBeeswarm: one trace per feature, ordered by mean |SHAP|, top feature drawn highest", () => {
  const names = ["small", "big", "medium"];
  const { shap, values } = sample(60, [0.1, 5, 1]);
  const fig = shapBeeswarm({ shapValues: shap, featureValues: values, featureNames: names });
  assert.deepEqual(fig.data.map((t) => t.name), ["big", "medium", "small"]);
  const ticks = fig.layout.yaxis as { tickvals: number[]; ticktext: string[] };
  assert.deepEqual(ticks.ticktext, ["big", "medium", "small"]);
  assert.deepEqual(ticks.tickvals, [2, 1, 0]);
  for (const [rank, t] of fig.data.entries()) {
    assert.equal(t.x!.length, 60);
    for (const y of t.y as number[]) {
      assert.ok(Math.abs(y - (2 - rank)) < 0.41, "jitter stays inside the feature's band");
    }
    const colors = (t.marker as { color: number[] }).color;
    assert.ok(colors.every((c) => c >= 0 && c <= 1));
  }
  // Colour follows the feature value: the highest value gets colour 1, the lowest 0.
  const big = fig.data[0]!;
  const fv = big.customdata as number[], col = (big.marker as { color: number[] }).color;
  assert.equal(col[fv.indexOf(Math.max(...fv))], 1);
  assert.equal(col[fv.indexOf(Math.min(...fv))], 0);
});

Deno.test("shapBeeswarm is deterministic for a seed and honours maxFeatures / maxPoints", () => {
  const { shap, values } = sample(50, [1, 2, 3, 4]);
  const names = ["a", "b", "c", "d"];
  const a = shapBeeswarm({ shapValues: shap, featureValues: values, featureNames: names, seed: 7 });
  const b = shapBeeswarm({ shapValues: shap, featureValues: values, featureNames: names, seed: 7 });
  assert.deepEqual(a, b);
  const c = shapBeeswarm({ shapValues: shap, featureValues: values, featureNames: names, seed: 8 });
  assert.notDeepEqual(a.data[0]!.y, c.data[0]!.y);
  const small = shapBeeswarm({
    shapValues: shap,
    featureValues: values,
    featureNames: names,
    maxFeatures: 2,
    maxPoints: 10,
  });
  assert.deepEqual(small.data.map((t) => t.name), ["d", "c"]);
  assert.equal(small.data[0]!.x!.length, 10);
});

Deno.test("shapBeeswarm: missing feature values get no colour; bad shapes are rejected", () => {
  const fig = shapBeeswarm({ shapValues: [1, 2], featureValues: [NaN, 3], featureNames: ["f"] });
  assert.equal((fig.data[0]!.marker as { color: (number | null)[] }).color[0], null);
  assert.throws(
    () => shapBeeswarm({ shapValues: [1, 2, 3], featureValues: [1, 2, 3], featureNames: ["a", "b"] }),
    InputError,
  );
  assert.throws(
    () => shapBeeswarm({ shapValues: [1], featureValues: [1, 2], featureNames: ["a"] }),
    InputError,
  );
  assert.throws(() => shapBeeswarm({ shapValues: [], featureValues: [], featureNames: ["a"] }), InputError);
});

Deno.test("shapDependence: x = feature, y = SHAP, optional colour feature", () => {
  const fig = shapDependence({
    feature: "price",
    featureValues: [1, 2],
    shapValues: [-0.5, 0.5],
    colorBy: { name: "hour", values: [3, 4] },
  });
  assert.equal(fig.data.length, 1);
  assert.deepEqual(fig.data[0]!.x, [1, 2]);
  assert.deepEqual(fig.data[0]!.y, [-0.5, 0.5]);
  assert.deepEqual((fig.data[0]!.marker as { color: number[] }).color, [3, 4]);
  assert.throws(() => shapDependence({ feature: "p", featureValues: [1], shapValues: [1, 2] }), InputError);
});
