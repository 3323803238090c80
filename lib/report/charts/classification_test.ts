import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import { calibrationChart, prChart, rocChart } from "./classification.ts";

Deno.test("rocChart: chance diagonal first, one curve per model, AUC in legend", () => {
  const fig = rocChart([
    { fpr: new Float64Array([0, 0.2, 1]), tpr: new Float64Array([0, 0.8, 1]), auc: 0.8, name: "gbdt" },
    { fpr: [0, 1], tpr: [0, 1], auc: 0.5, name: "baseline" },
  ]);
  assert.equal(fig.data.length, 3);
  assert.deepEqual(fig.data[0]!.x, [0, 1]);
  assert.deepEqual(fig.data[0]!.y, [0, 1]);
  assert.equal(fig.data[1]!.name, "gbdt (AUC 0.800)");
  assert.equal(fig.data[2]!.name, "baseline (AUC 0.500)");
  assert.deepEqual(fig.data[1]!.x, [0, 0.2, 1], "typed arrays become plain arrays");
  assert.ok(Array.isArray(fig.data[1]!.x));
});

Deno.test("rocChart rejects mismatched lengths and a non-finite AUC", () => {
  assert.throws(() => rocChart({ fpr: [0, 1], tpr: [0], auc: 0.5 }), InputError);
  assert.throws(() => rocChart({ fpr: [0, 1], tpr: [0, 1], auc: NaN }), InputError);
  assert.throws(() => rocChart([]), InputError);
});

Deno.test("prChart: no-skill line at the base rate and AP in legend", () => {
  const fig = prChart({ recall: [0, 0.5, 1], precision: [1, 0.8, 0.3], averagePrecision: 0.75, name: "m" }, {
    baseRate: 0.3,
  });
  assert.equal(fig.data.length, 2);
  assert.deepEqual(fig.data[0]!.y, [0.3, 0.3]);
  assert.equal(fig.data[1]!.name, "m (AP 0.750)");
  assert.throws(() => prChart({ recall: [0], precision: [1] }, { baseRate: 2 }), InputError);
});

Deno.test("calibrationChart: perfect line, curve, prediction histogram on y2 with correct counts", () => {
  const preds = [0.01, 0.02, 0.49, 0.51, 0.99, 1];
  const fig = calibrationChart({ meanPredicted: [0.1, 0.9], fractionPositive: [0.15, 0.85], name: "m" }, {
    predictions: preds,
    bins: 2,
  });
  assert.equal(fig.data.length, 3);
  assert.equal(fig.data[0]!.name, "perfectly calibrated");
  const hist = fig.data[2]!;
  assert.equal(hist.type, "bar");
  assert.equal(hist.yaxis, "y2");
  assert.deepEqual(hist.y, [3, 3]); // [0, 0.5) holds 3, [0.5, 1] holds 3 (1 goes to the last bin)
  assert.deepEqual(hist.x, [0.25, 0.75]);
  assert.ok(fig.layout.yaxis2);
  const noHist = calibrationChart({ meanPredicted: [0.5], fractionPositive: [0.5] });
  assert.equal(noHist.data.length, 2);
  assert.equal(noHist.layout.yaxis2, undefined);
});
