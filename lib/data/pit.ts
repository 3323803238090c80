/**
 * Point-in-time joins: for every left row (entity key + as-of time), the right-hand values from the
 * latest right row of the same key whose time is **at or before** the left time. This is DuckDB's
 * `ASOF LEFT JOIN … ON l.key = r.key AND l.time >= r.time`: a right row stamped exactly at the left
 * time IS visible (the event happened at or before the moment we predict at); a right row one tick
 * later is not. Nothing from the future can leak into a training row.
 *
 * - No right row at or before the left time → NULL values.
 * - `ttl`: when the latest right row is older than the ttl (`left.time - right.time > ttl`) the values
 *   are NULL; a row exactly `ttl` old is still used.
 * - The values come from that one latest row, even when some of them are NULL (no back-fill from older rows).
 * - When several right rows share a key and a time, DuckDB picks one of them; deduplicate upstream.
 * - The output keeps every left row, in the left relation's order, followed by the right columns.
 *
 * @example
 * ```ts
 * import { pointInTimeJoin } from "./pit.ts";
 * const sql = pointInTimeJoin({
 *   left: { table: "labels", keys: "driver_id", time: "event_time" },
 *   right: { table: "driver_stats", keys: "driver_id", time: "computed_at", columns: ["trips_7d"] },
 *   ttl: 7 * 86_400_000,
 * });
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { type Db, ident } from "./db.ts";
import { relationSql } from "./relation.ts";

/** The left side: one row per (entity, as-of time) to enrich. */
export interface PitLeft {
  /** Table, view or SELECT. */
  readonly table: string;
  /** Entity key column(s). */
  readonly keys: string | readonly string[];
  /** As-of time column (TIMESTAMP/DATE, or numbers such as epoch ms with `numericTime`). */
  readonly time: string;
}

/** A right column to bring over, optionally renamed. */
export type PitColumn = string | { readonly name: string; readonly as: string };

/** One right side: time-stamped values per entity. */
export interface PitRight {
  readonly table: string;
  /** Key column(s), aligned with the left keys (names may differ). */
  readonly keys: string | readonly string[];
  /** Event time column of the right rows. */
  readonly time: string;
  readonly columns: readonly PitColumn[];
  /** Overrides the spec's ttl for this right side. */
  readonly ttl?: Ttl;
  /** Left key column(s) matched by this side's keys, when they differ from `left.keys` (several entities). */
  readonly leftKeys?: string | readonly string[];
}

/** A time-to-live: milliseconds, or a DuckDB interval such as `"7 days"` or `"12 hours"`. */
export type Ttl = number | string;

/** A point-in-time join: one left side, one or several right sides. */
export interface PitJoinSpec {
  readonly left: PitLeft;
  readonly right: PitRight | readonly PitRight[];
  /** Default ttl for every right side; none = values never expire. */
  readonly ttl?: Ttl;
  /** Time columns hold plain numbers (e.g. epoch ms); ttl must then be a number in the same unit. */
  readonly numericTime?: boolean;
  /** Order of the right output columns (all of them); default: rights in order, columns in order. */
  readonly outputOrder?: readonly string[];
}

const INTERVAL = /^\s*\d+(\.\d+)?\s*(microsecond|millisecond|second|minute|hour|day|week|month|year)s?\s*$/i;

function asList(field: string, keys: string | readonly string[]): string[] {
  const list = typeof keys === "string" ? [keys] : [...keys];
  if (list.length === 0 || list.some((k) => k.trim() === "")) {
    throw new InputError(field, "must name at least one key column");
  }
  return list;
}

function ttlSql(ttl: Ttl, numericTime: boolean, field: string): string {
  if (typeof ttl === "number") {
    if (!Number.isFinite(ttl) || ttl < 0) {
      throw new InputError(field, `must be a finite number of milliseconds >= 0, got ${ttl}`);
    }
    return numericTime ? String(ttl) : `to_microseconds(${Math.round(ttl * 1000)}::BIGINT)`;
  }
  if (numericTime) throw new InputError(field, "must be a number when numericTime is set");
  if (!INTERVAL.test(ttl)) {
    throw new InputError(field, `must be milliseconds or an interval like "7 days", got "${ttl}"`);
  }
  return `INTERVAL '${ttl.trim()}'`;
}

