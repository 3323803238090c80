/**
 * Loader for implicit-feedback CSV logs (MovieLens-style `user,item,rating,timestamp`, any column names
 * mapped by options). External ids (any strings) are mapped to dense indices in order of first
 * appearance; the originals are kept in `userIds` / `itemIds`.
 *
 * Behaviour, all tested:
 * - a file with a header but no data rows, or with every row filtered out → InputError "interactions";
 * - a missing mapped column → InputError naming the option and the header found;
 * - an unparsable rating or timestamp → InputError naming the column and the line (no silent NaN);
 * - timestamps: numbers are taken as-is (unit of the file, e.g. seconds), other text is parsed as an ISO
 *   date to epoch ms;
 * - duplicate (user, item) rows are kept as separate interactions (row order preserved);
 * - quoted fields with `""` escapes are supported; blank lines are skipped.
 *
 * @example
 * ```ts
 * import { parseInteractionsCsv } from "./csv.ts";
 * const x = parseInteractionsCsv("uid,iid,ts\na,x,5\nb,x,7\n", { columns: { user: "uid", item: "iid", timestamp: "ts", rating: null } });
 * x.itemIds; // ["x"]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { type Interactions, makeInteractions } from "./interactions.ts";

/** Options of {@link parseInteractionsCsv}. */
export interface InteractionsCsvOptions {
  /** Header names of the columns; `rating: null` means the file has none (all ratings 1). */
  readonly columns?: { user?: string; item?: string; rating?: string | null; timestamp?: string };
  /** Field separator (default ","). */
  readonly delimiter?: string;
  /** Keep only rows with rating >= minRating (e.g. 4 to turn star ratings into implicit positives). */
  readonly minRating?: number;
}

/** Splits one CSV line into fields (RFC 4180 quotes). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"' && cur === "") quoted = true;
    else if (line.startsWith(delimiter, i)) {
      out.push(cur);
      cur = "";
      i += delimiter.length - 1;
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseTimestamp(text: string, line: number): number {
  const s = text.trim();
  const v = s === "" ? NaN : Number(s);
  if (Number.isFinite(v)) return v;
  const d = Date.parse(s);
  if (!Number.isFinite(d)) {
    throw new InputError("timestamp", `line ${line}: cannot parse "${text}" as a number or an ISO date`);
  }
  return d;
}

/** Parses CSV text into {@link Interactions}. */
export function parseInteractionsCsv(text: string, options: InteractionsCsvOptions = {}): Interactions {
  const delimiter = options.delimiter ?? ",";
  const names = {
    user: options.columns?.user ?? "user",
    item: options.columns?.item ?? "item",
    rating: options.columns?.rating === undefined ? "rating" : options.columns.rating,
    timestamp: options.columns?.timestamp ?? "timestamp",
  };
  const lines = text.split(/\r?\n/);
  const headerLine = lines.findIndex((l) => l.trim() !== "");
  if (headerLine < 0) throw new InputError("interactions", "the interaction log is empty (no header)");
  const header = splitCsvLine(lines[headerLine]!, delimiter).map((h) => h.trim());
  const col = (option: string, name: string) => {
    const j = header.indexOf(name);
    if (j < 0) {
      throw new InputError(`columns.${option}`, `column "${name}" not in header [${header.join(", ")}]`);
    }
    return j;
  };
  const ju = col("user", names.user), ji = col("item", names.item), jt = col("timestamp", names.timestamp);
  const jr = names.rating === null ? -1 : col("rating", names.rating);
  const userIndex = new Map<string, number>(), itemIndex = new Map<string, number>();
  const user: number[] = [], item: number[] = [], rating: number[] = [], timestamp: number[] = [];
  for (let l = headerLine + 1; l < lines.length; l++) {
    if (lines[l]!.trim() === "") continue;
    const f = splitCsvLine(lines[l]!, delimiter);
    const lineNo = l + 1;
    if (f.length !== header.length) {
      throw new InputError("csv", `line ${lineNo}: ${f.length} fields, header has ${header.length}`);
    }
    const w = jr < 0 ? 1 : Number(f[jr]!.trim() === "" ? NaN : f[jr]);
    if (!Number.isFinite(w)) {
      throw new InputError("rating", `line ${lineNo}: "${f[jr]}" is not a finite number`);
    }
    const t = parseTimestamp(f[jt]!, lineNo);
    if (options.minRating !== undefined && w < options.minRating) continue;
    const uKey = f[ju]!.trim(), iKey = f[ji]!.trim();
    if (uKey === "") throw new InputError("user", `line ${lineNo}: empty id`);
    if (iKey === "") throw new InputError("item", `line ${lineNo}: empty id`);
    let u = userIndex.get(uKey);
    if (u === undefined) userIndex.set(uKey, u = userIndex.size);
    let i = itemIndex.get(iKey);
    if (i === undefined) itemIndex.set(iKey, i = itemIndex.size);
    user.push(u);
    item.push(i);
    rating.push(w);
    timestamp.push(t);
  }
  if (user.length === 0) {
    throw new InputError("interactions", "the interaction log is empty (no data rows kept)");
  }
  return makeInteractions({
    user,
    item,
    rating,
    timestamp,
    userIds: [...userIndex.keys()],
    itemIds: [...itemIndex.keys()],
  });
}

/** Reads and parses a CSV file; see {@link parseInteractionsCsv}. */
export async function loadInteractionsCsv(
  path: string,
  options: InteractionsCsvOptions = {},
): Promise<Interactions> {
  return parseInteractionsCsv(await Deno.readTextFile(path), options);
}
