import assert from "node:assert/strict";
import fc from "fast-check";
import { Db, makeFrame } from "../../lib/data/mod.ts";
import { InputError } from "../../lib/errors.ts";
import {
  checkGenerateOptions,
  codesColumn,
  dayOfWeek,
  Float64Builder,
  hourOfDay,
  idColumn,
  Int32Builder,
  parseScale,
  requirePositiveSize,
  SIM_EPOCH_MS,
  sizeFor,
  sizesWithOverrides,
  StringBuilder,
  toMermaid,
  validateGraph,
  writeBronze,
} from "./mod.ts";

Deno.test("parseScale accepts the three scales and lists them on error", () => {
  assert.equal(parseScale("tiny"), "tiny");
  assert.equal(parseScale("seed"), "seed");
  assert.throws(
    () => parseScale("huge"),
    (e: unknown) => e instanceof InputError && /"tiny", "default", "seed"/.test(e.message),
  );
  assert.equal(sizeFor("default", { tiny: 1, default: 2, seed: 3 }), 2);
});

Deno.test("requirePositiveSize rejects zero, negatives and fractions", () => {
  requirePositiveSize("n", 1);
  for (const bad of [0, -5, 1.5, NaN]) assert.throws(() => requirePositiveSize("n", bad), InputError);
});

Deno.test("sizesWithOverrides picks the scale's sizes, applies given overrides and checks every size", () => {
  const table = {
    tiny: { users: 10, days: 2 },
    default: { users: 100, days: 7 },
    seed: { users: 1000, days: 30 },
  };
  assert.deepEqual(sizesWithOverrides("default", table), { users: 100, days: 7 });
  assert.deepEqual(sizesWithOverrides("tiny", table, { days: 5 }), { users: 10, days: 5 });
  assert.deepEqual(sizesWithOverrides("tiny", table, { users: undefined, days: 3 }), { users: 10, days: 3 });
  assert.deepEqual(
    sizesWithOverrides("seed", table, { seed: 4 } as { users?: number }),
    { users: 1000, days: 30 },
    "keys the table does not have are ignored",
  );
  assert.notEqual(sizesWithOverrides("tiny", table), table.tiny);
  assert.throws(
    () => sizesWithOverrides("tiny", table, { users: 0 }),
    (e: unknown) => e instanceof InputError && e.field === "users",
  );
  assert.throws(
    () => sizesWithOverrides("tiny", table, { days: 1.5 }),
    (e: unknown) => e instanceof InputError && e.field === "days",
  );
  assert.throws(() => sizesWithOverrides("huge" as "tiny", table), InputError);
});

Deno.test("validateGraph rejects unknown endpoints and duplicates; toMermaid lists every edge", () => {
  const g = {
    nodes: [{ id: "a", label: "A", kind: "cause" as const }, {
      id: "b",
      label: "B",
      kind: "outcome" as const,
    }],
    edges: [{ from: "a", to: "b", effect: "×0.6" }],
  };
  validateGraph(g);
  assert.match(toMermaid(g), /a -->\|"×0.6"\| b/);
  assert.throws(() => validateGraph({ ...g, edges: [{ from: "a", to: "c", effect: "" }] }), InputError);
  assert.throws(() => validateGraph({ ...g, nodes: [...g.nodes, g.nodes[0]!] }), InputError);
});

Deno.test("builders grow and finish to exactly the pushed values", () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 100 }), (xs) => {
    const f = new Float64Builder(1), i = new Int32Builder(1);
    for (const x of xs) {
      f.push(x / 2);
      i.push(x);
    }
    assert.deepEqual(Array.from(f.finish()), xs.map((x) => x / 2));
    assert.deepEqual(Array.from(i.finish()), xs);
  }));
  const s = new StringBuilder(["a", "b"], 1);
  s.push(1);
  s.push(-1);
  s.set(1, 0);
  assert.deepEqual(Array.from(s.finish().codes), [1, 0]);
  assert.equal(codesColumn(new Int32Array([0]), ["x"]).kind, "string");
  assert.deepEqual(idColumn(4), Int32Array.of(0, 1, 2, 3));
  assert.deepEqual(idColumn(3, 100_000), Int32Array.of(100_000, 100_001, 100_002));
  assert.equal(idColumn(0).length, 0);
});

