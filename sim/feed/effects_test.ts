/**
 * Every declared click and dwell coefficient of the feed simulator (`CLICK_MODEL`), recovered from the
 * observed clicks: a logistic fit of `clicked` on the true affinity and freshness written alongside the
 * observations, the item's true quality and the observed position must land within 4 standard errors of
 * the declared log-odds; an OLS fit of ln(dwell) on affinity recovers the dwell effect.
 */
import assert from "node:assert/strict";
import { getNumeric } from "../../lib/data/mod.ts";
import { fitLogit, fitOls } from "../common/testing.ts";
import { assertRecovered } from "../common/testing.ts";
import { CLICK_MODEL, feedSimulator } from "./mod.ts";

const out = feedSimulator.generate({ seed: 17, scale: "tiny", users: 3_000 });

Deno.test("feed: logistic fit on observed clicks recovers base, affinity, freshness, quality and position", () => {
  const imp = out.tables.impressions!, t = out.truth.impressions!;
  const item = getNumeric(imp, "item_id"), pos = getNumeric(imp, "position");
  const aff = getNumeric(t, "affinity"), fresh = getNumeric(t, "freshness");
  const quality = getNumeric(out.truth.items!, "quality");
  // Observed clicks: the impressions that have a row in the clicks table.
  const clicked = new Float64Array(imp.nRows);
  for (const i of getNumeric(out.tables.clicks!, "impression_id")) clicked[i] = 1;
  assert.deepEqual(
    clicked,
    Float64Array.from(getNumeric(t, "clicked")),
    "clicks table = truth's clicked flag",
  );
  const x: Float64Array[] = [];
  for (let i = 0; i < imp.nRows; i++) {
    x.push(Float64Array.of(1, aff[i]!, fresh[i]!, quality[item[i]!]!, pos[i]!));
  }
  const fit = fitLogit(x, clicked);
  const names = ["base", "affinity", "freshness", "quality", "position"];
  const declared = [CLICK_MODEL.base, 1, CLICK_MODEL.freshness, CLICK_MODEL.quality, -CLICK_MODEL.position];
  const maxSe = [0.2, 0.1, 0.25, 0.1, 0.03];
  names.forEach((n, j) => assertRecovered(n, fit.coef[j]!, fit.se[j]!, declared[j]!, maxSe[j]!));
});

Deno.test("feed: ln(dwell) rises by the declared 0.3 per unit of affinity (OLS on observed clicks)", () => {
  const clicks = out.tables.clicks!, aff = getNumeric(out.truth.impressions!, "affinity");
  const ci = getNumeric(clicks, "impression_id"), dwell = getNumeric(clicks, "dwell_seconds");
  const x: Float64Array[] = [], y = new Float64Array(clicks.nRows);
  for (let c = 0; c < clicks.nRows; c++) {
    x.push(Float64Array.of(1, aff[ci[c]!]!));
    y[c] = Math.log(dwell[c]!);
  }
  const fit = fitOls(x, y);
  assertRecovered("dwell affinity", fit.coef[1]!, fit.se[1]!, CLICK_MODEL.dwellAffinity, 0.06);
  // Dwell is reported in whole seconds or finer; the median at affinity 0 is the declared 30 s (loosely:
  // rounding and the lognormal noise move the intercept a little).
  assert.ok(
    Math.abs(Math.exp(fit.coef[0]!) - CLICK_MODEL.dwellMedianSeconds) < 3,
    `median ${Math.exp(fit.coef[0]!)}`,
  );
});
