/**
 * The contract every simulator of issue 5 meets, checked for all five in one place (each domain's own tests
 * go deeper): causal graph declared as data with effect sizes, ground truth beside the observations, the
 * three scales with the spec's seed sizes, the named scenarios, same seed → identical tables, bronze landed
 * through lib/data, and clear InputErrors for an unknown scenario or scale, a negative size or a bad seed.
 */
import assert from "node:assert/strict";
import { Db } from "../lib/data/mod.ts";
import { InputError } from "../lib/errors.ts";
import {
  differingTables,
  SCALES,
  type SimOutput,
  type Simulator,
  validateGraph,
  writeBronze,
} from "./common/mod.ts";
import { DISPATCH_SIZES, dispatchSimulator } from "./dispatch/mod.ts";
import { PRICING_SIZES, pricingSimulator } from "./pricing/mod.ts";
import { FULFILLMENT_SIZES, fulfillmentSimulator } from "./fulfillment/mod.ts";
import { OFFERS_SIZES, offersSimulator } from "./offers/mod.ts";
import { FEED_SIZES, feedSimulator } from "./feed/mod.ts";

/** A simulator whose options are checked at run time (bad types on purpose). */
type AnySim = Omit<Simulator, "generate"> & { generate(opts: Record<string, unknown>): SimOutput };

interface Case {
  sim: AnySim;
  /** The named scenarios issue 5 asks for. */
  scenarios: string[];
  /** A size option to make negative. */
  size: string;
  /** Tiny-run options that keep the run small. */
  small: Record<string, number>;
}

const CASES: Case[] = [
  {
    sim: dispatchSimulator as never,
    scenarios: ["rain_day", "cold_start"],
    size: "drivers",
    small: { orders: 300 },
  },
  {
    sim: pricingSimulator as never,
    scenarios: ["event_night", "holiday"],
    size: "customers",
    small: { bays: 3, customers: 100, days: 14 },
  },
  {
    sim: fulfillmentSimulator as never,
    scenarios: ["carrier_disruption"],
    size: "shipments",
    small: { shipments: 300 },
  },
  {
    sim: offersSimulator as never,
    scenarios: ["black_friday"],
    size: "customers",
    small: { customers: 100 },
  },
  { sim: feedSimulator as never, scenarios: ["cold_start_items"], size: "users", small: { users: 100 } },
];

Deno.test("every simulator declares its causal graph as data, with effect sizes", () => {
  assert.deepEqual(CASES.map((c) => c.sim.name), ["dispatch", "pricing", "fulfillment", "offers", "feed"]);
  for (const { sim } of CASES) {
    validateGraph(sim.graph);
    const used = new Set(sim.graph.edges.flatMap((e) => [e.from, e.to]));
    for (const n of sim.graph.nodes) {
      if (n.kind !== "noise") assert.ok(used.has(n.id), `${sim.name}: node ${n.id} has no edge`);
    }
    assert.ok(sim.graph.nodes.some((n) => n.kind === "outcome"), `${sim.name}: no outcome node`);
    const sized = sim.graph.edges.filter((e) => typeof e.size === "number" && Number.isFinite(e.size));
    assert.ok(sized.length >= 5, `${sim.name}: only ${sized.length} edges with a numeric effect size`);
    for (const e of sim.graph.edges) {
      assert.ok(e.effect.trim().length > 0, `${sim.name}: ${e.from}→${e.to} undescribed`);
    }
  }
});

Deno.test("the seed scale has the spec's sizes; every scale is declared", () => {
  for (const s of SCALES) {
    for (const table of [DISPATCH_SIZES, PRICING_SIZES, FULFILLMENT_SIZES, OFFERS_SIZES, FEED_SIZES]) {
      assert.ok(table[s], `scale ${s} missing`);
    }
  }
  assert.equal(DISPATCH_SIZES.seed.drivers, 50_000);
  assert.equal(FULFILLMENT_SIZES.default.shipments, 10_999, "Kaggle size by default");
  assert.deepEqual(
    [OFFERS_SIZES.seed.customers, OFFERS_SIZES.seed.products, OFFERS_SIZES.seed.offers],
    [50_000, 10_000, 200],
  );
  assert.deepEqual([FEED_SIZES.seed.users, FEED_SIZES.seed.items], [100_000, 1_000_000]);
  // tiny is the smallest, seed the largest, on every size they share
  for (const table of [DISPATCH_SIZES, PRICING_SIZES, FULFILLMENT_SIZES, OFFERS_SIZES, FEED_SIZES]) {
    for (const [k, v] of Object.entries(table.tiny)) {
      if (/days|Per|topics/.test(k)) continue; // history length and rates are chosen per scale, not counts
      const d = (table.default as Record<string, number>)[k]!, s = (table.seed as Record<string, number>)[k]!;
      assert.ok(v <= d && d <= s, `${k}: ${v} ≤ ${d} ≤ ${s}`);
    }
  }
});

