import assert from "node:assert/strict";
import { catalogCoverage } from "./coverage.ts";
import { assertInputError } from "./_testing.ts";

Deno.test("catalogCoverage by hand", () => {
  assert.equal(catalogCoverage([[1, 2], [2, 3]], 10), 0.3);
  // top-1 only: {1, 2}
  assert.equal(catalogCoverage([[1, 2], [2, 3]], 10, 1), 0.2);
  assert.equal(catalogCoverage([[], []], 5), 0);
  assert.equal(catalogCoverage([[0, 1, 2, 3]], 4), 1);
});

Deno.test("catalogCoverage rejects bad input", () => {
  assertInputError(() => catalogCoverage([], 10), "recommended");
  assertInputError(() => catalogCoverage([[1]], 0), "catalogSize");
  assertInputError(() => catalogCoverage([[1, 2, 3]], 2), "catalogSize", /smaller/);
  assertInputError(() => catalogCoverage([[1]], 5, 0), "k");
  assertInputError(() => catalogCoverage([[NaN]], 5), "recommended");
});
