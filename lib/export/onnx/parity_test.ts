import assert from "node:assert/strict";
import { fitCalibrator } from "../../calibration/mod.ts";
import type { FlatTree, TreeEnsemble } from "../../models/tree/mod.ts";
import { float32AtOrBelow, nextFloat32Up } from "./float32.ts";
import { exportGbdt } from "./gbdt_onnx.ts";
import { exportNetwork } from "./network_onnx.ts";
import { checkOnnxParity, compareOutput } from "./parity.ts";
import { smallGbdt } from "./_test_models.ts";
import { randomLayerList } from "../../models/network/mod.ts";
import type { DenseLayer } from "../../models/network/mod.ts";

Deno.test("compareOutput: NaN on both sides agrees, on one side is infinite; relative below 1 is absolute", () => {
  const ok = compareOutput("p", "probability", [0.5, NaN, Infinity], [0.5 + 1e-7, NaN, Infinity]);
  assert.ok(ok.pass);
  assert.ok(Math.abs(ok.maxAbsDiff - 1e-7) < 1e-15);
  assert.equal(compareOutput("p", "probability", [NaN], [0.5]).maxAbsDiff, Infinity);
  assert.equal(compareOutput("p", "probability", [0.5], [NaN]).pass, false);
  const raw = compareOutput("y", "raw", [1000.001, 0.5], [1000, 0.5 + 5e-6]);
  assert.ok(Math.abs(raw.maxRelDiff - 5e-6) < 1e-9 && raw.pass); // max(0.001 / 1000, 5e-6 / 1)
  assert.equal(compareOutput("y", "raw", [0.5], [0.5 + 2e-5]).pass, false);
  assert.equal(compareOutput("y", "raw", undefined, [1]).pass, false);
  assert.equal(compareOutput("p", "probability", [0.5, 0.5], [0.5]).pass, false);
});

/** The ensemble with tree `t` replaced by `change(tree)`. */
function mutate(e: TreeEnsemble, t: number, change: (tree: FlatTree) => FlatTree): TreeEnsemble {
  return { ...e, trees: e.trees.map((tree, i) => (i === t ? change(tree) : tree)) };
}

Deno.test("checkOnnxParity fails a graph whose split is one float32 off, or whose missing direction is flipped", async () => {
  const model = smallGbdt("binary", 10);
  const tree = model.ensemble.trees[3]!;
  const n = tree.feature.findIndex((f, i) => f >= 0 && tree.catOffset[i]! < 0);
  const parts = {
    objective: model.objective,
    featureNames: model.featureNames,
    categoricalFeatures: model.categoricalFeatures,
  };
  // A threshold moved to the first float32 above the true one: only a row at exactly that float tells.
  const shifted = mutate(model.ensemble, 3, (t) => {
    const threshold = t.threshold.slice();
    threshold[n] = nextFloat32Up(float32AtOrBelow(threshold[n]!));
    return { ...t, threshold };
  });
  const r1 = await checkOnnxParity({ kind: "gbdt", model }, exportGbdt({ ...parts, ensemble: shifted }), {
    randomRows: 500,
  });
  assert.equal(r1.pass, false);
  assert.ok(r1.leafMismatches > 0);
  assert.match(r1.failures.join(";"), /leaf assignments differ/);
  const flipped = mutate(model.ensemble, 0, (t) => {
    const defaultLeft = t.defaultLeft.slice();
    defaultLeft[0] = 1 - defaultLeft[0]!;
    return { ...t, defaultLeft };
  });
  const r2 = await checkOnnxParity({ kind: "gbdt", model }, exportGbdt({ ...parts, ensemble: flipped }), {
    randomRows: 500,
  });
  assert.equal(r2.pass, false);
  assert.ok(r2.outputs.find((o) => o.name === "prediction")!.maxAbsDiff > 1e-6);
  // and the unmutated export passes the same checks
  assert.ok((await checkOnnxParity({ kind: "gbdt", model }, exportGbdt(model), { randomRows: 500 })).pass);
});

Deno.test("checkOnnxParity (network): random layer lists pass; a changed weight or a missing calibration fails", async () => {
  for (const seed of [1, 2, 3]) {
    const g = randomLayerList(seed);
    const report = await checkOnnxParity(
      { kind: "network", layerList: g, probabilityOutputs: [] },
      exportNetwork(g),
      {
        randomRows: 2000,
      },
    );
    assert.ok(report.pass, `seed ${seed}: ${report.failures.join("; ")}`);
    assert.equal(report.rows, 2000);
    const changed = {
      ...g,
      layers: g.layers.map((l) =>
        l.kind === "dense"
          ? { ...l, weights: Array.from(l.weights, (w, i) => i === 0 ? w + 0.01 : w) } as DenseLayer
          : l
      ),
    };
    const bad = await checkOnnxParity(
      { kind: "network", layerList: g, probabilityOutputs: [] },
      exportNetwork(changed),
      {
        randomRows: 2000,
      },
    );
    assert.equal(bad.pass, false, `seed ${seed}`);
  }
  // A probability network with a calibrator: the graph must calibrate, or the gate fails.
  const g = {
    name: "p",
    inputs: [{ name: "x", type: "float32" as const, width: 3 }],
    layers: [
      {
        kind: "dense" as const,
        name: "logit",
        input: "x",
        inDim: 3,
        outDim: 1,
        weights: [0.5, -1, 0.25],
        bias: [0.1],
      },
      { kind: "activation" as const, name: "probability", input: "logit", fn: "sigmoid" as const },
    ],
    outputs: ["probability", "logit"],
  };
  const calibrator = fitCalibrator("isotonic", [0.1, 0.2, 0.4, 0.6, 0.9], [0, 1, 0, 1, 1]);
  const good = await checkOnnxParity(
    { kind: "network", layerList: g, calibrator },
    exportNetwork(g, { calibrator }),
    {
      randomRows: 1000,
    },
  );
  assert.ok(good.pass, good.failures.join("; "));
  assert.deepEqual(good.outputs.map((o) => [o.name, o.kind]), [["probability", "probability"], [
    "logit",
    "raw",
  ], [
    "calibrated",
    "probability",
  ]]);
  const missing = await checkOnnxParity({ kind: "network", layerList: g, calibrator }, exportNetwork(g), {
    randomRows: 100,
  });
  assert.equal(missing.pass, false);
  assert.match(missing.failures.join(";"), /calibrated/);
});