Deno.test("each named scenario runs; same seed → identical tables and truth; truth written alongside", () => {
  for (const { sim, scenarios, small } of CASES) {
    assert.equal(sim.scenarios[0], "normal", `${sim.name}: default scenario`);
    for (const scenario of ["normal", ...scenarios]) {
      assert.ok(sim.scenarios.includes(scenario), `${sim.name} lacks scenario ${scenario}`);
      const a = sim.generate({ seed: 11, scale: "tiny", scenario, ...small });
      const b = sim.generate({ seed: 11, scale: "tiny", scenario, ...small });
      assert.deepEqual(differingTables(a, b), [], `${sim.name}/${scenario} is not deterministic`);
      assert.equal(a.meta.scenario, scenario);
      assert.ok(Object.keys(a.truth).length > 0, `${sim.name}: no truth tables`);
      const rows = Object.values(a.tables).map((f) => f.nRows);
      assert.ok(rows.filter((n) => n > 0).length >= 2, `${sim.name}/${scenario}: tables empty (${rows})`);
    }
  }
});

Deno.test("bronze: every observed table lands as bronze_<domain>_<table> with its rows, truth apart", async () => {
  const db = await Db.open(":memory:");
  try {
    for (const { sim, small } of CASES) {
      const out = sim.generate({ seed: 2, scale: "tiny", ...small });
      const r = await writeBronze(db, sim.name, out, undefined, { truth: true });
      for (const [t, f] of Object.entries(out.tables)) {
        assert.equal(
          await db.scalar(`select count(*) from bronze_${sim.name}_${t}`),
          f.nRows,
          `${sim.name}.${t}`,
        );
        const cols = await db.query(`select * from bronze_${sim.name}_${t} limit 0`);
        assert.deepEqual([...cols.names], [...f.names], `${sim.name}.${t} columns`);
      }
      for (const t of Object.keys(out.truth)) assert.ok(r.tables.includes(`truth_${sim.name}_${t}`));
    }
  } finally {
    db.close();
  }
});

Deno.test("bad input: unknown scenario or scale, negative size, bad seed → InputError naming the field", () => {
  for (const { sim, size } of CASES) {
    const field = (f: string) => (e: unknown) => e instanceof InputError && e.message.includes(f);
    assert.throws(() => sim.generate({ seed: 1, scale: "tiny", scenario: "monsoon" }), field("scenario"));
    assert.throws(() => sim.generate({ seed: 1, scale: "huge" as "tiny" }), field("scale"));
    assert.throws(
      () => sim.generate({ seed: 1, scale: "tiny", [size]: -10 }),
      field(size),
      `${sim.name}.${size}`,
    );
    assert.throws(() => sim.generate({ seed: -1, scale: "tiny" }), field("seed"));
    assert.throws(() => sim.generate({ seed: 1.5, scale: "tiny" }), field("seed"));
  }
});

Deno.test("unknown option keys are refused, listing the simulator's options; every declared option is used", () => {
  const sizeTables: Record<string, object> = {
    dispatch: DISPATCH_SIZES.tiny,
    pricing: PRICING_SIZES.tiny,
    fulfillment: FULFILLMENT_SIZES.tiny,
    offers: OFFERS_SIZES.tiny,
    feed: FEED_SIZES.tiny,
  };
  for (const { sim } of CASES) {
    // every size of the scale table can be overridden, and nothing else is declared but real options
    for (const k of Object.keys(sizeTables[sim.name]!)) {
      assert.ok(sim.options.includes(k), `${sim.name}.${k}`);
    }
    for (const k of sim.options) {
      assert.ok(!["seed", "scale", "scenario"].includes(k), `${sim.name} redeclares ${k}`);
    }
    const typo = `${sim.options[0]!}x`;
    assert.throws(() => sim.generate({ seed: 1, scale: "tiny", [typo]: 5 }), (e: unknown) => {
      assert.ok(e instanceof InputError, `${sim.name}: ${e}`);
      assert.equal(e.field, typo);
      assert.match(e.message, new RegExp(`did you mean "${sim.options[0]}"`));
      assert.match(e.message, new RegExp(`allowed: seed, scale, scenario, ${sim.options.join(", ")}$`));
      return true;
    });
  }
  // the example: `order` for `orders` used to generate the default 3,000 orders
  assert.throws(
    () => dispatchSimulator.generate({ seed: 1, scale: "tiny", order: 200 } as never),
    /"order".*"orders"/,
  );
});
