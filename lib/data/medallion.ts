/**
 * Medallion layers: bronze (raw events as simulated or ingested), silver (cleaned, typed, joined) and gold
 * (model-ready tables and features), stored as Parquet under a root folder (default `data/`):
 *
 * ```
 * <root>/<layer>/<domain>/<table>.parquet      e.g. data/silver/rides/trips.parquet
 * ```
 *
 * Each table is declared with a {@link TableSchema} (column names, DuckDB SQL types, nullability, docs,
 * optional primary key). {@link writeLayer} casts the source to the declared types, checks it, writes the
 * Parquet file atomically and registers a DuckDB view named `<layer>_<domain>_<table>`
 * (e.g. `silver_rides_trips`) over the file, so later SQL reads the layer by name.
 *
 * @example
 * ```ts
 * import { Db } from "./db.ts";
 * import { type TableSchema, writeLayer } from "./medallion.ts";
 * const db = await Db.open(":memory:");
 * const schema: TableSchema = {
 *   name: "drivers", layer: "silver", domain: "rides", primaryKey: ["driver_id"],
 *   columns: [{ name: "driver_id", type: "INTEGER", nullable: false, description: "driver key" }],
 * };
 * const out = await writeLayer(db, schema, "select 1 as driver_id", await Deno.makeTempDir());
 * out.view; // "silver_rides_drivers"
 * db.close();
 * ```
 * @module
 */
import { InputError, NotFoundError } from "../errors.ts";
import { type Db, ident } from "./db.ts";
import { readParquet, registerParquet, writeParquet } from "./parquet.ts";
import { relationSql } from "./relation.ts";
import type { Frame } from "./types.ts";

/** The three layers, from raw to model-ready. */
export const LAYERS = ["bronze", "silver", "gold"] as const;
/** One medallion layer. */
export type Layer = typeof LAYERS[number];

/** Default root folder of the Parquet layers. */
export const DEFAULT_DATA_ROOT = "data";

/** One declared column. */
export interface ColumnSchema {
  /** snake_case column name. */
  readonly name: string;
  /** A DuckDB SQL type: `INTEGER`, `DOUBLE`, `VARCHAR`, `TIMESTAMP`, `DECIMAL(10,2)`… (aliases accepted). */
  readonly type: string;
  /** False forbids NULLs (checked on write). Default true. */
  readonly nullable?: boolean;
  /** What the column means, with its unit. */
  readonly description: string;
}

/** A declared table of one layer and domain. */
export interface TableSchema {
  /** snake_case table name, unique within its layer and domain. */
  readonly name: string;
  readonly layer: Layer;
  /** The domain folder (e.g. `rides`, `offers`). */
  readonly domain: string;
  readonly columns: readonly ColumnSchema[];
  /** Columns that together identify a row (checked for duplicates and NULLs on write). */
  readonly primaryKey?: readonly string[];
  readonly description?: string;
}

const NAME = /^[a-z][a-z0-9_]*$/;

function requireName(field: string, value: string): void {
  if (!NAME.test(value)) throw new InputError(field, `must be snake_case ([a-z][a-z0-9_]*), got "${value}"`);
}

/** Path of a layer table's Parquet file: `<root>/<layer>/<domain>/<table>.parquet`. */
export function layerPath(root: string, layer: Layer, domain: string, table: string): string {
  if (!(LAYERS as readonly string[]).includes(layer)) {
    throw new InputError("layer", `must be one of ${LAYERS.join(", ")}, got "${layer}"`);
  }
  requireName("domain", domain);
  requireName("table", table);
  return `${root.replace(/\/+$/, "") || "."}/${layer}/${domain}/${table}.parquet`;
}

/** Name of the DuckDB view registered over a layer table: `<layer>_<domain>_<table>`. */
export function layerViewName(schema: Pick<TableSchema, "layer" | "domain" | "name">): string {
  return `${schema.layer}_${schema.domain}_${schema.name}`;
}

/** Checks a schema declaration itself: names, duplicate columns, primary key columns. Types are checked by DuckDB. */
export function validateSchema(schema: TableSchema): void {
  requireName("schema.name", schema.name);
  requireName("schema.domain", schema.domain);
  if (!(LAYERS as readonly string[]).includes(schema.layer)) {
    throw new InputError("schema.layer", `must be one of ${LAYERS.join(", ")}, got "${schema.layer}"`);
  }
  if (schema.columns.length === 0) throw new InputError("schema.columns", "must declare at least one column");
  const seen = new Set<string>();
  for (const c of schema.columns) {
    requireName("schema.columns.name", c.name);
    if (seen.has(c.name)) throw new InputError("schema.columns", `column "${c.name}" is declared twice`);
    seen.add(c.name);
    if (!c.type || /[;]/.test(c.type)) {
      throw new InputError(`schema.columns.${c.name}.type`, `is not a SQL type: "${c.type}"`);
    }
  }
  for (const k of schema.primaryKey ?? []) {
    if (!seen.has(k)) throw new InputError("schema.primaryKey", `column "${k}" is not declared`);
  }
}

