import assert from "node:assert/strict";
import { InputError } from "../lib/errors.ts";
import { availableBenches, checkBenchFlags, flagNames } from "./run.ts";

const root = new URL("..", import.meta.url).pathname;

/** The flags a bench's source reads: `"--x"` literals and `option(args, "x")`-style helper calls. */
function flagsReadBy(source: string): Set<string> {
  const out = new Set<string>();
  for (const m of source.matchAll(/"--([a-z][a-z0-9-]*)"/g)) out.add(m[1]!);
  for (const m of source.matchAll(/\b(?:option|numberOption|intFlag|num)\((?:args, )?"([a-z][a-z0-9-]*)"/g)) {
    out.add(m[1]!);
  }
  // flags passed to a child process or to tools are not ours
  for (const internal of ["v8-flags", "headless", "expose-gc"]) out.delete(internal);
  return out;
}

Deno.test("every bench declares exactly the flags its source reads", async () => {
  const names = availableBenches();
  assert.ok(names.includes("item_knn") && names.includes("gbdt"), names.join(", "));
  assert.ok(!names.some((n) => n.startsWith("_")), "helpers are not benches");
  for (const name of names) {
    const source = await Deno.readTextFile(`${root}bench/${name}.ts`);
    const mod = await import(`./${name}.ts`) as { flags?: Record<string, string> };
    assert.ok(mod.flags, `bench/${name}.ts exports no flags`);
    assert.deepEqual([...flagsReadBy(source)].sort(), Object.keys(mod.flags).sort(), `bench/${name}.ts`);
  }
});

Deno.test("checkBenchFlags: declared flags pass; an unknown one names itself and lists the allowed", () => {
  const flags = { quick: "small", rows: "rows" };
  checkBenchFlags("x", ["--quick", "--rows", "5", "--rows=7"], flags);
  checkBenchFlags("x", [], {});
  assert.deepEqual(flagNames(["--a", "1", "--b=2", "c"]), ["a", "b"]);
  assert.throws(() => checkBenchFlags("x", ["--quik"], flags), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.field, "--quik");
    assert.match(e.message, /unknown flag for bench x \(did you mean --quick\?\); allowed: --quick, --rows$/);
    return true;
  });
  assert.throws(() => checkBenchFlags("bm25", ["--quick"], {}), /allowed: none/);
});

Deno.test("deno task bench item_knn --quik exits 2 listing the bench's flags, before running", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "bench/run.ts", "item_knn", "--quik"],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 2, stderr);
  assert.match(
    stderr,
    /Invalid "--quik": unknown flag for bench item_knn \(did you mean --quick\?\); allowed: --quick, --seed, --repeat/,
  );
  assert.match(stderr, /--repeat +timed runs per build/);
  assert.equal(new TextDecoder().decode(out.stdout), "", "nothing ran");
});
