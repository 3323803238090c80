import assert from "node:assert/strict";
import { generateSynthetic, renderTables, SYNTHETIC_FEATURES, syntheticSlice } from "./gbdt.ts";

Deno.test("gbdt bench: the synthetic generator is deterministic in its seed", () => {
  const a = generateSynthetic(500, 42), b = generateSynthetic(500, 42), c = generateSynthetic(500, 43);
  assert.equal(a.length, 500 * (SYNTHETIC_FEATURES + 1));
  assert.deepEqual(new Uint8Array(a.buffer), new Uint8Array(b.buffer));
  assert.notDeepEqual(new Uint8Array(a.buffer), new Uint8Array(c.buffer));
});

Deno.test("gbdt bench: synthetic labels are balanced-ish, missingness only in x5 and x12, x23 ordinal", () => {
  const n = 20_000;
  const { matrix, labels } = syntheticSlice(generateSynthetic(n, 7), 0, n);
  const rate = labels.reduce((s, y) => s + y, 0) / n;
  assert.ok(rate > 0.3 && rate < 0.7, `positive rate ${rate}`);
  const missing = new Array(SYNTHETIC_FEATURES).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < SYNTHETIC_FEATURES; j++) {
      if (Number.isNaN(matrix.values[i * SYNTHETIC_FEATURES + j]!)) missing[j]++;
    }
    const ord = matrix.values[i * SYNTHETIC_FEATURES + 23]!;
    assert.ok(Number.isInteger(ord) && ord >= 0 && ord <= 4);
  }
  missing.forEach((m, j) => {
    if (j === 5) assert.ok(Math.abs(m / n - 0.05) < 0.01, `x5 missing rate ${m / n}`);
    else if (j === 12) assert.ok(m / n > 0.02 && m / n < 0.08, `x12 missing rate ${m / n}`); // 0.3 · P(x0 > 1) ≈ 0.048
    else assert.equal(m, 0, `x${j} has no missing values`);
  });
});

Deno.test("gbdt bench: syntheticSlice takes rows [from, to) with the label split off", () => {
  const raw = generateSynthetic(10, 1);
  const s = syntheticSlice(raw, 3, 5);
  const W = SYNTHETIC_FEATURES + 1;
  assert.equal(s.matrix.nRows, 2);
  assert.equal(s.labels[1], raw[4 * W]);
  assert.equal(s.matrix.values[SYNTHETIC_FEATURES + 2], raw[4 * W + 3]);
  assert.equal(s.matrix.featureNames[0], "x0");
});

Deno.test("gbdt bench: tables mark targets met and missed", () => {
  const md = renderTables(
    {
      binary: { auc: 0.83, logloss: 0.5 },
      binaryLightgbmBins: { auc: 0.831, logloss: 0.5 },
      regression: { rmse: 0.5 },
      synthetic: {
        auc: 0.9,
        trainSeconds: 10,
        predictRowsPerSecond: 1e6,
        predict100TreesRowsPerSecond: 2e6,
        predict100TreesRowsPerCpuSecond: 3e6,
        peakRssMiB: 400,
      },
    },
    {
      binary: { xgboost: { auc: 0.829 } },
      regression: { xgboost: { rmse: 0.4 } },
      synthetic: { xgboost: { auc: 0.9, trainSeconds: 4, predictRowsPerSecond: 1e6 } },
    },
    1000,
  );
  assert.match(
    md,
    /\| binary \| auc \| 0\.8300 \| 0\.8310 \| 0\.8290 \| – \| \+0\.0010 \| ≥ XGBoost − 0\.002 \| yes \|/,
  );
  assert.match(md, /\| regression \| rmse \| .* \| \*\*no\*\* \|/);
  assert.match(
    md,
    /\| train, wall \(s, best run\) \| 10\.00 \| 4\.00 \| – \| 2\.50× \| ≤ 2× XGBoost \| \*\*no\*\* \|/,
  );
  assert.match(md, /\| predict 200 trees \(rows\/s\) \| 1,000,000 \| 1,000,000 \| – \| 1\.00× \|/);
  assert.match(md, /\| predict 100 trees, 1 core \(rows per CPU-s\) \| 3,000,000 .* \| yes \|/);
  assert.match(md, /\| synthetic 1,000 \| auc \| 0\.9000 \| – \| 0\.9000 .* \| yes \|/);
  assert.match(md, /\| regression \| rmse \| 0\.5000 \| – \| 0\.4000 \|/); // option column empty when not run
});
