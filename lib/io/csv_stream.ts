/**
 * A streaming CSV reader (RFC 4180) with bounded memory: bytes are decoded as UTF-8 chunk by chunk and
 * records are yielded in batches, so a file of any size is read holding at most one batch of records
 * and one partial record (a batch is handed over at the first chunk boundary after it reaches
 * `batchRecords`, so it holds at most that many records plus those of one chunk). Behaviour:
 *
 * - a UTF-8 byte-order mark at the start is dropped; line ends may be `\n`, `\r\n` or `\r`, mixed;
 * - fields may be quoted (`"a,b"`), with `""` for a quote and line breaks inside the quotes;
 * - blank lines (nothing between two line ends) are skipped and counted, never turned into records;
 * - a record keeps the line number it starts on (1-based, physical lines, the header is line 1);
 * - a malformed record that can be delimited (a quote inside an unquoted field, text after a closing
 *   quote) is yielded with `error` set, so the caller can quarantine it instead of losing it;
 * - what cannot be delimited is an {@link InputError} (field "csv"): a quoted field still open at the end
 *   of the input, or a record longer than `maxRecordChars` (an unbalanced quote swallowing the file).
 *
 * @example
 * ```ts
 * import { readCsv } from "./csv_stream.ts";
 * const bytes = new TextEncoder().encode('\uFEFFid,note\r\n1,"a, b"\r\n\r\n2,x\r\n');
 * const records = [];
 * for await (const batch of readCsv([bytes])) records.push(...batch);
 * records.map((r) => r.fields); // [["id", "note"], ["1", "a, b"], ["2", "x"]]
 * records[2]!.line; // 4
 * ```
 * @module
 */
import { InputError } from "../errors.ts";

/** One record: its fields, the line it starts on, and a problem when it is malformed. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
  /** Set when the record is malformed but delimited (see the module doc). */
  readonly error?: string;
}

/** Options of {@link readCsv}. */
export interface CsvReadOptions {
  /** Field delimiter, one character (default ","). */
  readonly delimiter?: string;
  /** Longest record accepted, in characters (default 1,048,576). */
  readonly maxRecordChars?: number;
  /** Records per yielded batch (default 4,096). */
  readonly batchRecords?: number;
  /** Called with every chunk of bytes as read (e.g. to hash the input in the same pass). */
  readonly onBytes?: (chunk: Uint8Array) => void;
  /** Filled while reading. */
  readonly stats?: CsvReadStats;
}

/** Counters of a read. */
export interface CsvReadStats {
  bytes: number;
  records: number;
  blankLines: number;
  /** Longest record seen, in characters. */
  longestRecordChars: number;
}

const QUOTE = 34, LF = 10, CR = 13;

/** Yields the records of a CSV byte stream in batches (the header is the first record); see the module doc. */
export async function* readCsv(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvRecord[], void, undefined> {
  const delimiter = options.delimiter ?? ",";
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new InputError(
      "delimiter",
      `must be one character other than a quote or line end, got "${delimiter}"`,
    );
  }
  const maxChars = options.maxRecordChars ?? 1 << 20, batchSize = options.batchRecords ?? 4096;
  if (!(Number.isInteger(maxChars) && maxChars > 0)) {
    throw new InputError("maxRecordChars", `must be a positive integer, got ${maxChars}`);
  }
  if (!(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new InputError("batchRecords", `must be a positive integer, got ${batchSize}`);
  }
  const DELIM = delimiter.charCodeAt(0);
  const stats = options.stats ?? { bytes: 0, records: 0, blankLines: 0, longestRecordChars: 0 };
  const decoder = new TextDecoder("utf-8", { fatal: false });

  let batch: CsvRecord[] = [];
  let fields: string[] = [], field = "", recordChars = 0, error: string | undefined;
  // 0 unquoted, 1 inside quotes, 2 a quote seen inside quotes (escape or close), 3 after a closing quote
  let state = 0, wasQuoted = false, sawCr = false, quotedCr = false;
  let line = 1, recordLine = 1;

  const endField = () => {
    fields.push(field);
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    if (fields.length === 0 && field === "" && !wasQuoted) {
      stats.blankLines++;
    } else {
      endField();
      batch.push(error === undefined ? { line: recordLine, fields } : { line: recordLine, fields, error });
      stats.records++;
      if (recordChars > stats.longestRecordChars) stats.longestRecordChars = recordChars;
    }
    fields = [];
    error = undefined;
    recordChars = 0;
    recordLine = line;
  };

  const feed = (text: string) => {
    const n = text.length;
    let start = 0; // start of the slice of `text` not yet added to `field`
    const flush = (end: number) => {
      if (end > start) {
        field += text.slice(start, end);
        recordChars += end - start;
        if (recordChars > maxChars) {
          throw new InputError(
            "csv",
            `record starting on line ${recordLine} is longer than ${maxChars} characters` +
              (state === 1 ? " (a quoted field that is never closed?)" : ""),
          );
        }
      }
    };
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (sawCr) {
        sawCr = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (state === 1) {
        if (c === QUOTE) {
          flush(i);
          start = i + 1;
          state = 2;
        } else if (c === CR) {
          line++;
          quotedCr = true;
          continue;
        } else if (c === LF && !quotedCr) line++;
        quotedCr = false;
        continue;
      }
      if (state === 2) {
        if (c === QUOTE) { // "" inside quotes: keep this quote as the character
          start = i;
          state = 1;
          continue;
        }
        state = 3;
      }
      if (c === DELIM) {
        flush(i);
        endField();
        start = i + 1;
        state = 0;
      } else if (c === LF || c === CR) {
        flush(i);
        line++;
        endRecord();
        sawCr = c === CR;
        start = i + 1;
        state = 0;
      } else if (state === 3) {
        error ??= `text after the closing quote of column ${fields.length + 1}`;
        state = 0;
      } else if (c === QUOTE) {
        if (field === "" && start === i && !wasQuoted) {
          state = 1;
          wasQuoted = true;
          start = i + 1;
        } else error ??= `a quote inside an unquoted field (column ${fields.length + 1})`;
      }
    }
    flush(n);
  };

  for await (const chunk of source) {
    stats.bytes += chunk.length;
    options.onBytes?.(chunk);
    feed(decoder.decode(chunk, { stream: true }));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  feed(decoder.decode());
  if (state === 1) {
    throw new InputError("csv", `a quoted field of the record on line ${recordLine} is never closed`);
  }
  if (fields.length > 0 || field !== "" || wasQuoted) endRecord();
  if (batch.length > 0) yield batch;
}

/** Reads a whole (small) CSV text: every record, for tests and tiny inputs. */
export async function parseCsvText(text: string, options: CsvReadOptions = {}): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const b of readCsv([new TextEncoder().encode(text)], options)) out.push(...b);
  return out;
}
