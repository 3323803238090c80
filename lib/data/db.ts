/**
 * The DuckDB session: one file-backed database by default (`data/lab.duckdb`), in-memory for tests.
 * Queries return {@link Frame}s built chunk by chunk from DuckDB's vectors into typed arrays, without
 * per-row JS objects. Errors from DuckDB come back as {@link QueryError} with the SQL attached.
 *
 * @example
 * ```ts
 * import { Db } from "./db.ts";
 * const db = await Db.open(":memory:");
 * const f = await db.query("select 1::DOUBLE as x");
 * f.columns.x; // Float64Array [1]
 * db.close();
 * ```
 * @module
 */
import {
  DuckDBConnection,
  DuckDBDataChunk,
  DuckDBDoubleType,
  DuckDBInstance,
  DuckDBIntegerType,
  type DuckDBType,
  DuckDBTypeId,
  DuckDBVarCharType,
  type DuckDBVector,
} from "@duckdb/node-api";
import { InputError, QueryError } from "../errors.ts";
import { makeFrame } from "./frame.ts";
import { type Column, type Frame, isStringColumn, type StringColumn } from "./types.ts";

/** Default database file used by experiments and the demo. */
export const DEFAULT_DB_PATH = "data/lab.duckdb";

/** Quotes an SQL identifier (table or column name). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes an SQL string literal. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const MS_PER_DAY = 86_400_000;

/** A DuckDB database plus one connection. Not safe for concurrent queries on the same instance. */
export class Db {
  readonly path: string;
  readonly #instance: DuckDBInstance;
  readonly #conn: DuckDBConnection;

  private constructor(path: string, instance: DuckDBInstance, conn: DuckDBConnection) {
    this.path = path;
    this.#instance = instance;
    this.#conn = conn;
  }

  /** Opens (creating if needed) a database file, or `":memory:"`. Creates the parent folder of a file. */
  static async open(path: string = DEFAULT_DB_PATH, options: { threads?: number } = {}): Promise<Db> {
    if (path !== ":memory:") {
      const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
      if (dir) await Deno.mkdir(dir, { recursive: true });
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(
        path,
        options.threads ? { threads: String(options.threads) } : undefined,
      );
    } catch (e) {
      throw new InputError("path", `cannot open DuckDB database at ${path}: ${(e as Error).message}`);
    }
    return new Db(path, instance, await instance.connect());
  }

  /** The underlying connection, for the rare feature not wrapped here. */
  get connection(): DuckDBConnection {
    return this.#conn;
  }

  /** Runs one or more statements, discarding results. */
  async exec(sql: string): Promise<void> {
    try {
      await this.#conn.run(sql);
    } catch (e) {
      throw new QueryError(sql, (e as Error).message);
    }
  }

