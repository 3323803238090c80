/**
 * What every domain's gold builder returns: the table, its feature columns (numeric then categorical),
 * label, keys and row count, described once here from the domain's declared column lists.
 *
 * @example
 * ```ts
 * import { Db } from "../data/db.ts";
 * import { describeGold } from "./gold.ts";
 * const db = await Db.open(":memory:");
 * await db.exec("create table gold_demo as select 1 as id, 2.0 as x, 'a' as c, 0 as y");
 * const gold = await describeGold(db, {
 *   table: "gold_demo", numeric: ["x"], categorical: ["c"], label: "y", keys: ["id"],
 * });
 * gold.features; // ["x", "c"]
 * gold.rows; // 1
 * db.close();
 * ```
 * @module
 */
import { type Db, ident } from "../data/db.ts";

/** What a domain's `buildGold` returns (same shape in every domain). */
export interface GoldResult {
  /** The gold table. */
  readonly table: string;
  /** All feature columns (numeric then categorical). */
  readonly features: readonly string[];
  /** The string columns among `features` (use as categorical). */
  readonly categorical: readonly string[];
  /** The label column. */
  readonly label: string;
  /** Id, time and other non-feature columns: for splits, grouping and joins with truth. */
  readonly keys: readonly string[];
  /** Number of rows. */
  readonly rows: number;
}

/** A gold table's declared columns. */
export interface GoldColumns {
  readonly table: string;
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
  readonly label: string;
  readonly keys: readonly string[];
}

/** The {@link GoldResult} of a built gold table: features are `numeric` then `categorical`; rows are counted. */
export async function describeGold(db: Db, columns: GoldColumns): Promise<GoldResult> {
  return {
    table: columns.table,
    features: [...columns.numeric, ...columns.categorical],
    categorical: [...columns.categorical],
    label: columns.label,
    keys: [...columns.keys],
    rows: await db.scalar(`select count(*) from ${ident(columns.table)}`),
  };
}
