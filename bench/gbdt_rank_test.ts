import assert from "node:assert/strict";
import { generateRank, RANK_CONFIG, renderRank } from "./gbdt_rank.ts";

Deno.test("gbdt_rank: the generator is deterministic, queries tile the rows, relevance follows the signal", () => {
  const a = generateRank(5000, 8, 3), b = generateRank(5000, 8, 3), c = generateRank(5000, 8, 4);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.rows, c.rows);
  assert.equal(a.groups.reduce((s, g) => s + g, 0), 5000);
  a.groups.forEach((g, q) => {
    assert.ok(g <= RANK_CONFIG.maxQuery);
    if (q < a.groups.length - 1) assert.ok(g >= RANK_CONFIG.minQuery); // the last one is cut at nRows
  });
  const W = 9;
  let sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < 5000; i++) {
    const y = a.rows[i * W]!, x = (j: number) => a.rows[i * W + 1 + j]!;
    assert.ok(Number.isInteger(y) && y >= 0 && y <= 4);
    const z = x(0) + x(1) - x(2);
    sx += z, sy += y, sxy += z * y, sxx += z * z, syy += y * y;
  }
  const n = 5000, r = (sxy - (sx * sy) / n) / Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
  assert.ok(r > 0.6, `correlation of relevance with x0 + x1 − x2: ${r}`);
});

Deno.test("gbdt_rank: the table shows time ratios to XGBoost and dashes where it is missing", () => {
  const loadAt = { start: "1.0", references: "1.1", end: "1.2" };
  const ours = {
    trainSeconds: 9,
    trainCpuSeconds: 15,
    "ndcg@5": 0.8,
    "ndcg@10": 0.85,
    trainSecondsRuns: "9.00, 9.50",
  };
  const md = renderRank(
    ours,
    { trainSeconds: 3, trainCpuSeconds: 6, "ndcg@5": 0.79, "ndcg@10": 0.84 },
    250_000,
    5000,
    2,
    loadAt,
  );
  assert.match(md, /\| train, wall \(s, best run\) \| 9\.00 \| 3\.00 \| 3\.00× \|/);
  assert.match(md, /\| train, CPU \(s, best run\) \| 15\.00 \| 6\.00 \| 2\.50× \|/);
  assert.match(md, /\| test NDCG@5 \| 0\.8000 \| 0\.7900 \| – \|/);
  assert.match(md, /ranking 250,000 rows, 5,000 queries/);
  assert.match(
    renderRank(ours, undefined, 250_000, 5000, 2, loadAt),
    /\| test NDCG@10 \| 0\.8500 \| – \| – \|/,
  );
});