  /**
   * Runs a query and returns its result as a Frame. Numeric types map to Float64Array (DOUBLE, BIGINT,
   * DECIMAL, HUGEINT; NULL → NaN), Float32Array (FLOAT), Int32Array (INTEGER and smaller, BOOLEAN as 0/1;
   * NULL → NaN-free so such columns are widened to Float64Array when they hold NULLs). TIMESTAMP and DATE
   * become epoch milliseconds in Float64Array. VARCHAR becomes a dictionary-encoded string column.
   */
  async query(sql: string, params?: Record<string, string | number | boolean | null>): Promise<Frame> {
    let result;
    try {
      result = await this.#conn.run(sql, params as never);
    } catch (e) {
      throw new QueryError(sql, (e as Error).message);
    }
    const names = result.columnNames();
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n)) {
        throw new InputError(n, "duplicate column name in the query result; alias the columns apart");
      }
      seen.add(n);
    }
    const types = result.columnTypes();
    const builders = types.map((t, i) => makeBuilder(t, names[i]!));
    for (;;) {
      let chunk;
      try {
        chunk = await result.fetchChunk();
      } catch (e) {
        // Errors raised while streaming (a failing cast in row 5000) surface here, not in run().
        throw new QueryError(sql, (e as Error).message);
      }
      if (!chunk || chunk.rowCount === 0) break;
      for (let c = 0; c < builders.length; c++) builders[c]!.append(chunk.getColumnVector(c), chunk.rowCount);
    }
    const cols: Record<string, Column> = {};
    names.forEach((n, i) => (cols[n] = builders[i]!.finish()));
    return makeFrame(cols);
  }

  /** Runs a query returning plain row objects: for small results (metadata, summaries), never hot paths. */
  async rows(
    sql: string,
    params?: Record<string, string | number | boolean | null>,
  ): Promise<Record<string, unknown>[]> {
    try {
      const reader = await this.#conn.runAndReadAll(sql, params as never);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    } catch (e) {
      throw new QueryError(sql, (e as Error).message);
    }
  }

  /**
   * Runs a query returning a single number (first column of first row). Numbers come back as they are,
   * integers (BIGINT, HUGEINT: `count(*)`) when within ±2^53, BOOLEAN as 1/0, DATE and TIMESTAMP as
   * epoch milliseconds, NULL as NaN.
   * @throws QueryError when the query returns no rows, or a value of another type (a string, a list, an
   *   integer beyond ±2^53): cast it in SQL, or read it with {@link Db.rows}. Never a silent NaN.
   */
  async scalar(sql: string): Promise<number> {
    const rows = await this.rows(sql);
    const first = rows[0];
    if (!first) throw new QueryError(sql, "query returned no rows");
    const [name, v] = Object.entries(first)[0] ?? ["", undefined];
    if (v === null || v === undefined) return NaN;
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v instanceof Date) return v.getTime();
    if (typeof v === "bigint") {
      const n = Number(v);
      if (Number.isSafeInteger(n)) return n;
      throw new QueryError(
        sql,
        `scalar: column "${name}" is ${v}, beyond ±2^53 (not exact as a number); cast it`,
      );
    }
    const shown = typeof v === "string"
      ? `the string ${JSON.stringify(v.slice(0, 40))}`
      : Array.isArray(v)
      ? "a list"
      : `a value of type ${typeof v}`;
    throw new QueryError(
      sql,
      `scalar expects a number; column "${name}" is ${shown}: cast it in SQL, or read it with rows()`,
    );
  }

  /** True when a table or view of that name exists. */
  async hasTable(name: string): Promise<boolean> {
    const rows = await this.rows(
      `select 1 from information_schema.tables where table_name = ${literal(name)} limit 1`,
    );
    return rows.length > 0;
  }

  /**
   * Writes a Frame into a (new or replaced) table using DuckDB's appender in 2048-row chunks.
   * Float columns → DOUBLE (NaN → NULL), Int32 → INTEGER, strings → VARCHAR.
   */
  async writeFrame(table: string, frame: Frame, options: { replace?: boolean } = {}): Promise<void> {
    if (frame.names.length === 0) throw new InputError("frame", "has no columns");
    const create = options.replace === false ? "create table" : "create or replace table";
    // Low-cardinality string columns are sent as integer codes and decoded by DuckDB from a list literal
    // (a pure projection, so row order is kept): setting strings one by one is the slow part of the
    // appender (2M rows × 1 string column: ~1.4 s → ~0.5 s).
    const lowCard = frame.names.filter((n) => {
      const c = frame.columns[n]!;
      return isStringColumn(c) && c.dictionary.length <= LOW_CARDINALITY_MAX &&
        frame.nRows >= LOW_CARDINALITY_MIN_ROWS;
    });
    if (lowCard.length === 0) {
      const types = frame.names.map((n) => duckTypeOf(frame.columns[n]!));
      const colDefs = frame.names.map((n, i) => `${ident(n)} ${types[i]!.toString()}`).join(", ");
      await this.exec(`${create} ${ident(table)} (${colDefs})`);
      await this.#append(table, frame, types);
      return;
    }
    const stage = `__write_frame_${++stageCounter}`;
    const stageCols: Record<string, Column> = {};
    for (const n of frame.names) {
      const c = frame.columns[n]!;
      stageCols[n] = lowCard.includes(n) ? (c as StringColumn).codes : c;
    }
    try {
      await this.writeFrame(stage, makeFrame(stageCols));
      const select = frame.names.map((n) => {
        if (!lowCard.includes(n)) return ident(n);
        const dict = (frame.columns[n] as StringColumn).dictionary;
        // Code -1 (NULL) → index 0 → NULL; list indexes are 1-based.
        return `list_extract([${dict.map(literal).join(", ")}]::VARCHAR[], ${ident(n)} + 1) as ${ident(n)}`;
      }).join(", ");
      await this.exec(`${create} ${ident(table)} as select ${select} from ${ident(stage)}`);
    } finally {
      await this.exec(`drop table if exists ${ident(stage)}`);
    }
  }

  /** Appends a Frame to an existing table whose column types are `types`, in 2048-row DataChunks. */
  async #append(table: string, frame: Frame, types: DuckDBType[]): Promise<void> {
    let appender;
    try {
      appender = await this.#conn.createAppender(table);
    } catch (e) {
      throw new QueryError(`append to ${table}`, (e as Error).message);
    }
    try {
      const CHUNK = 2048;
      for (let start = 0; start < frame.nRows; start += CHUNK) {
        const n = Math.min(CHUNK, frame.nRows - start);
        const chunk = DuckDBDataChunk.create(types, n);
        frame.names.forEach((name, c) =>
          fillVector(chunk.getColumnVector(c), frame.columns[name]!, start, n)
        );
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } catch (e) {
      throw new QueryError(`append to ${table}`, (e as Error).message);
    } finally {
      appender.closeSync();
    }
  }

  /** Closes the connection and the database. */
  close(): void {
    this.#conn.closeSync();
    this.#instance.closeSync();
  }
}

