import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { Db } from "./db.ts";
import { decodeStrings, makeFrame } from "./frame.ts";
import { pointInTimeJoin, pointInTimeJoinInto } from "./pit.ts";

const DAY = 86_400_000;

Deno.test("hand case: a future row exists and is not picked; equal timestamps are visible; ttl expires", async () => {
  const db = await Db.open(":memory:");
  try {
    await db.exec(`
      create table labels as select * from (values
        (1, TIMESTAMP '2024-01-10 12:00:00', 'a'),
        (1, TIMESTAMP '2024-01-05 00:00:00', 'b'),
        (2, TIMESTAMP '2024-01-10 00:00:00', 'c'),
        (3, TIMESTAMP '2024-01-10 00:00:00', 'd'),
        (1, TIMESTAMP '2024-01-01 00:00:00', 'e')) t(driver_id, event_time, tag);
      create table stats as select * from (values
        (1, TIMESTAMP '2024-01-04 00:00:00', 10.0),
        (1, TIMESTAMP '2024-01-10 12:00:00', 20.0),   -- exactly at label a's time: visible
        (1, TIMESTAMP '2024-01-10 12:00:01', 999.0),  -- one second in the future of a: must not leak
        (2, TIMESTAMP '2024-01-01 00:00:00', 30.0)    -- 9 days before label c
      ) t(driver_id, computed_at, trips_7d);`);
    const spec = {
      left: { table: "labels", keys: "driver_id", time: "event_time" },
      right: { table: "stats", keys: "driver_id", time: "computed_at", columns: ["trips_7d"] },
    };
    const f = await db.query(pointInTimeJoin(spec));
    assert.deepEqual(f.names, ["driver_id", "event_time", "tag", "trips_7d"]);
    assert.deepEqual(decodeStrings(f.columns.tag as never), ["a", "b", "c", "d", "e"], "left order kept");
    assert.deepEqual([...(f.columns.trips_7d as Float64Array)], [20, 10, 30, NaN, NaN]);

    // With a 7-day ttl, driver 2's 9-day-old value expires; driver 1's 1-day-old one (label b) does not.
    const g = await db.query(pointInTimeJoin({ ...spec, ttl: 7 * DAY }));
    assert.deepEqual([...(g.columns.trips_7d as Float64Array)], [20, 10, NaN, NaN, NaN]);
    const h = await db.query(pointInTimeJoin({ ...spec, ttl: "9 days" }));
    assert.deepEqual(
      [...(h.columns.trips_7d as Float64Array)],
      [20, 10, 30, NaN, NaN],
      "exactly ttl old is kept",
    );
    const n = await pointInTimeJoinInto(db, spec, "joined");
    assert.equal(n, 5);
    assert.equal(await db.scalar("select max(trips_7d) from joined"), 30, "the future 999 never appears");
  } finally {
    db.close();
  }
});

Deno.test("several right sides, composite keys and renamed columns", async () => {
  const db = await Db.open(":memory:");
  try {
    await db.exec(`
      create table l as select * from (values (1, 'x', 100), (1, 'y', 100), (2, 'x', 50)) t(a, b, ts);
      create table r1 as select * from (values (1, 'x', 90, 1.0), (1, 'y', 95, 2.0), (1, 'x', 101, 3.0)) t(ka, kb, t, v);
      create table r2 as select * from (values (1, 'x', 10, 7.0), (2, 'x', 49, 8.0)) t(ka, kb, t, v);`);
    const f = await db.query(pointInTimeJoin({
      left: { table: "l", keys: ["a", "b"], time: "ts" },
      right: [
        { table: "r1", keys: ["ka", "kb"], time: "t", columns: [{ name: "v", as: "v1" }] },
        {
          table: "select * from r2",
          keys: ["ka", "kb"],
          time: "t",
          columns: [{ name: "v", as: "v2" }],
          ttl: 20,
        },
      ],
      numericTime: true,
      outputOrder: ["v2", "v1"],
    }));
    assert.deepEqual(f.names, ["a", "b", "ts", "v2", "v1"]);
    assert.deepEqual([...(f.columns.v1 as Float64Array)], [1, 2, NaN]);
    assert.deepEqual([...(f.columns.v2 as Float64Array)], [NaN, NaN, 8], "90 units old > ttl 20");
    // A right side keyed on another left column (a second entity).
    const g = await db.query(pointInTimeJoin({
      left: { table: "l", keys: "a", time: "ts" },
      right: {
        table: "select 'x' as id, 0 as t, 5 as w",
        keys: "id",
        leftKeys: "b",
        time: "t",
        columns: ["w"],
      },
      numericTime: true,
    }));
    assert.deepEqual([...(g.columns.w as Float64Array)], [5, NaN, 5]);
    assert.throws(
      () =>
        pointInTimeJoin({
          left: { table: "l", keys: "a", time: "ts" },
          right: { table: "r", keys: "k", time: "t", columns: ["v"] },
          outputOrder: ["x"],
        }),
      /outputOrder/,
    );
  } finally {
    db.close();
  }
});

