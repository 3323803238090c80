import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError, QueryError } from "../errors.ts";
import { Db, ident, literal } from "./db.ts";
import { decodeStrings, encodeStrings, getNumeric, makeFrame, toMatrix } from "./frame.ts";
import { type Column, isStringColumn, type StringColumn } from "./types.ts";

async function withDb(fn: (db: Db) => Promise<void>): Promise<void> {
  const db = await Db.open(":memory:");
  try {
    await fn(db);
  } finally {
    db.close();
  }
}

Deno.test("query maps each SQL type to its typed column", () =>
  withDb(async (db) => {
    const f = await db.query(`select 7::INTEGER i, 5::SMALLINT sm, 9007199254740993::BIGINT b, 1.5::DOUBLE d,
      1.25::FLOAT fl, true t, false fa, 'héllo' s, DATE '2024-01-02' dt,
      TIMESTAMP '2024-01-02 03:04:05.678' ts, 12.34::DECIMAL(10,2) dcm, 4000000000::UINTEGER u`);
    assert.ok(f.columns.i instanceof Int32Array);
    assert.deepEqual([...(f.columns.i as Int32Array)], [7]);
    assert.ok(f.columns.sm instanceof Int32Array);
    assert.ok(f.columns.b instanceof Float64Array);
    assert.equal((f.columns.b as Float64Array)[0], 9007199254740992); // nearest double
    assert.ok(f.columns.d instanceof Float64Array);
    assert.ok(f.columns.fl instanceof Float32Array);
    assert.equal((f.columns.fl as Float32Array)[0], 1.25);
    assert.deepEqual([...(f.columns.t as Int32Array)], [1]);
    assert.deepEqual([...(f.columns.fa as Int32Array)], [0]);
    assert.ok(f.columns.t instanceof Int32Array);
    const s = f.columns.s!;
    assert.ok(isStringColumn(s));
    assert.deepEqual(decodeStrings(s), ["héllo"]);
    assert.equal((f.columns.dt as Float64Array)[0], Date.UTC(2024, 0, 2));
    assert.equal((f.columns.ts as Float64Array)[0], Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    assert.equal((f.columns.dcm as Float64Array)[0], 12.34);
    assert.equal((f.columns.u as Float64Array)[0], 4000000000);
    assert.deepEqual(f.names, ["i", "sm", "b", "d", "fl", "t", "fa", "s", "dt", "ts", "dcm", "u"]);
  }));

Deno.test("NULLs become NaN, code -1, and widen Int32 columns to Float64", () =>
  withDb(async (db) => {
    const f = await db.query(`select * from (values
      (1::INTEGER, 1.0::DOUBLE, 'a', true, 2.0::FLOAT, DATE '2024-01-01', TIMESTAMP '2024-01-01 00:00:00'),
      (null, null, null, null, null, null, null)) t(i, d, s, b, fl, dt, ts)`);
    assert.ok(f.columns.i instanceof Float64Array, "Int32 with NULL is widened");
    assert.deepEqual([...(f.columns.i as Float64Array)], [1, NaN]);
    assert.deepEqual([...(f.columns.d as Float64Array)], [1, NaN]);
    assert.ok(f.columns.b instanceof Float64Array);
    assert.deepEqual([...(f.columns.b as Float64Array)], [1, NaN]);
    assert.deepEqual([...(f.columns.fl as Float32Array)], [2, NaN]);
    assert.deepEqual([...(f.columns.dt as Float64Array)], [Date.UTC(2024, 0, 1), NaN]);
    assert.deepEqual([...(f.columns.ts as Float64Array)], [Date.UTC(2024, 0, 1), NaN]);
    const s = f.columns.s!;
    assert.ok(isStringColumn(s));
    assert.deepEqual([...s.codes], [0, -1]);
    assert.deepEqual(s.dictionary, ["a"]);
    const allNull = await db.query("select null as x");
    assert.deepEqual([...(allNull.columns.x as Float64Array)], [NaN]);
  }));

Deno.test("results larger than one chunk (2048 rows) are read completely and in order", () =>
  withDb(async (db) => {
    const n = 5000;
    const f = await db.query(
      `select i::INTEGER i, i * 0.5 d, case when i % 7 = 0 then null else 'k' || (i % 13) end s,
      case when i % 5 = 0 then null else i end::INTEGER ni, 'a long string beyond twelve bytes ' || i long
      from range(${n}) t(i) order by i`,
    );
    assert.equal(f.nRows, n);
    const i = f.columns.i as Int32Array, d = f.columns.d as Float64Array, ni = f.columns.ni as Float64Array;
    const s = f.columns.s!, long = f.columns.long!;
    assert.ok(isStringColumn(s) && isStringColumn(long));
    const sv = decodeStrings(s), lv = decodeStrings(long);
    for (let k = 0; k < n; k++) {
      assert.equal(i[k], k);
      assert.equal(d[k], k * 0.5);
      assert.equal(sv[k], k % 7 === 0 ? null : `k${k % 13}`);
      assert.ok(k % 5 === 0 ? Number.isNaN(ni[k]!) : ni[k] === k);
      assert.equal(lv[k], `a long string beyond twelve bytes ${k}`);
    }
    assert.equal(s.dictionary.length, 13);
  }));

Deno.test("empty results keep their columns", () =>
  withDb(async (db) => {
    const f = await db.query("select 1::INTEGER a, 'x' s from range(0)");
    assert.equal(f.nRows, 0);
    assert.deepEqual(f.names, ["a", "s"]);
    assert.equal((f.columns.a as Int32Array).length, 0);
  }));

Deno.test("named parameters are bound", () =>
  withDb(async (db) => {
    const f = await db.query("select $a::INTEGER + 1 as y, $s as s", { a: 3, s: "it's" });
    assert.deepEqual([...(f.columns.y as Int32Array)], [4]);
    assert.deepEqual(decodeStrings(f.columns.s as never), ["it's"]);
  }));

Deno.test("bad SQL and missing tables raise QueryError with DuckDB's message and the SQL", () =>
  withDb(async (db) => {
    await assert.rejects(db.query("selec 1"), (e: unknown) => {
      assert.ok(e instanceof QueryError);
      assert.match(e.message, /syntax error/);
      assert.match(e.message, /selec 1/);
      assert.equal(e.status, 400);
      return true;
    });
    await assert.rejects(db.query("select * from no_such_table"), (e: unknown) => {
      assert.ok(e instanceof QueryError);
      assert.match(e.message, /no_such_table does not exist/);
      return true;
    });
    await assert.rejects(db.exec("insert into nowhere values (1)"), QueryError);
    await assert.rejects(db.rows("select * from nowhere"), QueryError);
    await assert.rejects(db.scalar("select 1 where false"), /no rows/);
  }));

Deno.test("duplicate result column names are refused instead of silently overwritten", () =>
  withDb(async (db) => {
    await assert.rejects(
      db.query("select 1 as a, 2 as a"),
      (e: unknown) => e instanceof InputError && /duplicate/.test(e.message),
    );
  }));

Deno.test("unsupported column types ask for a cast", () =>
  withDb(async (db) => {
    await assert.rejects(db.query("select [1, 2] as l"), (e: unknown) =>
      e instanceof InputError && /cast it/.test(e.message));
  }));

Deno.test("scalar, rows and hasTable", () =>
  withDb(async (db) => {
    assert.equal(await db.scalar("select 42"), 42);
    assert.ok(Number.isNaN(await db.scalar("select null")));
    assert.equal(await db.scalar("select count(*) from range(3)"), 3); // BIGINT
    assert.equal(await db.scalar("select 2.25::DECIMAL(10,2)"), 2.25);
    assert.equal(await db.scalar("select 1 < 2"), 1);
    assert.equal(await db.scalar("select DATE '2024-01-02'"), Date.UTC(2024, 0, 2));
    assert.equal(
      await db.scalar("select TIMESTAMP '2024-01-02 03:04:05.5'"),
      Date.UTC(2024, 0, 2, 3, 4, 5, 500),
    );
  }));

Deno.test("scalar refuses non-numeric values instead of returning NaN", () =>
  withDb(async (db) => {
    for (
      const [sql, pattern] of [
        ["select 'abc' as s", /column "s" is the string "abc".*cast it/],
        ["select '12' as s", /the string "12"/], // a VARCHAR stays a string: no guessing
        ["select [1, 2] as l", /column "l" is a list/],
        ["select 9007199254740993::BIGINT as b", /beyond ±2\^53/],
      ] as const
    ) {
      await assert.rejects(db.scalar(sql), (e: unknown) => {
        assert.ok(e instanceof QueryError, `${sql}: ${e}`);
        assert.match(e.message, pattern);
        return true;
      });
    }
    await db.exec("create table t as select 1 as x");
    assert.equal(await db.hasTable("t"), true);
    assert.equal(await db.hasTable("u"), false);
    assert.deepEqual(await db.rows("select x, 'a' as s from t"), [{ x: 1, s: "a" }]);
  }));

Deno.test("ident and literal quote safely", () =>
  withDb(async (db) => {
    await db.exec(`create table ${ident('we"ird')} as select ${literal("it's")} as ${ident("a b")}`);
    assert.deepEqual(await db.rows(`select * from ${ident('we"ird')}`), [{ "a b": "it's" }]);
  }));

Deno.test("writeFrame refuses frames without columns and can refuse to replace", () =>
  withDb(async (db) => {
    await assert.rejects(db.writeFrame("t", makeFrame({})), InputError);
    const f = makeFrame({ a: new Int32Array([1]) });
    await db.writeFrame("t", f);
    await assert.rejects(db.writeFrame("t", f, { replace: false }), QueryError);
    await db.writeFrame("t", makeFrame({ a: new Int32Array([5, 6]) }));
    assert.equal(await db.scalar("select sum(a) from t"), 11);
  }));

Deno.test("writeFrame writes NULLs for NaN and code -1 and maps column types", () =>
  withDb(async (db) => {
    await db.writeFrame(
      "t",
      makeFrame({
        d: new Float64Array([1.5, NaN]),
        f: new Float32Array([0.25, NaN]),
        i: new Int32Array([-3, 4]),
        s: encodeStrings(["x", null]),
      }),
    );
    const types = await db.rows(
      "select column_name, data_type from information_schema.columns where table_name = 't' order by ordinal_position",
    );
    assert.deepEqual(types.map((r) => r.data_type), ["DOUBLE", "DOUBLE", "INTEGER", "VARCHAR"]);
    assert.deepEqual(
      await db.rows("select count(*)::INTEGER n from t where d is null and f is null and s is null"),
      [{ n: 1 }],
    );
  }));

function sameColumn(a: Column, b: Column): boolean {
  if (isStringColumn(a) || isStringColumn(b)) {
    if (!isStringColumn(a) || !isStringColumn(b)) return false;
    return JSON.stringify(decodeStrings(a)) === JSON.stringify(decodeStrings(b));
  }
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

Deno.test("writeFrame → query round-trips exactly (property, crossing chunk boundaries)", async () => {
  const db = await Db.open(":memory:");
  try {
    // Doubles: any value; -0 is kept as -0 by DuckDB, NaN becomes NULL then NaN again.
    const double = fc.double();
    const str = fc.option(fc.string({ unit: "grapheme", maxLength: 20 }), { nil: null, freq: 5 });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2100 }).chain((n) =>
          fc.tuple(
            fc.array(double, { minLength: n, maxLength: n }),
            fc.array(fc.integer(), { minLength: n, maxLength: n }),
            fc.array(str, { minLength: n, maxLength: n }),
            fc.array(fc.float({ noNaN: false }), { minLength: n, maxLength: n }),
          )
        ),
        async ([ds, is, ss, fs]) => {
          const frame = makeFrame({
            "d": Float64Array.from(ds),
            "i'q": Int32Array.from(is),
            's"x': encodeStrings(ss),
            "f": Float32Array.from(fs),
          });
          await db.writeFrame("rt", frame);
          const back = await db.query(`select * from rt`);
          assert.equal(back.nRows, frame.nRows);
          assert.deepEqual(back.names, frame.names);
          assert.ok(sameColumn(back.columns.d!, frame.columns.d!), "doubles");
          assert.ok(sameColumn(back.columns["i'q"]!, frame.columns["i'q"]!), "ints");
          assert.ok(sameColumn(back.columns['s"x']!, frame.columns['s"x']!), "strings");
          // Float32 is written as DOUBLE: same values, widened type.
          assert.ok(
            sameColumn(back.columns.f!, Float64Array.from(frame.columns.f as Float32Array)),
            "floats",
          );
        },
      ),
      { numRuns: 25 },
    );
  } finally {
    db.close();
  }
});

