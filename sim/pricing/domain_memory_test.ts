import assert from "node:assert/strict";
import { Db } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
// Tests may use the simulator to produce bronze data; lib code itself never imports sim/.
import { framesEqual, writeBronze } from "../common/mod.ts";
import { pricingSimulator } from "./mod.ts";
import { buildPricingGold } from "../../lib/domains/pricing/mod.ts";

const out = pricingSimulator.generate({ seed: 9, scale: "tiny", scenario: "event_night" });
const TABLES = ["gold_pricing_risk", "gold_pricing_demand", "gold_pricing_conversion"];

async function setting(db: Db, name: string): Promise<string> {
  const rows = await db.rows(`select current_setting('${name}')::VARCHAR as v`);
  return String(rows[0]!.v);
}

/** Bytes of a displayed DuckDB size such as "953.6 MiB". */
function bytes(shown: string): number {
  const m = /^([\d.]+)\s*(KiB|MiB|GiB|TiB|B)$/.exec(shown);
  assert.ok(m, `unexpected size "${shown}"`);
  return Number(m[1]) * 1024 ** ["B", "KiB", "MiB", "GiB", "TiB"].indexOf(m[2]!);
}

Deno.test("a memory-bounded pricing build spills, gives identical gold tables and restores the memory limit", async () => {
  const free = await Db.open(":memory:"), bounded = await Db.open(":memory:");
  const spill = await Deno.makeTempDir({ prefix: "pricing_spill_" });
  try {
    await writeBronze(free, "pricing", out);
    await writeBronze(bounded, "pricing", out);
    await buildPricingGold(free);
    const before = await setting(bounded, "memory_limit");
    // Small enough that the tiny run's tables do not fit in memory (bronze + silver + gold are > 64 MB).
    const r = await buildPricingGold(bounded, undefined, { memoryLimit: "64MB", tempDirectory: spill });
    assert.deepEqual(Object.keys(r).sort(), ["conversion", "demand", "risk"]);
    for (const t of TABLES) {
      const a = await free.query(`select * from ${t}`), b = await bounded.query(`select * from ${t}`);
      assert.ok(a.nRows > 1000, `${t}: ${a.nRows} rows`);
      assert.ok(framesEqual(a, b), `${t} differs under the memory limit`);
    }
    assert.equal(await setting(bounded, "memory_limit"), before, "memory limit restored");
    assert.equal(
      await setting(bounded, "temp_directory"),
      spill,
      "spilled blocks stay in the temp directory",
    );
    const spilled = [...Deno.readDirSync(spill)].filter((e) => e.name.startsWith("duckdb_temp"));
    assert.ok(spilled.length > 0, "the bounded build spilled to the temp directory");
    // A caller's own limit is restored too, also when the build fails.
    await bounded.exec(`SET memory_limit = '1GB'`);
    const own = await setting(bounded, "memory_limit");
    await bounded.exec(`drop table bronze_pricing_quotes`);
    await assert.rejects(() =>
      buildPricingGold(bounded, ["risk"], { memoryLimit: "64MB", tempDirectory: spill })
    );
    // DuckDB shows the limit rounded to 0.1 of a unit, and that is all there is to restore from.
    const after = await setting(bounded, "memory_limit");
    assert.ok(Math.abs(bytes(after) / bytes(own) - 1) < 1e-3, `limit ${after}, was ${own}`);
  } finally {
    free.close();
    bounded.close();
    await Deno.remove(spill, { recursive: true });
  }
});

Deno.test("memory options: a bad size, or a limit without a temp directory, is an InputError", async () => {
  const db = await Db.open(":memory:");
  try {
    await writeBronze(db, "pricing", out);
    await assert.rejects(
      () => buildPricingGold(db, ["risk"], { memoryLimit: "lots", tempDirectory: "/tmp" }),
      (e: unknown) => e instanceof InputError && /memoryLimit/.test(e.message),
    );
    await assert.rejects(
      () => buildPricingGold(db, ["risk"], { memoryLimit: "1GB" }),
      (e: unknown) => e instanceof InputError && /tempDirectory/.test(e.message),
    );
    await assert.rejects(
      () => buildPricingGold(db, ["risk"], { memoryLimit: "1GB", tempDirectory: "a'b" }),
      InputError,
    );
  } finally {
    db.close();
  }
});
