import assert from "node:assert/strict";
import { type Frame, isStringColumn } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
import { validateGraph } from "../common/mod.ts";
import { COLD_START, FEED_GRAPH, feedSimulator } from "./mod.ts";

const tiny = feedSimulator.generate({ seed: 2, scale: "tiny" });

function num(f: Frame, name: string): Float64Array {
  const c = f.columns[name];
  if (c === undefined || isStringColumn(c)) throw new Error(`${name} is not a numeric column`);
  return Float64Array.from(c);
}

function kind(f: Frame, name: string): string {
  const c = f.columns[name];
  if (c === undefined) return "missing";
  return isStringColumn(c) ? "string" : c instanceof Int32Array ? "int" : "double";
}

Deno.test("feed: tables and columns match the declared schema", () => {
  const expected: Record<string, Record<string, string>> = {
    users: { user_id: "int", country: "string", platform: "string", age_band: "string", signup_ts: "double" },
    items: { item_id: "int", topic: "string", creator_id: "int", format: "string", publish_ts: "double" },
    impressions: {
      impression_id: "int",
      user_id: "int",
      item_id: "int",
      shown_ts: "double",
      position: "int",
      session_id: "int",
    },
    clicks: {
      click_id: "int",
      impression_id: "int",
      user_id: "int",
      item_id: "int",
      click_ts: "double",
      dwell_seconds: "double",
    },
  };
  assert.deepEqual(Object.keys(tiny.tables).sort(), Object.keys(expected).sort());
  for (const [table, cols] of Object.entries(expected)) {
    const f = tiny.tables[table]!;
    assert.deepEqual([...f.names], Object.keys(cols), table);
    for (const [c, k] of Object.entries(cols)) assert.equal(kind(f, c), k, `${table}.${c}`);
  }
  assert.equal(tiny.tables.users!.nRows, 300);
  assert.equal(tiny.tables.items!.nRows, 1000);
  assert.equal(tiny.truth.impressions!.nRows, tiny.tables.impressions!.nRows);
  validateGraph(FEED_GRAPH);
});

Deno.test("feed: same seed gives identical tables; another seed does not", () => {
  const again = feedSimulator.generate({ seed: 2, scale: "tiny" });
  for (const group of ["tables", "truth"] as const) {
    for (const [name, f] of Object.entries(tiny[group])) {
      for (const c of f.names) {
        assert.deepEqual(again[group][name]!.columns[c], f.columns[c], `${group}.${name}.${c}`);
      }
    }
  }
  assert.notDeepEqual(
    feedSimulator.generate({ seed: 3, scale: "tiny" }).tables.impressions!.columns.item_id,
    tiny.tables.impressions!.columns.item_id,
  );
});

Deno.test("feed: bad input is rejected with InputError naming the field", () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ seed: 1, scale: "big" }, /scale/],
    [{ seed: 1, scale: "tiny", scenario: "viral" }, /scenario/],
    [{ seed: 1, scale: "tiny", users: -1 }, /users/],
    [{ seed: 1, scale: "tiny", items: 0 }, /items/],
    [{ seed: 1, scale: "tiny", topics: 1 }, /topics/],
    [{ seed: 1, scale: "tiny", days: 3 }, /days/],
    [{ seed: 1, scale: "tiny", creators: 5000 }, /creators/],
  ];
  for (const [opts, field] of bad) {
    assert.throws(
      () => feedSimulator.generate(opts as never),
      (e: unknown) => e instanceof InputError && field.test(e.message),
      JSON.stringify(opts),
    );
  }
});

