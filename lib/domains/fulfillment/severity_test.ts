import assert from "node:assert/strict";
import fc from "fast-check";
import { Db } from "../../data/mod.ts";
import { InputError } from "../../errors.ts";
import { SEVERITIES, severityOf, severitySql } from "./severity.ts";

Deno.test("severity thresholds are strict: > 0.7 critical, > 0.5 warning, > 0.3 info", () => {
  assert.deepEqual(
    [0, 0.3, 0.30001, 0.5, 0.50001, 0.7, 0.70001, 1].map((p) => severityOf(p)),
    ["none", "none", "info", "info", "warning", "warning", "critical", "critical"],
  );
  for (const bad of [-0.1, 1.2, NaN, Infinity]) assert.throws(() => severityOf(bad), InputError);
});

Deno.test("property: the SQL expression agrees with severityOf, and severity is monotone", async () => {
  const db = await Db.open(":memory:");
  try {
    const ps = fc.sample(fc.double({ min: 0, max: 1, noNaN: true }), { numRuns: 300, seed: 7 });
    const rows = await db.rows(
      `select p, ${severitySql("p")} as s from unnest([${ps.join(", ")}]::DOUBLE[]) t(p)`,
    );
    for (const r of rows) assert.equal(r.s, severityOf(r.p as number));
  } finally {
    db.close();
  }
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        assert.ok(SEVERITIES.indexOf(severityOf(hi)) <= SEVERITIES.indexOf(severityOf(lo)));
      },
    ),
  );
});
