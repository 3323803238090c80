import assert from "node:assert/strict";
import { loadModel, loadPackage } from "../lib/models/mod.ts";
import { runExperiment } from "../lib/experiment/mod.ts";
import { silentProgress } from "../lib/progress/mod.ts";
import { experiment } from "./demo.ts";

type Scores = Record<string, { auc: number; logLoss: number }>;

async function runTiny(dir: string, seed: number) {
  return await runExperiment(experiment, {
    seed,
    scale: "tiny",
    reportsDir: `${dir}/reports`,
    modelsDir: `${dir}/models`,
    dbPath: ":memory:",
    progress: silentProgress(),
    runId: "test",
  });
}

Deno.test("demo at tiny scale: report, metrics and artifacts land; the oracle bounds the models; seeded", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const a = await runTiny(`${dir}/a`, 7);
    const html = await Deno.readTextFile(a.reportPath);
    assert.match(html, /Plotly\.newPlot/);
    assert.match(html, /Models on the test split/);
    const doc = JSON.parse(await Deno.readTextFile(a.metricsPath));
    assert.equal(doc.experiment, "demo");
    assert.equal(doc.seed, 7);
    const test = doc.metrics.test as Scores;
    const oracle = test["true P(accept) (oracle)"]!;
    for (const [name, s] of Object.entries(test)) {
      assert.ok(s.auc > 0.55 && s.auc <= 1, `${name} AUC ${s.auc}`);
      // the true probabilities are the Bayes-optimal scores: no model should beat them by more than noise
      assert.ok(
        s.logLoss >= oracle.logLoss - 0.02,
        `${name} log loss ${s.logLoss} vs oracle ${oracle.logLoss}`,
      );
    }
    assert.ok(["isotonic", "platt"].includes(doc.metrics.calibrator));
    const artifacts = doc.metrics.artifacts as Record<string, string>;
    assert.equal((await loadModel(artifacts.logistic!)).kind, "logistic");
    // The calibrated GBDT is a package: it loads as one unit with the chosen calibrator.
    const pkg = await loadPackage(artifacts.gbdt!);
    assert.equal(pkg.calibrator?.kind, doc.metrics.calibrator);
    assert.equal(pkg.model.kind, "gbdt");
    assert.equal(pkg.lineage.runId, "test");
    assert.ok((await Deno.stat(`${a.latestDir}/report.html`)).isFile);
    // same seed → same metrics, bit for bit
    const b = await runTiny(`${dir}/b`, 7);
    assert.deepEqual(b.result.metrics.test, a.result.metrics.test);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
