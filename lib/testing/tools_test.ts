import assert from "node:assert/strict";
import { findTool, toolsRequired } from "./tools.ts";

const dir = await Deno.makeTempDir({ prefix: "tools-test-" });
await Deno.writeTextFile(`${dir}/fake-tool`, "#!/bin/sh\n");

Deno.test("findTool: found on PATH or in the candidates → not ignored, require() gives the path", () => {
  const lines: string[] = [];
  const t = findTool("fake-tool", {
    env: { PATH: `/nonexistent:${dir}` },
    uid: 1000,
    log: (l) => lines.push(l),
  });
  assert.equal(t.path, `${dir}/fake-tool`);
  assert.equal(t.ignore, false);
  assert.equal(t.require(), `${dir}/fake-tool`);
  const c = findTool("other-name", { candidates: [`${dir}/fake-tool`], env: { PATH: "" }, uid: 1000 });
  assert.equal(c.require(), `${dir}/fake-tool`);
  assert.deepEqual(lines, []);
});

Deno.test("findTool: missing on a developer machine → ignored, with one line saying how to install", () => {
  for (
    const [env, uid] of [[{ PATH: dir }, 1000], [{ PATH: dir, CI: "true" }, 1000], [
      { PATH: dir },
      0,
    ]] as const
  ) {
    const lines: string[] = [];
    const t = findTool("no-such-tool", {
      env,
      uid,
      install: "apt-get install -y x",
      log: (l) => lines.push(l),
    });
    assert.equal(t.path, null);
    assert.equal(t.ignore, true, JSON.stringify({ env, uid }));
    assert.equal(t.strict, false);
    assert.deepEqual(lines, [
      "SKIPPED: no-such-tool not found (apt-get install -y x); the tests that need it are ignored",
    ]);
  }
});

Deno.test("findTool: missing under CI=true as root → the test runs and require() fails it", () => {
  const lines: string[] = [];
  const t = findTool("no-such-tool", {
    env: { PATH: dir, CI: "true" },
    uid: 0,
    install: "apt-get install -y x",
    log: (l) => lines.push(l),
  });
  assert.equal(t.ignore, false);
  assert.equal(t.strict, true);
  assert.throws(
    () => t.require(),
    /no-such-tool is not installed \(apt-get install -y x\), and CI=true as root/,
  );
  assert.deepEqual(lines, [], "no skip message: it is not skipped");
  assert.equal(toolsRequired({ CI: "true" }, 0), true);
  assert.equal(toolsRequired({ CI: "1" }, 0), false);
  assert.equal(toolsRequired({ CI: "true" }, null), false); // no uid (Windows): never strict
});

Deno.test("cleanup", async () => {
  await Deno.remove(dir, { recursive: true });
});
