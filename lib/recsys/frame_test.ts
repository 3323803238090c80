import assert from "node:assert/strict";
import { makeFrame } from "../data/mod.ts";
import { InputError } from "../errors.ts";
import { interactionsFromFrame } from "./frame.ts";

Deno.test("interactionsFromFrame: numeric columns by name; string or missing columns are InputErrors", () => {
  const f = makeFrame({
    u: new Int32Array([1, 0]),
    i: new Int32Array([2, 2]),
    t: new Float64Array([10, 5]),
    w: new Float64Array([0.5, 2]),
    s: { kind: "string", codes: new Int32Array([0, 0]), dictionary: ["x"] },
  });
  const x = interactionsFromFrame(f, { user: "u", item: "i", timestamp: "t", rating: "w", nItems: 5 });
  assert.deepEqual([Array.from(x.user), Array.from(x.rating), x.nUsers, x.nItems], [[1, 0], [0.5, 2], 2, 5]);
  assert.throws(
    () => interactionsFromFrame(f, { user: "s", item: "i", timestamp: "t" }),
    (e: unknown) => e instanceof InputError && e.field === "s",
  );
  assert.throws(
    () => interactionsFromFrame(f, { user: "u", item: "nope", timestamp: "t" }),
    (e: unknown) => e instanceof InputError && e.field === "nope",
  );
  const bad = makeFrame({ u: new Int32Array([0]), i: new Int32Array([0]), t: new Float64Array([NaN]) });
  assert.throws(
    () => interactionsFromFrame(bad, { user: "u", item: "i", timestamp: "t" }),
    (e: unknown) => e instanceof InputError && e.field === "timestamp",
  );
});
