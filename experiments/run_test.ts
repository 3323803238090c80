import assert from "node:assert/strict";

const root = new URL("..", import.meta.url).pathname;

async function runCli(args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "experiments/run.ts", ...args],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("an unknown experiment lists the available ones and exits 2", async () => {
  const r = await runCli(["no_such_experiment"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Unknown experiment "no_such_experiment"/);
  assert.match(r.stderr, /Available experiments: .*demo/);
});

Deno.test("a bad flag is a one-line error without a stack trace", async () => {
  const r = await runCli(["demo", "--scale", "huge"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /InputError: Invalid "--scale": must be one of tiny, default, seed/);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
});

Deno.test("an unknown flag (--sede for --seed) exits 2 listing the allowed flags, before running", async () => {
  const r = await runCli(["demo", "--sede", "3"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Invalid "--sede": unknown flag \(did you mean --seed\?\)/);
  assert.match(r.stderr, /allowed: --seed, --scale, --out, --reports, --models, --db, --trees/);
  assert.match(r.stderr, /--trees +number of GBDT trees/);
  assert.doesNotMatch(r.stderr, /simulate/);
});
