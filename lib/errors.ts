/**
 * The workbench's error classes. The engine throws these; the CLI prints their message without a stack
 * and the server maps them to HTTP statuses (InputError 400, NotFoundError 404, ConflictError 409,
 * ModelFormatError 422). Anything else is a bug.
 *
 * @example
 * ```ts
 * import { InputError } from "./errors.ts";
 * const err = new InputError("labels", "must not be empty");
 * err.message; // 'Invalid "labels": must not be empty'
 * ```
 * @module
 */

/** Base class: every workbench error carries an HTTP-ish status and an optional field name. */
export class WorkbenchError extends Error {
  readonly status: number = 500;
  readonly field?: string;
  readonly detail: string;
  constructor(message: string, detail: string, field?: string) {
    super(message);
    this.name = new.target.name;
    this.detail = detail;
    this.field = field;
  }
  /** JSON body used by the API: `{ error, field?, detail }`. */
  toJSON(): { error: string; field?: string; detail: string } {
    return this.field === undefined
      ? { error: this.name, detail: this.detail }
      : { error: this.name, field: this.field, detail: this.detail };
  }
}

/** Bad input: names the field and what is wrong with it (HTTP 400). */
export class InputError extends WorkbenchError {
  override readonly status = 400;
  constructor(field: string, problem: string) {
    super(`Invalid "${field}": ${problem}`, problem, field);
  }
}

/** Something named does not exist: a file, a table, a model version (HTTP 404). */
export class NotFoundError extends WorkbenchError {
  override readonly status = 404;
  constructor(what: string, detail?: string) {
    super(detail ? `Not found: ${what} (${detail})` : `Not found: ${what}`, detail ?? what, undefined);
  }
}

/** A state conflict: a version that already exists, a stage transition not allowed (HTTP 409). */
export class ConflictError extends WorkbenchError {
  override readonly status = 409;
  constructor(message: string) {
    super(message, message);
  }
}

/** A model or artifact file that is not in the expected format or version (HTTP 422). */
export class ModelFormatError extends WorkbenchError {
  override readonly status = 422;
  constructor(message: string, field?: string) {
    super(message, message, field);
  }
}

/** A query or engine failure with the underlying message kept (HTTP 400 for bad SQL). */
export class QueryError extends WorkbenchError {
  override readonly status = 400;
  constructor(sql: string, cause: string) {
    const short = sql.length > 200 ? sql.slice(0, 200) + "…" : sql;
    super(`Query failed: ${cause}\n  in: ${short.trim()}`, cause, "sql");
  }
}

/** Formats an error for a CLI: workbench errors without stack, others with it. */
export function formatError(err: unknown): string {
  if (err instanceof WorkbenchError) return `${err.name}: ${err.message}`;
  if (err instanceof Error) return err.stack ?? String(err);
  return String(err);
}
