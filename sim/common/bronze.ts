/**
 * Lands a simulator run in the bronze layer: every observed table becomes the DuckDB table
 * `bronze_<domain>_<table>` (and, when a root folder is given, a Parquet file
 * `<root>/bronze/<domain>/<table>.parquet`, written atomically by `lib/data/parquet.ts`). Truth tables can be landed beside them as
 * `truth_<domain>_<table>` for evaluation; models must never read them.
 *
 * @example
 * ```ts
 * import { Db } from "../../lib/data/mod.ts";
 * import { makeFrame } from "../../lib/data/mod.ts";
 * import { writeBronze } from "./bronze.ts";
 * const db = await Db.open(":memory:");
 * const out = { tables: { t: makeFrame({ x: new Float64Array([1]) }) }, truth: {},
 *   meta: { simulator: "toy", scenario: "normal", seed: 1, scale: "tiny" as const, sizes: {} } };
 * const r = await writeBronze(db, "toy", out);
 * r.tables; // ["bronze_toy_t"]
 * db.close();
 * ```
 * @module
 */
import { type Db, ident } from "../../lib/data/db.ts";
import { layerPath } from "../../lib/data/medallion.ts";
import { writeParquet } from "../../lib/data/parquet.ts";
import { InputError } from "../../lib/errors.ts";
import type { Frame } from "../../lib/data/types.ts";
import type { SimOutput } from "./simulator.ts";

/** Options for {@link writeBronze}. */
export interface WriteBronzeOptions {
  /** Also land truth tables as `truth_<domain>_<table>` (default false). */
  readonly truth?: boolean;
}

/** What {@link writeBronze} wrote. */
export interface BronzeResult {
  /** DuckDB table names written, in order. */
  readonly tables: readonly string[];
  /** Parquet files written (empty without a root). */
  readonly files: readonly string[];
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** Bronze table name for a domain table. */
export function bronzeTable(domain: string, table: string): string {
  return `bronze_${domain}_${table}`;
}

/** Truth table name for a domain table. */
export function truthTable(domain: string, table: string): string {
  return `truth_${domain}_${table}`;
}

/**
 * Writes each observed table (and optionally each truth table) of `output` into DuckDB, replacing
 * existing tables of the same name; with `root`, also writes Parquet under `<root>/bronze/<domain>/`.
 */
export async function writeBronze(
  db: Db,
  domain: string,
  output: SimOutput,
  root?: string,
  options: WriteBronzeOptions = {},
): Promise<BronzeResult> {
  if (!NAME.test(domain)) throw new InputError("domain", `must match ${NAME}, got "${domain}"`);
  const tables: string[] = [];
  const files: string[] = [];
  const groups: [Readonly<Record<string, Frame>>, (d: string, t: string) => string][] = [[
    output.tables,
    bronzeTable,
  ]];
  if (options.truth) groups.push([output.truth, truthTable]);
  for (const [frames, naming] of groups) {
    for (const [name, frame] of Object.entries(frames)) {
      if (!NAME.test(name)) throw new InputError("tables", `table name must match ${NAME}, got "${name}"`);
      const table = naming(domain, name);
      await db.writeFrame(table, frame);
      tables.push(table);
    }
  }
  if (root !== undefined) {
    for (const name of Object.keys(output.tables)) {
      const file = layerPath(root, "bronze", domain, name);
      await writeParquet(db, `select * from ${ident(bronzeTable(domain, name))}`, file);
      files.push(file);
    }
  }
  return { tables, files };
}
