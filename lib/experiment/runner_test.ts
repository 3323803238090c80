import assert from "node:assert/strict";
import { type Experiment, makeRunId, runExperiment } from "./runner.ts";
import { silentProgress } from "../progress/mod.ts";

const toy: Experiment = {
  name: "toy",
  description: "a test experiment",
  async run(ctx) {
    const n = await ctx.db.scalar(`select count(*) from range(${ctx.seed})`);
    ctx.report.section("Numbers").paragraph(`counted ${n}`);
    const path = await ctx.saveArtifact("model.json", { kind: "toy", n });
    return { metrics: { count: n, scale: ctx.scale, nested: { artifact: path } }, summary: "ok" };
  },
};

Deno.test("runExperiment writes report, metrics, latest copy and artifacts", async () => {
  const dir = await Deno.makeTempDir();
  const opts = {
    seed: 7,
    scale: "tiny" as const,
    reportsDir: `${dir}/reports`,
    modelsDir: `${dir}/models`,
    dbPath: ":memory:",
    progress: silentProgress(),
    runId: "run-1",
  };
  const out = await runExperiment(toy, opts);
  assert.equal(out.reportPath, `${dir}/reports/toy/run-1/report.html`);
  const metrics = JSON.parse(await Deno.readTextFile(out.metricsPath));
  assert.equal(metrics.metrics.count, 7);
  assert.equal(metrics.seed, 7);
  assert.equal(metrics.scale, "tiny");
  assert.equal(metrics.metrics.nested.artifact, `${dir}/models/toy/run-1/model.json`);
  assert.deepEqual(JSON.parse(await Deno.readTextFile(`${dir}/models/toy/run-1/model.json`)), {
    kind: "toy",
    n: 7,
  });
  const html = await Deno.readTextFile(out.reportPath);
  assert.match(html, /counted 7/);
  assert.equal(await Deno.readTextFile(`${dir}/reports/toy/latest/report.html`), html);
  // A second run replaces latest.
  await runExperiment(toy, { ...opts, seed: 9, runId: "run-2" });
  const latest = JSON.parse(await Deno.readTextFile(`${dir}/reports/toy/latest/metrics.json`));
  assert.equal(latest.runId, "run-2");
  assert.equal(latest.metrics.count, 9);
  assert.deepEqual([...Deno.readDirSync(`${dir}/reports/toy`)].map((e) => e.name).sort(), [
    "latest",
    "run-1",
    "run-2",
  ]);
});

Deno.test("a failing experiment writes no report and propagates its error", async () => {
  const dir = await Deno.makeTempDir();
  const failing: Experiment = { ...toy, name: "failing", run: () => Promise.reject(new Error("boom")) };
  await assert.rejects(
    runExperiment(failing, {
      seed: 1,
      scale: "tiny",
      reportsDir: dir,
      dbPath: ":memory:",
      progress: silentProgress(),
    }),
    /boom/,
  );
  assert.deepEqual([...Deno.readDirSync(dir)], []);
});

Deno.test("makeRunId is a sortable UTC stamp with the seed", () => {
  assert.equal(makeRunId(42, new Date("2026-11-23T10:15:00Z")), "20261123-101500-s42");
});

Deno.test("runExperiment refuses options the experiment does not declare, before opening anything", async () => {
  const dir = await Deno.makeTempDir();
  const base = { seed: 1, scale: "tiny" as const, reportsDir: dir, modelsDir: dir, dbPath: ":memory:" };
  const withTrees: Experiment = { ...toy, options: { trees: "number of trees" } };
  await assert.rejects(
    runExperiment(withTrees, { ...base, options: { tress: "5" }, progress: silentProgress() }),
    /"--tress": unknown flag \(did you mean --trees\?\); allowed: --seed, .*--db, --trees$/,
  );
  await assert.rejects(
    runExperiment(toy, { ...base, options: { trees: "5" }, progress: silentProgress() }),
    /--trees/,
  );
  assert.deepEqual([...Deno.readDirSync(dir)], [], "nothing written");
  await Deno.remove(dir, { recursive: true });
});
