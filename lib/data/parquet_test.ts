import assert from "node:assert/strict";
import { InputError, NotFoundError } from "../errors.ts";
import { Db } from "./db.ts";
import { decodeStrings, encodeStrings, makeFrame } from "./frame.ts";
import { readParquet, registerParquet, writeParquet } from "./parquet.ts";
import { isQuery, relationSql } from "./relation.ts";

Deno.test("isQuery / relationSql tell queries from table names", () => {
  assert.equal(isQuery("select 1"), true);
  assert.equal(isQuery("  WITH a AS (select 1) select * from a"), true);
  assert.equal(isQuery("from t"), true);
  assert.equal(isQuery("selections"), false);
  assert.equal(relationSql("trips"), '"trips"');
  assert.equal(relationSql("main.trips"), '"main"."trips"');
  assert.equal(relationSql("select 1"), "(select 1)");
  assert.throws(() => relationSql(" "), InputError);
});

Deno.test("writeParquet → readParquet round-trips a table with zstd, atomically, creating folders", async () => {
  const db = await Db.open(":memory:");
  const dir = await Deno.makeTempDir();
  try {
    await db.writeFrame(
      "t",
      makeFrame({
        x: new Float64Array([1.5, NaN, -0]),
        s: encodeStrings(["a", null, "ü"]),
        i: new Int32Array([1, 2, 3]),
      }),
    );
    const path = `${dir}/a/b/t.parquet`;
    assert.equal(await writeParquet(db, "t", path), 3);
    assert.deepEqual(
      [...Deno.readDirSync(`${dir}/a/b`)].map((e) => e.name),
      ["t.parquet"],
      "no temp file left",
    );
    const meta = await db.rows(`select distinct compression from parquet_metadata('${path}')`);
    assert.deepEqual(meta.map((r) => r.compression), ["ZSTD"]);
    const f = await readParquet(db, path);
    assert.deepEqual(f.names, ["x", "s", "i"]);
    assert.deepEqual([...(f.columns.x as Float64Array)].map((v) => Object.is(v, -0) ? "-0" : v), [
      1.5,
      NaN,
      "-0",
    ]);
    assert.deepEqual(decodeStrings(f.columns.s as never), ["a", null, "ü"]);
    assert.ok(f.columns.i instanceof Int32Array);

    // A query as the source, overwriting the file.
    assert.equal(await writeParquet(db, "select i * 10 as j from t where i > 1", path), 2);
    const g = await readParquet(db, path);
    assert.deepEqual([...(g.columns.j as Int32Array)], [20, 30]);
  } finally {
    db.close();
  }
});

Deno.test("a failing COPY leaves the previous file intact and no temp file", async () => {
  const db = await Db.open(":memory:");
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/t.parquet`;
    await writeParquet(db, "select 1 as x", path);
    await assert.rejects(writeParquet(db, "select * from missing_table", path), /missing_table/);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["t.parquet"]);
    assert.equal((await readParquet(db, path)).nRows, 1);
    await assert.rejects(writeParquet(db, "select 1", `${dir}/t.csv`), InputError);
  } finally {
    db.close();
  }
});

Deno.test("registerParquet creates a view that sees atomic rewrites; missing files are NotFoundError", async () => {
  const db = await Db.open(":memory:");
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/v.parquet`;
    await writeParquet(db, "select 1 as x", path);
    await registerParquet(db, "v", path);
    assert.equal(await db.scalar("select sum(x) from v"), 1);
    await writeParquet(db, "select * from range(1, 5) t(x)", path);
    assert.equal(await db.scalar("select sum(x) from v"), 10);
    await assert.rejects(
      readParquet(db, `${dir}/nope.parquet`),
      (e: unknown) => e instanceof NotFoundError && e.message.includes(`${dir}/nope.parquet`),
    );
    await assert.rejects(registerParquet(db, "w", `${dir}/nope.parquet`), NotFoundError);
    await assert.rejects(readParquet(db, dir), NotFoundError);
  } finally {
    db.close();
  }
});
