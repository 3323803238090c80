import assert from "node:assert/strict";
import { generateWide, renderWide, WIDE_CONFIG } from "./gbdt_wide.ts";

Deno.test("gbdt_wide: the generator is deterministic in its seed, features in [0, 1), labels follow the signal", () => {
  const a = generateWide(4000, 20, 3), b = generateWide(4000, 20, 3), c = generateWide(4000, 20, 4);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const W = 21;
  let agree = 0;
  for (let i = 0; i < 4000; i++) {
    const y = a[i * W]!;
    assert.ok(y === 0 || y === 1);
    let z = 0;
    for (let j = 0; j < 20; j++) {
      const v = a[i * W + 1 + j]!;
      assert.ok(v >= 0 && v < 1);
      if (j < WIDE_CONFIG.informative) z += j % 2 === 1 ? v : -v;
    }
    if ((z > 0) === (y === 1)) agree++;
  }
  // σ(3z) with z of spread ≈ 0.9: the sign of z predicts the label well above chance
  assert.ok(agree / 4000 > 0.65, `agreement ${agree / 4000}`);
});

Deno.test("gbdt_wide: the table shows ratios to XGBoost and dashes where a library is missing", () => {
  const md = renderWide(
    { trainSeconds: 6, trainCpuSeconds: 9, auc: 0.9, trainSecondsRuns: "6.00, 7.00" },
    { trainSeconds: 4, trainCpuSeconds: 12, auc: 0.89, trainSecondsRuns: "4.00, 4.50" },
    undefined,
    60_000,
    2,
    { start: "1.0", references: "1.1", end: "1.2" },
  );
  assert.match(md, /\| train, wall \(s, best run\) \| 6\.00 \| 4\.00 \| – \| 1\.50× \|/);
  assert.match(md, /\| train, CPU \(s, best run\) \| 9\.00 \| 12\.00 \| – \| 0\.75× \|/);
  assert.match(md, /\| test AUC \| 0\.9000 \| 0\.8900 \| – \| – \|/);
  assert.match(md, /ours 6\.00, 7\.00; XGBoost 4\.00, 4\.50; sklearn –/);
});
