import assert from "node:assert/strict";
import { TermOverlapIndex } from "./term_overlap.ts";

Deno.test("term overlap counts distinct shared terms, ties by id", () => {
  const index = TermOverlapIndex.build([
    { id: "z", text: "delay delay delay carrier" },
    { id: "y", text: "carrier refund" },
    { id: "x", text: "refund credit customer" },
  ]);
  // query terms {delai, carrier, refund}: z shares 2 (tf ignored), y 2, x 1
  assert.deepEqual(index.search("delays, carrier and refund").map((h) => [h.id, h.score]), [["y", 2], [
    "z",
    2,
  ], ["x", 1]]);
  assert.deepEqual(Array.from(index.scores("delay delay")), [1, 0, 0]);
  assert.deepEqual(index.search("credit", { k: 5, filter: (id) => id !== "x" }), []);
});
