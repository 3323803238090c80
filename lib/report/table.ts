/**
 * HTML tables from row objects or a {@link Frame}: numbers formatted, every cell escaped.
 *
 * @example
 * ```ts
 * import { tableHtml } from "./table.ts";
 * tableHtml([{ model: "gbdt", auc: 0.91234567 }]).includes("0.9123"); // true
 * ```
 * @module
 */
import { decodeStrings } from "../data/frame.ts";
import { type Frame, isStringColumn } from "../data/types.ts";
import { InputError } from "../errors.ts";
import { escapeHtml, formatCell } from "./html.ts";

/** Rows for a table: plain objects, one per row. */
export type Rows = readonly Readonly<Record<string, unknown>>[];

/** Options for {@link tableHtml}. */
export interface TableOptions {
  /** Columns to show, in order (default: all, in first-seen order). */
  columns?: readonly string[];
  /** Caption shown above the table. */
  caption?: string;
  /** Maximum fraction digits for numbers (default 4). */
  digits?: number;
  /** At most this many rows are rendered (default 500); a note says how many were left out. */
  maxRows?: number;
}

function isFrame(x: Rows | Frame): x is Frame {
  return !Array.isArray(x) && typeof (x as Frame).nRows === "number" &&
    typeof (x as Frame).columns === "object";
}

/** Returns the header and cell values of a table source, up to `maxRows` rows. */
export function tableCells(source: Rows | Frame, columns: readonly string[] | undefined, maxRows: number): {
  header: string[];
  cells: unknown[][];
  total: number;
} {
  if (isFrame(source)) {
    const header = [...(columns ?? source.names)];
    const n = Math.min(source.nRows, maxRows);
    const cols = header.map((name) => {
      const c = source.columns[name];
      if (c === undefined) {
        throw new InputError("columns", `no column "${name}"; available: ${source.names.join(", ")}`);
      }
      return isStringColumn(c) ? decodeStrings(c) : c;
    });
    const cells: unknown[][] = [];
    for (let i = 0; i < n; i++) cells.push(cols.map((c) => c[i]));
    return { header, cells, total: source.nRows };
  }
  let header: string[];
  if (columns !== undefined) header = [...columns];
  else {
    const seen = new Set<string>();
    for (const row of source) for (const k of Object.keys(row)) seen.add(k);
    header = [...seen];
  }
  const cells = source.slice(0, maxRows).map((row) => header.map((h) => row[h]));
  return { header, cells, total: source.length };
}

/** Renders rows or a Frame as an HTML `<table>` (escaped, numbers right-aligned and formatted). */
export function tableHtml(source: Rows | Frame, options: TableOptions = {}): string {
  const maxRows = options.maxRows ?? 500;
  if (!Number.isInteger(maxRows) || maxRows < 0) {
    throw new InputError("maxRows", `must be a non-negative integer, got ${maxRows}`);
  }
  const digits = options.digits ?? 4;
  const { header, cells, total } = tableCells(source, options.columns, maxRows);
  const parts: string[] = ['<div class="table-wrap"><table>'];
  if (options.caption !== undefined) parts.push(`<caption>${escapeHtml(options.caption)}</caption>`);
  parts.push("<thead><tr>", ...header.map((h) => `<th>${escapeHtml(h)}</th>`), "</tr></thead><tbody>");
  for (const row of cells) {
    parts.push("<tr>");
    for (const v of row) {
      parts.push(
        typeof v === "number"
          ? `<td class="num">${formatCell(v, digits)}</td>`
          : `<td>${formatCell(v, digits)}</td>`,
      );
    }
    parts.push("</tr>");
  }
  parts.push("</tbody></table>");
  if (total > cells.length) parts.push(`<p class="note">Showing ${cells.length} of ${total} rows.</p>`);
  parts.push("</div>");
  return parts.join("");
}