interface ColumnBuilder {
  append(v: DuckDBVector, n: number): void;
  finish(): Column;
}

/**
 * Internal fields the vector classes hold at run time (checked in db_test.ts against the pinned
 * @duckdb/node-api version); read directly to avoid a per-item `getItem` call and BigInt validity test.
 */
interface RawVector {
  items?: ArrayLike<number | bigint>;
  dataView?: DataView;
  validity?: { data: BigUint64Array | null; offset: number; itemValid(i: number): boolean };
}

/** Validity bits as 32-bit words (little-endian view of DuckDB's uint64 mask), or null when all rows are valid. */
function validityWords(v: DuckDBVector): Uint32Array | null {
  const validity = (v as unknown as RawVector).validity;
  if (!validity || !validity.data || validity.offset !== 0) return null;
  const d = validity.data;
  return new Uint32Array(d.buffer, d.byteOffset, d.length * 2);
}

/** True when row i is NULL; `words` from {@link validityWords}, falling back to the vector's own check. */
function isNull(v: DuckDBVector, words: Uint32Array | null, i: number): boolean {
  if (words) return ((words[i >>> 5]! >>> (i & 31)) & 1) === 0;
  const validity = (v as unknown as RawVector).validity;
  return validity ? !validity.itemValid(i) : v.getItem(i) === null;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function makeBuilder(type: DuckDBType, name: string): ColumnBuilder {
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      return stringBuilder();
    case DuckDBTypeId.FLOAT:
      return numberBuilder(Float32Array, (x) => Number(x));
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.BOOLEAN:
      return numberBuilder(Int32Array, (x) => Number(x));
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.DECIMAL:
      return numberBuilder(Float64Array, (x) => Number(x));
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return numberBuilder(Float64Array, (x) => Number((x as { micros: bigint }).micros) / 1000, 1e-3);
    case DuckDBTypeId.TIMESTAMP_MS:
      return numberBuilder(Float64Array, (x) => Number((x as { millis: bigint }).millis), 1);
    case DuckDBTypeId.TIMESTAMP_S:
      return numberBuilder(Float64Array, (x) => Number((x as { seconds: bigint }).seconds) * 1000, 1000);
    case DuckDBTypeId.DATE:
      return numberBuilder(Float64Array, (x) => (x as { days: number }).days * MS_PER_DAY, MS_PER_DAY);
    case DuckDBTypeId.SQLNULL:
      return numberBuilder(Float64Array, () => NaN);
    default:
      throw new InputError(
        name,
        `column type ${type.toString()} is not supported in a Frame; cast it in SQL`,
      );
  }
}

type NumCtor = Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor;

/**
 * Collects numeric chunks; Int32 columns that meet a NULL are widened to Float64 with NaN.
 * Plain numeric vectors (and dates/timestamps, with `scale` = milliseconds per stored unit) are read from
 * their backing typed array; other types (decimals, hugeints, booleans) go through `getItem`.
 */