/** A column whose actual type differs from the declared one. */
export interface TypeMismatch {
  readonly name: string;
  readonly expected: string;
  readonly actual: string;
}

/** What {@link checkSchema} found. `ok` is true when `problems` is empty. */
export interface SchemaCheck {
  readonly ok: boolean;
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  readonly mistyped: readonly TypeMismatch[];
  /** Non-nullable (or primary key) columns holding NULLs, with the count. */
  readonly nulls: readonly { name: string; count: number }[];
  /** Number of primary-key values that occur more than once. */
  readonly duplicateKeys: number;
  /** One readable line per problem. */
  readonly problems: readonly string[];
}

/** DuckDB's canonical spelling of a type (`INT` → `INTEGER`, `TEXT` → `VARCHAR`); InputError when unknown. */
export async function canonicalType(db: Db, type: string, field = "type"): Promise<string> {
  try {
    const rows = await db.rows(`select typeof(cast(null as ${type})) as t`);
    return String(rows[0]!.t);
  } catch (e) {
    throw new InputError(field, `"${type}" is not a DuckDB type (${(e as Error).message.split("\n")[0]})`);
  }
}

/** Column names and canonical types of a table, view or query, in order. */
export async function describeRelation(
  db: Db,
  tableOrSql: string,
): Promise<{ name: string; type: string }[]> {
  const rows = await db.rows(`describe select * from ${relationSql(tableOrSql)}`);
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/**
 * Compares a table (or view, or query) against its declared schema: missing, extra and mistyped columns,
 * NULLs in non-nullable or key columns, and duplicate primary keys. Column order is not checked.
 */
export async function checkSchema(db: Db, table: string, schema: TableSchema): Promise<SchemaCheck> {
  validateSchema(schema);
  const actual = await describeRelation(db, table);
  const actualType = new Map(actual.map((c) => [c.name, c.type]));
  const declared = new Set(schema.columns.map((c) => c.name));
  const missing = schema.columns.filter((c) => !actualType.has(c.name)).map((c) => c.name);
  const extra = actual.filter((c) => !declared.has(c.name)).map((c) => c.name);
  const mistyped: TypeMismatch[] = [];
  for (const c of schema.columns) {
    const got = actualType.get(c.name);
    if (got === undefined) continue;
    const expected = await canonicalType(db, c.type, `schema.columns.${c.name}.type`);
    if (expected !== got) mistyped.push({ name: c.name, expected, actual: got });
  }
  const key = schema.primaryKey ?? [];
  const mustBeSet = schema.columns.filter((c) =>
    actualType.has(c.name) && (c.nullable === false || key.includes(c.name))
  );
  const nulls: { name: string; count: number }[] = [];
  const rel = relationSql(table);
  if (mustBeSet.length > 0) {
    const counts = await db.rows(
      `select ${
        mustBeSet.map((c, i) => `count(*) filter (where ${ident(c.name)} is null)::BIGINT as c${i}`).join(
          ", ",
        )
      } from ${rel}`,
    );
    mustBeSet.forEach((c, i) => {
      const n = Number(counts[0]![`c${i}`]);
      if (n > 0) nulls.push({ name: c.name, count: n });
    });
  }
  let duplicateKeys = 0;
  if (key.length > 0 && key.every((k) => actualType.has(k))) {
    const cols = key.map(ident).join(", ");
    duplicateKeys = await db.scalar(
      `select count(*) from (select ${cols} from ${rel} group by ${cols} having count(*) > 1)`,
    );
  }
  const problems = [
    ...missing.map((n) => `missing column "${n}"`),
    ...extra.map((n) => `extra column "${n}" (not declared)`),
    ...mistyped.map((m) => `column "${m.name}" is ${m.actual}, declared ${m.expected}`),
    ...nulls.map((n) => `column "${n.name}" has ${n.count} NULL(s) but is not nullable`),
    ...(duplicateKeys > 0
      ? [`primary key (${key.join(", ")}) has ${duplicateKeys} duplicated value(s)`]
      : []),
  ];
  return { ok: problems.length === 0, missing, extra, mistyped, nulls, duplicateKeys, problems };
}

/** Options for {@link writeLayer}. */
export interface WriteLayerOptions {
  /** Drop source columns that the schema does not declare instead of failing. Default false. */
  dropExtra?: boolean;
}

/** Where {@link writeLayer} put the table. */
export interface LayerOutput {
  readonly path: string;
  readonly view: string;
  readonly rows: number;
}

/**
 * Materializes a layer table: selects the declared columns from `source` (a table, view or SELECT) with
 * `CAST(col AS declared type)`, checks nullability and the primary key, writes
 * `<root>/<layer>/<domain>/<table>.parquet` atomically and (re)creates the view `<layer>_<domain>_<table>`
 * over it. Source columns missing from the source are an InputError naming them; undeclared source
 * columns are an InputError too unless `dropExtra`. Nothing is written when a check fails.
 */
export async function writeLayer(
  db: Db,
  schema: TableSchema,
  source: string,
  root: string = DEFAULT_DATA_ROOT,
  options: WriteLayerOptions = {},
): Promise<LayerOutput> {
  validateSchema(schema);
  const view = layerViewName(schema);
  const path = layerPath(root, schema.layer, schema.domain, schema.name);
  const sourceCols = new Set((await describeRelation(db, source)).map((c) => c.name));
  const missing = schema.columns.filter((c) => !sourceCols.has(c.name)).map((c) => c.name);
  if (missing.length > 0) throw new InputError("source", `${view}: missing column(s) ${missing.join(", ")}`);
  const declared = new Set(schema.columns.map((c) => c.name));
  const extra = [...sourceCols].filter((n) => !declared.has(n));
  if (extra.length > 0 && !options.dropExtra) {
    throw new InputError(
      "source",
      `${view}: undeclared column(s) ${extra.join(", ")} (declare them or pass dropExtra)`,
    );
  }
  for (const c of schema.columns) await canonicalType(db, c.type, `schema.columns.${c.name}.type`);
  const stage = `__stage_${view}`;
  const select = schema.columns.map((c) => `cast(${ident(c.name)} as ${c.type}) as ${ident(c.name)}`).join(
    ", ",
  );
  await db.exec(
    `create or replace temp table ${ident(stage)} as select ${select} from ${relationSql(source)}`,
  );
  try {
    const check = await checkSchema(db, stage, schema);
    if (!check.ok) {
      throw new InputError("source", `${view} does not match its schema: ${check.problems.join("; ")}`);
    }
    const rows = await writeParquet(db, stage, path);
    await registerParquet(db, view, path);
    return { path, view, rows };
  } finally {
    await db.exec(`drop table if exists ${ident(stage)}`);
  }
}

/** Registers the view over an existing layer file (e.g. in a fresh session); NotFoundError when not written yet. */
export async function registerLayer(
  db: Db,
  schema: TableSchema,
  root: string = DEFAULT_DATA_ROOT,
): Promise<string> {
  validateSchema(schema);
  const view = layerViewName(schema);
  await registerParquet(db, view, layerPath(root, schema.layer, schema.domain, schema.name));
  return view;
}

/** Reads a layer table into a Frame; NotFoundError naming the file when it has not been written. */
export async function readLayer(
  db: Db,
  schema: TableSchema,
  root: string = DEFAULT_DATA_ROOT,
): Promise<Frame> {
  validateSchema(schema);
  const path = layerPath(root, schema.layer, schema.domain, schema.name);
  try {
    return await readParquet(db, path);
  } catch (e) {
    if (e instanceof NotFoundError) {
      throw new NotFoundError(`${layerViewName(schema)} at ${path}`, "layer not written yet");
    }
    throw e;
  }
}

/** Markdown data dictionary of schemas (table, column, type, nullable, description), for reports and README. */
export function dataDictionary(schemas: readonly TableSchema[]): string {
  const lines = ["| table | column | type | nullable | description |", "| --- | --- | --- | --- | --- |"];
  for (const s of schemas) {
    for (const c of s.columns) {
      const key = s.primaryKey?.includes(c.name) ? " (key)" : "";
      lines.push(
        `| ${layerViewName(s)} | ${c.name}${key} | ${c.type} | ${c.nullable === false ? "no" : "yes"} | ${
          c.description.replaceAll("|", "\\|")
        } |`,
      );
    }
  }
  return lines.join("\n");
}
