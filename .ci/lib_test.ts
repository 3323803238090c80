/**
 * Tests of .ci/lib.sh, the helpers behind .ci/run's closing line "N passed, N failed, N skipped" and its
 * tree-clean check (run through bash, as .ci/run does).
 */
import assert from "node:assert/strict";

const lib = new URL("./lib.sh", import.meta.url).pathname;

async function bash(script: string, cwd?: string): Promise<{ code: number; stdout: string }> {
  const out = await new Deno.Command("bash", {
    args: ["-c", `source ${lib}; ${script}`],
    cwd,
    stdout: "piped",
  })
    .output();
  return { code: out.code, stdout: new TextDecoder().decode(out.stdout) };
}

async function counts(log: string): Promise<string> {
  const file = await Deno.makeTempFile();
  await Deno.writeTextFile(file, log);
  const r = await bash(`deno_counts ${file}`);
  await Deno.remove(file);
  return r.stdout.trim();
}

Deno.test("deno_counts reads passed, failed and ignored from Deno's closing line", async () => {
  assert.equal(await counts("a ... ok\nok | 812 passed | 0 failed | 3 ignored (2m)\n"), "812 0 3");
  assert.equal(await counts("ok | 12 passed | 0 failed (9s)\n"), "12 0 0", "no ignored part when none");
  assert.equal(
    await counts("FAILED | 10 passed | 2 failed | 1 ignored (3s)\nerror: Test failed\n"),
    "10 2 1",
  );
  // the last summary wins (a nested run printed earlier), and no summary at all reads as zeros
  assert.equal(
    await counts("ok | 1 passed | 0 failed (1s)\nok | 7 passed | 1 failed | 4 ignored (1s)\n"),
    "7 1 4",
  );
  assert.equal(await counts("error: Module not found\n"), "0 0 0");
});

Deno.test("tree_dirty lists changed and untracked files, and is quiet on a clean tree", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const git = (args: string) => bash(`git ${args} >/dev/null 2>&1`, dir);
    await git("init -q");
    await git("-c user.email=ci@example.com -c user.name=ci commit -q --allow-empty -m init");
    await Deno.writeTextFile(`${dir}/.gitignore`, "ignored.txt\n");
    await Deno.writeTextFile(`${dir}/tracked.txt`, "a\n");
    await git("add .gitignore tracked.txt");
    await git("-c user.email=ci@example.com -c user.name=ci commit -q -m files");
    assert.deepEqual(await bash("tree_dirty", dir), { code: 0, stdout: "" });
    await Deno.writeTextFile(`${dir}/ignored.txt`, "x\n");
    assert.deepEqual(await bash("tree_dirty", dir), { code: 0, stdout: "" }, "git-ignored files are fine");
    await Deno.writeTextFile(`${dir}/tracked.txt`, "b\n");
    await Deno.writeTextFile(`${dir}/new.txt`, "c\n");
    const r = await bash("tree_dirty", dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.split("\n").filter((l) => l !== "").sort(), [" M tracked.txt", "?? new.txt"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