function numberBuilder(ctor: NumCtor, convert: (x: unknown) => number, scale?: number): ColumnBuilder {
  const parts: (Float64Array | Float32Array | Int32Array)[] = [];
  let hasNull = false;
  let total = 0;
  return {
    append(v, n) {
      const items = (v as unknown as RawVector).items;
      const words = validityWords(v);
      const plain = items !== undefined && isPlainNumericType(v);
      const scaled = items !== undefined && scale !== undefined;
      // A chunk without NULLs keeps the target type (copy); one with NULLs is read as Float64 with NaN.
      let chunkHasNull = false;
      if (words) {
        for (let i = 0; i < n; i++) {
          if (((words[i >>> 5]! >>> (i & 31)) & 1) === 0) {
            chunkHasNull = true;
            break;
          }
        }
      } else if ((!plain && !scaled) || (v as unknown as RawVector).validity?.data) {
        // No word view (unusual layout, or a vector without the raw fields): check row by row.
        for (let i = 0; i < n; i++) {
          if (isNull(v, null, i)) {
            chunkHasNull = true;
            break;
          }
        }
      }
      let data: Float64Array | Float32Array | Int32Array;
      if (plain && !chunkHasNull) {
        data = new ctor(n);
        data.set(
          (items as ArrayLike<number>).length === n
            ? items as ArrayLike<number>
            : Array.prototype.slice.call(items, 0, n),
        );
      } else {
        const out = chunkHasNull || ctor === Int32Array
          ? (chunkHasNull ? new Float64Array(n) : new Int32Array(n))
          : new ctor(n);
        if (plain) {
          const xs = items as ArrayLike<number>;
          for (let i = 0; i < n; i++) out[i] = isNull(v, words, i) ? NaN : xs[i]!;
        } else if (scaled) {
          const xs = items as ArrayLike<number | bigint>;
          for (let i = 0; i < n; i++) out[i] = isNull(v, words, i) ? NaN : Number(xs[i]!) * scale;
        } else {
          for (let i = 0; i < n; i++) {
            const x = v.getItem(i);
            out[i] = x === null ? NaN : typeof x === "boolean" ? (x ? 1 : 0) : convert(x);
          }
        }
        data = out;
      }
      if (chunkHasNull) hasNull = true;
      parts.push(data);
      total += n;
    },
    finish() {
      const outCtor: NumCtor = ctor === Int32Array && hasNull ? Float64Array : ctor;
      const out = new outCtor(total);
      let off = 0;
      for (const p of parts) {
        out.set(p, off);
        off += p.length;
      }
      return out;
    },
  };
}

function isPlainNumericType(v: DuckDBVector): boolean {
  const id = v.type.typeId;
  return id === DuckDBTypeId.DOUBLE || id === DuckDBTypeId.FLOAT || id === DuckDBTypeId.INTEGER ||
    id === DuckDBTypeId.SMALLINT || id === DuckDBTypeId.TINYINT || id === DuckDBTypeId.UTINYINT ||
    id === DuckDBTypeId.USMALLINT || id === DuckDBTypeId.UINTEGER;
}

/**
 * Dictionary-encodes a VARCHAR column while reading it. DuckDB stores each string as a 16-byte record
 * (length, then the bytes inline when ≤ 12 bytes, else a 4-byte prefix and a pointer). Inline strings are
 * looked up by their record words without decoding (a hash of the words, then an exact compare), so a
 * low-cardinality column decodes each distinct value once. Longer strings are decoded per row, except
 * when a row points at the same bytes as an earlier row of the same chunk (dictionary-compressed data).
 */
