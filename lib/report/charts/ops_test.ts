import assert from "node:assert/strict";
import { InputError } from "../../errors.ts";
import { latencyHistogram, latencyPercentiles, PSI_COLORS, psiChart, psiColor } from "./ops.ts";

Deno.test("psiColor follows the 0.1 / 0.25 thresholds (boundaries inclusive)", () => {
  assert.equal(psiColor(0), PSI_COLORS.stable);
  assert.equal(psiColor(0.0999), PSI_COLORS.stable);
  assert.equal(psiColor(0.1), PSI_COLORS.watch);
  assert.equal(psiColor(0.2499), PSI_COLORS.watch);
  assert.equal(psiColor(0.25), PSI_COLORS.shifted);
  assert.equal(psiColor(3), PSI_COLORS.shifted);
});

Deno.test("psiChart: bars sorted by PSI, colours by band, threshold lines", () => {
  const fig = psiChart({ features: ["a", "b", "c", "d"], psi: [0.05, 0.3, 0.12, 0.25] });
  const bar = fig.data[0]!;
  assert.deepEqual(bar.y, ["b", "d", "c", "a"]);
  assert.deepEqual(bar.x, [0.3, 0.25, 0.12, 0.05]);
  assert.deepEqual((bar.marker as { color: string[] }).color, [
    PSI_COLORS.shifted,
    PSI_COLORS.shifted,
    PSI_COLORS.watch,
    PSI_COLORS.stable,
  ]);
  const shapes = fig.layout.shapes as { x0: number }[];
  assert.deepEqual(shapes.map((s) => s.x0), [0.1, 0.25]);
  assert.throws(() => psiChart({ features: ["a"], psi: [NaN] }), InputError);
  assert.throws(() => psiChart({ features: ["a"], psi: [0.1], warn: 0.3, alert: 0.2 }), InputError);
});

Deno.test("latencyHistogram marks p50/p95/p99 at numpy's percentiles", () => {
  const lat = Array.from({ length: 100 }, (_, i) => i + 1);
  const p = latencyPercentiles(lat);
  assert.equal(p.p50, 50.5);
  const fig = latencyHistogram(lat, { bins: 10 });
  const xs = (fig.layout.shapes as { x0: number }[]).map((s) => s.x0);
  assert.equal(xs.length, 3);
  assert.equal(xs[0], 50.5);
  assert.ok(Math.abs(xs[1]! - 95.05) < 1e-9 && Math.abs(xs[2]! - 99.01) < 1e-9);
  assert.deepEqual(fig.data[0]!.y, new Array(10).fill(10));
  assert.match((fig.layout.annotations as { text: string }[])[2]!.text, /^p99 99\.01 ms$/);
  assert.throws(() => latencyHistogram([]), InputError);
});
