/**
 * Relations in generated SQL: the engine's helpers accept either a table/view name or a query, and
 * this file decides which it is and how to splice it into a FROM clause.
 *
 * @example
 * ```ts
 * import { relationSql } from "./relation.ts";
 * relationSql("trips"); // '"trips"'
 * relationSql("select 1 as x"); // '(select 1 as x)'
 * ```
 * @module
 */
import { InputError } from "../errors.ts";
import { ident } from "./db.ts";

/** True when `source` is a query (SELECT/WITH/FROM/VALUES/TABLE/PIVOT…) rather than a table name. */
export function isQuery(source: string): boolean {
  return /^\s*\(?\s*(select|with|from|values|table|pivot|unpivot|summarize|describe)\b/i.test(source);
}

/** SQL for a relation: a query in parentheses, or a quoted table/view name (`schema.table` allowed). */
export function relationSql(source: string): string {
  if (source.trim() === "") throw new InputError("source", "must be a table name or a SELECT query");
  if (isQuery(source)) return `(${source})`;
  return source.split(".").map(ident).join(".");
}
