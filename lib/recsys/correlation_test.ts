import assert from "node:assert/strict";
import { InputError } from "../errors.ts";
import { averageRanks, pearson, spearman } from "./correlation.ts";

Deno.test("pearson and spearman: reference values", () => {
  // scipy.stats.pearsonr([1,2,3,4,5],[2,1,4,3,5]) = 0.8; spearmanr([1,2,2,3],[1,3,2,4]) = 0.9486832980505138
  assert.ok(Math.abs(pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) - 0.8) < 1e-12);
  assert.ok(Math.abs(spearman([1, 2, 2, 3], [1, 3, 2, 4]) - 0.9486832980505138) < 1e-12);
  assert.deepEqual(Array.from(averageRanks([10, 30, 20, 20])), [1, 4, 2.5, 2.5]);
  assert.throws(() => pearson([1, 1], [1, 2]), InputError);
  assert.throws(() => pearson([1, NaN], [1, 2]), InputError);
});