Deno.test("feed: items are shown only after publishing; clicks follow their impression", () => {
  const imp = tiny.tables.impressions!, clicks = tiny.tables.clicks!;
  const pub = num(tiny.tables.items!, "publish_ts"), item = num(imp, "item_id"), shown = num(imp, "shown_ts");
  for (let i = 0; i < imp.nRows; i++) {
    assert.ok(pub[item[i]!]! <= shown[i]!, `impression ${i} before publish`);
  }
  for (let i = 1; i < pub.length; i++) assert.ok(pub[i - 1]! <= pub[i]!, "item ids follow publish order");
  const ci = num(clicks, "impression_id"),
    cts = num(clicks, "click_ts"),
    dwell = num(clicks, "dwell_seconds");
  const clicked = num(tiny.truth.impressions!, "clicked");
  assert.equal(clicks.nRows, clicked.reduce((a, b) => a + b, 0));
  for (let c = 0; c < clicks.nRows; c++) {
    assert.ok(cts[c]! > shown[ci[c]!]!);
    assert.ok(dwell[c]! > 0);
    assert.equal(clicked[ci[c]!], 1);
  }
});

Deno.test("feed: click rate rises with true affinity and matches the true probability", () => {
  const out = feedSimulator.generate({ seed: 9, scale: "tiny", users: 1500 });
  const t = out.truth.impressions!;
  const aff = num(t, "affinity"), p = num(t, "p_click"), y = num(t, "clicked");
  const order = [...aff.keys()].sort((a, b) => aff[a]! - aff[b]!);
  const bins = 5, size = Math.floor(order.length / bins);
  const rates: number[] = [];
  for (let b = 0; b < bins; b++) {
    let s = 0, sp = 0;
    for (let j = b * size; j < (b + 1) * size; j++) (s += y[order[j]!]!, sp += p[order[j]!]!);
    rates.push(s / size);
    const se = Math.sqrt((sp / size) * (1 - sp / size) / size);
    assert.ok(
      Math.abs(s / size - sp / size) < 4 * se + 1e-3,
      `bin ${b}: observed ${s / size} vs true ${sp / size}`,
    );
  }
  for (let b = 1; b < bins; b++) {
    assert.ok(rates[b]! > rates[b - 1]!, `click rate by affinity quintile ${rates}`);
  }
  assert.ok(rates[bins - 1]! > 3 * rates[0]!);
  // Dwell time rises with affinity too (declared +0.3 log-seconds per unit).
  const clicks = out.tables.clicks!, ci = num(clicks, "impression_id"), dwell = num(clicks, "dwell_seconds");
  let sx = 0, sy = 0, sxy = 0, sxx = 0;
  for (let c = 0; c < clicks.nRows; c++) {
    const x = aff[ci[c]!]!, ly = Math.log(dwell[c]!);
    sx += x, sy += ly, sxy += x * ly, sxx += x * x;
  }
  const n = clicks.nRows, slope = (sxy - (sx * sy) / n) / (sxx - (sx * sx) / n);
  assert.ok(slope > 0.15 && slope < 0.45, `dwell slope ${slope}`);
});

Deno.test("feed: cold_start_items publishes a late burst of new items and shows them", () => {
  const out = feedSimulator.generate({ seed: 4, scale: "tiny", scenario: "cold_start_items" });
  const cold = num(out.truth.items!, "cold_start"), pub = num(out.tables.items!, "publish_ts");
  const coldFrom = out.meta.endMs! - COLD_START.window * (out.meta.endMs! - out.meta.startMs!);
  let nCold = 0;
  for (let i = 0; i < cold.length; i++) {
    if (cold[i] === 1) {
      nCold++;
      assert.ok(pub[i]! >= coldFrom);
    }
  }
  assert.ok(Math.abs(nCold / cold.length - COLD_START.itemShare) < 0.05, `cold share ${nCold / cold.length}`);
  const imp = out.tables.impressions!, item = num(imp, "item_id"), shown = num(imp, "shown_ts");
  let late = 0, lateCold = 0, earlyCold = 0;
  for (let i = 0; i < imp.nRows; i++) {
    if (shown[i]! >= coldFrom) (late++, lateCold += cold[item[i]!]!);
    else earlyCold += cold[item[i]!]!;
  }
  assert.equal(earlyCold, 0, "no history before the burst");
  assert.ok(lateCold / late > COLD_START.exposure * 0.9, `late cold share ${lateCold / late}`);
  const normal = feedSimulator.generate({ seed: 4, scale: "tiny" });
  assert.equal(num(normal.truth.items!, "cold_start").reduce((a, b) => a + b, 0), 0);
});
