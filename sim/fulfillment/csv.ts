/**
 * CSV files of a fulfillment run, for the spec's batch path (a CSV upload) and for Python references:
 * `shipments.csv` in the Kaggle file's exact layout (header `ID,Warehouse_block,…,Reached.on.Time_Y.N`,
 * unquoted values) and `orders.csv` in the enriched schema (timestamps as ISO-8601 UTC, NULL as an empty
 * field). Files are written atomically.
 *
 * @example
 * ```ts
 * import { fulfillmentSimulator } from "./simulator.ts";
 * import { tableCsv } from "./csv.ts";
 * const out = fulfillmentSimulator.generate({ seed: 1, scale: "tiny", shipments: 3 });
 * tableCsv(out.tables.shipments!).split("\n")[0]!.startsWith("ID,Warehouse_block,Mode_of_Shipment"); // true
 * ```
 * @module
 */
import { type Frame, isStringColumn } from "../../lib/data/mod.ts";
import { writeTextAtomic } from "../../lib/io/atomic.ts";
import type { SimOutput } from "../common/mod.ts";

function field(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A frame as CSV text (header + one line per row, "\n" line ends); `timestamps` are epoch-ms columns. */
export function tableCsv(frame: Frame, timestamps: readonly string[] = []): string {
  const cells = frame.names.map((name) => {
    const c = frame.columns[name]!;
    if (isStringColumn(c)) return (i: number) => c.codes[i]! < 0 ? "" : field(c.dictionary[c.codes[i]!]!);
    if (timestamps.includes(name)) {
      return (i: number) => Number.isNaN(c[i]!) ? "" : new Date(c[i]!).toISOString();
    }
    return (i: number) => Number.isNaN(c[i]!) ? "" : String(c[i]);
  });
  const lines = [frame.names.map(field).join(",")];
  for (let i = 0; i < frame.nRows; i++) lines.push(cells.map((f) => f(i)).join(","));
  return lines.join("\n") + "\n";
}

/** Writes `<dir>/shipments.csv` (Kaggle layout) and `<dir>/orders.csv` (enriched); returns the paths. */
export async function writeFulfillmentCsv(out: SimOutput, dir: string): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const name of ["shipments", "orders"]) {
    const path = `${dir}/${name}.csv`;
    await writeTextAtomic(path, tableCsv(out.tables[name]!, out.meta.timestampColumns?.[name] ?? []));
    paths.push(path);
  }
  return paths;
}