function stringBuilder(): ColumnBuilder {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  // Inline-record lookup: hash → codes with that hash; words of each code's record kept beside.
  const byHash = new Map<number, number[]>();
  let recWords = new Int32Array(1024);
  const parts: Int32Array[] = [];
  let total = 0;
  const codeOf = (s: string): number => {
    let code = index.get(s);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(s);
      index.set(s, code);
    }
    return code;
  };
  return {
    append(v, n) {
      const codes = new Int32Array(n);
      const words = validityWords(v);
      const view = (v as unknown as RawVector).dataView;
      const aligned = LITTLE_ENDIAN && view !== undefined && view.byteOffset % 4 === 0 &&
        view.byteLength >= n * 16;
      if (!aligned) {
        for (let i = 0; i < n; i++) {
          const s = v.getItem(i) as string | null;
          codes[i] = s === null ? -1 : codeOf(s);
        }
      } else {
        const w = new Int32Array(view.buffer, view.byteOffset, n * 4);
        const byPointer = new Map<number, number>();
        for (let i = 0; i < n; i++) {
          if (isNull(v, words, i)) {
            codes[i] = -1;
            continue;
          }
          const len = w[4 * i]!;
          if (len <= 12) {
            // Bytes past the length are zero in DuckDB's inline records, but mask them to be safe.
            const a = maskInline(w[4 * i + 1]!, len, 0),
              b = maskInline(w[4 * i + 2]!, len, 4),
              c = maskInline(w[4 * i + 3]!, len, 8);
            const h = (Math.imul(len ^ a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) |
              0;
            const candidates = byHash.get(h);
            let code = -1;
            if (candidates) {
              for (const k of candidates) {
                if (
                  recWords[4 * k] === len && recWords[4 * k + 1] === a && recWords[4 * k + 2] === b &&
                  recWords[4 * k + 3] === c
                ) {
                  code = k;
                  break;
                }
              }
            }
            if (code < 0) {
              code = codeOf(v.getItem(i) as string);
              if (4 * code + 4 > recWords.length) {
                const grown = new Int32Array(Math.max(recWords.length * 2, 4 * code + 4));
                grown.set(recWords);
                recWords = grown;
              }
              recWords[4 * code] = len;
              recWords[4 * code + 1] = a;
              recWords[4 * code + 2] = b;
              recWords[4 * code + 3] = c;
              if (candidates) candidates.push(code);
              else byHash.set(h, [code]);
            }
            codes[i] = code;
          } else {
            // Pointer (bytes 8..15) as a number: valid as a key only while this chunk is alive.
            const ptr = (w[4 * i + 3]! >>> 0) * 4294967296 + (w[4 * i + 2]! >>> 0);
            let code = byPointer.get(ptr);
            if (code === undefined) {
              code = codeOf(v.getItem(i) as string);
              byPointer.set(ptr, code);
            }
            codes[i] = code;
          }
        }
      }
      parts.push(codes);
      total += n;
    },
    finish() {
      const codes = new Int32Array(total);
      let off = 0;
      for (const p of parts) {
        codes.set(p, off);
        off += p.length;
      }
      return { kind: "string", codes, dictionary };
    },
  };
}

/** Keeps only the bytes of an inline string's word that lie within its length (little-endian). */
function maskInline(word: number, len: number, wordStart: number): number {
  const keep = len - wordStart;
  if (keep >= 4) return word;
  if (keep <= 0) return 0;
  return word & ((1 << (keep * 8)) - 1);
}

let stageCounter = 0;
/** String columns with at most this many distinct values are written as codes (see writeFrame). */
const LOW_CARDINALITY_MAX = 1024;
const LOW_CARDINALITY_MIN_ROWS = 4096;

function duckTypeOf(c: Column): DuckDBType {
  return isStringColumn(c)
    ? DuckDBVarCharType.instance
    : c instanceof Int32Array
    ? DuckDBIntegerType.instance
    : DuckDBDoubleType.instance;
}

function fillVector(vec: DuckDBVector, col: Column, start: number, n: number): void {
  if (isStringColumn(col)) {
    for (let i = 0; i < n; i++) {
      const code = col.codes[start + i]!;
      vec.setItem(i, (code < 0 ? null : col.dictionary[code]!) as never);
    }
  } else if (col instanceof Int32Array) {
    const raw = vec as unknown as RawVector;
    (raw.items as Int32Array).set(col.subarray(start, start + n));
  } else {
    const items = (vec as unknown as RawVector).items as Float64Array;
    items.set(col.subarray(start, start + n));
    for (let i = 0; i < n; i++) if (items[i] !== items[i]) vec.setItem(i, null as never);
  }
  vec.flush();
}
