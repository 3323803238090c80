/**
 * Parquet files through DuckDB: atomic writes (zstd), reads into a {@link Frame}, and views over files.
 *
 * @example
 * ```ts
 * import { Db } from "./db.ts";
 * import { readParquet, writeParquet } from "./parquet.ts";
 * const db = await Db.open(":memory:");
 * const path = (await Deno.makeTempDir()) + "/x.parquet";
 * await writeParquet(db, "select 1::INTEGER as x", path);
 * (await readParquet(db, path)).nRows; // 1
 * db.close();
 * ```
 * @module
 */
import { InputError, NotFoundError } from "../errors.ts";
import { withAtomicPath } from "../io/atomic.ts";
import { type Db, ident, literal } from "./db.ts";
import { relationSql } from "./relation.ts";
import type { Frame } from "./types.ts";

/** Options for {@link writeParquet}. */
export interface WriteParquetOptions {
  /** Parquet compression codec; zstd by default. */
  compression?: "zstd" | "snappy" | "gzip" | "uncompressed";
  /** Rows per row group (DuckDB's default when omitted). */
  rowGroupSize?: number;
}

/**
 * Writes a table or the result of a SELECT to a Parquet file atomically: DuckDB `COPY`s to a temporary
 * `*.tmp.parquet` beside the target, which is then renamed over it, so readers never see a half file.
 * Parent folders are created. Returns the number of rows written.
 */
export async function writeParquet(
  db: Db,
  tableOrSelectSql: string,
  path: string,
  options: WriteParquetOptions = {},
): Promise<number> {
  if (!path.endsWith(".parquet")) throw new InputError("path", `must end with .parquet, got ${path}`);
  const compression = options.compression ?? "zstd";
  const rowGroup = options.rowGroupSize === undefined
    ? ""
    : `, ROW_GROUP_SIZE ${Math.floor(options.rowGroupSize)}`;
  let rows = 0;
  await withAtomicPath(path, async (tmp) => {
    const result = await db.rows(
      `COPY ${relationSql(tableOrSelectSql)} TO ${
        literal(tmp)
      } (FORMAT parquet, COMPRESSION ${compression}${rowGroup})`,
    );
    const count = result[0] ? Object.values(result[0])[0] : 0;
    rows = Number(count ?? 0);
  });
  return rows;
}

async function requireFile(path: string): Promise<void> {
  if (/[*?[]/.test(path)) return; // a glob: DuckDB reports an empty match itself
  try {
    const info = await Deno.stat(path);
    if (!info.isFile) throw new NotFoundError(path, "not a file");
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new NotFoundError(path, "no such Parquet file");
    throw e;
  }
}

/** Reads a Parquet file (or glob) into a Frame. A missing file is a {@link NotFoundError} naming the path. */
export async function readParquet(db: Db, path: string): Promise<Frame> {
  await requireFile(path);
  return await db.query(`select * from read_parquet(${literal(path)})`);
}

/**
 * Creates or replaces a view `viewName` over a Parquet file: `CREATE OR REPLACE VIEW v AS SELECT * FROM
 * read_parquet(path)`. The view reads the file at query time, so it sees later (atomic) rewrites; the path
 * is stored as given (relative paths resolve against the working directory when the view is queried).
 */
export async function registerParquet(db: Db, viewName: string, path: string): Promise<void> {
  if (viewName.trim() === "") throw new InputError("viewName", "must not be empty");
  await requireFile(path);
  await db.exec(`create or replace view ${ident(viewName)} as select * from read_parquet(${literal(path)})`);
}
