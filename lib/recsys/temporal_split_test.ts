import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { makeInteractions } from "./interactions.ts";
import { temporalLeaveLastNOut } from "./temporal_split.ts";

Deno.test("temporalLeaveLastNOut: hand example, n = 2", () => {
  // user 0: ts 5, 1, 9, 3 → last two are ts 9 (row 2) and 5 (row 0); user 1 has 2 rows < n + minTrain.
  const x = makeInteractions({
    user: [0, 0, 0, 1, 0, 1],
    item: [10, 11, 12, 13, 14, 15],
    timestamp: [5, 1, 9, 2, 3, 4],
  });
  const s = temporalLeaveLastNOut(x, { n: 2 });
  assert.deepEqual(Array.from(s.test.item), [10, 12]);
  assert.deepEqual(Array.from(s.train.item), [11, 13, 14, 15]);
  assert.deepEqual(Array.from(s.testUsers), [0]);
  assert.equal(s.train.nItems, x.nItems);
});

Deno.test("temporalLeaveLastNOut: duplicate timestamps → the later row in the log counts as more recent", () => {
  const x = makeInteractions({ user: [0, 0, 0], item: [7, 8, 9], timestamp: [4, 4, 4] });
  assert.deepEqual(Array.from(temporalLeaveLastNOut(x, { n: 1 }).test.item), [9]);
  const y = makeInteractions({ user: [0, 0, 0], item: [9, 8, 7], timestamp: [4, 4, 4] });
  assert.deepEqual(Array.from(temporalLeaveLastNOut(y, { n: 1 }).test.item), [7]);
});

Deno.test("temporalLeaveLastNOut: minTrain and argument checks", () => {
  const x = makeInteractions({ user: [0, 0], item: [1, 2], timestamp: [1, 2] });
  assert.equal(temporalLeaveLastNOut(x, { n: 1, minTrain: 2 }).test.user.length, 0);
  assert.equal(temporalLeaveLastNOut(x, { n: 2, minTrain: 0 }).train.user.length, 0);
  assert.throws(() => temporalLeaveLastNOut(x, { n: 0 }), InputError);
  assert.throws(() => temporalLeaveLastNOut(x, { minTrain: -1 }), InputError);
});

Deno.test("temporalLeaveLastNOut: partition and recency properties (fast-check)", () => {
  const row = fc.record({
    u: fc.integer({ min: 0, max: 4 }),
    i: fc.integer({ min: 0, max: 6 }),
    t: fc.integer({ min: 0, max: 5 }),
  });
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 3 }), (rows, n) => {
      // Encode the original row index in the item id's companion array (rating) to trace rows.
      const x = makeInteractions({
        user: rows.map((r) => r.u),
        item: rows.map((r) => r.i),
        timestamp: rows.map((r) => r.t),
        rating: rows.map((_, j) => j + 1),
      });
      const s = temporalLeaveLastNOut(x, { n });
      const trainRows = Array.from(s.train.rating, (r) => r - 1),
        testRows = Array.from(s.test.rating, (r) => r - 1);
      assert.deepEqual([...trainRows, ...testRows].sort((a, b) => a - b), rows.map((_, j) => j));
      for (let u = 0; u < x.nUsers; u++) {
        const mine = rows.map((r, j) => ({ ...r, j })).filter((r) => r.u === u);
        const test = testRows.filter((j) => rows[j]!.u === u),
          train = trainRows.filter((j) => rows[j]!.u === u);
        assert.equal(test.length, mine.length >= n + 1 ? n : 0);
        const key = (j: number) => [rows[j]!.t, j] as const;
        for (const a of test) {
          for (const b of train) {
            const [ta, ja] = key(a), [tb, jb] = key(b);
            assert.ok(ta > tb || (ta === tb && ja > jb), `test row ${a} is not after train row ${b}`);
          }
        }
      }
    }),
    { numRuns: 200 },
  );
});
