import assert from "node:assert/strict";
import { InputError } from "../errors.ts";
import { itemUserSets, makeInteractions, relevantSets, selectRows, userItemSets } from "./interactions.ts";

Deno.test("makeInteractions: sizes default to max index + 1, ratings to 1", () => {
  const x = makeInteractions({ user: [2, 0], item: [1, 4], timestamp: [5, 6] });
  assert.equal(x.nUsers, 3);
  assert.equal(x.nItems, 5);
  assert.deepEqual(Array.from(x.rating), [1, 1]);
});

Deno.test("makeInteractions: empty log, NaN, bad indices and lengths are InputErrors naming the field", () => {
  const bad: [Parameters<typeof makeInteractions>[0], string][] = [
    [{ user: [], item: [], timestamp: [] }, "interactions"],
    [{ user: [0], item: [0], timestamp: [NaN] }, "timestamp"],
    [{ user: [0], item: [0], timestamp: [1], rating: [NaN] }, "rating"],
    [{ user: [-1], item: [0], timestamp: [1] }, "user"],
    [{ user: [0], item: [1.5], timestamp: [1] }, "item"],
    [{ user: [0, 1], item: [0], timestamp: [1, 2] }, "item"],
    [{ user: [3], item: [0], timestamp: [1], nUsers: 2 }, "nUsers"],
  ];
  for (const [cols, field] of bad) {
    assert.throws(
      () => makeInteractions(cols),
      (e: unknown) => e instanceof InputError && e.field === field,
      field,
    );
  }
});

Deno.test("userItemSets / itemUserSets: distinct, ascending; duplicates collapse", () => {
  const x = makeInteractions({ user: [1, 0, 1, 1], item: [2, 2, 0, 2], timestamp: [1, 2, 3, 4], nUsers: 3 });
  const ui = userItemSets(x);
  assert.deepEqual(Array.from(ui.indptr), [0, 1, 3, 3]);
  assert.deepEqual(Array.from(ui.indices), [2, 0, 2]);
  const iu = itemUserSets(x);
  assert.deepEqual(Array.from(iu.indptr), [0, 1, 1, 3]);
  assert.deepEqual(Array.from(iu.indices), [1, 0, 1]);
  assert.deepEqual(relevantSets(x).map((s) => [...s].sort()), [[2], [0, 2], []]);
  assert.deepEqual(Array.from(selectRows(x, [3, 0]).timestamp), [4, 1]);
});
