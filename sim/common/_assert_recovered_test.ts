import assert from "node:assert/strict";
import { assertRecovered } from "./_assert_recovered.ts";

Deno.test("assertRecovered passes within 4 se, fails beyond, and fails when se is not below maxSe", () => {
  assertRecovered("x", 1.39, 0.1, 1);
  assertRecovered("x", 0.61, 0.1, 1, 0.2);
  assert.throws(() => assertRecovered("x", 1.41, 0.1, 1), /x: estimate 1\.4100 ± 0\.1000, declared 1/);
  assert.throws(() => assertRecovered("x", 1, 0.1, 1, 0.1), /x: too noisy to test/);
  assert.throws(() => assertRecovered("x", NaN, 0.1, 1), /declared 1/);
});
