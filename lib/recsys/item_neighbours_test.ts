import assert from "node:assert/strict";
import fc from "fast-check";
import { itemUserSets, makeInteractions, userItemSets } from "./interactions.ts";
import { buildItemNeighbours, CandidateSorter, ListWriter, topByHeap } from "./item_neighbours.ts";
import { referenceItemNeighbours } from "./_reference_item_knn.ts";

/** A small log: (user, item) pairs over few users and items, so co-occurrence ties are everywhere. */
const smallLog = fc.record({
  nUsers: fc.integer({ min: 1, max: 12 }),
  nItems: fc.integer({ min: 1, max: 40 }),
}).chain(({ nUsers, nItems }) =>
  fc.record({
    nUsers: fc.constant(nUsers),
    nItems: fc.constant(nItems),
    pairs: fc.array(fc.tuple(fc.nat(nUsers - 1), fc.nat(nItems - 1)), { minLength: 1, maxLength: 250 }),
  })
);

function bothBuilds(
  log: { nUsers: number; nItems: number; pairs: [number, number][] },
  m: number,
  shrink: number,
) {
  const x = makeInteractions({
    user: log.pairs.map((p) => p[0]),
    item: log.pairs.map((p) => p[1]),
    timestamp: log.pairs.map((_, r) => r),
    nUsers: log.nUsers,
    nItems: log.nItems,
  });
  const byItem = itemUserSets(x), byUser = userItemSets(x);
  return [buildItemNeighbours(byItem, byUser, m, shrink), referenceItemNeighbours(byItem, byUser, m, shrink)];
}

Deno.test("property: the fast neighbour build equals the reference bit for bit (ties, heap and sort paths)", () => {
  fc.assert(
    fc.property(
      smallLog,
      fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 50 })),
      fc.oneof(fc.constantFrom(0, 0.5, 1, 3), fc.double({ min: 0, max: 20, noNaN: true })),
      (log, m, shrink) => {
        const [fast, ref] = bothBuilds(log, m, shrink);
        assert.deepEqual(fast!.nbStart, ref!.nbStart);
        assert.deepEqual(fast!.ids, ref!.ids);
        assert.deepEqual(fast!.sims, ref!.sims);
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("both top-k paths are taken and agree: many candidates with 1 or 2 kept (heap), all kept (sort)", () => {
  // users 0 has every item, users 1 and 2 the even and the odd ones: item i has 59 candidates
  const all = { nUsers: 3, nItems: 60, pairs: [] as [number, number][] };
  for (let i = 0; i < 60; i++) all.pairs.push([0, i], [1 + (i % 2), i]);
  for (const m of [1, 2, 7, 59, 100]) {
    const [fast, ref] = bothBuilds(all, m, 0);
    assert.deepEqual(fast, ref, `m=${m}`);
    assert.equal(fast!.nbStart[1], Math.min(m, 59));
  }
  // items 0 and 2 share both users, 0 and an odd item one → item 0 lists 2, 4, 6 first
  const [fast] = bothBuilds(all, 3, 0);
  assert.deepEqual(Array.from(fast!.ids.subarray(0, 3)), [2, 4, 6]);
});

/** Similarities a few ulps apart, exact ties and distinct values: what the exact order must resolve. */
const ulps = (x: number, k: number) => {
  const f = new Float64Array([x]), w = new BigUint64Array(f.buffer);
  w[0] = w[0]! + BigInt(k);
  return f[0]!;
};
const base = 1 / Math.sqrt(3);
const PALETTE = [base, ulps(base, 1), ulps(base, 2), ulps(base, 300), 0.25, ulps(0.25, 3), 1, 1e-9, 3.5];

const candidates = fc.record({
  values: fc.array(fc.constantFrom(...PALETTE), { minLength: 1, maxLength: 60 }),
  spread: fc.integer({ min: 1, max: 700 }), // item index step: small catalogues and sparse candidates
  rotation: fc.nat(),
  take: fc.integer({ min: 1, max: 60 }),
});

function setUp(c: { values: number[]; spread: number; rotation: number }) {
  const n = c.values.length, nItems = n * c.spread;
  const sim = new Float64Array(nItems);
  const items = Array.from({ length: n }, (_, t) => t * c.spread);
  items.forEach((j, t) => (sim[j] = c.values[t]!));
  // candidates in a rotated, reversed order (never already sorted by index)
  const touched = Int32Array.from({ length: n }, (_, t) => items[(n - 1 - t + c.rotation) % n]!);
  const expected = [...items].sort((a, b) => sim[b]! - sim[a]! || a - b);
  return { n, nItems, sim, touched, expected };
}

Deno.test("property: CandidateSorter orders exactly by (similarity desc, index asc), dense scan and index passes", () => {
  fc.assert(
    fc.property(candidates, (c) => {
      const { n, nItems, sim, touched, expected } = setUp(c);
      const sorter = new CandidateSorter(nItems);
      assert.deepEqual(Array.from(sorter.sort(touched, n, sim)), expected);
      assert.deepEqual(Array.from(sorter.sort(touched, n, sim)), expected, "scratch reused");
    }),
    { numRuns: 500 },
  );
});

Deno.test("property: topByHeap keeps the best `take` in exact order", () => {
  fc.assert(
    fc.property(candidates, (c) => {
      const { n, sim, touched, expected } = setUp(c);
      const take = Math.min(c.take, n);
      const heap = new Int32Array(take);
      assert.deepEqual(Array.from(topByHeap(touched, n, take, sim, heap)), expected.slice(0, take));
    }),
    { numRuns: 500 },
  );
});

Deno.test("property: ListWriter returns what was written, directly or through chunks", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.nat(99), { maxLength: 12 }), { maxLength: 20 }),
      fc.integer({ min: 1, max: 7 }),
      fc.boolean(),
      (lists, chunk, direct) => {
        const sim = Float64Array.from({ length: 100 }, (_, j) => j / 3);
        const bound = lists.reduce((n, l) => n + l.length, 0);
        const w = new ListWriter(bound, direct ? bound : bound - 1, chunk);
        const lengths = lists.map((l) => w.write(Int32Array.from(l), l.length, sim));
        const { ids, sims } = w.finish();
        const flat = lists.flat();
        assert.deepEqual(Array.from(ids), flat);
        assert.deepEqual(Array.from(sims), flat.map((j) => Math.fround(j / 3)));
        assert.deepEqual(lengths, lists.map((_, k) => lists.slice(0, k + 1).flat().length));
      },
    ),
  );
});
