import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../../errors.ts";
import { causalGraphChart, layeredLayout } from "./causal_graph.ts";

Deno.test("layeredLayout: layer = longest path from a source", () => {
  const pos = layeredLayout(["season", "price", "demand", "gmv"], [
    { from: "season", to: "price" },
    { from: "season", to: "demand" },
    { from: "price", to: "demand" },
    { from: "demand", to: "gmv" },
  ]);
  assert.deepEqual(["season", "price", "demand", "gmv"].map((n) => pos.get(n)!.layer), [0, 1, 2, 3]);
});

Deno.test("layeredLayout: every edge points to a later layer; orders in a layer are distinct (property)", () => {
  const dag = fc.integer({ min: 1, max: 9 }).chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), {
        maxLength: 20,
      }),
    )
  );
  fc.assert(fc.property(dag, ([n, pairs]) => {
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const edges = pairs.filter(([a, b]) => a < b).map(([a, b]) => ({ from: ids[a]!, to: ids[b]! }));
    const pos = layeredLayout(ids, edges);
    for (const e of edges) assert.ok(pos.get(e.to)!.layer > pos.get(e.from)!.layer);
    const seen = new Set<string>();
    for (const p of pos.values()) {
      const key = `${p.layer}:${p.order}`;
      assert.ok(!seen.has(key));
      seen.add(key);
    }
  }));
});

Deno.test("layeredLayout rejects cycles, unknown nodes and duplicates", () => {
  assert.throws(() => layeredLayout(["a", "b"], [{ from: "a", to: "b" }, { from: "b", to: "a" }]), /cycle/);
  assert.throws(() => layeredLayout(["a"], [{ from: "a", to: "z" }]), InputError);
  assert.throws(() => layeredLayout(["a", "a"], []), InputError);
});

Deno.test("causalGraphChart: one arrow per edge, effect labels at midpoints, nodes trace last", () => {
  const fig = causalGraphChart(
    [{ id: "price", group: "treatment" }, { id: "demand", group: "outcome" }, {
      id: "season",
      label: "Season",
    }],
    [{ from: "season", to: "price", effect: 0.3 }, { from: "price", to: "demand", effect: -1.25 }, {
      from: "season",
      to: "demand",
    }],
  );
  assert.equal((fig.layout.annotations as unknown[]).length, 3);
  const [curves, effects, nodes] = fig.data;
  // season → demand skips a layer: drawn as a curve that leaves the straight line through "price".
  assert.equal(curves!.name, "edges");
  const ys = (curves!.y as (number | null)[]).filter((v): v is number => v !== null);
  assert.equal(ys.length, 25);
  assert.ok(Math.max(...ys.map(Math.abs)) > 0.2);
  assert.deepEqual(effects!.text, ["+0.30", "-1.25"]);
  assert.deepEqual(effects!.x, [0.5, 1.5]);
  assert.deepEqual(nodes!.text, ["price", "demand", "Season"]);
  assert.deepEqual(nodes!.x, [1, 2, 0]);
});
