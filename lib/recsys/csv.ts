/**
 * Loader for implicit-feedback CSV logs (MovieLens-style `user,item,rating,timestamp`, any column names
 * mapped by options). External ids (any strings) are mapped to dense indices in order of first
 * appearance; the originals are kept in `userIds` / `itemIds`.
 *
 * Behaviour, all tested:
 * - weights: every interaction weighs 1 unless `weightByRating: true`, which makes the rating column
 *   the example weight (`Interactions.rating`, summed by popularity and item-kNN). It is opt-in because
 *   star ratings are rarely the weights one wants (MovieLens 4.5 stars would count 4.5× a view);
 * - `minRating` filters rows on the rating column (e.g. 4: keep 4–5 stars as implicit positives) and is
 *   independent of weighting: the kept rows still weigh 1 unless `weightByRating` is set;
 * - the rating column (`columns.rating`, default "rating") is read only when `minRating` or
 *   `weightByRating` needs it; `columns.rating: null` with either is an InputError;
 * - a file with a header but no data rows, or with every row filtered out → InputError "interactions";
 * - a missing mapped column → InputError naming the option and the header found;
 * - an unparsable rating or timestamp → InputError naming the column and the line (no silent NaN);
 * - timestamps: a decimal number is taken as-is (unit of the file, e.g. seconds); otherwise only an
 *   ISO 8601 date (`2024-03-07`) or datetime (`2024-03-07T12:00:00Z`, offsets allowed; no offset = UTC)
 *   is accepted, as epoch ms. Text `Date.parse` would guess at (`March 7`, `7/3`, `1 2`) is rejected;
 * - duplicate (user, item) rows are kept as separate interactions (row order preserved);
 * - quoted fields with `""` escapes are supported; blank lines are skipped.
 *
 * @example
 * ```ts
 * import { parseInteractionsCsv } from "./csv.ts";
 * const x = parseInteractionsCsv("uid,iid,ts\na,x,5\nb,x,7\n", { columns: { user: "uid", item: "iid", timestamp: "ts" } });
 * x.itemIds; // ["x"]
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { type Interactions, makeInteractions } from "./interactions.ts";
import { parseDecimal, parseIsoTimestamp } from "./timestamp.ts";
import { requireKnownKeys } from "../validate.ts";

/** Options of {@link parseInteractionsCsv}. */
export interface InteractionsCsvOptions {
  /**
   * Header names of the columns (defaults "user", "item", "rating", "timestamp"); `rating: null` says
   * the file has no rating column (then neither `minRating` nor `weightByRating` may be set).
   */
  readonly columns?: { user?: string; item?: string; rating?: string | null; timestamp?: string };
  /** Field separator (default ","). */
  readonly delimiter?: string;
  /**
   * Keep only rows with rating >= minRating (e.g. 4 to turn star ratings into implicit positives).
   * Filtering only: kept rows weigh 1 unless `weightByRating` is also set.
   */
  readonly minRating?: number;
  /** Use the rating column as each interaction's weight (`Interactions.rating`); default false (all 1). */
  readonly weightByRating?: boolean;
}

const OPTION_KEYS = ["columns", "delimiter", "minRating", "weightByRating"] as const;
const COLUMN_KEYS = ["user", "item", "rating", "timestamp"] as const;

function checkOptions(options: InteractionsCsvOptions): void {
  requireKnownKeys(options, OPTION_KEYS);
  requireKnownKeys(options.columns ?? {}, COLUMN_KEYS, "columns");
  if (options.minRating !== undefined && !Number.isFinite(options.minRating)) {
    throw new InputError("minRating", `must be a finite number, got ${options.minRating}`);
  }
  if (options.weightByRating !== undefined && typeof options.weightByRating !== "boolean") {
    throw new InputError("weightByRating", `must be true or false, got ${String(options.weightByRating)}`);
  }
  if (
    options.delimiter !== undefined && (typeof options.delimiter !== "string" || options.delimiter === "")
  ) {
    throw new InputError("delimiter", "must be a non-empty string");
  }
  if (options.columns?.rating === null) {
    for (const key of ["minRating", "weightByRating"] as const) {
      if (options[key] !== undefined && options[key] !== false) {
        throw new InputError(key, "needs a rating column, but columns.rating is null");
      }
    }
  }
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

function parseTimestamp(text: string, column: string, line: number): number {
  const v = parseDecimal(text);
  if (Number.isFinite(v)) return v;
  const t = parseIsoTimestamp(text);
  if (Number.isFinite(t)) return t;
  throw new InputError(
    column,
    `line ${line}: cannot parse "${text}" as a timestamp; expected a finite number or an ISO 8601 date ` +
      "(2024-03-07) or datetime (2024-03-07T12:00:00Z)",
  );
}

/** Parses CSV text into {@link Interactions}. */
export function parseInteractionsCsv(text: string, options: InteractionsCsvOptions = {}): Interactions {
  checkOptions(options);
  const delimiter = options.delimiter ?? ",";
  const weightByRating = options.weightByRating === true;
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
  const needRating = weightByRating || options.minRating !== undefined;
  const jr = names.rating === null || !needRating ? -1 : col("rating", names.rating);
  const userIndex = new Map<string, number>(), itemIndex = new Map<string, number>();
  const user: number[] = [], item: number[] = [], rating: number[] = [], timestamp: number[] = [];
  for (let l = headerLine + 1; l < lines.length; l++) {
    if (lines[l]!.trim() === "") continue;
    const f = splitCsvLine(lines[l]!, delimiter);
    const lineNo = l + 1;
    if (f.length !== header.length) {
      throw new InputError("csv", `line ${lineNo}: ${f.length} fields, header has ${header.length}`);
    }
    const r = jr < 0 ? 1 : parseDecimal(f[jr]!);
    if (!Number.isFinite(r)) {
      throw new InputError(names.rating!, `line ${lineNo}: "${f[jr]}" is not a finite number`);
    }
    const t = parseTimestamp(f[jt]!, names.timestamp, lineNo);
    if (options.minRating !== undefined && r < options.minRating) continue;
    const w = weightByRating ? r : 1;
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
