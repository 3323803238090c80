import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { makeInteractions } from "./interactions.ts";
import { sessionsOf } from "./sessions.ts";

Deno.test("sessionsOf: orders (same user and timestamp) and gap-based sessions, hand-computed", () => {
  // user 1's rows are out of time order in the log; user 0 has two rows at t = 10 (one order).
  const x = makeInteractions({
    user: [1, 0, 1, 0, 1, 0],
    item: [4, 1, 3, 2, 5, 3],
    timestamp: [50, 10, 20, 10, 21, 40],
  });
  assert.deepEqual(sessionsOf(x).map((s) => Array.from(s)), [[1, 2], [3], [3], [5], [4]]);
  assert.deepEqual(sessionsOf(x, { gap: 5 }).map((s) => Array.from(s)), [[1, 2], [3], [3, 5], [4]]);
  assert.deepEqual(sessionsOf(x, { gap: 100 }).map((s) => Array.from(s)), [[1, 2, 3], [3, 5, 4]]);
  assert.deepEqual(sessionsOf(x, { gap: Infinity }), sessionsOf(x, { gap: 100 }));
  assert.throws(() => sessionsOf(x, { gap: -1 }), InputError);
  assert.throws(() => sessionsOf(x, { gap: NaN }), InputError);
});

Deno.test("sessionsOf: a partition of the log's items per user, in time order (property)", () => {
  const row = fc.tuple(
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 9 }),
    fc.integer({ min: 0, max: 20 }),
  );
  fc.assert(
    fc.property(
      fc.array(row, { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 0, max: 5 }),
      (rows, gap) => {
        const x = makeInteractions({
          user: rows.map((r) => r[0]),
          item: rows.map((r) => r[1]),
          timestamp: rows.map((r) => r[2]),
        });
        const s = sessionsOf(x, { gap });
        // Every row lands in exactly one session: the multiset of items is preserved.
        const all = s.flatMap((v) => Array.from(v)).sort((a, b) => a - b);
        assert.deepEqual(all, rows.map((r) => r[1]).sort((a, b) => a - b));
        // Concatenating a user's sessions gives the user's rows sorted by (timestamp, log position).
        const expected = rows.map((r, j) => ({ ...r, j })).sort((a, b) =>
          a[0] - b[0] || a[2] - b[2] || a.j - b.j
        )
          .map((r) => r[1]);
        assert.deepEqual(s.flatMap((v) => Array.from(v)), expected);
        // Fewer sessions with a wider gap.
        assert.ok(sessionsOf(x, { gap: gap + 5 }).length <= s.length);
      },
    ),
    { numRuns: 100 },
  );
});
