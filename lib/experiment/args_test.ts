import assert from "node:assert/strict";
import { checkExperimentOptions, flagHelp, parseExperimentArgs } from "./args.ts";
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

Deno.test("--out sets the reports folder as documented; --reports is its alias", () => {
  assert.equal(parseExperimentArgs(["demo", "--out", "elsewhere"]).reportsDir, "elsewhere");
  assert.equal(parseExperimentArgs(["demo", "--out=o2"]).reportsDir, "o2");
  assert.equal(parseExperimentArgs(["demo", "--reports", "r"]).reportsDir, "r");
  assert.deepEqual(
    parseExperimentArgs(["demo", "--out", "x"]).extra,
    {},
    "--out is not an experiment option",
  );
  assert.equal(parseExperimentArgs(["demo"]).reportsDir, "reports");
});

Deno.test("checkExperimentOptions lists the allowed flags and suggests the near miss", () => {
  checkExperimentOptions({ trees: "5" }, { trees: "n" });
  checkExperimentOptions({});
  const unknown = (extra: Record<string, string>, allowed: Record<string, string>, re: RegExp) =>
    assert.throws(() => checkExperimentOptions(extra, allowed), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.field, `--${Object.keys(extra)[0]}`);
      assert.match(e.message, re);
      return true;
    });
  unknown(
    { sede: "3" },
    {},
    /unknown flag \(did you mean --seed\?\); allowed: --seed, --scale, --out, --reports, --models, --db$/,
  );
  unknown({ tres: "3" }, { trees: "n" }, /did you mean --trees\?.*--db, --trees$/);
  unknown({ colour: "red" }, { trees: "n" }, /^Invalid "--colour": unknown flag; allowed: /);
  assert.match(
    flagHelp({ trees: "number of trees" }),
    /--out +root folder for reports[\s\S]*--trees +number of trees/,
  );
});
