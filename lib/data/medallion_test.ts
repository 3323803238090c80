import assert from "node:assert/strict";
import { InputError, NotFoundError } from "../errors.ts";
import { Db } from "./db.ts";
import {
  canonicalType,
  checkSchema,
  dataDictionary,
  layerPath,
  layerViewName,
  readLayer,
  registerLayer,
  type TableSchema,
  validateSchema,
  writeLayer,
} from "./medallion.ts";

const trips: TableSchema = {
  name: "trips",
  layer: "silver",
  domain: "rides",
  primaryKey: ["trip_id"],
  description: "completed trips",
  columns: [
    { name: "trip_id", type: "BIGINT", nullable: false, description: "trip key" },
    { name: "driver_id", type: "INT", nullable: false, description: "driver key" },
    { name: "fare", type: "DECIMAL(10,2)", description: "fare in EUR" },
    { name: "city", type: "TEXT", description: "city name" },
    { name: "ended_at", type: "TIMESTAMP", description: "trip end (UTC)" },
  ],
};

const SOURCE = `select * from (values
  (1, 10, 12.5, 'paris', '2024-01-01 10:00:00'),
  (2, 11, null, 'rome', '2024-01-01 11:00:00')) t(trip_id, driver_id, fare, city, ended_at)`;

Deno.test("layerPath and view names follow <root>/<layer>/<domain>/<table>.parquet and <layer>_<domain>_<table>", () => {
  assert.equal(layerPath("data", "bronze", "rides", "events"), "data/bronze/rides/events.parquet");
  assert.equal(layerPath("/tmp/x/", "gold", "offers", "features"), "/tmp/x/gold/offers/features.parquet");
  assert.equal(layerViewName(trips), "silver_rides_trips");
  assert.throws(() => layerPath("data", "platinum" as never, "rides", "x"), /bronze, silver, gold/);
  assert.throws(
    () => layerPath("data", "gold", "Rides", "x"),
    (e: unknown) => e instanceof InputError && e.field === "domain",
  );
  assert.throws(
    () => layerPath("data", "gold", "rides", "../x"),
    (e: unknown) => e instanceof InputError && e.field === "table",
  );
});

Deno.test("validateSchema catches duplicate columns and undeclared keys", () => {
  assert.throws(
    () => validateSchema({ ...trips, columns: [...trips.columns, trips.columns[0]!] }),
    /declared twice/,
  );
  assert.throws(() => validateSchema({ ...trips, primaryKey: ["nope"] }), /"nope" is not declared/);
  assert.throws(() => validateSchema({ ...trips, columns: [] }), /at least one column/);
});

Deno.test("canonicalType resolves aliases and rejects unknown types", async () => {
  const db = await Db.open(":memory:");
  try {
    assert.equal(await canonicalType(db, "INT"), "INTEGER");
    assert.equal(await canonicalType(db, "text"), "VARCHAR");
    assert.equal(await canonicalType(db, "decimal(10, 2)"), "DECIMAL(10,2)");
    await assert.rejects(canonicalType(db, "NOTATYPE"), InputError);
  } finally {
    db.close();
  }
});

Deno.test("checkSchema names missing, extra and mistyped columns, NULLs in required columns and duplicate keys", async () => {
  const db = await Db.open(":memory:");
  try {
    await db.exec(`create table t as select * from (values
      (1, 10::INTEGER, 'x', 1.0::DOUBLE), (1, null, 'y', 2.0), (2, 12, 'z', 3.0)) v(trip_id, driver_id, extra_col, fare)`);
    const check = await checkSchema(db, "t", trips);
    assert.equal(check.ok, false);
    assert.deepEqual(check.missing, ["city", "ended_at"]);
    assert.deepEqual(check.extra, ["extra_col"]);
    assert.deepEqual(check.mistyped, [
      { name: "trip_id", expected: "BIGINT", actual: "INTEGER" },
      { name: "fare", expected: "DECIMAL(10,2)", actual: "DOUBLE" },
    ]);
    assert.deepEqual(check.nulls, [{ name: "driver_id", count: 1 }]);
    assert.equal(check.duplicateKeys, 1);
    assert.equal(check.problems.length, 7);
    assert.ok(check.problems.includes('missing column "city"'));
  } finally {
    db.close();
  }
});