/** Output name of a right column. */
function outName(c: PitColumn): string {
  return typeof c === "string" ? c : c.as;
}

/**
 * Builds the point-in-time SELECT. Left columns come first (all of them), then each right side's
 * columns (renamed with `{ name, as }` where names collide). Rows keep the left relation's order.
 */
export function pointInTimeJoin(spec: PitJoinSpec): string {
  const leftKeys = asList("left.keys", spec.left.keys);
  if (!spec.left.time) throw new InputError("left.time", "must name the as-of time column");
  const rights = Array.isArray(spec.right) ? spec.right as readonly PitRight[] : [spec.right as PitRight];
  if (rights.length === 0) throw new InputError("right", "must have at least one right side");
  const numeric = spec.numericTime ?? false;
  const seen = new Set<string>();
  const selects: { name: string; sql: string }[] = [];
  const joins: string[] = [];
  rights.forEach((r, j) => {
    const field = rights.length === 1 ? "right" : `right[${j}]`;
    const rightKeys = asList(`${field}.keys`, r.keys);
    const lKeys = r.leftKeys === undefined ? leftKeys : asList(`${field}.leftKeys`, r.leftKeys);
    if (rightKeys.length !== lKeys.length) {
      throw new InputError(`${field}.keys`, `has ${rightKeys.length} key(s) but left has ${lKeys.length}`);
    }
    if (!r.time) throw new InputError(`${field}.time`, "must name the event time column");
    if (r.columns.length === 0) throw new InputError(`${field}.columns`, "must name at least one column");
    const alias = `__pit_r${j}`;
    const inner: string[] = rightKeys.map((k, i) => `${ident(k)} as __pit_k${i}`);
    inner.push(`${ident(r.time)} as __pit_time`);
    r.columns.forEach((c, i) => {
      const name = typeof c === "string" ? c : c.name;
      const out = outName(c);
      if (!name || !out) throw new InputError(`${field}.columns`, "column names must not be empty");
      if (seen.has(out)) {
        throw new InputError(
          `${field}.columns`,
          `output column "${out}" appears twice; rename it with { name, as }`,
        );
      }
      seen.add(out);
      inner.push(`${ident(name)} as __pit_c${i}`);
    });
    const ttl = r.ttl ?? spec.ttl;
    const expired = ttl === undefined
      ? null
      : `l.${ident(spec.left.time)} - ${alias}.__pit_time > ${ttlSql(ttl, numeric, `${field}.ttl`)}`;
    r.columns.forEach((c, i) => {
      const v = `${alias}.__pit_c${i}`;
      const sql = expired === null
        ? `${v} as ${ident(outName(c))}`
        : `case when ${expired} then null else ${v} end as ${ident(outName(c))}`;
      selects.push({ name: outName(c), sql });
    });
    const on = lKeys.map((k, i) => `l.${ident(k)} = ${alias}.__pit_k${i}`);
    on.push(`l.${ident(spec.left.time)} >= ${alias}.__pit_time`);
    joins.push(
      `asof left join (select ${inner.join(", ")} from ${relationSql(r.table)}) ${alias} on ${
        on.join(" and ")
      }`,
    );
  });
  if (spec.outputOrder !== undefined) {
    const order = spec.outputOrder;
    if (order.length !== selects.length || selects.some((c) => !order.includes(c.name))) {
      throw new InputError(
        "outputOrder",
        `must list exactly the right output columns: ${selects.map((c) => c.name).join(", ")}`,
      );
    }
    selects.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  }
  return [
    `with __pit_left as (select *, row_number() over () as __pit_row from ${relationSql(spec.left.table)})`,
    `select l.* exclude (__pit_row), ${selects.map((c) => c.sql).join(", ")}`,
    `from __pit_left l`,
    ...joins,
    `order by l.__pit_row`,
  ].join("\n");
}

/** Runs {@link pointInTimeJoin} into a (replaced) table and returns its row count. */
export async function pointInTimeJoinInto(db: Db, spec: PitJoinSpec, table: string): Promise<number> {
  await db.exec(`create or replace table ${ident(table)} as ${pointInTimeJoin(spec)}`);
  return await db.scalar(`select count(*) from ${ident(table)}`);
}
