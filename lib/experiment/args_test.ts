import assert from "node:assert/strict";
import { parseExperimentArgs } from "./args.ts";
import { InputError } from "../errors.ts";

Deno.test("parses name, seed, scale and extra options with defaults", () => {
  const a = parseExperimentArgs(["dispatch", "--seed", "7", "--scale=tiny", "--trees", "50"]);
  assert.equal(a.name, "dispatch");
  assert.equal(a.seed, 7);
  assert.equal(a.scale, "tiny");
  assert.deepEqual(a.extra, { trees: "50" });
  const d = parseExperimentArgs([]);
  assert.equal(d.name, undefined);
  assert.equal(d.seed, 42);
  assert.equal(d.scale, "default");
  assert.equal(d.dbPath, "data/lab.duckdb");
});

Deno.test("bad flags name the flag and the allowed values", () => {
  assert.throws(() => parseExperimentArgs(["x", "--seed", "-1"]), /--seed/);
  assert.throws(() => parseExperimentArgs(["x", "--seed", "1.5"]), InputError);
  assert.throws(() => parseExperimentArgs(["x", "--scale", "huge"]), /tiny, default, seed/);
  assert.throws(() => parseExperimentArgs(["x", "--seed"]), /needs a value/);
  assert.throws(() => parseExperimentArgs(["x", "--seed", "--scale", "tiny"]), /needs a value/);
  assert.throws(() => parseExperimentArgs(["x", "y"]), /only one experiment name/);
});
