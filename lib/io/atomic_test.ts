import assert from "node:assert/strict";
import { withAtomicPath, writeJsonAtomic, writeTextAtomic } from "./atomic.ts";

Deno.test("writeTextAtomic writes the file, creates folders and leaves no temp files", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/a/b/c.txt`;
  await writeTextAtomic(path, "hello");
  await writeTextAtomic(path, "world");
  assert.equal(await Deno.readTextFile(path), "world");
  const names = [...Deno.readDirSync(`${dir}/a/b`)].map((e) => e.name);
  assert.deepEqual(names, ["c.txt"]);
});

Deno.test("a failed write keeps the previous version and removes the temp file", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/x.json`;
  await writeJsonAtomic(path, { v: 1 });
  await assert.rejects(
    withAtomicPath(path, async (tmp) => {
      await Deno.writeTextFile(tmp, "partial");
      throw new Error("boom");
    }),
    /boom/,
  );
  assert.deepEqual(JSON.parse(await Deno.readTextFile(path)), { v: 1 });
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["x.json"]);
});
