/**
 * Bronze conventions every domain's silver builder relies on: its bronze tables
 * (`bronze_<domain>_<table>`, written by `writeBronze` from the simulator's output) exist, and their
 * timestamps are epoch milliseconds, which silver turns into TIMESTAMPs.
 *
 * @example
 * ```ts
 * import { Db } from "../data/db.ts";
 * import { msToTimestamp, requireBronze } from "./bronze.ts";
 * const db = await Db.open(":memory:");
 * await db.exec("create table bronze_demo_orders as select 1 as order_id");
 * await requireBronze(db, "demo", ["orders"]); // passes
 * await requireBronze(db, "demo", ["orders", "drivers"]).catch((e) => e.message);
 * // "Not found: bronze_demo_drivers (write the demo simulator's output with writeBronze first)"
 * msToTimestamp("joined_at"); // "epoch_ms(CAST(joined_at AS BIGINT))"
 * db.close();
 * ```
 * @module
 */
import type { Db } from "../data/db.ts";
import { layerViewName } from "../data/medallion.ts";
import { NotFoundError } from "../errors.ts";

/** Throws {@link NotFoundError} naming the first of `bronze_<domain>_<table>` the database lacks. */
export async function requireBronze(db: Db, domain: string, tables: readonly string[]): Promise<void> {
  for (const name of tables) {
    const table = layerViewName({ layer: "bronze", domain, name });
    if (!(await db.hasTable(table))) {
      throw new NotFoundError(table, `write the ${domain} simulator's output with writeBronze first`);
    }
  }
}

/** SQL for a bronze epoch-milliseconds column (any numeric type) as a TIMESTAMP. */
export function msToTimestamp(column: string): string {
  return `epoch_ms(CAST(${column} AS BIGINT))`;
}
