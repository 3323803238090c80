/**
 * End-to-end check that a written report really renders in a browser: headless Chromium loads the file
 * offline, runs the inlined plotly.js, and the dumped DOM must hold Plotly's SVG for every chart.
 * Skipped (with a message) when Chromium is not installed (`apt-get install -y chromium`); fails
 * instead under CI as root (see lib/testing/tools.ts).
 */
import assert from "node:assert/strict";
import { rocChart } from "./charts/classification.ts";
import { psiChart } from "./charts/ops.ts";
import { Report } from "./report.ts";
import { findTool } from "../testing/mod.ts";

const chromium = findTool("chromium", {
  candidates: ["/usr/bin/chromium"],
  install: "apt-get install -y chromium",
});

Deno.test({
  name: "report renders every chart as Plotly SVG in headless Chromium",
  ignore: chromium.ignore,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const binary = chromium.require();
    const dir = await Deno.makeTempDir({ prefix: "report-chromium-" });
    try {
      const report = new Report({ title: "Chromium check <b>", meta: { seed: 1 } });
      report.section("Charts")
        .chart(rocChart({ fpr: [0, 0.1, 0.4, 1], tpr: [0, 0.6, 0.9, 1], auc: 0.85, name: "gbdt" }))
        .chart(psiChart({ features: ["a", "b", "c"], psi: [0.02, 0.15, 0.4] }));
      const path = `${dir}/report.html`;
      await report.write(path);
      const profile = `${dir}/profile`;
      const out = await new Deno.Command(binary, {
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          `--user-data-dir=${profile}`,
          "--virtual-time-budget=5000",
          "--dump-dom",
          `file://${path}`,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const dom = new TextDecoder().decode(out.stdout);
      assert.equal(out.code, 0, `chromium failed: ${new TextDecoder().decode(out.stderr).slice(-2000)}`);
      const start0 = dom.indexOf('id="chart-0"'), start1 = dom.indexOf('id="chart-1"');
      assert.ok(start0 >= 0 && start1 > start0, "both chart divs are in the DOM");
      const chart0 = dom.slice(start0, start1), chart1 = dom.slice(start1);
      assert.ok(chart0.includes('class="main-svg"'), "chart-0 rendered as Plotly SVG");
      assert.ok(chart1.includes('class="main-svg"'), "chart-1 rendered as Plotly SVG");
      assert.ok(!dom.includes(">Chart failed to render"), "no chart reported an error");
      assert.ok(chart0.includes("gbdt (AUC 0.850)"), "legend text was drawn");
    } finally {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});