Deno.test("bad specs are InputErrors naming the field", () => {
  const left = { table: "l", keys: "k", time: "t" };
  const right = { table: "r", keys: "k", time: "t", columns: ["v"] };
  assert.throws(
    () => pointInTimeJoin({ left: { ...left, keys: [] }, right }),
    (e: unknown) => e instanceof InputError && e.field === "left.keys",
  );
  assert.throws(
    () => pointInTimeJoin({ left, right: { ...right, keys: ["a", "b"] } }),
    /has 2 key\(s\) but left has 1/,
  );
  assert.throws(
    () => pointInTimeJoin({ left, right: { ...right, columns: [] } }),
    (e: unknown) => e instanceof InputError && e.field === "right.columns",
  );
  assert.throws(() => pointInTimeJoin({ left, right: [right, right] }), /appears twice/);
  assert.throws(
    () => pointInTimeJoin({ left, right, ttl: -1 }),
    (e: unknown) => e instanceof InputError && e.field === "right.ttl",
  );
  assert.throws(() => pointInTimeJoin({ left, right, ttl: "1 day; drop table x" }), /interval like/);
  assert.throws(() => pointInTimeJoin({ left, right, ttl: "1 day", numericTime: true }), /must be a number/);
  assert.throws(() => pointInTimeJoin({ left, right: [] }), /at least one right side/);
});

/** Brute force: the latest right row with the same key and time <= t; NaN when none or older than ttl. */
function bruteForce(
  left: { k: number; t: number }[],
  right: { k: number; t: number; v: number }[],
  ttl: number | undefined,
): number[] {
  return left.map(({ k, t }) => {
    let best: { t: number; v: number } | undefined;
    for (const r of right) if (r.k === k && r.t <= t && (!best || r.t > best.t)) best = r;
    if (!best || (ttl !== undefined && t - best.t > ttl)) return NaN;
    return best.v;
  });
}

Deno.test("property: ASOF join equals a brute-force as-of lookup (no future rows, ttl, ties at equal time)", async () => {
  const db = await Db.open(":memory:");
  try {
    const leftRow = fc.record({ k: fc.integer({ min: 0, max: 3 }), t: fc.integer({ min: 0, max: 60 }) });
    const rightRow = fc.record({
      k: fc.integer({ min: 0, max: 3 }),
      t: fc.integer({ min: 0, max: 60 }),
      v: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(NaN)),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(leftRow, { maxLength: 30 }),
        fc.uniqueArray(rightRow, { maxLength: 30, selector: (r) => `${r.k}:${r.t}` }),
        fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        fc.boolean(),
        async (left, right, ttlSeconds, numericTime) => {
          await db.writeFrame(
            "l_raw",
            makeFrame({ k: Int32Array.from(left, (r) => r.k), t: Float64Array.from(left, (r) => r.t) }),
          );
          await db.writeFrame(
            "r_raw",
            makeFrame({
              k: Int32Array.from(right, (r) => r.k),
              t: Float64Array.from(right, (r) => r.t),
              v: Float64Array.from(right, (r) => r.v),
            }),
          );
          // Times are seconds; as TIMESTAMPs they exercise the interval ttl, as numbers the numeric one.
          const toTime = numericTime ? "t" : "epoch_ms((t * 1000)::BIGINT)";
          await db.exec(`create or replace view l as select k, ${toTime} as t from l_raw;
            create or replace view r as select k, ${toTime} as t, v from r_raw;`);
          const ttl = ttlSeconds === undefined ? undefined : numericTime ? ttlSeconds : ttlSeconds * 1000;
          const f = await db.query(pointInTimeJoin({
            left: { table: "l", keys: "k", time: "t" },
            right: { table: "r", keys: "k", time: "t", columns: [{ name: "v", as: "value" }] },
            ttl,
            numericTime,
          }));
          const expected = bruteForce(left, right, ttlSeconds);
          assert.equal(f.nRows, left.length);
          assert.deepEqual([...(f.columns.k as Int32Array)], left.map((r) => r.k), "left rows kept in order");
          assert.deepEqual([...(f.columns.value as Float64Array)], expected);
        },
      ),
      { numRuns: 60 },
    );
  } finally {
    db.close();
  }
});