Deno.test("simulated epoch is a Monday at midnight", () => {
  assert.equal(dayOfWeek(SIM_EPOCH_MS), 0);
  assert.equal(hourOfDay(SIM_EPOCH_MS + 5 * 3_600_000 + 1), 5);
  assert.equal(dayOfWeek(SIM_EPOCH_MS + 6 * 86_400_000), 6);
});

Deno.test("checkGenerateOptions defaults the scenario and rejects unknown ones, bad scales and seeds", () => {
  assert.deepEqual(checkGenerateOptions("toy", ["normal", "x"], [], { seed: 3, scale: "tiny" }), {
    seed: 3,
    scale: "tiny",
    scenario: "normal",
  });
  assert.throws(
    () => checkGenerateOptions("toy", ["normal", "x"], [], { seed: 3, scale: "tiny", scenario: "y" }),
    (e: unknown) => e instanceof InputError && e.field === "scenario" && /"normal", "x"/.test(e.message),
  );
  assert.throws(
    () => checkGenerateOptions("toy", ["normal"], [], { seed: 3, scale: "big" as "tiny" }),
    InputError,
  );
  assert.throws(() => checkGenerateOptions("toy", ["normal"], [], { seed: -1, scale: "tiny" }), InputError);
});

Deno.test("checkGenerateOptions refuses option keys the simulator does not take, listing the allowed ones", () => {
  const opts = { seed: 3, scale: "tiny" as const, rows: 5 };
  assert.equal(checkGenerateOptions("toy", ["normal"], ["rows", "days"], opts).seed, 3);
  assert.throws(
    () =>
      checkGenerateOptions("toy", ["normal"], ["rows", "days"], { seed: 3, scale: "tiny", row: 5 } as never),
    (e: unknown) =>
      e instanceof InputError && e.field === "row" &&
      /did you mean "rows"\?\); allowed: seed, scale, scenario, rows, days$/.test(e.message),
  );
  // the simulator's own keys are not accepted by another simulator's check
  assert.throws(() => checkGenerateOptions("toy", ["normal"], [], opts), /"rows": unknown option/);
});

Deno.test("writeBronze lands tables, optional truth and Parquet", async () => {
  const db = await Db.open(":memory:");
  const dir = await Deno.makeTempDir();
  try {
    const out = {
      tables: {
        t: makeFrame({ x: new Float64Array([1, NaN]), s: codesColumn(new Int32Array([0, -1]), ["a"]) }),
      },
      truth: { p: makeFrame({ p: new Float64Array([0.5, 0.25]) }) },
      meta: { simulator: "toy", scenario: "normal", seed: 1, scale: "tiny" as const, sizes: { t: 2 } },
    };
    const r = await writeBronze(db, "toy", out, dir, { truth: true });
    assert.deepEqual(r.tables, ["bronze_toy_t", "truth_toy_p"]);
    assert.equal(await db.scalar("select count(*) from bronze_toy_t where x is null and s is null"), 1);
    assert.equal(await db.scalar("select sum(p) from truth_toy_p"), 0.75);
    assert.equal(r.files.length, 1);
    assert.equal(await db.scalar(`select count(*) from read_parquet('${r.files[0]}')`), 2);
    await assert.rejects(() => writeBronze(db, "Bad-Name", out), InputError);
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("framesEqual compares names, types, values (NaN = NaN) and dictionaries", async () => {
  const { framesEqual, differingTables } = await import("./mod.ts");
  const f = (x: number[], s = ["a", "b"]) =>
    makeFrame({ x: Float64Array.from(x), s: codesColumn(new Int32Array(x.length), s) });
  assert.ok(framesEqual(f([1, NaN]), f([1, NaN])));
  assert.ok(!framesEqual(f([1, 2]), f([1, 3])));
  assert.ok(!framesEqual(f([1]), f([1], ["z"])));
  assert.ok(!framesEqual(makeFrame({ x: new Float64Array([1]) }), makeFrame({ x: new Int32Array([1]) })));
  const run = (x: number) => ({ tables: { t: f([x]) }, truth: {} });
  assert.deepEqual(differingTables(run(1), run(1)), []);
  assert.deepEqual(differingTables(run(1), run(2)), ["tables.t"]);
});