Deno.test("errors raised while streaming later chunks are QueryErrors too", () =>
  withDb(async (db) => {
    await assert.rejects(
      db.query("select case when i < 4000 then '1' else 'x' end::INTEGER v from range(10000) t(i)"),
      (e: unknown) => e instanceof QueryError && /Conversion Error|convert/i.test(e.message),
    );
  }));

Deno.test("dictionary-encoding distinguishes strings that share prefixes, lengths and NUL-free bytes", () =>
  withDb(async (db) => {
    // Inline (≤ 12 bytes) and long strings, repeated across chunks, plus empty strings and multibyte text.
    const values = [
      "",
      "a",
      "ab",
      "abc",
      "abcdefghijkl",
      "abcdefghijkm",
      "abcdefghijklm",
      "abcdefghijkln",
      "é",
      "日本語",
      "a\\u0000",
    ];
    const rows = Array.from({ length: 6000 }, (_, i) => values[(i * 7) % values.length]!);
    await db.writeFrame("s", makeFrame({ i: Int32Array.from(rows.keys()), s: encodeStrings(rows) }));
    const f = await db.query("select s from s order by i");
    assert.deepEqual(decodeStrings(f.columns.s as never), rows);
    assert.equal((f.columns.s as StringColumn).dictionary.length, values.length);
  }));

Deno.test("a header-only CSV read through DuckDB: toMatrix and getNumeric say there are 0 rows", () =>
  withDb(async (db) => {
    const path = await Deno.makeTempFile({ suffix: ".csv" });
    try {
      await Deno.writeTextFile(path, "a,b,y\n");
      const f = await db.query(`select * from read_csv(${literal(path)})`);
      assert.equal(f.nRows, 0);
      assert.ok(isStringColumn(f.columns.a!), "DuckDB types the empty columns VARCHAR");
      const zeroRows = (e: unknown) => {
        assert.ok(e instanceof InputError, String(e));
        assert.match(e.message, /0 rows/);
        assert.doesNotMatch(e.message, /is a string column/);
        return true;
      };
      assert.throws(() => toMatrix(f, ["a", "b"]), zeroRows);
      assert.throws(() => getNumeric(f, "y"), zeroRows);
      // with rows, a string column is still reported as one
      await Deno.writeTextFile(path, "a,b,y\nx,1,2\n");
      const g = await db.query(`select * from read_csv(${literal(path)})`);
      assert.throws(() => toMatrix(g, ["a", "b"]), /is a string column/);
    } finally {
      await Deno.remove(path);
    }
  }));