Deno.test("writeLayer casts, checks, writes Parquet and registers <layer>_<domain>_<table>", async () => {
  const db = await Db.open(":memory:");
  const root = await Deno.makeTempDir();
  try {
    const out = await writeLayer(db, trips, SOURCE, root);
    assert.deepEqual(out, {
      path: `${root}/silver/rides/trips.parquet`,
      view: "silver_rides_trips",
      rows: 2,
    });
    const check = await checkSchema(db, "silver_rides_trips", trips);
    assert.deepEqual(check.problems, []);
    assert.deepEqual(
      await db.rows(
        "select trip_id::INTEGER id, fare::DOUBLE fare, city from silver_rides_trips order by trip_id",
      ),
      [
        { id: 1, fare: 12.5, city: "paris" },
        { id: 2, fare: null, city: "rome" },
      ],
    );
    const f = await readLayer(db, trips, root);
    assert.equal(f.nRows, 2);
    assert.equal((f.columns.ended_at as Float64Array)[0], Date.UTC(2024, 0, 1, 10));
    assert.equal(await db.hasTable("__stage_silver_rides_trips"), false, "staging table dropped");

    // A fresh session re-registers the view from the file.
    const db2 = await Db.open(":memory:");
    try {
      assert.equal(await registerLayer(db2, trips, root), "silver_rides_trips");
      assert.equal(await db2.scalar("select count(*) from silver_rides_trips"), 2);
    } finally {
      db2.close();
    }
  } finally {
    db.close();
  }
});

Deno.test("writeLayer refuses bad sources and writes nothing", async () => {
  const db = await Db.open(":memory:");
  const root = await Deno.makeTempDir();
  try {
    await assert.rejects(
      writeLayer(db, trips, "select 1 as trip_id", root),
      /missing column\(s\) driver_id, fare, city, ended_at/,
    );
    await assert.rejects(
      writeLayer(db, trips, `select *, 1 as junk from (${SOURCE})`, root),
      /undeclared column\(s\) junk/,
    );
    await assert.rejects(
      writeLayer(db, trips, `select * from (${SOURCE}) union all select * from (${SOURCE})`, root),
      /primary key \(trip_id\) has 2 duplicated/,
    );
    await assert.rejects(
      writeLayer(db, trips, `select trip_id, null as driver_id, fare, city, ended_at from (${SOURCE})`, root),
      /"driver_id" has 2 NULL/,
    );
    await assert.rejects(
      writeLayer(
        db,
        { ...trips, columns: [{ name: "trip_id", type: "WAT", description: "" }], primaryKey: [] },
        SOURCE,
        root,
        { dropExtra: true },
      ),
      /not a DuckDB type/,
    );
    assert.deepEqual([...Deno.readDirSync(root)], [], "nothing written");
    await assert.rejects(
      readLayer(db, trips, root),
      (e: unknown) => e instanceof NotFoundError && /silver_rides_trips/.test(e.message),
    );
    // dropExtra keeps only the declared columns.
    const out = await writeLayer(db, trips, `select *, 1 as junk from (${SOURCE})`, root, {
      dropExtra: true,
    });
    assert.equal(out.rows, 2);
    assert.deepEqual((await readLayer(db, trips, root)).names, [
      "trip_id",
      "driver_id",
      "fare",
      "city",
      "ended_at",
    ]);
  } finally {
    db.close();
  }
});

Deno.test("dataDictionary renders one row per column", () => {
  const md = dataDictionary([trips]);
  assert.match(md, /\| silver_rides_trips \| trip_id \(key\) \| BIGINT \| no \| trip key \|/);
  assert.equal(md.split("\n").length, 2 + trips.columns.length);
});
